package dev.tradeoff.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.workload.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests to a locked target wait, in the order they came, and go at the first poll after it
 * opens.
 */
class HeldRequestsTest {
  private static final long MS = 1_000_000L;

  /** A host that sends five requests at its start, to a target locked until {@code opensAt}. */
  private static final class Host implements Node {
    private final long opensAtNanos;
    private final List<String> sent = new ArrayList<>();
    private final HeldRequests held = new HeldRequests(this::send);
    private Context ctx;

    Host(long opensAtNanos) {
      this.opensAtNanos = opensAtNanos;
    }

    private boolean send(Request r) {
      if (r.key() != 0 && ctx.localNanos() < opensAtNanos) {
        return false;
      }
      sent.add(r.op() + "@" + ctx.localNanos() / 100_000 / 10.0 + "ms");
      return true;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      for (int op = 1; op <= 5; op++) {
        held.offer(ctx, new Request(op, OpKind.WRITE, op % 2, op, History.NIL));
      }
    }

    @Override
    public void onMessage(int from, Object message) {}

    @Override
    public void onTimer(long timerId, Object payload) {
      if (held.ownsTimer(payload)) {
        held.onTimer(ctx);
      }
    }
  }

  @Test
  void heldRequestsGoInTheOrderTheyCameAtTheFirstPollAfterTheLockEnds() {
    Simulation sim = new Simulation(1);
    Host host = new Host(3_500_000L);
    sim.addNode(NodeSpec.of("host", "z", () -> host));
    sim.runUntil(10 * MS);
    // keys 0 go at once; keys 1 (ops 1, 3, 5) wait for the poll at 4 ms, the first after 3.5 ms
    assertEquals(List.of("2@0.0ms", "4@0.0ms", "1@4.0ms", "3@4.0ms", "5@4.0ms"), host.sent);
  }
}
