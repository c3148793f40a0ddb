package dev.tradeoff.faults;

import static dev.tradeoff.faults.World.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Crash, restart, pause, zone outage, slow node and cache flush: each takes effect at its start and
 * is undone at its end, also when faults on the same node overlap.
 */
class NodeFaultsTest {
  private static final long SEED = 23;

  @Test
  void aCrashWithADurationRestartsTheNodeWhichRecoversFromDisk() {
    World w = new World(SEED);
    w.add("n1", "dc", "n2");
    w.add("n2", "dc", "n1");
    FaultSchedule.of(new FaultEvent(100 * MS, 50 * MS, Fault.crash("n2"))).install(w.sim);
    w.sim.runUntil(120 * MS);
    assertFalse(w.sim.isUp(w.sim.nodeId("n2")), w.msg("down during the crash"));
    assertNull(w.sim.disk(w.sim.nodeId("n2")).get("unsynced"), w.msg("power loss"));
    assertEquals(1, w.boots("n2"), w.msg("synced boot count survived"));
    w.sim.runUntil(170 * MS);
    assertTrue(w.sim.isUp(w.sim.nodeId("n2")), w.msg("restarted at the end"));
    assertEquals(List.of(0L, 150L), w.startsMs("n2"), w.msg("restarted at 150"));
    assertEquals(2, w.boots("n2"), w.msg("the new instance read its boot count from disk"));
    assertEquals(List.of(91L, 151L, 161L), w.pingTimesMs("n1", "n2", 90, 170), w.msg("n1 -> n2"));
    assertEquals(List.of(91L, 161L), w.pingTimesMs("n2", "n1", 90, 170), w.msg("n2 -> n1"));
  }

  @Test
  void aProcessCrashKeepsUnsyncedWrites() {
    World w = new World(SEED);
    w.add("n1", "dc");
    FaultSchedule.of(new FaultEvent(100 * MS, 50 * MS, new NodeFault.Crash("n1", false)))
        .install(w.sim);
    w.sim.runUntil(120 * MS);
    assertEquals(1, w.sim.disk(0).get("unsynced"), w.msg("the OS flushed the write"));
  }

  @Test
  void aCrashWithoutADurationStaysDownUntilARestart() {
    World w = new World(SEED);
    w.add("n1", "dc");
    FaultSchedule.builder()
        .at(100 * MS, Fault.crash("n1"))
        .at(300 * MS, Fault.restart("n1"))
        .build()
        .install(w.sim);
    w.sim.runUntil(299 * MS);
    assertFalse(w.sim.isUp(0), w.msg("still down before the restart"));
    w.sim.runUntil(400 * MS);
    assertEquals(List.of(0L, 300L), w.startsMs("n1"), w.msg("restarted by the restart fault"));
  }

  @Test
  void aPauseDelaysTimersAndMessagesUntilItEnds() {
    World w = new World(SEED);
    w.add("n1", "dc", "n2");
    w.addWithAlarm("n2", "dc", 120 * MS);
    FaultSchedule.of(new FaultEvent(100 * MS, 50 * MS, Fault.pause("n2"))).install(w.sim);
    w.sim.runUntil(170 * MS);
    assertEquals(List.of(150L), w.seenMs("n2", "alarm"), w.msg("the 120 ms alarm fires late"));
    assertEquals(
        List.of(91L, 150L, 150L, 150L, 150L, 150L, 151L, 161L),
        w.pingTimesMs("n1", "n2", 90, 170),
        w.msg("pings arriving 101..141 are handled at 150"));
  }

  @Test
  void overlappingPausesKeepTheNodePausedUntilTheLastEnds() {
    World w = new World(SEED);
    w.add("n1", "dc", "n2");
    w.addWithAlarm("n2", "dc", 170 * MS);
    FaultSchedule.builder()
        .at(100 * MS, 50 * MS, Fault.pause("n2")) // until 150
        .at(120 * MS, 80 * MS, Fault.pause("n2")) // until 200
        .build()
        .install(w.sim);
    w.sim.runUntil(175 * MS);
    assertTrue(w.sim.isPaused(w.sim.nodeId("n2")), w.msg("still paused after the first ends"));
    w.sim.runUntil(210 * MS);
    assertEquals(List.of(200L), w.seenMs("n2", "alarm"), w.msg("the 170 ms alarm waits to 200"));
    assertEquals(
        List.of(91L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 201L),
        w.pingTimesMs("n1", "n2", 90, 201),
        w.msg("pings arriving 101..191 all wait to 200: nothing is handled at 150"));
  }

