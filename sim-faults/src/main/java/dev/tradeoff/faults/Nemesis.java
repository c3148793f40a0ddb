package dev.tradeoff.faults;

import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.random.RandomStreams;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ListSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;
import org.apache.commons.rng.sampling.distribution.GuideTableDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The random nemesis: draws a {@link FaultSchedule} from a seed, within the bounds of a {@link
 * NemesisConfig}, in the style of swarm testing (Groce et al., ISSTA 2012; TigerBeetle's VOPR).
 *
 * <p>Each seed first draws a {@link Plan}: which of the allowed kinds are on (each is switched off
 * with {@link NemesisConfig#kindOffProbability()}, but at least one stays on), a weight for each
 * kind that is on, and a mean event rate. A plan that leaves most kinds off finds bugs that a
 * steady mix of every fault would mask (a partition is never healed by the crash that would have
 * reset it). Then events arrive as a Poisson process at that rate over {@code [0, faultEndNanos)};
 * each picks a kind by weight and a target, magnitude and duration within bounds.
 *
 * <p>Contract, for every config and seed:
 *
 * <ul>
 *   <li>the same config and seed give an equal schedule (draws come only from {@code new
 *       RandomStreams(seed).fork("nemesis")}); different seeds almost always differ;
 *   <li>every event starts at or after 0, every lasting fault has a duration in {@code
 *       [minDurationNanos, maxDurationNanos]} and ends by {@link NemesisConfig#faultEndNanos()},
 *       and every instant fault happens before it, so nothing is in force in the quiet period;
 *   <li>at no instant are more than {@link NemesisConfig#maxDown()} nodes down, as that config
 *       defines it: an event that would exceed the bound is given another target or, if none fits,
 *       left out;
 *   <li>only kinds the plan enabled occur (a kind may be enabled and still not occur);
 *   <li>every event names only the config's nodes and zones, so it installs on any simulation that
 *       has them.
 * </ul>
 *
 * <p>Times and durations are whole microseconds where the bounds allow, and rates and factors are
 * rounded (loss to 1%, drift to 0.1%, factors to 0.1), so printed schedules read easily.
 */
public final class Nemesis {
  private static final long US = 1_000L;
  private static final double NANOS_PER_SECOND = 1e9;

  private Nemesis() {}

  /**
   * What one seed enabled: for coverage statistics and to explain a schedule.
   *
   * @param weights each enabled kind's share of events, summing to 1; sorted by kind
   * @param eventsPerSecond the mean event rate drawn for the seed
   */
  public record Plan(SortedMap<String, Double> weights, double eventsPerSecond) {
    /** Validates and copies the weights. */
    public Plan {
      if (weights == null || weights.isEmpty()) {
        throw new IllegalArgumentException("nemesis plan: needs at least one kind");
      }
      weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
    }

    /** The kinds this seed may generate, sorted. */
    public SortedSet<String> enabledKinds() {
      return Collections.unmodifiableSortedSet(new TreeSet<>(weights.keySet()));
    }
  }

  /** The plan of {@code seed}: the same one {@link #generate} follows. */
  public static Plan plan(NemesisConfig config, long seed) {
    return drawPlan(config, stream(seed));
  }

  /** The fault schedule of {@code seed}; see the class contract. */
  public static FaultSchedule generate(NemesisConfig config, long seed) {
    UniformRandomProvider rng = stream(seed);
    Plan plan = drawPlan(config, rng); // drawn first, so plan(config, seed) sees the same draws
    return new Generator(config, plan, rng).run();
  }

  private static UniformRandomProvider stream(long seed) {
    return new RandomStreams(seed).fork("nemesis");
  }

  private static Plan drawPlan(NemesisConfig config, UniformRandomProvider rng) {
    TreeMap<String, Double> weights = new TreeMap<>();
    for (String kind : config.kinds()) {
      boolean off = rng.nextDouble() < config.kindOffProbability();
      // Drawn even for a kind that is off, so each kind costs the same draws and switching one
      // kind off leaves the weights of the others as they were.
      double weight = 1 - rng.nextDouble(); // (0, 1]: an enabled kind always has a chance
      if (!off) {
        weights.put(kind, weight);
      }
    }
    if (weights.isEmpty()) {
      List<String> kinds = new ArrayList<>(config.kinds());
      weights.put(kinds.get(rng.nextInt(kinds.size())), 1.0);
    }
    double total = 0;
    for (double weight : weights.values()) {
      total += weight;
    }
    for (Map.Entry<String, Double> entry : weights.entrySet()) {
      entry.setValue(entry.getValue() / total);
    }
    double rate =
        ContinuousUniformSampler.of(rng, config.minEventsPerSecond(), config.maxEventsPerSecond())
            .sample();
    return new Plan(weights, rate);
  }

  /** One schedule's generation: the draws, the events so far, and the down intervals. */
  private static final class Generator {
    private final NemesisConfig config;
    private final Plan plan;
    private final UniformRandomProvider rng;
    private final List<String> kinds;
    private final SharedStateDiscreteSampler kindSampler;
    private final List<DownInterval> downs = new ArrayList<>();
    private final List<FaultEvent> events = new ArrayList<>();

    Generator(NemesisConfig config, Plan plan, UniformRandomProvider rng) {
      this.config = config;
      this.plan = plan;
      this.rng = rng;
      this.kinds = new ArrayList<>(plan.weights().keySet());
      double[] probabilities = new double[kinds.size()];
      for (int i = 0; i < probabilities.length; i++) {
        probabilities[i] = plan.weights().get(kinds.get(i));
      }
      this.kindSampler = GuideTableDiscreteSampler.of(rng, probabilities);
    }

    FaultSchedule run() {
      if (plan.eventsPerSecond() <= 0) {
        return FaultSchedule.empty();
      }
      var gaps = ZigguratSampler.Exponential.of(rng, NANOS_PER_SECOND / plan.eventsPerSecond());
      double t = 0;
      while (true) {
        t += gaps.sample();
        if (t >= config.faultEndNanos()) {
          break;
        }
        long atNanos = (long) t / US * US; // rounded down, so starts stay in order and in range
        String kind = kinds.get(kindSampler.sample());
        add(kind, atNanos);
      }
      return new FaultSchedule(events);
    }

    /** Adds one event of {@code kind} at {@code atNanos}, unless none fits the bounds. */
    private void add(String kind, long atNanos) {
      switch (kind) {
        case "restart" -> instant(atNanos, new NodeFault.Restart(restartTarget(atNanos)));
        case "heal" -> instant(atNanos, new NetworkFault.Heal());
        case "unclog" -> instant(atNanos, unclog());
        case "clock-jump" -> instant(atNanos, new ClockFault.ClockJump(anyNode(), skewNanos()));
        case "cache-flush" -> instant(atNanos, new NodeFault.CacheFlush(anyNode()));
        default -> lasting(kind, atNanos);
      }
    }

    private void instant(long atNanos, Fault fault) {
      events.add(new FaultEvent(atNanos, fault));
    }

    private void lasting(String kind, long atNanos) {
      long room = config.faultEndNanos() - atNanos;
      if (room < config.minDurationNanos()) {
        return; // too close to the quiet period for even the shortest fault
      }
      long end = atNanos + Math.min(durationNanos(), room);
      Fault fault =
          switch (kind) {
            case "crash" -> crash(atNanos, end);
            case "pause" -> {
              String node = nodeThatFits(atNanos, end);
              yield node == null ? null : new NodeFault.Pause(node);
            }
            case "partition" -> partition(atNanos, end);
            case "clog" -> clog(atNanos, end);
            case "loss" -> new NetworkFault.PacketLoss(percent(config.maxLossRate()));
            case "duplicate" -> new NetworkFault.Duplication(percent(config.maxDuplicationRate()));
            case "latency-spike" -> latencySpike();
            case "clock-skew" -> new ClockFault.ClockSkew(anyNode(), skewNanos());
            case "clock-drift" -> new ClockFault.ClockDrift(anyNode(), drift());
            case "slow-node" -> new NodeFault.SlowNode(anyNode(), factor(config.maxSlowFactor()));
            case "zone-outage" -> zoneOutage(atNanos, end);
            default -> throw new IllegalStateException("nemesis: no generator for kind " + kind);
          };
      if (fault == null) {
        return; // every target would take more than maxDown nodes down
      }
      events.add(new FaultEvent(atNanos, end - atNanos, fault));
      SortedSet<String> down = downNodes(fault);
      if (!down.isEmpty()) {
        downs.add(new DownInterval(atNanos, end, down, isCrash(fault)));
      }
    }

    // ---- node faults ----

    private Fault crash(long start, long end) {
      String node = nodeThatFits(start, end);
      return node == null ? null : new NodeFault.Crash(node, rng.nextBoolean());
    }

    /** A node that is crashed at {@code atNanos} if there is one, so the restart does something. */
    private String restartTarget(long atNanos) {
      TreeSet<String> crashed = new TreeSet<>();
      for (DownInterval down : downs) {
        if (down.crash && down.covers(atNanos)) {
          crashed.addAll(down.nodes);
        }
      }
      return crashed.isEmpty() ? anyNode() : pick(new ArrayList<>(crashed));
    }

    private Fault zoneOutage(long start, long end) {
      List<String> fitting = new ArrayList<>();
      for (Map.Entry<String, SortedSet<String>> zone : config.zones().entrySet()) {
        if (fits(start, end, zone.getValue())) {
          fitting.add(zone.getKey());
        }
      }
      return fitting.isEmpty() ? null : new NodeFault.ZoneOutage(pick(fitting));
    }

    // ---- network faults ----

    /**
     * A partition of a shape drawn uniformly among those the nodes allow: isolate one node,
     * majority/minority, one-way, bridge (3 nodes or more).
     */
    private Fault partition(long start, long end) {
      PartitionMode mode = rng.nextBoolean() ? PartitionMode.DROP : PartitionMode.HOLD;
      int n = config.nodes().size();
      int shape = rng.nextInt(n >= 3 ? 4 : 3);
      switch (shape) {
        case 0 -> {
          String node = nodeThatFits(start, end);
          return node == null ? null : new NetworkFault.Isolate(node, mode);
        }
        case 1 -> {
          // The minority is at most the largest true minority, (n - 1) / 2 (1 for 2 nodes).
          int minoritySize = 1 + rng.nextInt(Math.max(1, (n - 1) / 2));
          List<String> shuffled = shuffledNodes();
          TreeSet<String> minority = new TreeSet<>(shuffled.subList(0, minoritySize));
          TreeSet<String> majority = new TreeSet<>(shuffled.subList(minoritySize, n));
          return fits(start, end, minority)
              ? new NetworkFault.Partition(List.of(minority, majority), mode)
              : null;
        }
        case 2 -> {
          String node = nodeThatFits(start, end);
          if (node == null) {
            return null;
          }
          TreeSet<String> rest = new TreeSet<>(config.nodes());
          rest.remove(node);
          // Either the node cannot speak (others think it dead while it hears them) or it is deaf.
          return rng.nextBoolean()
              ? new NetworkFault.OneWayPartition(Set.of(node), rest, mode)
              : new NetworkFault.OneWayPartition(rest, Set.of(node), mode);
        }
        default -> {
          List<String> shuffled = shuffledNodes();
          String bridge = shuffled.get(0);
          int sizeA = 1 + rng.nextInt(n - 2);
          return new NetworkFault.Bridge(
              new TreeSet<>(shuffled.subList(1, 1 + sizeA)),
              bridge,
              new TreeSet<>(shuffled.subList(1 + sizeA, n)),
              mode);
        }
      }
    }

    /** A node clog if one fits, half the time; otherwise a link clog, which takes nobody down. */
    private Fault clog(long start, long end) {
      if (rng.nextBoolean()) {
        String node = nodeThatFits(start, end);
        if (node != null) {
          return new NetworkFault.ClogNode(node);
        }
      }
      List<String> pair = shuffledNodes();
      return new NetworkFault.ClogLink(pair.get(0), pair.get(1));
    }

    private Fault unclog() {
      if (rng.nextBoolean()) {
        return new NetworkFault.UnclogNode(anyNode());
      }
      List<String> pair = shuffledNodes();
      return new NetworkFault.UnclogLink(pair.get(0), pair.get(1));
    }

    private Fault latencySpike() {
      List<String> zones = new ArrayList<>(config.zones().keySet());
      return new NetworkFault.LatencySpike(
          pick(zones), pick(zones), factor(config.maxLatencyFactor()), 0);
    }

    // ---- magnitudes ----

    /** Log-uniform in the duration bounds, so short blips and long outages both occur. */
    private long durationNanos() {
      // StrictMath: Math.log and Math.exp may differ by an ulp between JVMs, and with them the
      // schedule of a seed; StrictMath gives the same bits everywhere.
      double lo = StrictMath.log(config.minDurationNanos());
      double hi = StrictMath.log(config.maxDurationNanos());
      long nanos = Math.round(StrictMath.exp(lo + (hi - lo) * rng.nextDouble()));
      return clamp(micros(nanos), config.minDurationNanos(), config.maxDurationNanos());
    }

    /** Non-zero, at most {@code maxClockSkewNanos} either way. */
    private long skewNanos() {
      long max = config.maxClockSkewNanos();
      long magnitude = clamp(micros(1 + (long) (rng.nextDouble() * max)), 1, max);
      return rng.nextBoolean() ? magnitude : -magnitude;
    }

    /** Within {@code maxClockDrift} either way, to 0.1%. */
    private double drift() {
      double max = config.maxClockDrift();
      double drift = Math.min(max, Math.ceil((1 - rng.nextDouble()) * max * 1000) / 1000);
      return rng.nextBoolean() ? drift : -drift;
    }

    /** A probability in {@code (0, max]}, to 1% (or {@code max} itself below 1%). */
    private double percent(double max) {
      return Math.min(max, Math.ceil((1 - rng.nextDouble()) * max * 100) / 100);
    }

    /** A factor in {@code [1, max]}, to 0.1. */
    private double factor(double max) {
      double factor = 1 + (1 - rng.nextDouble()) * (max - 1);
      return Math.min(max, Math.max(1, Math.ceil(factor * 10) / 10));
    }

    /** {@code nanos} rounded to whole microseconds, unless it is below one. */
    private static long micros(long nanos) {
      return nanos < US ? nanos : Math.round(nanos / (double) US) * US;
    }

    private static long clamp(long value, long lo, long hi) {
      return Math.max(lo, Math.min(hi, value));
    }

    // ---- targets and the down bound ----

    private String anyNode() {
      return pick(config.nodes());
    }

    private <T> T pick(List<T> list) {
      return list.get(rng.nextInt(list.size()));
    }

    private List<String> shuffledNodes() {
      List<String> nodes = new ArrayList<>(config.nodes());
      ListSampler.shuffle(rng, nodes);
      return nodes;
    }

    /** A node, drawn uniformly among those that can go down over [start, end), or null. */
    private String nodeThatFits(long start, long end) {
      List<String> fitting = new ArrayList<>();
      for (String node : config.nodes()) {
        if (fits(start, end, Set.of(node))) {
          fitting.add(node);
        }
      }
      return fitting.isEmpty() ? null : pick(fitting);
    }

    /**
     * Whether {@code nodes} can be down over [start, end) without more than maxDown down at any
     * instant. The down set only grows where an interval starts, so checking at {@code start} and
     * at each later interval start before {@code end} covers every instant.
     */
    private boolean fits(long start, long end, Collection<String> nodes) {
      if (!fitsAt(start, nodes)) {
        return false;
      }
      for (DownInterval down : downs) {
        if (down.startNanos > start && down.startNanos < end && !fitsAt(down.startNanos, nodes)) {
          return false;
        }
      }
      return true;
    }

    private boolean fitsAt(long atNanos, Collection<String> nodes) {
      TreeSet<String> down = new TreeSet<>(nodes);
      for (DownInterval interval : downs) {
        if (interval.covers(atNanos)) {
          down.addAll(interval.nodes);
        }
      }
      return down.size() <= config.maxDown();
    }

    /** The nodes {@code fault} takes down, as {@link NemesisConfig} counts them. */
    private SortedSet<String> downNodes(Fault fault) {
      if (fault instanceof NodeFault.Crash crash) {
        return new TreeSet<>(Set.of(crash.node()));
      } else if (fault instanceof NodeFault.Pause pause) {
        return new TreeSet<>(Set.of(pause.node()));
      } else if (fault instanceof NetworkFault.Isolate isolate) {
        return new TreeSet<>(Set.of(isolate.node()));
      } else if (fault instanceof NetworkFault.ClogNode clog) {
        return new TreeSet<>(Set.of(clog.node()));
      } else if (fault instanceof NodeFault.ZoneOutage outage) {
        return new TreeSet<>(config.zones().get(outage.zone()));
      } else if (fault instanceof NetworkFault.Partition partition) {
        Set<String> first = partition.sides().get(0);
        Set<String> second = partition.sides().get(1);
        return new TreeSet<>(second.size() < first.size() ? second : first);
      } else if (fault instanceof NetworkFault.OneWayPartition oneWay) {
        return new TreeSet<>(
            oneWay.to().size() < oneWay.from().size() ? oneWay.to() : oneWay.from());
      }
      return Collections.emptySortedSet();
    }

    private static boolean isCrash(Fault fault) {
      return fault instanceof NodeFault.Crash || fault instanceof NodeFault.ZoneOutage;
    }
  }

  /** Nodes down over [startNanos, endNanos); {@code crash} if they are crashed, not cut off. */
  private record DownInterval(long startNanos, long endNanos, Set<String> nodes, boolean crash) {
    boolean covers(long atNanos) {
      return startNanos <= atNanos && atNanos < endNanos;
    }
  }
}
