package dev.tradeoff.faults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bounds within which {@link Nemesis} draws fault schedules: whom faults may hit, when, which
 * kinds, how often, how long and how hard. Each seed draws its own plan inside these bounds (swarm
 * testing); the bounds themselves hold for every schedule.
 *
 * <p><b>What counts as down</b> for {@link #maxDown()}: a node is down while it is crashed ({@code
 * crash}, or a {@code zone-outage} of its zone), paused ({@code pause}), or cut off from the rest
 * on its own or in a minority: isolated ({@code partition isolate}, {@code clog} of the node), on
 * the smaller side of a two-sided partition, or the single node of a one-way partition. Link clogs
 * and bridge partitions cut no node off from a majority and do not count; nor do rate, latency,
 * clock, slow-node and cache faults. Instant heals, unclogs and restarts can only bring nodes back
 * early, so counting as if they did not (which the nemesis does) keeps the bound.
 *
 * <p><b>The quiet period.</b> Every fault the nemesis generates that lasts ends by {@link
 * #faultEndNanos()}, so from then to {@link #runNanos()} no fault is in force and a run can check
 * convergence. The one lasting trace is a {@code clock-jump}, a permanent step of a node's clock by
 * at most {@link #maxClockSkewNanos()}, and the time a drifting clock gained or lost.
 *
 * <p>Built with {@link #builder(Collection, long)}, which fills in defaults; the canonical
 * constructor validates every field and throws {@link IllegalArgumentException} saying which one
 * and why.
 *
 * @param nodes the node names faults may target, in the order given, at least one, no duplicates
 * @param zones zone name to the names of its nodes; may be empty, which rules out zone faults. A
 *     zone outage crashes every node of the zone in the simulation, so each zone must list all of
 *     its simulation's nodes, and each node may be in at most one zone
 * @param runNanos the run's length, {@code > 0}
 * @param quietNanos the quiet period at the end of the run, {@code >= 0} and {@code < runNanos}
 * @param kinds the fault kinds (of {@link Fault#KINDS}) a seed may enable, at least one; each must
 *     be possible with these nodes, zones and {@code maxDown} (see {@link #sensibleKinds})
 * @param maxDown the most nodes down at any instant, in {@code [0, nodes.size()]}: all of them only
 *     when a store may be wholly down (a one-node store under power loss)
 * @param minEventsPerSecond the lowest mean event rate a seed may draw, per second of true time
 * @param maxEventsPerSecond the highest, {@code >= minEventsPerSecond}
 * @param minDurationNanos the shortest duration of a lasting fault, {@code > 0} and at most {@code
 *     runNanos - quietNanos}
 * @param maxDurationNanos the longest, {@code >= minDurationNanos}
 * @param kindOffProbability the probability that a seed switches a kind off, in {@code [0, 1]}; a
 *     seed always keeps at least one kind
 * @param maxClockSkewNanos the largest clock skew or jump, either way, {@code > 0}
 * @param maxClockDrift the largest clock drift, either way, in {@code [0, 1)}
 * @param maxLossRate the highest packet loss probability, in {@code (0, 1]}
 * @param maxDuplicationRate the highest duplication probability, in {@code (0, 1]}
 * @param maxSlowFactor the largest slow-node factor, finite and {@code >= 1}
 * @param maxLatencyFactor the largest latency-spike factor, finite and {@code >= 1}
 */
public record NemesisConfig(
    List<String> nodes,
    SortedMap<String, SortedSet<String>> zones,
    long runNanos,
    long quietNanos,
    SortedSet<String> kinds,
    int maxDown,
    double minEventsPerSecond,
    double maxEventsPerSecond,
    long minDurationNanos,
    long maxDurationNanos,
    double kindOffProbability,
    long maxClockSkewNanos,
    double maxClockDrift,
    double maxLossRate,
    double maxDuplicationRate,
    double maxSlowFactor,
    double maxLatencyFactor) {

  /** Kinds that take a node down in the sense of {@link #maxDown()}, or need one to be. */
  private static final SortedSet<String> DOWN_KINDS =
      Collections.unmodifiableSortedSet(
          new TreeSet<>(List.of("crash", "restart", "pause", "zone-outage")));

  /** Kinds that act between two nodes, so need at least two. */
  private static final SortedSet<String> LINK_KINDS =
      Collections.unmodifiableSortedSet(new TreeSet<>(List.of("partition", "clog", "unclog")));

  /** Validates every field and copies the collections. */
  public NemesisConfig {
    nodes = nodeList(nodes);
    zones = zoneMap(zones, nodes);
    if (runNanos <= 0) {
      throw new IllegalArgumentException("nemesis: runNanos must be > 0, got " + runNanos);
    }
    if (quietNanos < 0) {
      throw new IllegalArgumentException("nemesis: quietNanos must be >= 0, got " + quietNanos);
    }
    if (quietNanos >= runNanos) {
      throw new IllegalArgumentException(
          "nemesis: quiet period ("
              + Text.duration(quietNanos)
              + ") must be shorter than the run ("
              + Text.duration(runNanos)
              + ")");
    }
    if (maxDown < 0 || maxDown > nodes.size()) {
      throw new IllegalArgumentException(
          "nemesis: maxDown must be in [0, "
              + nodes.size()
              + "] (at most the number of nodes), got "
              + maxDown);
    }
    kinds = kindSet(kinds, nodes, zones, maxDown);
    if (!(minEventsPerSecond >= 0) || !Double.isFinite(maxEventsPerSecond)) {
      throw new IllegalArgumentException(
          "nemesis: event rates must be finite and >= 0, got ["
              + minEventsPerSecond
              + ", "
              + maxEventsPerSecond
              + "] per second");
    }
    if (maxEventsPerSecond < minEventsPerSecond) {
      throw new IllegalArgumentException(
          "nemesis: maxEventsPerSecond ("
              + maxEventsPerSecond
              + ") must be >= minEventsPerSecond ("
              + minEventsPerSecond
              + ")");
    }
    if (minDurationNanos <= 0) {
      // A lasting fault of duration 0 would never be reverted and so run into the quiet period.
      throw new IllegalArgumentException(
          "nemesis: minDurationNanos must be > 0, got " + minDurationNanos);
    }
    if (maxDurationNanos < minDurationNanos) {
      throw new IllegalArgumentException(
          "nemesis: maxDurationNanos ("
              + maxDurationNanos
              + ") must be >= minDurationNanos ("
              + minDurationNanos
              + ")");
    }
    if (minDurationNanos > runNanos - quietNanos) {
      throw new IllegalArgumentException(
          "nemesis: minDurationNanos ("
              + Text.duration(minDurationNanos)
              + ") does not fit before the quiet period (faults end by "
              + Text.duration(runNanos - quietNanos)
              + ")");
    }
    if (!(kindOffProbability >= 0 && kindOffProbability <= 1)) {
      throw new IllegalArgumentException(
          "nemesis: kindOffProbability must be in [0, 1], got " + kindOffProbability);
    }
    if (maxClockSkewNanos <= 0) {
      throw new IllegalArgumentException(
          "nemesis: maxClockSkewNanos must be > 0, got " + maxClockSkewNanos);
    }
    if (!(maxClockDrift >= 0 && maxClockDrift < 1)) {
      throw new IllegalArgumentException(
          "nemesis: maxClockDrift must be in [0, 1), got " + maxClockDrift);
    }
    if (!(maxLossRate > 0 && maxLossRate <= 1)) {
      throw new IllegalArgumentException(
          "nemesis: maxLossRate must be in (0, 1], got " + maxLossRate);
    }
    if (!(maxDuplicationRate > 0 && maxDuplicationRate <= 1)) {
      throw new IllegalArgumentException(
          "nemesis: maxDuplicationRate must be in (0, 1], got " + maxDuplicationRate);
    }
    if (!(maxSlowFactor >= 1) || Double.isInfinite(maxSlowFactor)) {
      throw new IllegalArgumentException(
          "nemesis: maxSlowFactor must be finite and >= 1, got " + maxSlowFactor);
    }
    if (!(maxLatencyFactor >= 1) || Double.isInfinite(maxLatencyFactor)) {
      throw new IllegalArgumentException(
          "nemesis: maxLatencyFactor must be finite and >= 1, got " + maxLatencyFactor);
    }
  }

  /** A builder for faults on {@code nodes} over a run of {@code runNanos}, with defaults. */
  public static Builder builder(Collection<String> nodes, long runNanos) {
    return new Builder(nodes, runNanos);
  }

  /** When the last fault must have ended: {@code runNanos - quietNanos}. */
  public long faultEndNanos() {
    return runNanos - quietNanos;
  }

  /**
   * Every kind that makes sense for {@code nodes}, {@code zones} and {@code maxDown}: node faults
   * always; clogs with two nodes or more; partitions with three, or two and {@code maxDown > 0};
   * crash, restart and pause when {@code maxDown > 0}; zone outages when some zone has at most
   * {@code maxDown} nodes; latency spikes when there are zones.
   */
  public static SortedSet<String> sensibleKinds(
      Collection<String> nodes, Map<String, ? extends Collection<String>> zones, int maxDown) {
    TreeSet<String> kinds = new TreeSet<>();
    for (String kind : Fault.KINDS) {
      if (whyImpossible(kind, nodes.size(), zones, maxDown) == null) {
        kinds.add(kind);
      }
    }
    return Collections.unmodifiableSortedSet(kinds);
  }

  /** Why {@code kind} cannot be generated under these bounds, or null if it can. */
  private static String whyImpossible(
      String kind, int nodeCount, Map<String, ? extends Collection<String>> zones, int maxDown) {
    if (LINK_KINDS.contains(kind) && nodeCount < 2) {
      return "needs at least 2 nodes";
    }
    if (kind.equals("partition") && nodeCount < 3 && maxDown == 0) {
      // Every partition of 2 nodes cuts one off; only a bridge (3 nodes or more) cuts none.
      return "needs 3 nodes, or maxDown >= 1, since every partition of 2 nodes cuts one off";
    }
    if (DOWN_KINDS.contains(kind) && maxDown == 0) {
      return "takes nodes down, but maxDown is 0";
    }
    if (kind.equals("latency-spike") && zones.isEmpty()) {
      return "needs zones";
    }
    if (kind.equals("zone-outage")) {
      for (Collection<String> zone : zones.values()) {
        if (zone.size() <= maxDown) {
          return null;
        }
      }
      return "needs a zone of at most maxDown (" + maxDown + ") nodes";
    }
    return null;
  }

  private static List<String> nodeList(List<String> nodes) {
    if (nodes == null || nodes.isEmpty()) {
      throw new IllegalArgumentException("nemesis: needs at least one node");
    }
    TreeSet<String> seen = new TreeSet<>();
    List<String> copy = new ArrayList<>(nodes.size());
    for (String node : nodes) {
      Text.name("nemesis: node", node);
      if (!seen.add(node)) {
        throw new IllegalArgumentException("nemesis: node " + node + " is listed twice");
      }
      copy.add(node);
    }
    return Collections.unmodifiableList(copy);
  }

  private static SortedMap<String, SortedSet<String>> zoneMap(
      SortedMap<String, SortedSet<String>> zones, List<String> nodes) {
    if (zones == null) {
      throw new IllegalArgumentException("nemesis: zones must not be null (may be empty)");
    }
    TreeMap<String, SortedSet<String>> copy = new TreeMap<>();
    TreeMap<String, String> zoneOfNode = new TreeMap<>();
    for (Map.Entry<String, SortedSet<String>> zone : zones.entrySet()) {
      String name = Text.name("nemesis: zone", zone.getKey());
      SortedSet<String> members = Text.nameSet("nemesis: zone " + name, zone.getValue());
      for (String node : members) {
        if (!nodes.contains(node)) {
          throw new IllegalArgumentException(
              "nemesis: zone " + name + " names unknown node " + node + "; nodes: " + nodes);
        }
        String previous = zoneOfNode.put(node, name);
        if (previous != null) {
          throw new IllegalArgumentException(
              "nemesis: node " + node + " is in two zones, " + previous + " and " + name);
        }
      }
      copy.put(name, members);
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  private static SortedSet<String> kindSet(
      SortedSet<String> kinds,
      List<String> nodes,
      SortedMap<String, SortedSet<String>> zones,
      int maxDown) {
    if (kinds == null || kinds.isEmpty()) {
      throw new IllegalArgumentException("nemesis: needs at least one fault kind");
    }
    TreeSet<String> copy = new TreeSet<>();
    for (String kind : kinds) {
      if (!Fault.KINDS.contains(kind)) {
        throw new IllegalArgumentException(
            "nemesis: unknown fault kind \""
                + kind
                + "\"; known kinds: "
                + String.join(", ", Fault.KINDS));
      }
      String why = whyImpossible(kind, nodes.size(), zones, maxDown);
      if (why != null) {
        throw new IllegalArgumentException("nemesis: fault kind " + kind + " " + why);
      }
      copy.add(kind);
    }
    return Collections.unmodifiableSortedSet(copy);
  }

  /**
   * Collects a {@link NemesisConfig}. Defaults: no zones, no quiet period, every {@link
   * #sensibleKinds sensible kind}, {@code maxDown} the largest minority ({@code (n - 1) / 2}), 0.05
   * to 1 events per second, durations of 10 ms to 5 s, each kind off with probability 1/2 (as in
   * swarm testing), clock skews up to 1 s, drift up to 5%, loss and duplication up to 30%, slow
   * nodes and latency spikes up to ×10.
   */
  public static final class Builder {
    private final List<String> nodes;
    private final long runNanos;
    private final TreeMap<String, SortedSet<String>> zones = new TreeMap<>();
    private long quietNanos;
    private SortedSet<String> kinds; // null: the sensible kinds, computed at build
    private int maxDown;
    private double minEventsPerSecond = 0.05;
    private double maxEventsPerSecond = 1;
    private long minDurationNanos = 10_000_000L;
    private long maxDurationNanos = 5_000_000_000L;
    private double kindOffProbability = 0.5;
    private long maxClockSkewNanos = 1_000_000_000L;
    private double maxClockDrift = 0.05;
    private double maxLossRate = 0.3;
    private double maxDuplicationRate = 0.3;
    private double maxSlowFactor = 10;
    private double maxLatencyFactor = 10;

    private Builder(Collection<String> nodes, long runNanos) {
      this.nodes = nodes == null ? null : new ArrayList<>(nodes);
      this.runNanos = runNanos;
      this.maxDown = nodes == null ? 0 : Math.max(0, (nodes.size() - 1) / 2);
    }

    /** Puts {@code nodes} in zone {@code zone}; the zone must list all of its nodes. */
    public Builder zone(String zone, Collection<String> nodes) {
      zones.put(zone, nodes == null ? null : new TreeSet<>(nodes));
      return this;
    }

    /** The quiet period at the end, in which no fault is in force. */
    public Builder quietNanos(long quietNanos) {
      this.quietNanos = quietNanos;
      return this;
    }

    /** The kinds a seed may enable, instead of every sensible one. */
    public Builder kinds(Collection<String> kinds) {
      this.kinds = kinds == null ? null : new TreeSet<>(kinds);
      return this;
    }

    /** The most nodes down at once. */
    public Builder maxDown(int maxDown) {
      this.maxDown = maxDown;
      return this;
    }

    /** The bounds of a seed's mean event rate, per second of true time. */
    public Builder eventsPerSecond(double min, double max) {
      this.minEventsPerSecond = min;
      this.maxEventsPerSecond = max;
      return this;
    }

    /** The bounds of a lasting fault's duration. */
    public Builder durationNanos(long min, long max) {
      this.minDurationNanos = min;
      this.maxDurationNanos = max;
      return this;
    }

    /** The probability that a seed switches a kind off. */
    public Builder kindOffProbability(double probability) {
      this.kindOffProbability = probability;
      return this;
    }

    /** The largest clock skew or jump. */
    public Builder maxClockSkewNanos(long nanos) {
      this.maxClockSkewNanos = nanos;
      return this;
    }

    /** The largest clock drift. */
    public Builder maxClockDrift(double drift) {
      this.maxClockDrift = drift;
      return this;
    }

    /** The highest loss probability. */
    public Builder maxLossRate(double rate) {
      this.maxLossRate = rate;
      return this;
    }

    /** The highest duplication probability. */
    public Builder maxDuplicationRate(double rate) {
      this.maxDuplicationRate = rate;
      return this;
    }

    /** The largest slow-node factor. */
    public Builder maxSlowFactor(double factor) {
      this.maxSlowFactor = factor;
      return this;
    }

    /** The largest latency-spike factor. */
    public Builder maxLatencyFactor(double factor) {
      this.maxLatencyFactor = factor;
      return this;
    }

    /** The validated config. */
    public NemesisConfig build() {
      SortedSet<String> chosen = kinds;
      if (chosen == null && nodes != null) {
        chosen = sensibleKinds(nodes, zones, maxDown);
      }
      return new NemesisConfig(
          nodes,
          zones,
          runNanos,
          quietNanos,
          chosen,
          maxDown,
          minEventsPerSecond,
          maxEventsPerSecond,
          minDurationNanos,
          maxDurationNanos,
          kindOffProbability,
          maxClockSkewNanos,
          maxClockDrift,
          maxLossRate,
          maxDuplicationRate,
          maxSlowFactor,
          maxLatencyFactor);
    }
  }
}
