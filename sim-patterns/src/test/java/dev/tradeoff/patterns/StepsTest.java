package dev.tradeoff.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepsTest {
  private static final long MS = 1_000_000L;

  private record Ask(int op) {}

  private record Answer(int op, boolean ok) {}

  private record Late(int from, int op) {}

  /** Loses nothing but answers late, then fails once, then answers. */
  private static final class Store implements Node {
    private Context ctx;
    private int asked;

    @Override
    public void onStart(Context context) {
      ctx = context;
    }

    @Override
    public void onMessage(int from, Object message) {
      int op = ((Ask) message).op();
      asked++;
      if (asked == 1) {
        ctx.setTimer(150 * MS, new Late(from, op)); // after the host has given up on it
      } else {
        ctx.send(from, new Answer(op, asked > 2));
      }
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      Late late = (Late) payload;
      ctx.send(late.from(), new Answer(late.op(), true));
    }
  }

  /** Copies one key through {@link Steps}, logging what happens and when (ms). */
  private static final class Host implements Node {
    final List<String> log = new ArrayList<>();
    final Steps<String> steps = new Steps<>(100 * MS, 10 * MS, this::send);
    final Steps<String> other = new Steps<>(100 * MS, 10 * MS, task -> log.add("other " + task));
    private Context ctx;
    private int nextOp;

    @Override
    public void onStart(Context context) {
      ctx = context;
      send("key 7");
    }

    private void send(String task) {
      int op = ++nextOp;
      ctx.send(ctx.nodeId("store"), new Ask(op));
      steps.sent(ctx, op, task);
      log.add(ctx.localNanos() / MS + " sent " + op);
    }

    @Override
    public void onMessage(int from, Object message) {
      Answer a = (Answer) message;
      String task = steps.answered(a.op());
      if (task == null) {
        log.add(ctx.localNanos() / MS + " ignored " + a.op());
      } else if (!a.ok()) {
        log.add(ctx.localNanos() / MS + " failed " + a.op());
        steps.retryLater(ctx, task);
      } else {
        log.add(ctx.localNanos() / MS + " copied " + task + " by " + a.op());
      }
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      assertFalse(other.onTimer(payload), "another job's steps must leave this timer alone");
      assertTrue(steps.onTimer(payload), "every timer here is a step's");
    }
  }

  @Test
  void anUnansweredStepIsResentAFailedOneRetriedAndALateAnswerIgnored() {
    Simulation sim = new Simulation(1);
    Host host = new Host();
    sim.addNode(NodeSpec.of("host", "hosts", () -> host));
    sim.addNode(NodeSpec.of("store", "stores", Store::new));
    sim.runUntil(1_000 * MS);
    // 1 ms each way; the timeout fires at 100 ms, the retry 10 ms after the failure at 102 ms, and
    // the first attempt's answer, sent at 151 ms, arrives after the step was answered.
    assertEquals(
        List.of(
            "0 sent 1",
            "100 sent 2",
            "102 failed 2",
            "112 sent 3",
            "114 copied key 7 by 3",
            "152 ignored 1"),
        host.log);
  }
}
