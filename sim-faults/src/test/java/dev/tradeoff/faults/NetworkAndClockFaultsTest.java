package dev.tradeoff.faults;

import static dev.tradeoff.faults.World.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Loss, duplication, latency spikes and clock faults: each takes effect at its start and, at its
 * end, restores the setting in force beneath it.
 */
class NetworkAndClockFaultsTest {
  private static final long SEED = 37;
  private static final long S = 1_000 * MS;

  private static World twoNodes() {
    World w = new World(SEED);
    w.add("n1", "dc", "n2");
    w.add("n2", "dc", "n1");
    return w;
  }

  @Test
  void aLossFaultRestoresTheRateOfTheLossFaultBeneathIt() {
    World w = twoNodes();
    FaultSchedule.builder()
        .at(100 * MS, 200 * MS, Fault.loss(1.0)) // until 300
        .at(150 * MS, 50 * MS, Fault.loss(0.0)) // until 200: back to 100%, not to 0
        .build()
        .install(w.sim);
    w.sim.runUntil(320 * MS);
    assertEquals(
        List.of(91L, 151L, 161L, 171L, 181L, 191L, 301L, 311L),
        w.pingTimesMs("n1", "n2", 90, 320),
        w.msg("n1 -> n2"));
  }

  @Test
  void faultsRestoreSettingsMadeOutsideTheSchedule() {
    World w = twoNodes();
    w.sim.network().lossRate(0.25);
    w.sim.slowDown(w.sim.nodeId("n1"), 4.0);
    w.sim.network().latencySpike("dc", "dc", 2.0, 3 * MS);
    FaultSchedule.builder()
        .at(100 * MS, 100 * MS, Fault.loss(1.0))
        .at(100 * MS, 100 * MS, new NodeFault.SlowNode("n1", 9.0))
        .at(100 * MS, 100 * MS, new NetworkFault.LatencySpike("dc", "dc", 5.0, 0))
        .build()
        .install(w.sim);
    w.sim.runUntil(150 * MS);
    assertEquals(1.0, w.sim.network().lossRate(), w.msg("during"));
    assertEquals(9.0, w.sim.slowDownFactor(w.sim.nodeId("n1")), w.msg("during"));
    w.sim.runUntil(250 * MS);
    assertEquals(0.25, w.sim.network().lossRate(), w.msg("after"));
    assertEquals(4.0, w.sim.slowDownFactor(w.sim.nodeId("n1")), w.msg("after"));
    assertEquals(2.0, w.sim.network().latencySpikeFactor("dc", "dc"), w.msg("after"));
    assertEquals(3 * MS, w.sim.network().latencySpikeExtraNanos("dc", "dc"), w.msg("after"));
  }

  @Test
  void theEndOfAnOlderLossFaultLeavesTheNewerOnesRateInForce() {
    World w = twoNodes();
    FaultSchedule.builder()
        .at(100 * MS, 100 * MS, Fault.loss(0.0)) // until 200
        .at(150 * MS, 100 * MS, Fault.loss(1.0)) // until 250
        .build()
        .install(w.sim);
    w.sim.runUntil(270 * MS);
    assertEquals(
        List.of(91L, 101L, 111L, 121L, 131L, 141L, 251L, 261L),
        w.pingTimesMs("n1", "n2", 90, 270),
        w.msg("100% loss from 150 to 250 despite the 0% fault ending at 200"));
  }

  @Test
  void duplicationDeliversEveryMessageTwiceWhileItLasts() {
    World w = twoNodes();
    FaultSchedule.of(new FaultEvent(100 * MS, 50 * MS, new NetworkFault.Duplication(1.0)))
        .install(w.sim);
    w.sim.runUntil(200 * MS);
    // ping k is sent at 10k ms; a copy trails its original by up to one latency
    Map<Integer, Integer> copies = new TreeMap<>();
    for (World.Ping ping : w.pings) {
      if (ping.from().equals("n1") && ping.seq() >= 9 && ping.seq() <= 16) {
        copies.merge(ping.seq(), 1, Integer::sum);
      }
    }
    assertEquals(
        Map.of(9, 1, 10, 2, 11, 2, 12, 2, 13, 2, 14, 2, 15, 1, 16, 1),
        copies,
        w.msg("copies of each ping n1 sent at 90..160 ms"));
  }

  @Test
  void aLatencySpikeSlowsOnlyItsZonePairBothWays() {
    World w = new World(SEED);
    w.add("n1", "east", "c1", "n2");
    w.add("n2", "east");
    w.add("c1", "west", "n1");
    FaultSchedule.of(
            new FaultEvent(
                100 * MS, 50 * MS, new NetworkFault.LatencySpike("east", "west", 3, 2 * MS)))
        .install(w.sim);
    w.sim.runUntil(170 * MS);
    List<Long> spiked = List.of(91L, 105L, 115L, 125L, 135L, 145L, 151L, 161L); // 1 ms x3 +2 ms
    assertEquals(spiked, w.pingTimesMs("n1", "c1", 90, 170), w.msg("east -> west"));
    assertEquals(spiked, w.pingTimesMs("c1", "n1", 90, 170), w.msg("west -> east"));
    assertEquals(
        List.of(91L, 101L, 111L, 121L, 131L, 141L, 151L, 161L),
        w.pingTimesMs("n1", "n2", 90, 170),
        w.msg("within east unaffected"));
  }

  @Test
  void clockSkewStepsTheClockAndStepsItBackLeavingOtherStepsInPlace() {
    World w = twoNodes();
    FaultSchedule.builder()
        .at(100 * MS, 50 * MS, new ClockFault.ClockSkew("n1", 200 * MS)) // until 150
        .at(120 * MS, new ClockFault.ClockJump("n1", -S)) // for good
        .build()
        .install(w.sim);
    w.sim.runUntil(110 * MS);
    assertEquals(200 * MS, w.sim.clock(0).offsetNanos(w.sim.nowNanos()), w.msg("skewed"));
    w.sim.runUntil(130 * MS);
    assertEquals(200 * MS - S, w.sim.clock(0).offsetNanos(w.sim.nowNanos()), w.msg("jumped"));
    w.sim.runUntil(160 * MS);
    assertEquals(-S, w.sim.clock(0).offsetNanos(w.sim.nowNanos()), w.msg("skew reverted only"));
    assertEquals(0, w.sim.clock(1).offsetNanos(w.sim.nowNanos()), w.msg("n2 untouched"));
  }

  @Test
  void clockDriftRestoresTheDriftInForceBefore() {
    World w = twoNodes();
    w.sim.clock(0).setDrift(0, 0.1); // set outside the schedule: the revert must restore it
    FaultSchedule.of(new FaultEvent(100 * MS, 100 * MS, new ClockFault.ClockDrift("n1", 0.5)))
        .install(w.sim);
    w.sim.runUntil(150 * MS);
    assertEquals(0.5, w.sim.clock(0).drift(), w.msg("drift during"));
    w.sim.runUntil(300 * MS);
    assertEquals(0.1, w.sim.clock(0).drift(), w.msg("drift after"));
    // 100 ms at +10%, 100 ms at +50%, 100 ms at +10%: the gain during the fault stays
    assertEquals(70 * MS, w.sim.clock(0).offsetNanos(300 * MS), w.msg("offset at 300 ms"));
  }
}
