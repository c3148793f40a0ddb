package dev.tradeoff.faults;

import static dev.tradeoff.faults.World.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.random.Distribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Partitions, heal, clog and unclog: each cuts exactly its links from its start and, reverted,
 * heals exactly the links it cut. Three nodes ping each other every 10 ms over 1 ms links, so a
 * ping sent at t arrives at t + 1 ms; a fault at 100 ms acts before the node events of that
 * instant.
 */
class PartitionFaultsTest {
  private static final long SEED = 11;

  private static World threeNodes() {
    World w = new World(SEED);
    w.add("n1", "dc", "n2", "n3");
    w.add("n2", "dc", "n1", "n3");
    w.add("n3", "dc", "n1", "n2");
    return w;
  }

  private static List<Long> times(long... ms) {
    List<Long> list = new ArrayList<>();
    for (long t : ms) {
      list.add(t);
    }
    return list;
  }

  private static List<Long> repeat(long ms, int count) {
    return new ArrayList<>(Collections.nCopies(count, ms));
  }

  private static List<Long> concat(List<Long> a, List<Long> b) {
    List<Long> list = new ArrayList<>(a);
    list.addAll(b);
    return list;
  }

  @Test
  void sidesCutEveryLinkBetweenSidesFromStartToEnd() {
    World w = threeNodes();
    FaultSchedule.builder()
        .at(100 * MS, 50 * MS, Fault.partition(Set.of("n1"), Set.of("n2", "n3")))
        .build()
        .install(w.sim);
    w.sim.runUntil(170 * MS);
    List<Long> cut = times(91, 151, 161);
    assertEquals(cut, w.pingTimesMs("n1", "n2", 90, 170), w.msg("n1 -> n2"));
    assertEquals(cut, w.pingTimesMs("n2", "n1", 90, 170), w.msg("n2 -> n1"));
    assertEquals(cut, w.pingTimesMs("n3", "n1", 90, 170), w.msg("n3 -> n1"));
    assertEquals(
        times(91, 101, 111, 121, 131, 141, 151, 161),
        w.pingTimesMs("n2", "n3", 90, 170),
        w.msg("n2 -> n3 are on one side"));
  }

  @Test
  void zonePartitionCutsLinksBetweenZonesAndKeepsThoseWithin() {
    World w = new World(SEED);
    w.add("n1", "east", "n2", "n3");
    w.add("n2", "east", "n1", "n3");
    w.add("n3", "west", "n1", "n2");
    Fault split =
        new NetworkFault.ZonePartition(List.of(Set.of("east"), Set.of("west")), PartitionMode.DROP);
    FaultSchedule.builder().at(100 * MS, 50 * MS, split).build().install(w.sim);
    w.sim.runUntil(170 * MS);
    List<Long> cut = times(91, 151, 161);
    for (String east : List.of("n1", "n2")) {
      assertEquals(cut, w.pingTimesMs(east, "n3", 90, 170), w.msg(east + " -> n3"));
      assertEquals(cut, w.pingTimesMs("n3", east, 90, 170), w.msg("n3 -> " + east));
    }
    assertEquals(
        times(91, 101, 111, 121, 131, 141, 151, 161),
        w.pingTimesMs("n1", "n2", 90, 170),
        w.msg("n1 -> n2 share a zone"));
    assertEquals("zone-partition {east} | {west}", split.toString());
    assertEquals("partition", split.kind());
  }

  @Test
  void isolateCutsOneNodeFromEveryOther() {
    World w = threeNodes();
    FaultSchedule.of(new FaultEvent(100 * MS, 50 * MS, Fault.isolate("n2"))).install(w.sim);
    w.sim.runUntil(170 * MS);
    for (String other : List.of("n1", "n3")) {
      assertEquals(
          times(91, 151, 161), w.pingTimesMs("n2", other, 90, 170), w.msg("n2 -> " + other));
      assertEquals(
          times(91, 151, 161), w.pingTimesMs(other, "n2", 90, 170), w.msg(other + " -> n2"));
    }
    assertEquals(8, w.pingTimesMs("n1", "n3", 90, 170).size(), w.msg("n1 -> n3 unaffected"));
  }

