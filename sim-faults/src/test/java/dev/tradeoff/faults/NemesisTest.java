package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The random nemesis over many seeds: deterministic per seed, inside the fault window, never more
 * than maxDown nodes down, swarm plans that switch kinds on and off, and schedules that install and
 * run.
 */
class NemesisTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final int SEEDS = 500;
  private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

  /** Five nodes in three zones, two down at most, busy enough that most seeds have events. */
  private static final NemesisConfig FIVE_NODES =
      NemesisConfig.builder(FIVE, 30 * S)
          .zone("z1", List.of("n1"))
          .zone("z2", List.of("n2", "n3"))
          .zone("z3", List.of("n4", "n5"))
          .quietNanos(5 * S)
          .maxDown(2)
          .eventsPerSecond(0.5, 4)
          .durationNanos(10 * MS, 4 * S)
          .build();

  /** Three nodes, no zones, the defaults otherwise (maxDown 1). */
  private static final NemesisConfig THREE_NODES =
      NemesisConfig.builder(List.of("a", "b", "c"), 20 * S)
          .quietNanos(2 * S)
          .eventsPerSecond(1, 3)
          .build();

  @Test
  void theSameSeedGivesTheSameScheduleAndPlan() {
    for (NemesisConfig config : List.of(FIVE_NODES, THREE_NODES)) {
      for (long seed = 0; seed < SEEDS; seed++) {
        FaultSchedule schedule = Nemesis.generate(config, seed);
        assertEquals(schedule, Nemesis.generate(config, seed), "schedule of seed " + seed);
        assertEquals(
            schedule.toString(), Nemesis.generate(config, seed).toString(), "text, seed " + seed);
        assertEquals(Nemesis.plan(config, seed), Nemesis.plan(config, seed), "plan, seed " + seed);
      }
    }
  }

  @Test
  void differentSeedsAlmostAlwaysGiveDifferentSchedules() {
    TreeSet<String> distinct = new TreeSet<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      distinct.add(Nemesis.generate(FIVE_NODES, seed).toString());
    }
    assertTrue(
        distinct.size() >= SEEDS - 5,
        "distinct schedules over seeds 0.." + (SEEDS - 1) + ": " + distinct.size());
  }

  @Test
  void everyEventLiesInTheFaultWindowWithADurationInBounds() {
    for (NemesisConfig config : List.of(FIVE_NODES, THREE_NODES)) {
      for (long seed = 0; seed < SEEDS; seed++) {
        for (FaultEvent event : Nemesis.generate(config, seed).events()) {
          String where = event + " (seed " + seed + ")";
          assertTrue(event.atNanos() >= 0, "starts at or after 0: " + where);
          if (event.fault().durationRule() == Fault.DurationRule.NONE) {
            assertTrue(event.atNanos() < config.faultEndNanos(), "before the quiet: " + where);
          } else {
            // Every lasting fault has a duration, so it is reverted before the quiet period.
            assertTrue(event.durationNanos() >= config.minDurationNanos(), "min: " + where);
            assertTrue(event.durationNanos() <= config.maxDurationNanos(), "max: " + where);
            assertTrue(
                event.atNanos() + event.durationNanos() <= config.faultEndNanos(),
                "ends before the quiet period: " + where);
          }
        }
      }
    }
  }

  @Test
  void neverMoreThanMaxDownNodesAreDown() {
    for (NemesisConfig config : List.of(FIVE_NODES, THREE_NODES)) {
      int seedsAtTheBound = 0;
      for (long seed = 0; seed < SEEDS; seed++) {
        int most = mostDown(config, Nemesis.generate(config, seed));
        assertTrue(
            most <= config.maxDown(),
            most + " nodes down at once, more than " + config.maxDown() + " (seed " + seed + ")");
        seedsAtTheBound += most == config.maxDown() ? 1 : 0;
      }
      // Not vacuous: the generator does take nodes down, up to the bound.
      assertTrue(
          seedsAtTheBound > SEEDS / 10,
          "seeds reaching maxDown " + config.maxDown() + ": " + seedsAtTheBound + " (seeds 0..)");
    }
  }

  @Test
  void eachSeedEnablesSomeKindsAndGeneratesOnlyThose() {
    TreeMap<String, Integer> enabled = new TreeMap<>();
    TreeMap<String, Integer> occurred = new TreeMap<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      Nemesis.Plan plan = Nemesis.plan(FIVE_NODES, seed);
      FaultSchedule schedule = Nemesis.generate(FIVE_NODES, seed);
      assertFalse(plan.enabledKinds().isEmpty(), "some kind enabled (seed " + seed + ")");
      assertTrue(
          plan.enabledKinds().containsAll(schedule.kinds()),
          "kinds " + schedule.kinds() + " within " + plan.enabledKinds() + " (seed " + seed + ")");
      double total = plan.weights().values().stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(1.0, total, 1e-9, "weights sum to 1 (seed " + seed + ")");
      assertTrue(
          plan.eventsPerSecond() >= FIVE_NODES.minEventsPerSecond()
              && plan.eventsPerSecond() <= FIVE_NODES.maxEventsPerSecond(),
          "rate " + plan.eventsPerSecond() + " in bounds (seed " + seed + ")");
      plan.enabledKinds().forEach(kind -> enabled.merge(kind, 1, Integer::sum));
      schedule.kinds().forEach(kind -> occurred.merge(kind, 1, Integer::sum));
    }
    assertEquals(Fault.KINDS, FIVE_NODES.kinds(), "with zones, every kind is sensible");
    for (String kind : FIVE_NODES.kinds()) {
      int on = enabled.getOrDefault(kind, 0);
      assertTrue(on > 0 && on < SEEDS, kind + " enabled in " + on + " of seeds 0.." + (SEEDS - 1));
      assertTrue(
          occurred.getOrDefault(kind, 0) > 0, kind + " occurs in some schedule of seeds 0..");
    }
  }

  @Test
  void magnitudesStayWithinTheirBounds() {
    for (long seed = 0; seed < SEEDS; seed++) {
      for (FaultEvent event : Nemesis.generate(FIVE_NODES, seed).events()) {
        String where = event + " (seed " + seed + ")";
        Fault fault = event.fault();
        if (fault instanceof NetworkFault.PacketLoss loss) {
          assertTrue(loss.rate() > 0 && loss.rate() <= FIVE_NODES.maxLossRate(), where);
        } else if (fault instanceof NetworkFault.Duplication dup) {
          assertTrue(dup.rate() > 0 && dup.rate() <= FIVE_NODES.maxDuplicationRate(), where);
        } else if (fault instanceof ClockFault.ClockSkew skew) {
          assertTrue(Math.abs(skew.offsetNanos()) <= FIVE_NODES.maxClockSkewNanos(), where);
        } else if (fault instanceof ClockFault.ClockJump jump) {
          assertTrue(Math.abs(jump.deltaNanos()) <= FIVE_NODES.maxClockSkewNanos(), where);
        } else if (fault instanceof ClockFault.ClockDrift drift) {
          assertTrue(Math.abs(drift.drift()) <= FIVE_NODES.maxClockDrift(), where);
        } else if (fault instanceof NodeFault.SlowNode slow) {
          assertTrue(slow.factor() >= 1 && slow.factor() <= FIVE_NODES.maxSlowFactor(), where);
        } else if (fault instanceof NetworkFault.LatencySpike spike) {
          assertTrue(spike.factor() >= 1 && spike.factor() <= FIVE_NODES.maxLatencyFactor(), where);
        }
        assertTrue(FIVE.containsAll(fault.nodeNames()), "known nodes: " + where);
        assertTrue(
            FIVE_NODES.zones().keySet().containsAll(fault.zoneNames()), "known zones: " + where);
      }
    }
  }

  @Test
  void schedulesInstallAndRunAndReplayToTheSameTrace() {
    int events = 0;
    for (long seed = 0; seed < 6; seed++) {
      FaultSchedule schedule = Nemesis.generate(FIVE_NODES, seed);
      events += schedule.size();
      Simulation first = run(schedule, seed);
      Simulation second = run(schedule, seed);
      assertEquals(first.traceHash(), second.traceHash(), "trace hash replays (seed " + seed + ")");
      // The quiet period: every fault has been reverted when the run ends.
      for (int id = 0; id < first.nodeCount(); id++) {
        String node = first.nodeName(id) + " (seed " + seed + ")";
        assertTrue(first.isUp(id), "up at the end: " + node);
        assertFalse(first.isPaused(id), "not paused at the end: " + node);
        assertEquals(1.0, first.slowDownFactor(id), "not slow at the end: " + node);
        assertEquals(0.0, first.clock(id).drift(), "no drift at the end: " + node);
        for (int other = 0; other < first.nodeCount(); other++) {
          assertFalse(
              other != id && first.network().isCut(id, other),
              "link to " + first.nodeName(other) + " healed at the end: " + node);
        }
      }
      assertEquals(0.0, first.network().lossRate(), "no loss at the end (seed " + seed + ")");
      assertEquals(0.0, first.network().duplicationRate(), "no dup at the end (seed " + seed + ")");
    }
    assertTrue(events > 50, "the runs exercised faults: " + events + " events in seeds 0..5");
  }

  @Test
  void badConfigsAreRejectedWithAClearMessage() {
    expect("quiet period (10s) must be shorter than the run (5s)", b -> b.quietNanos(10 * S));
    expect("quietNanos must be >= 0, got -1", b -> b.quietNanos(-1));
    expect("maxDown must be in [0, 5] (at most the number of nodes), got 6", b -> b.maxDown(6));
    expect("maxDown must be in [0, 5]", b -> b.maxDown(-1));
    expect(
        "unknown fault kind \"meteor\"; known kinds: cache-flush, clock-drift",
        b -> b.kinds(List.of("crash", "meteor")));
    expect("minDurationNanos must be > 0, got -5", b -> b.durationNanos(-5, 10));
    expect("maxDurationNanos (1) must be >= minDurationNanos (2)", b -> b.durationNanos(2, 1));
    expect(
        "minDurationNanos (6s) does not fit before the quiet period",
        b -> b.durationNanos(6 * S, 7 * S));
    expect(
        "maxEventsPerSecond (1.0) must be >= minEventsPerSecond (2.0)",
        b -> b.eventsPerSecond(2, 1));
    expect("event rates must be finite and >= 0", b -> b.eventsPerSecond(-1, 1));
    expect("kindOffProbability must be in [0, 1], got 1.5", b -> b.kindOffProbability(1.5));
    expect("maxClockDrift must be in [0, 1), got 1.0", b -> b.maxClockDrift(1));
    expect("maxLossRate must be in (0, 1], got 0.0", b -> b.maxLossRate(0));
    expect("fault kind latency-spike needs zones", b -> b.kinds(List.of("latency-spike")));
    expect(
        "fault kind crash takes nodes down, but maxDown is 0",
        b -> b.maxDown(0).kinds(List.of("crash")));
    expect("zone z1 names unknown node n9", b -> b.zone("z1", List.of("n1", "n9")));
    expect(
        "node n1 is in two zones, z1 and z2",
        b -> b.zone("z1", List.of("n1")).zone("z2", List.of("n1", "n2")));
    expect(
        "fault kind zone-outage needs a zone of at most maxDown (1) nodes",
        b -> b.maxDown(1).zone("z", FIVE).kinds(List.of("zone-outage")));
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> NemesisConfig.builder(List.of("a", "a"), S).build(),
            "duplicate node (config validation, no seed)");
    assertEquals("nemesis: node a is listed twice", twice.getMessage(), "(no seed)");
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> NemesisConfig.builder(List.of(), S).build(),
            "no nodes (config validation, no seed)");
    assertEquals("nemesis: needs at least one node", none.getMessage(), "(no seed)");
  }

  @Test
  void defaultKindsLeaveOutWhatTheNamesCannotSupport() {
    NemesisConfig one = NemesisConfig.builder(List.of("solo"), 10 * S).build();
    assertEquals(0, one.maxDown(), "one node: nobody may go down (config, no seed)");
    assertEquals(
        Set.of(
            "cache-flush",
            "clock-drift",
            "clock-jump",
            "clock-skew",
            "duplicate",
            "heal",
            "loss",
            "slow-node"),
        one.kinds(),
        "one node, no zones (config, no seed)");
    for (long seed = 0; seed < 50; seed++) {
      assertEquals(0, mostDown(one, Nemesis.generate(one, seed)), "one node (seed " + seed + ")");
    }
    assertNotEquals(Fault.KINDS, THREE_NODES.kinds(), "no zones: no zone faults (config, no seed)");
  }

  // ---- helpers ----

  private static void expect(String message, Consumer<NemesisConfig.Builder> change) {
    NemesisConfig.Builder builder = NemesisConfig.builder(FIVE, 5 * S).durationNanos(MS, S);
    change.accept(builder);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            builder::build,
            "expected \"" + message + "\" (config validation, no seed)");
    assertTrue(
        e.getMessage().contains(message),
        "message \"" + e.getMessage() + "\" contains \"" + message + "\" (no seed)");
  }

  /**
   * The most nodes down at any instant, counted from the schedule alone as {@link NemesisConfig}
   * defines it. Written apart from the generator's own bookkeeping so that it checks it. Down sets
   * only grow where an event starts, so the starts are the instants to look at.
   */
  private static int mostDown(NemesisConfig config, FaultSchedule schedule) {
    int most = 0;
    for (FaultEvent at : schedule.events()) {
      TreeSet<String> down = new TreeSet<>();
      for (FaultEvent event : schedule.events()) {
        if (event.atNanos() <= at.atNanos() && at.atNanos() < event.endNanos()) {
          down.addAll(downNodes(config.zones(), event.fault()));
        }
      }
      most = Math.max(most, down.size());
    }
    return most;
  }

  private static Collection<String> downNodes(Map<String, SortedSet<String>> zones, Fault fault) {
    if (fault instanceof NodeFault.Crash
        || fault instanceof NodeFault.Pause
        || fault instanceof NetworkFault.Isolate
        || fault instanceof NetworkFault.ClogNode) {
      return fault.nodeNames();
    }
    if (fault instanceof NodeFault.ZoneOutage outage) {
      return zones.get(outage.zone());
    }
    if (fault instanceof NetworkFault.Partition partition) {
      List<Set<String>> sides = new ArrayList<>(partition.sides());
      assertEquals(2, sides.size(), "the nemesis makes two-sided partitions: " + partition);
      return sides.get(1).size() < sides.get(0).size() ? sides.get(1) : sides.get(0);
    }
    if (fault instanceof NetworkFault.OneWayPartition oneWay) {
      return oneWay.to().size() < oneWay.from().size() ? oneWay.to() : oneWay.from();
    }
    return List.of();
  }

  /** Five pinging nodes in the config's zones, the schedule installed, run to the end. */
  private static Simulation run(FaultSchedule schedule, long seed) {
    Simulation sim = new Simulation(seed);
    for (String node : FIVE) {
      String zone = "";
      for (Map.Entry<String, SortedSet<String>> z : FIVE_NODES.zones().entrySet()) {
        zone = z.getValue().contains(node) ? z.getKey() : zone;
      }
      sim.addNode(NodeSpec.of(node, zone, Pinger::new));
    }
    schedule.install(sim);
    sim.runUntil(FIVE_NODES.runNanos());
    return sim;
  }

  /** Sends a ping to every other node every 50 ms of its clock. */
  private static final class Pinger implements Node {
    private Context ctx;

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(50 * MS, "tick");
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      for (String node : FIVE) {
        if (!node.equals(ctx.name())) {
          ctx.send(ctx.nodeId(node), "ping");
        }
      }
      ctx.setTimer(50 * MS, "tick");
    }

    @Override
    public void onMessage(int from, Object message) {}
  }
}