  @Test
  void aZoneOutageCrashesExactlyThatZonesNodesAndRestartsThem() {
    World w = new World(SEED);
    w.add("n1", "east");
    w.add("c1", "west");
    w.add("n2", "east");
    w.add("c2", "west");
    FaultSchedule.of(new FaultEvent(100 * MS, 50 * MS, new NodeFault.ZoneOutage("west")))
        .install(w.sim);
    w.sim.runUntil(120 * MS);
    assertEquals(List.of(true, false, true, false), upStates(w), w.msg("west down, east up"));
    w.sim.runUntil(170 * MS);
    assertEquals(List.of(true, true, true, true), upStates(w), w.msg("all up after"));
    assertEquals(List.of(0L, 150L), w.startsMs("c2"), w.msg("c2 restarted at 150"));
    assertEquals(List.of(0L), w.startsMs("n2"), w.msg("n2 never crashed"));
  }

  @Test
  void aNodeStaysDownWhileAnyCrashOrOutageCoveringItIsActive() {
    World w = new World(SEED);
    w.add("n1", "east");
    w.add("c1", "west");
    w.add("c2", "west");
    FaultSchedule.builder()
        .at(100 * MS, 50 * MS, Fault.crash("c1")) // until 150: the outage still holds it
        .at(120 * MS, 80 * MS, new NodeFault.ZoneOutage("west")) // until 200
        .at(300 * MS, 100 * MS, new NodeFault.ZoneOutage("west")) // until 400
        .at(350 * MS, 20 * MS, Fault.crash("c2")) // joins the outage, ends inside it
        .build()
        .install(w.sim);
    w.sim.runUntil(160 * MS);
    assertFalse(w.sim.isUp(w.sim.nodeId("c1")), w.msg("c1 kept down by the outage"));
    w.sim.runUntil(380 * MS);
    assertFalse(w.sim.isUp(w.sim.nodeId("c2")), w.msg("c2 kept down by the second outage"));
    w.sim.runUntil(500 * MS);
    assertEquals(List.of(0L, 200L, 400L), w.startsMs("c1"), w.msg("c1 restarted once each"));
    assertEquals(List.of(0L, 200L, 400L), w.startsMs("c2"), w.msg("c2 restarted once each"));
  }

  @Test
  void aPermanentCrashIsNotUndoneByTheEndOfAnOverlappingCrash() {
    World w = new World(SEED);
    w.add("n1", "dc");
    FaultSchedule.builder()
        .at(100 * MS, 100 * MS, Fault.crash("n1"))
        .at(150 * MS, Fault.crash("n1"))
        .build()
        .install(w.sim);
    w.sim.runUntil(300 * MS);
    assertFalse(w.sim.isUp(0), w.msg("the crash at 150 has no end"));
  }

  @Test
  void aSlowNodeStretchesServiceTimesAndTheRevertRestoresTheFactorBeneath() {
    World w = new World(SEED);
    w.addWorker("w", "dc");
    FaultSchedule.builder()
        .at(100 * MS, 100 * MS, new NodeFault.SlowNode("w", 3)) // until 200
        .at(120 * MS, 20 * MS, new NodeFault.SlowNode("w", 2)) // until 140, back to x3
        .build()
        .install(w.sim);
    w.sim.runUntil(230 * MS);
    // jobs run back to back, 10 ms each at full speed; each takes the factor in force at submit
    assertEquals(
        List.of(90L, 100L, 130L, 150L, 180L, 210L, 220L, 230L),
        w.seenMs("w", "job").subList(8, 16),
        w.msg("completion times"));
  }

  @Test
  void aCacheFlushReachesTheNodeAtItsTime() {
    World w = new World(SEED);
    w.add("n1", "dc");
    FaultSchedule.of(new FaultEvent(100 * MS, new NodeFault.CacheFlush("n1"))).install(w.sim);
    w.sim.runUntil(200 * MS);
    assertEquals(List.of(100L), w.seenMs("n1", "flush"), w.msg("flushed once, at 100"));
  }

  private static List<Boolean> upStates(World w) {
    List<Boolean> states = new java.util.ArrayList<>();
    for (int id = 0; id < w.sim.nodeCount(); id++) {
      states.add(w.sim.isUp(id));
    }
    return states;
  }
}