  @Test
  void oneWayCutsOnlyOneDirection() {
    World w = threeNodes();
    FaultSchedule.of(
            new FaultEvent(
                100 * MS,
                50 * MS,
                new NetworkFault.OneWayPartition(Set.of("n1"), Set.of("n2"), PartitionMode.DROP)))
        .install(w.sim);
    w.sim.runUntil(170 * MS);
    assertEquals(times(91, 151, 161), w.pingTimesMs("n1", "n2", 90, 170), w.msg("n1 -> n2 cut"));
    assertEquals(8, w.pingTimesMs("n2", "n1", 90, 170).size(), w.msg("n2 -> n1 still works"));
    assertEquals(8, w.pingTimesMs("n1", "n3", 90, 170).size(), w.msg("n1 -> n3 still works"));
  }

  @Test
  void aBridgeNodeReachesBothSidesThatCannotReachEachOther() {
    World w = threeNodes();
    FaultSchedule.of(
            new FaultEvent(
                100 * MS,
                50 * MS,
                new NetworkFault.Bridge(Set.of("n1"), "n2", Set.of("n3"), PartitionMode.DROP)))
        .install(w.sim);
    w.sim.runUntil(170 * MS);
    assertEquals(times(91, 151, 161), w.pingTimesMs("n1", "n3", 90, 170), w.msg("n1 -> n3"));
    assertEquals(times(91, 151, 161), w.pingTimesMs("n3", "n1", 90, 170), w.msg("n3 -> n1"));
    for (String side : List.of("n1", "n3")) {
      assertEquals(8, w.pingTimesMs(side, "n2", 90, 170).size(), w.msg(side + " -> bridge"));
      assertEquals(8, w.pingTimesMs("n2", side, 90, 170).size(), w.msg("bridge -> " + side));
    }
  }

  @Test
  void aRevertHealsOnlyItsOwnCutsNotThoseOfAnotherActivePartition() {
    World w = threeNodes();
    FaultSchedule.builder()
        .at(100 * MS, 100 * MS, Fault.isolate("n1")) // until 200 ms
        .at(120 * MS, 30 * MS, Fault.partition(Set.of("n1"), Set.of("n2"))) // until 150 ms
        .build()
        .install(w.sim);
    w.sim.runUntil(220 * MS);
    assertEquals(
        times(91, 201, 211),
        w.pingTimesMs("n1", "n2", 90, 220),
        w.msg("n1 -> n2 stays cut by the isolation after the inner partition ends"));
    assertEquals(times(91, 201, 211), w.pingTimesMs("n2", "n1", 90, 220), w.msg("n2 -> n1"));
  }

  @Test
  void aRevertLeavesCutsMadeOutsideTheSchedule() {
    World w = threeNodes();
    // cut by the test, not by the schedule: a partition's revert must not heal it
    w.sim.network().cut(w.sim.nodeId("n3"), w.sim.nodeId("n2"), PartitionMode.DROP);
    FaultSchedule.of(new FaultEvent(100 * MS, 50 * MS, Fault.partition(Set.of("n2"), Set.of("n3"))))
        .install(w.sim);
    w.sim.runUntil(170 * MS);
    assertEquals(times(), w.pingTimesMs("n3", "n2", 0, 170), w.msg("n3 -> n2 stays cut"));
    assertEquals(times(91, 151, 161), w.pingTimesMs("n2", "n3", 90, 170), w.msg("n2 -> n3"));
  }

  @Test
  void healHealsEverythingAndLaterRevertsOfHealedFaultsTouchNothing() {
    World w = threeNodes();
    FaultSchedule.builder()
        .at(100 * MS, Fault.partition(Set.of("n1"), Set.of("n2"))) // for good
        .at(100 * MS, 100 * MS, Fault.partition(Set.of("n2"), Set.of("n3"))) // until 200 ms
        .at(150 * MS, Fault.heal())
        .at(160 * MS, 100 * MS, Fault.partition(Set.of("n2"), Set.of("n3"))) // until 260 ms
        .build()
        .install(w.sim);
    w.sim.runUntil(280 * MS);
    assertEquals(
        times(91, 151, 161, 171), w.pingTimesMs("n1", "n2", 90, 171), w.msg("healed at 150"));
    assertEquals(
        times(91, 151, 261, 271),
        w.pingTimesMs("n2", "n3", 90, 280),
        w.msg("the healed partition's revert at 200 must not heal the one from 160"));
  }

