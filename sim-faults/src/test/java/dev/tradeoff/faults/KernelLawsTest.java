package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.EventKind;
import dev.tradeoff.core.kernel.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sim-core's kernel laws as a property under random fault schedules (sim-core cannot depend on
 * sim-faults, so the law lives here): time never goes backwards, timers due at the same instant
 * fire in the order they were set, and the same case gives the same trace.
 */
class KernelLawsTest {
  static final long MS = 1_000_000L;

  static final NemesisConfig NEMESIS =
      NemesisConfig.builder(Register.NODES, 1_000 * MS)
          .quietNanos(100 * MS)
          .eventsPerSecond(5, 20)
          .durationNanos(1 * MS, 300 * MS)
          .build();

  @Test
  void kernelLawsHoldUnderRandomSchedules() {
    var property =
        Property.named("kernel laws")
            .nemesis(NEMESIS)
            .simulation(KernelLawsTest::build)
            .invariant("time never goes backwards", sim -> observer(sim).backwards)
            .invariant("equal-time timers fire in the order set", sim -> observer(sim).reordered)
            .invariant(
                "the order law was exercised",
                sim ->
                    observer(sim).equalTimePairs > 0 ? null : "no two timers fired at one instant")
            .invariant(
                "same case, same trace",
                sim -> {
                  Simulation again = build(observer(sim).c);
                  observer(sim).c.schedule().install(again);
                  again.runUntil(observer(sim).c.runNanos());
                  return again.traceHash() == sim.traceHash()
                          && again.eventsProcessed() == sim.eventsProcessed()
                      ? null
                      : "trace hash " + sim.traceHash() + " then " + again.traceHash();
                })
            .tries(30)
            .seed(500)
            .minShare("crash", 0.1)
            .build();
    Coverage coverage = property.check();
    assertEquals(property.tries(), coverage.cases());
  }

  /** The register plus an observer node that the nemesis never targets. */
  private static Simulation build(Case c) {
    Simulation sim = Register.build(c, false);
    Observer observer = new Observer(c);
    sim.addNode(NodeSpec.of("observer", "z", () -> observer));
    sim.traceListener(observer);
    return sim;
  }

  private static Observer observer(Simulation sim) {
    return (Observer) sim.nodeInstance(sim.nodeId("observer"));
  }

  /** Sets three timers with one delay every tick; watches every event's time. */
  private static final class Observer implements Node, Simulation.TraceListener {
    final Case c;
    String backwards;
    String reordered;
    int equalTimePairs;
    private Context ctx;
    private long lastNanos = Long.MIN_VALUE;
    private long lastTimerNanos = -1;
    private int lastTimerSeq = -1;
    private int seq;

    Observer(Case c) {
      this.c = c;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(MS, "tick");
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      if (payload.equals("tick")) {
        for (int i = 0; i < 3; i++) {
          ctx.setTimer(2 * MS, seq++);
        }
        ctx.setTimer(MS, "tick");
      }
    }

    @Override
    public void onMessage(int from, Object message) {}

    @Override
    public void onEvent(
        long timeNanos, EventKind kind, int node, int source, long aux, Object payload) {
      if (timeNanos < lastNanos && backwards == null) {
        backwards = "event at " + timeNanos + "ns after one at " + lastNanos + "ns";
      }
      lastNanos = timeNanos;
      if (kind == EventKind.TIMER && payload instanceof Integer s) {
        // Timers are set in increasing seq; those due at one instant must fire in that order.
        if (timeNanos == lastTimerNanos) {
          equalTimePairs++;
        }
        if (timeNanos == lastTimerNanos && s < lastTimerSeq && reordered == null) {
          reordered = "timer " + s + " fired after timer " + lastTimerSeq + " at " + timeNanos;
        }
        lastTimerNanos = timeNanos;
        lastTimerSeq = s;
      }
    }
  }

  @Test
  void observerIsNeverAFaultTarget() {
    assertEquals(List.of("n1", "n2", "n3"), NEMESIS.nodes());
  }
}
