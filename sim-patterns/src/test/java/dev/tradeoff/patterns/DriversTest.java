package dev.tradeoff.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drivers hosted together: each message reaches the driver of its sender's part, each timer its
 * owner's.
 */
class DriversTest {
  /** A driver that answers every message with its own op number and owns one timer payload. */
  private static final class Part implements StoreClient {
    private final int op;
    private final Object timer = new Object();
    private final List<Object> heard = new ArrayList<>();
    private int starts;

    Part(int op) {
      this.op = op;
    }

    @Override
    public void start(Context context) {
      starts++;
    }

    @Override
    public void submit(Request request) {}

    @Override
    public Response onMessage(int from, Object message) {
      heard.add(message);
      return message.equals("quiet") ? null : new Response(op, OpStatus.OK, from);
    }

    @Override
    public boolean ownsTimer(Object payload) {
      return payload == timer;
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      heard.add("timer " + timerId);
    }
  }

  @Test
  void eachMessageReachesTheDriverOfItsSendersPartAndEachTimerItsOwner() {
    Part a = new Part(100);
    Part b = new Part(200);
    Drivers drivers =
        new Drivers(new StoreClient[] {a, b}, List.of(List.of("a-0", "a-1"), List.of("b-0")));
    List<Response> answers = new ArrayList<>();
    Restarts.eachStart(
        3,
        "host",
        List.of("a-0", "a-1", "b-0", "other"),
        ctx -> {
          drivers.start(ctx);
          answers.add(drivers.onMessage(ctx.nodeId("a-1"), "hello"));
          answers.add(drivers.onMessage(ctx.nodeId("b-0"), "hello"));
          answers.add(drivers.onMessage(ctx.nodeId("b-0"), "quiet"));
          answers.add(drivers.onMessage(ctx.nodeId("other"), "hello"));
          assertEquals(0, drivers.partOf(ctx.nodeId("a-0")));
          assertEquals(1, drivers.partOf(ctx.nodeId("b-0")));
          assertEquals(-1, drivers.partOf(ctx.nodeId("other")));
          return null;
        });

    int starts = Restarts.RESTARTS + 1;
    assertEquals(starts, a.starts);
    assertEquals(starts, b.starts);
    assertEquals(100, answers.get(0).op());
    assertEquals(200, answers.get(1).op());
    assertNull(answers.get(2));
    assertNull(answers.get(3));
    assertEquals(starts, a.heard.size());
    assertEquals(2 * starts, b.heard.size());

    assertTrue(drivers.ownsTimer(b.timer));
    assertFalse(drivers.ownsTimer(new Object()));
    assertTrue(drivers.onTimer(7, b.timer));
    assertFalse(drivers.onTimer(8, new Object()));
    assertEquals("timer 7", b.heard.get(b.heard.size() - 1));
    assertEquals(starts, a.heard.size());
    assertEquals(2, drivers.size());
    assertEquals(a, drivers.part(0));
  }

  @Test
  void aDriverForEachListOfNodes() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Drivers(new StoreClient[] {new Part(1)}, List.of(List.of("a"), List.of("b"))));
    assertEquals("1 drivers for 2 lists of nodes", e.getMessage());
  }
}
