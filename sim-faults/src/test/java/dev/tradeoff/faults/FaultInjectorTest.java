package dev.tradeoff.faults;

import static dev.tradeoff.faults.World.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Installing a schedule: name checks up front, fault windows, determinism. */
class FaultInjectorTest {
  private static final long SEED = 5;

  private static World threeNodes(long seed) {
    World w = new World(seed);
    w.add("n1", "east", "n2", "n3");
    w.add("n2", "east", "n1", "n3");
    w.add("n3", "west", "n1", "n2");
    return w;
  }

  @Test
  void unknownNodesAndZonesAreRejectedAtInstallNamingThemAndTheKnownOnes() {
    World w = threeNodes(SEED);
    int pending = w.sim.pendingEvents();
    FaultSchedule badNode =
        FaultSchedule.builder().at(MS, Fault.crash("n1")).at(5_000 * MS, Fault.crash("n9")).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> badNode.install(w.sim));
    assertEquals(
        "unknown node \"n9\" in fault event \"at 5s: crash n9\"; known nodes: n1, n2, n3",
        e.getMessage(),
        w.msg("message"));
    assertEquals(pending, w.sim.pendingEvents(), w.msg("nothing queued"));
    FaultSchedule badZone =
        FaultSchedule.of(new FaultEvent(MS, new NetworkFault.LatencySpike("east", "north", 2, 0)));
    e = assertThrows(IllegalArgumentException.class, () -> badZone.install(w.sim));
    assertEquals(
        "unknown zone \"north\" in fault event \"at 0.001s: latency-spike east <-> north x2\";"
            + " known zones: east, west",
        e.getMessage(),
        w.msg("message"));
  }

  @Test
  void eventsBeforeTheCurrentTimeAreRejected() {
    World w = threeNodes(SEED);
    w.sim.runUntil(200 * MS);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FaultSchedule.of(new FaultEvent(100 * MS, Fault.crash("n1"))).install(w.sim));
    assertEquals(
        "fault event \"at 0.100s: crash n1\" lies before the simulation's current time 0.200s",
        e.getMessage(),
        w.msg("message"));
  }

  @Test
  void windowsRecordWhenEachAppliedFaultWasInForce() {
    World w = threeNodes(SEED);
    FaultInjector injector =
        FaultSchedule.builder()
            .at(100 * MS, 50 * MS, Fault.partition(Set.of("n1"), Set.of("n2")))
            .at(120 * MS, Fault.crash("n3"))
            .at(130 * MS, new NodeFault.CacheFlush("n1"))
            .at(140 * MS, 100 * MS, Fault.loss(0.1))
            .at(250 * MS, 10 * MS, Fault.pause("n1"))
            .build()
            .install(w.sim);
    assertEquals(List.of(), injector.windows(), w.msg("nothing applied yet"));
    w.sim.runUntil(200 * MS);
    long open = Long.MAX_VALUE;
    assertEquals(
        List.of(
            new FaultWindow(100 * MS, 150 * MS, "partition", "partition {n1} | {n2}"),
            new FaultWindow(120 * MS, open, "crash", "crash n3"),
            new FaultWindow(130 * MS, 130 * MS, "cache-flush", "cache-flush n1"),
            new FaultWindow(140 * MS, open, "loss", "loss 10%")),
        injector.windows(),
        w.msg("windows at 200 ms"));
    assertEquals(
        List.of(
            new FaultWindow(100 * MS, 150 * MS, "partition", "partition {n1} | {n2}"),
            new FaultWindow(120 * MS, 200 * MS, "crash", "crash n3"),
            new FaultWindow(130 * MS, 130 * MS, "cache-flush", "cache-flush n1"),
            new FaultWindow(140 * MS, 200 * MS, "loss", "loss 10%")),
        injector.windows(200 * MS),
        w.msg("open windows clamped to the run end"));
    w.sim.runUntil(300 * MS);
    assertEquals(
        List.of(
            new FaultWindow(100 * MS, 150 * MS, "partition", "partition {n1} | {n2}"),
            new FaultWindow(120 * MS, open, "crash", "crash n3"),
            new FaultWindow(130 * MS, 130 * MS, "cache-flush", "cache-flush n1"),
            new FaultWindow(140 * MS, 240 * MS, "loss", "loss 10%"),
            new FaultWindow(250 * MS, 260 * MS, "pause", "pause n1")),
        injector.windows(),
        w.msg("windows at 300 ms"));
    assertTrue(injector.windows().get(1).isOpen(), w.msg("the crash never ends"));
    assertEquals("0.120s to ...: crash n3", injector.windows().get(1).toString());
    assertEquals("0.100s to 0.150s: partition {n1} | {n2}", injector.windows().get(0).toString());
  }

  @Test
  void aWindowCannotEndBeforeItStarts() {
    assertThrows(IllegalArgumentException.class, () -> new FaultWindow(10, 9, "crash", "crash a"));
  }

  @Test
  void theSameSeedAndScheduleGiveTheSameRunAndTheScheduleChangesIt() {
    FaultSchedule schedule =
        FaultSchedule.builder()
            .at(50 * MS, 200 * MS, Fault.loss(0.3))
            .at(60 * MS, 100 * MS, new NetworkFault.Duplication(0.5))
            .at(100 * MS, 50 * MS, Fault.isolate("n1"))
            .at(120 * MS, 80 * MS, Fault.crash("n2"))
            .at(130 * MS, 40 * MS, new NetworkFault.ClogNode("n3"))
            .at(150 * MS, 30 * MS, Fault.pause("n3"))
            .at(160 * MS, 90 * MS, new ClockFault.ClockDrift("n3", 0.2))
            .at(170 * MS, 60 * MS, new NetworkFault.LatencySpike("east", "west", 4, MS))
            .at(180 * MS, 100 * MS, new NodeFault.ZoneOutage("west"))
            .build();
    World a = run(schedule);
    World b = run(schedule);
    World none = run(FaultSchedule.empty());
    assertEquals(a.sim.traceHash(), b.sim.traceHash(), a.msg("trace hash"));
    assertEquals(a.pings, b.pings, a.msg("pings"));
    assertEquals(a.seen, b.seen, a.msg("other events"));
    assertNotEquals(a.sim.traceHash(), none.sim.traceHash(), a.msg("the faults changed the run"));
  }

  private static World run(FaultSchedule schedule) {
    World w = threeNodes(SEED);
    schedule.install(w.sim);
    w.sim.runUntil(500 * MS);
    return w;
  }

  @Test
  void aHealOrRestartEndsTheWindowsOfTheFaultsItUndoesEarly() {
    World w = threeNodes(SEED);
    FaultInjector injector =
        FaultSchedule.builder()
            .at(100 * MS, 500 * MS, Fault.isolate("n1")) // planned until 600 ms
            .at(200 * MS, Fault.heal())
            .at(100 * MS, 500 * MS, Fault.crash("n3")) // planned until 600 ms
            .at(300 * MS, Fault.restart("n3"))
            .at(400 * MS, 100 * MS, Fault.partition(Set.of("n1"), Set.of("n2", "n3")))
            .build()
            .install(w.sim);
    w.sim.runUntil(700 * MS);
    // the isolation ends with the heal at 200 ms and the crash with the restart at 300 ms, not at
    // their planned 600 ms; the last partition runs its course
    assertEquals(
        "[0.100s to 0.200s: partition isolate n1, 0.100s to 0.300s: crash n3,"
            + " 0.200s to 0.200s: heal, 0.300s to 0.300s: restart n3,"
            + " 0.400s to 0.500s: partition {n1} | {n2,n3}]",
        injector.windows().toString(),
        w.msg("windows"));
  }

  @Test
  void aCrashOfANodeAlreadyDownForOtherReasonsGetsAnEmptyWindow() {
    World w = threeNodes(SEED);
    w.sim.runUntil(50 * MS);
    w.sim.crash(w.sim.nodeId("n2")); // outside the schedule
    FaultInjector injector =
        FaultSchedule.of(new FaultEvent(100 * MS, 300 * MS, Fault.crash("n2"))).install(w.sim);
    w.sim.runUntil(500 * MS);
    FaultWindow window = injector.windows().get(0);
    assertEquals(100 * MS, window.startNanos(), w.msg(window.toString()));
    assertEquals(100 * MS, window.endNanos(), w.msg("it changed nothing: " + window));
  }
}
