package dev.tradeoff.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.kernel.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The role timeline's contract, and what the kernel publishes on it. */
class TimelineTest {
  /** A node that does nothing. */
  private static final class Quiet implements Node {
    @Override
    public void onStart(Context ctx) {}

    @Override
    public void onMessage(int from, Object message) {}
  }

  @Test
  void statesBecomeSpansInTheOrderTheyBegan() {
    Timeline t = new Timeline();
    t.state("a", "role", 10, "leader term 1");
    t.state("b", "process", 20, "paused");
    t.state("a", "role", 30, "leader term 1"); // the same state again: one span
    t.state("b", "process", 40, null);
    t.state("a", "role", 50, null);
    assertEquals(
        List.of(
            new Timeline.Span("a", "role", "leader term 1", 10, 50),
            new Timeline.Span("b", "process", "paused", 20, 40)),
        t.spansUntil(100));
  }

  @Test
  void openStatesEndAtTheRunsEndAndABurstAtOneInstantKeepsItsLast() {
    Timeline t = new Timeline();
    t.state("a", "network", 5, "cut off from 1 of 3");
    t.state("a", "network", 5, "cut off from 2 of 3");
    assertEquals(
        List.of(new Timeline.Span("a", "network", "cut off from 2 of 3", 5, 100)),
        t.spansUntil(100));
    assertThrows(IllegalArgumentException.class, () -> t.state("a", "network", 4, "x"));
  }

  @Test
  void aStateWithAnEndLapsesUnlessRenewed() {
    Timeline t = new Timeline();
    t.state("a", "lease", 0, "lease held", 200);
    t.state("a", "lease", 100, "lease held", 300); // renewed before it ran out
    t.state("a", "lease", 500, "lease held", 600); // it ran out at 300: a new span from 500
    assertEquals(
        List.of(
            new Timeline.Span("a", "lease", "lease held", 0, 300),
            new Timeline.Span("a", "lease", "lease held", 500, 600)),
        t.spansUntil(1000));
  }

  @Test
  void theKernelPublishesCrashesPausesAndCutLinks() {
    Simulation sim = new Simulation(1);
    int a = sim.addNode(NodeSpec.of("a", "z", Quiet::new));
    int b = sim.addNode(NodeSpec.of("b", "z", Quiet::new));
    sim.schedule(10, () -> sim.metrics().state("a", "role", sim.nowNanos(), "leader term 1"));
    sim.schedule(20, () -> sim.pause(a, 30));
    sim.schedule(60, () -> sim.network().partition(List.of(a), List.of(b), PartitionMode.DROP));
    sim.schedule(70, () -> sim.crash(a));
    sim.schedule(80, () -> sim.network().healAll());
    sim.schedule(90, () -> sim.restart(a));
    sim.runUntil(100);
    assertEquals(List.of("a", "b"), sim.metrics().timeline().lanes());
    assertEquals(
        List.of(
            new Timeline.Span("a", "role", "leader term 1", 10, 70), // a crash ends every role
            new Timeline.Span("a", "process", "paused", 20, 50),
            new Timeline.Span("a", "network", "cut off from 1 of 1", 60, 80),
            new Timeline.Span("b", "network", "cut off from 1 of 1", 60, 80),
            new Timeline.Span("a", "process", "crashed", 70, 90)),
        sim.metrics().timeline().spansUntil(100));
  }
}
