package dev.tradeoff.faults;

import dev.tradeoff.core.kernel.LocalClock;
import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.kernel.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One fault, as a value: what goes wrong, naming nodes and zones by name so that a schedule is
 * data, independent of the node ids of any one simulation.
 *
 * <p>Every fault validates its fields when built ({@link IllegalArgumentException} saying which
 * field and why), prints as a short readable line through {@code toString()} ({@code partition {n1}
 * | {n2,n3}}, {@code crash n2}), has a {@link #kind()} for statistics, and says through {@link
 * #durationRule()} whether it lasts. A {@link FaultEvent} places a fault at a time with a duration;
 * {@link FaultInjector} applies it at its start and reverts it at its end.
 *
 * <p><b>Exact undo.</b> A fault with a duration is reverted so that what it changed is as it would
 * have been had the fault never happened, even when faults overlap: a partition's revert heals only
 * the links it cut and no other active fault still cuts; a rate fault restores the rate in force
 * without it; a crash's revert restarts the node only if no other active fault keeps it down. The
 * cases where the kernel does not allow exact undo are listed on the faults concerned and in {@link
 * FaultTarget}.
 */
public sealed interface Fault {

  /** Every {@link #kind()} there is, sorted. */
  SortedSet<String> KINDS = FaultTypes.kinds();

  /** Whether a fault lasts, which decides what durations a {@link FaultEvent} may give it. */
  enum DurationRule {
    /** An instant: the duration must be 0 and nothing is reverted. */
    NONE,
    /** 0 means the fault stays (until another fault undoes it); more is reverted at the end. */
    OPTIONAL,
    /** The fault only makes sense for a while: the duration must be greater than 0. */
    REQUIRED
  }

  /** A short name for statistics and window shading, one of {@link #KINDS}. */
  default String kind() {
    return FaultTypes.of(getClass()).kind();
  }

  /** Whether this fault lasts. */
  default DurationRule durationRule() {
    return FaultTypes.of(getClass()).rule();
  }

  /** The node names this fault refers to, sorted; checked against the simulation at install. */
  default SortedSet<String> nodeNames() {
    return Collections.emptySortedSet();
  }

  /** The zone names this fault refers to, sorted; checked against the simulation at install. */
  default SortedSet<String> zoneNames() {
    return Collections.emptySortedSet();
  }

  /**
   * Applies this fault now, through {@code target}, and returns the action that reverts it. The
   * injector runs the action once at the end of the event's duration when {@code durationNanos > 0}
   * and never otherwise; for {@link DurationRule#NONE} faults it is a no-op.
   *
   * @param target the simulation as faults see it; from {@link FaultInjector}
   * @param durationNanos the event's duration, 0 if it has none
   */
  Runnable apply(FaultTarget target, long durationNanos);

  // ---- factories, for schedules written by hand ----

  /** {@link Crash} losing unsynced writes (a power loss). */
  static Crash crash(String node) {
    return new Crash(node);
  }

  /** {@link Restart}. */
  static Restart restart(String node) {
    return new Restart(node);
  }

  /** {@link Pause}. */
  static Pause pause(String node) {
    return new Pause(node);
  }

  /** {@link Isolate} dropping messages. */
  static Isolate isolate(String node) {
    return new Isolate(node, PartitionMode.DROP);
  }

  /** {@link Partition} of the given sides, dropping messages. */
  @SafeVarargs
  static Partition partition(Set<String>... sides) {
    List<Set<String>> list =
        new ArrayList<>(); // copied element by element: the array never escapes
    for (Set<String> side : sides) {
      list.add(side);
    }
    return new Partition(list, PartitionMode.DROP);
  }

  /** {@link Heal}. */
  static Heal heal() {
    return new Heal();
  }

  /** {@link PacketLoss}. */
  static PacketLoss loss(double rate) {
    return new PacketLoss(rate);
  }

  // ---- the vocabulary ----

  /**
   * Crashes a node: its memory, timers and queued work are lost, and its disk loses unsynced writes
   * if {@code loseUnsyncedWrites} (a power loss; {@code false} is a process crash whose writes the
   * OS still flushes). With a duration the node restarts at the end, recovering from disk, unless
   * another active crash or zone outage still keeps it down. A node already down when the crash
   * comes stays as it is; if it is down because of an active fault, this crash joins that outage
   * and the node restarts only when both have ended.
   */
  record Crash(String node, boolean loseUnsyncedWrites) implements Fault {
    /** Validates the name. */
    public Crash {
      Text.name("crash: node", node);
    }

    /** A crash that loses unsynced writes. */
    public Crash(String node) {
      this(node, true);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.crash(List.of(target.nodeId(node)), loseUnsyncedWrites);
    }

    @Override
    public String toString() {
      return "crash " + node + (loseUnsyncedWrites ? "" : " (keeps unsynced writes)");
    }
  }

  /**
   * Restarts a crashed node now, recovering from its disk; does nothing if it is up. It overrides
   * every crash still active on the node, so their later reverts leave the node alone.
   */
  record Restart(String node) implements Fault {
    /** Validates the name. */
    public Restart {
      Text.name("restart: node", node);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      target.restart(target.nodeId(node));
      return FaultTarget.NOTHING;
    }

    @Override
    public String toString() {
      return "restart " + node;
    }
  }

  /**
   * Stalls a node for the event's duration, like a stop-the-world GC pause: what falls due
   * meanwhile waits and is handled when it resumes; its clock keeps running. Needs a duration.
   * Pausing a node that is down does nothing. Overlapping pauses of one node keep it paused until
   * the last ends (the kernel extends a pause). The pause ends by itself, so there is nothing to
   * revert; a crash during the pause ends it early.
   */
  record Pause(String node) implements Fault {
    /** Validates the name. */
    public Pause {
      Text.name("pause: node", node);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      target.pause(target.nodeId(node), durationNanos);
      return FaultTarget.NOTHING; // the kernel resumes the node by itself
    }

    @Override
    public String toString() {
      return "pause " + node;
    }
  }

  /**
   * Cuts every link between one node and every other node of the simulation, both ways. Other nodes
   * means those present when the schedule was installed.
   */
  record Isolate(String node, PartitionMode mode) implements Fault {
    /** Validates the fields. */
    public Isolate {
      Text.name("partition: isolated node", node);
      Objects.requireNonNull(mode, "partition: mode");
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.cut(FaultTarget.isolating(target.nodeId(node), target.allNodes()), mode);
    }

    @Override
    public String toString() {
      return "partition isolate " + node + modeSuffix(mode);
    }
  }

  /**
   * Splits nodes into disjoint sides and cuts every link between nodes of different sides, both
   * ways; nodes on no side keep all their links. Majority/minority halves are two sides. Sides keep
   * their order; names within a side are kept sorted.
   */
  record Partition(List<Set<String>> sides, PartitionMode mode) implements Fault {
    /** Validates the sides: at least two, none empty, pairwise disjoint. */
    public Partition {
      Objects.requireNonNull(sides, "partition: sides");
      Objects.requireNonNull(mode, "partition: mode");
      if (sides.size() < 2) {
        throw new IllegalArgumentException(
            "partition: needs at least 2 sides, got " + sides.size());
      }
      List<Set<String>> copy = new ArrayList<>();
      TreeSet<String> seen = new TreeSet<>();
      for (int i = 0; i < sides.size(); i++) {
        SortedSet<String> side = Text.nameSet("partition: side " + i, sides.get(i));
        for (String name : side) {
          if (!seen.add(name)) {
            throw new IllegalArgumentException(
                "partition: sides must be disjoint, but " + name + " is on more than one");
          }
        }
        copy.add(side);
      }
      sides = Collections.unmodifiableList(copy);
    }

    @Override
    public SortedSet<String> nodeNames() {
      TreeSet<String> names = new TreeSet<>();
      sides.forEach(names::addAll);
      return Collections.unmodifiableSortedSet(names);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      List<List<Integer>> ids = new ArrayList<>();
      for (Set<String> side : sides) {
        ids.add(target.nodeIds(side));
      }
      return target.cut(FaultTarget.between(ids), mode);
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      for (Set<String> side : sides) {
        parts.add(Text.names(side));
      }
      return "partition " + String.join(" | ", parts) + modeSuffix(mode);
    }
  }

  /**
   * Cuts every link from a node of {@code from} to a node of {@code to}, one way only: {@code to}
   * still reaches {@code from}, so requests get through and replies are lost.
   */
  record OneWayPartition(Set<String> from, Set<String> to, PartitionMode mode) implements Fault {
    /** Validates the fields: both sides non-empty and disjoint. */
    public OneWayPartition {
      from = Text.nameSet("one-way partition: from", from);
      to = Text.nameSet("one-way partition: to", to);
      Objects.requireNonNull(mode, "one-way partition: mode");
      disjoint("one-way partition", from, to);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return union(from, to);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.cut(FaultTarget.oneWay(target.nodeIds(from), target.nodeIds(to)), mode);
    }

    @Override
    public String toString() {
      return "partition " + Text.names(from) + " -> " + Text.names(to) + modeSuffix(mode);
    }
  }

  /**
   * Two sides that cannot reach each other, and one bridge node that reaches both: the shape that
   * makes two leaders each believe they hold a majority. Links between the sides are cut both ways.
   */
  record Bridge(Set<String> sideA, String bridge, Set<String> sideB, PartitionMode mode)
      implements Fault {
    /** Validates the fields: sides non-empty and disjoint, the bridge on neither. */
    public Bridge {
      sideA = Text.nameSet("bridge partition: side A", sideA);
      sideB = Text.nameSet("bridge partition: side B", sideB);
      Text.name("bridge partition: bridge node", bridge);
      Objects.requireNonNull(mode, "bridge partition: mode");
      disjoint("bridge partition", sideA, sideB);
      if (sideA.contains(bridge) || sideB.contains(bridge)) {
        throw new IllegalArgumentException(
            "bridge partition: bridge node " + bridge + " must be on neither side");
      }
    }

    @Override
    public SortedSet<String> nodeNames() {
      TreeSet<String> names = new TreeSet<>(union(sideA, sideB));
      names.add(bridge);
      return Collections.unmodifiableSortedSet(names);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.cut(
          FaultTarget.between(List.of(target.nodeIds(sideA), target.nodeIds(sideB))), mode);
    }

    @Override
    public String toString() {
      return "partition "
          + Text.names(sideA)
          + " | "
          + Text.names(sideB)
          + " bridged by "
          + bridge
          + modeSuffix(mode);
    }
  }

  /**
   * Heals every cut link now, whoever cut it (partitions, clogs, and cuts made outside the
   * schedule); messages held by clogged links leave in the order sent. Faults whose cuts it healed
   * find nothing to heal when they end.
   */
  record Heal() implements Fault {

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      target.healAll();
      return FaultTarget.NOTHING;
    }

    @Override
    public String toString() {
      return "heal";
    }
  }

  /**
   * Clogs the directed link {@code from → to}: messages on it wait (in flight ones too) and leave
   * in order when it is unclogged, as a {@link PartitionMode#HOLD} cut.
   */
  record ClogLink(String from, String to) implements Fault {
    /** Validates the fields; a node's link to itself cannot be clogged. */
    public ClogLink {
      Text.name("clog: from", from);
      Text.name("clog: to", to);
      if (from.equals(to)) {
        throw new IllegalArgumentException("clog: from and to must differ, got " + from);
      }
    }

    @Override
    public SortedSet<String> nodeNames() {
      return union(Set.of(from), Set.of(to));
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.cut(
          List.of(FaultTarget.link(target.nodeId(from), target.nodeId(to))), PartitionMode.HOLD);
    }

    @Override
    public String toString() {
      return "clog " + from + " -> " + to;
    }
  }

  /** Clogs every link of one node, both ways (a {@link PartitionMode#HOLD} isolation). */
  record ClogNode(String node) implements Fault {
    /** Validates the name. */
    public ClogNode {
      Text.name("clog: node", node);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.cut(
          FaultTarget.isolating(target.nodeId(node), target.allNodes()), PartitionMode.HOLD);
    }

    @Override
    public String toString() {
      return "clog " + node;
    }
  }

  /**
   * Unclogs the directed link {@code from → to} now: heals it whatever cut it, releasing what it
   * held; faults that cut it find nothing to heal when they end.
   */
  record UnclogLink(String from, String to) implements Fault {
    /** Validates the fields. */
    public UnclogLink {
      Text.name("unclog: from", from);
      Text.name("unclog: to", to);
      if (from.equals(to)) {
        throw new IllegalArgumentException("unclog: from and to must differ, got " + from);
      }
    }

    @Override
    public SortedSet<String> nodeNames() {
      return union(Set.of(from), Set.of(to));
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      target.heal(List.of(FaultTarget.link(target.nodeId(from), target.nodeId(to))));
      return FaultTarget.NOTHING;
    }

    @Override
    public String toString() {
      return "unclog " + from + " -> " + to;
    }
  }

  /** Unclogs every link of one node, both ways, as {@link UnclogLink} does for one link. */
  record UnclogNode(String node) implements Fault {
    /** Validates the name. */
    public UnclogNode {
      Text.name("unclog: node", node);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      target.heal(FaultTarget.isolating(target.nodeId(node), target.allNodes()));
      return FaultTarget.NOTHING;
    }

    @Override
    public String toString() {
      return "unclog " + node;
    }
  }

  /**
   * Sets the probability that any message is lost. Reverting restores the rate in force without
   * this fault, including one set outside the schedule. Links with a loss rate of their own keep
   * it.
   */
  record PacketLoss(double rate) implements Fault {
    /** Validates the rate, in [0, 1]. */
    public PacketLoss {
      probability("loss: rate", rate);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.lossRate(rate);
    }

    @Override
    public String toString() {
      return "loss " + Text.percent(rate);
    }
  }

  /** Sets the probability that any message is delivered twice; reverted like {@link PacketLoss}. */
  record Duplication(double rate) implements Fault {
    /** Validates the rate, in [0, 1]. */
    public Duplication {
      probability("duplicate: rate", rate);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.duplicationRate(rate);
    }

    @Override
    public String toString() {
      return "duplicate " + Text.percent(rate);
    }
  }

  /**
   * Multiplies latency between two zones by {@code factor} and adds {@code extraNanos}, both
   * directions (within one zone if they are the same). Reverting restores the spike in force
   * without this fault, including one set outside the schedule.
   */
  record LatencySpike(String zoneA, String zoneB, double factor, long extraNanos) implements Fault {
    /** Validates the fields: factor finite and > 0, extra >= 0. */
    public LatencySpike {
      Text.name("latency-spike: zone A", zoneA);
      Text.name("latency-spike: zone B", zoneB);
      positiveFactor("latency-spike: factor", factor);
      if (extraNanos < 0) {
        throw new IllegalArgumentException(
            "latency-spike: extraNanos must be >= 0, got " + extraNanos);
      }
    }

    @Override
    public SortedSet<String> zoneNames() {
      return union(Set.of(zoneA), Set.of(zoneB));
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.latencySpike(zoneA, zoneB, factor, extraNanos);
    }

    @Override
    public String toString() {
      String text = "latency-spike " + zoneA + " <-> " + zoneB;
      if (factor != 1.0 || extraNanos == 0) {
        text += " x" + Text.decimal(factor);
      }
      if (extraNanos != 0) {
        text += " " + Text.signedDuration(extraNanos);
      }
      return text;
    }
  }

  /**
   * Steps a node's clock by {@code offsetNanos}; reverting steps it back by the same amount, which
   * is exact whatever else moved the clock meanwhile (steps add up). Pending timers are not moved.
   */
  record ClockSkew(String node, long offsetNanos) implements Fault {
    /** Validates the fields; a zero offset would do nothing. */
    public ClockSkew {
      Text.name("clock-skew: node", node);
      if (offsetNanos == 0 || offsetNanos == Long.MIN_VALUE) {
        throw new IllegalArgumentException(
            "clock-skew: offsetNanos must be non-zero (and not Long.MIN_VALUE), got "
                + offsetNanos);
      }
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      Simulation sim = target.simulation();
      LocalClock clock = sim.clock(target.nodeId(node));
      clock.jump(sim.nowNanos(), offsetNanos);
      return () -> clock.jump(sim.nowNanos(), -offsetNanos);
    }

    @Override
    public String toString() {
      return "clock-skew " + node + " " + Text.signedDuration(offsetNanos);
    }
  }

  /**
   * Sets a node's clock drift ({@code 0.1} runs 10% fast); reverting restores the drift in force
   * without this fault. The time the clock gained or lost meanwhile stays gained or lost, as on a
   * real machine: the revert undoes the rate, not the reading.
   */
  record ClockDrift(String node, double drift) implements Fault {
    /** Validates the fields: drift finite and > -1. */
    public ClockDrift {
      Text.name("clock-drift: node", node);
      if (!(drift > -1) || !Double.isFinite(drift)) {
        throw new IllegalArgumentException(
            "clock-drift: drift must be finite and > -1, got " + drift);
      }
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.drift(target.nodeId(node), drift);
    }

    @Override
    public String toString() {
      return "clock-drift " + node + " " + Text.signedPercent(drift);
    }
  }

  /** Steps a node's clock by {@code deltaNanos} once, for good: an NTP step, never reverted. */
  record ClockJump(String node, long deltaNanos) implements Fault {
    /** Validates the fields; a zero step would do nothing. */
    public ClockJump {
      Text.name("clock-jump: node", node);
      if (deltaNanos == 0) {
        throw new IllegalArgumentException("clock-jump: deltaNanos must be non-zero");
      }
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      Simulation sim = target.simulation();
      sim.clock(target.nodeId(node)).jump(sim.nowNanos(), deltaNanos);
      return FaultTarget.NOTHING;
    }

    @Override
    public String toString() {
      return "clock-jump " + node + " " + Text.signedDuration(deltaNanos);
    }
  }

  /**
   * Makes a node's CPU {@code factor} times slower (a gray failure): service times submitted while
   * it lasts are multiplied. Reverting restores the factor in force without this fault; jobs
   * already started keep the time they were given.
   */
  record SlowNode(String node, double factor) implements Fault {
    /** Validates the fields: factor finite and > 0. */
    public SlowNode {
      Text.name("slow-node: node", node);
      positiveFactor("slow-node: factor", factor);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.slowDown(target.nodeId(node), factor);
    }

    @Override
    public String toString() {
      return "slow-node " + node + " x" + Text.decimal(factor);
    }
  }

  /**
   * Crashes every node of a zone (or cell) at once, losing unsynced writes (a power loss); with a
   * duration they restart at the end, each as a {@link Crash} would. The zone's nodes are those
   * present when the schedule was installed.
   */
  record ZoneOutage(String zone) implements Fault {
    /** Validates the name. */
    public ZoneOutage {
      Text.name("zone-outage: zone", zone);
    }

    @Override
    public SortedSet<String> zoneNames() {
      return single(zone);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      return target.crash(target.nodesInZone(zone), true);
    }

    @Override
    public String toString() {
      return "zone-outage " + zone;
    }
  }

  /** Tells a node to drop its caches now ({@code Node.onCacheFlush}); nothing if it is down. */
  record CacheFlush(String node) implements Fault {
    /** Validates the name. */
    public CacheFlush {
      Text.name("cache-flush: node", node);
    }

    @Override
    public SortedSet<String> nodeNames() {
      return single(node);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      target.simulation().flushCache(target.nodeId(node));
      return FaultTarget.NOTHING;
    }

    @Override
    public String toString() {
      return "cache-flush " + node;
    }
  }

  // ---- helpers shared by the records (private interface methods) ----

  private static SortedSet<String> single(String name) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(name)));
  }

  private static SortedSet<String> union(Set<String> a, Set<String> b) {
    TreeSet<String> names = new TreeSet<>(a);
    names.addAll(b);
    return Collections.unmodifiableSortedSet(names);
  }

  private static void disjoint(String what, Set<String> a, Set<String> b) {
    for (String name : a) {
      if (b.contains(name)) {
        throw new IllegalArgumentException(
            what + ": sides must be disjoint, but " + name + " is on both");
      }
    }
  }

  private static String modeSuffix(PartitionMode mode) {
    // DROP is the usual partition; a held (clogged) one is called out.
    return mode == PartitionMode.HOLD ? " (hold)" : "";
  }

  private static void probability(String what, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1], got " + p);
    }
  }

  private static void positiveFactor(String what, double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(what + " must be finite and > 0, got " + factor);
    }
  }
}
