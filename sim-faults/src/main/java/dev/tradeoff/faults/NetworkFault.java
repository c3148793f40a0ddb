package dev.tradeoff.faults;

import static dev.tradeoff.faults.FaultRules.disjoint;
import static dev.tradeoff.faults.FaultRules.disjointSides;
import static dev.tradeoff.faults.FaultRules.modeSuffix;
import static dev.tradeoff.faults.FaultRules.positiveFactor;
import static dev.tradeoff.faults.FaultRules.probability;
import static dev.tradeoff.faults.FaultRules.single;
import static dev.tradeoff.faults.FaultRules.union;

import dev.tradeoff.core.kernel.PartitionMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Faults of the network: partitions (two-sided, one-way, bridged), clogged links and nodes, packet
 * loss and duplication, latency spikes, and the heal that ends them. Each record validates its
 * fields when built and reverts exactly what it changed; see {@link Fault}.
 */
public sealed interface NetworkFault extends Fault {
  /**
   * Cuts every link between one node and every other node of the simulation, both ways. Other nodes
   * means those present when the schedule was installed.
   */
  @FaultType(value = "isolate", kind = "partition", lasts = DurationRule.OPTIONAL)
  record Isolate(String node, PartitionMode mode) implements NetworkFault {
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
  @FaultType(value = "partition", lasts = DurationRule.OPTIONAL)
  record Partition(List<Set<String>> sides, PartitionMode mode) implements NetworkFault {
    /** Validates the sides: at least two, none empty, pairwise disjoint. */
    public Partition {
      Objects.requireNonNull(mode, "partition: mode");
      sides = disjointSides("partition", sides);
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
   * Partitions whole zones from each other, as a region or data-centre split does: every link
   * between a node of one side's zones and a node of another side's zones is cut; links within a
   * side stay. Reverts like {@link Partition}.
   */
  @FaultType(value = "zone-partition", kind = "partition", lasts = DurationRule.OPTIONAL)
  record ZonePartition(List<Set<String>> zones, PartitionMode mode) implements NetworkFault {
    /** Validates the sides: at least two, none empty, pairwise disjoint. */
    public ZonePartition {
      Objects.requireNonNull(mode, "zone-partition: mode");
      zones = disjointSides("zone-partition", zones);
    }

    @Override
    public SortedSet<String> zoneNames() {
      TreeSet<String> names = new TreeSet<>();
      zones.forEach(names::addAll);
      return Collections.unmodifiableSortedSet(names);
    }

    @Override
    public Runnable apply(FaultTarget target, long durationNanos) {
      List<List<Integer>> ids = new ArrayList<>();
      for (Set<String> side : zones) {
        List<Integer> nodes = new ArrayList<>();
        side.forEach(zone -> nodes.addAll(target.nodesInZone(zone)));
        ids.add(nodes);
      }
      return target.cut(FaultTarget.between(ids), mode);
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      zones.forEach(side -> parts.add(Text.names(side)));
      return "zone-partition " + String.join(" | ", parts) + modeSuffix(mode);
    }
  }

  /**
   * Cuts every link from a node of {@code from} to a node of {@code to}, one way only: {@code to}
   * still reaches {@code from}, so requests get through and replies are lost.
   */
  @FaultType(value = "one-way-partition", kind = "partition", lasts = DurationRule.OPTIONAL)
  record OneWayPartition(Set<String> from, Set<String> to, PartitionMode mode)
      implements NetworkFault {
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
  @FaultType(value = "bridge", kind = "partition", lasts = DurationRule.OPTIONAL)
  record Bridge(Set<String> sideA, String bridge, Set<String> sideB, PartitionMode mode)
      implements NetworkFault {
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
  @FaultType(value = "heal", lasts = DurationRule.NONE)
  record Heal() implements NetworkFault {

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
  @FaultType(value = "clog-link", kind = "clog", lasts = DurationRule.OPTIONAL)
  record ClogLink(String from, String to) implements NetworkFault {
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
  @FaultType(value = "clog-node", kind = "clog", lasts = DurationRule.OPTIONAL)
  record ClogNode(String node) implements NetworkFault {
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
  @FaultType(value = "unclog-link", kind = "unclog", lasts = DurationRule.NONE)
  record UnclogLink(String from, String to) implements NetworkFault {
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
  @FaultType(value = "unclog-node", kind = "unclog", lasts = DurationRule.NONE)
  record UnclogNode(String node) implements NetworkFault {
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
  @FaultType(value = "loss", lasts = DurationRule.OPTIONAL)
  record PacketLoss(double rate) implements NetworkFault {
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
  @FaultType(value = "duplicate", lasts = DurationRule.OPTIONAL)
  record Duplication(double rate) implements NetworkFault {
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
  @FaultType(value = "latency-spike", lasts = DurationRule.OPTIONAL)
  record LatencySpike(String zoneA, String zoneB, double factor, long extraNanos)
      implements NetworkFault {
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
}