  @Test
  void aDropPartitionLosesMessagesInFlightAndAHoldPartitionDeliversThemAfterHeal() {
    for (PartitionMode mode : PartitionMode.values()) {
      World w = new World(SEED);
      w.sim.network().defaultLatency(Distribution.constant(15 * MS));
      w.add("n1", "dc", "n2");
      w.add("n2", "dc");
      FaultSchedule.of(
              new FaultEvent(
                  100 * MS,
                  50 * MS,
                  new NetworkFault.Partition(List.of(Set.of("n1"), Set.of("n2")), mode)))
          .install(w.sim);
      w.sim.runUntil(200 * MS);
      // pings are sent every 10 ms and take 15 ms: the one sent at 90 is in flight at the cut
      if (mode == PartitionMode.DROP) {
        assertEquals(
            times(85, 95, 165, 175),
            w.pingTimesMs("n1", "n2", 80, 175),
            w.msg("DROP loses the ping in flight and those sent during the cut"));
      } else {
        assertEquals(
            concat(times(85, 95), concat(repeat(165, 7), times(175))),
            w.pingTimesMs("n1", "n2", 80, 175),
            w.msg("HOLD delivers the in-flight and held pings after the heal"));
        assertEquals(
            List.of(9, 10, 11, 12, 13, 14, 15),
            w.pingSeqsAt("n1", "n2", 165),
            w.msg("held pings leave in the order sent"));
      }
    }
  }

  @Test
  void clogLinkHoldsOneDirectionUntilItEnds() {
    World w = threeNodes();
    FaultSchedule.of(new FaultEvent(100 * MS, 50 * MS, new NetworkFault.ClogLink("n1", "n2")))
        .install(w.sim);
    w.sim.runUntil(170 * MS);
    assertEquals(
        concat(times(91), concat(repeat(151, 6), times(161))),
        w.pingTimesMs("n1", "n2", 90, 170),
        w.msg("held pings (sent 100..140) leave at 150 with the one sent then"));
    assertEquals(List.of(10, 11, 12, 13, 14, 15), w.pingSeqsAt("n1", "n2", 151), w.msg("order"));
    assertEquals(8, w.pingTimesMs("n2", "n1", 90, 170).size(), w.msg("n2 -> n1 unaffected"));
  }

  @Test
  void clogNodeHoldsEveryLinkOfTheNode() {
    World w = threeNodes();
    FaultSchedule.of(new FaultEvent(100 * MS, 50 * MS, new NetworkFault.ClogNode("n1")))
        .install(w.sim);
    w.sim.runUntil(170 * MS);
    List<Long> held = concat(times(91), concat(repeat(151, 6), times(161)));
    assertEquals(held, w.pingTimesMs("n1", "n3", 90, 170), w.msg("n1 -> n3"));
    assertEquals(held, w.pingTimesMs("n3", "n1", 90, 170), w.msg("n3 -> n1"));
    assertEquals(8, w.pingTimesMs("n2", "n3", 90, 170).size(), w.msg("n2 -> n3 unaffected"));
  }

  @Test
  void unclogLinkAndUnclogNodeReleaseWhatTheyCover() {
    World w = threeNodes();
    FaultSchedule.builder()
        .at(100 * MS, new NetworkFault.ClogNode("n1")) // for good
        .at(150 * MS, new NetworkFault.UnclogLink("n1", "n2"))
        .at(200 * MS, new NetworkFault.UnclogNode("n1"))
        .build()
        .install(w.sim);
    w.sim.runUntil(220 * MS);
    assertEquals(
        concat(times(91), concat(repeat(151, 6), times(161))),
        w.pingTimesMs("n1", "n2", 90, 161),
        w.msg("n1 -> n2 unclogged at 150"));
    assertEquals(
        concat(times(91), concat(repeat(201, 11), times(211))),
        w.pingTimesMs("n1", "n3", 90, 211),
        w.msg("n1 -> n3 held until the node is unclogged at 200"));
    assertTrue(w.pingTimesMs("n2", "n1", 152, 199).isEmpty(), w.msg("n2 -> n1 still held"));
  }
}
