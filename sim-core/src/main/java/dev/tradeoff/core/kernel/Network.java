package dev.tradeoff.core.kernel;

import dev.tradeoff.core.kernel.TraceRecorder.Fate;
import dev.tradeoff.core.random.Distribution;
import it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntLinkedOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The simulated network: zones, per-zone-pair latency models (in nanoseconds) with per-link
 * overrides, loss, duplication, and a directed connectivity matrix.
 *
 * <p>Latency is drawn per message from the sender's own network stream, so messages on one link can
 * overtake each other whenever the model has jitter. A latency spike scales and offsets a zone
 * pair's draws. A cut link (one direction; {@link #partition} cuts both) drops or holds messages as
 * its {@link PartitionMode} says, both at send time and for messages already in flight when they
 * arrive. A node's messages to itself take no time unless a link override says otherwise.
 */
public final class Network {
  private final Simulation sim;
  private final Object2IntLinkedOpenHashMap<String> zoneIds = new Object2IntLinkedOpenHashMap<>();
  private final List<String> zoneNames = new ArrayList<>();
  private Distribution defaultLatency = Distribution.constant(1_000_000);
  private Distribution[] pairLatency = new Distribution[0];
  private double[] pairScale = new double[0];
  private long[] pairExtraNanos = new long[0];
  private int latencyVersion;
  // One latency sampler per zone pair, drawing from the sending node's network stream through the
  // switch: a sampler per node and zone would add three objects of its own to every send.
  private final StreamSwitch senderStream = new StreamSwitch();
  private ContinuousSampler[] pairSamplers = new ContinuousSampler[0];
  private int samplersVersion = -1;

  private final Long2ObjectOpenHashMap<Distribution> linkLatency = new Long2ObjectOpenHashMap<>();
  private final Long2ObjectOpenHashMap<ContinuousSampler> linkSamplers =
      new Long2ObjectOpenHashMap<>();
  private double lossRate;
  private double duplicationRate;
  private final Long2DoubleOpenHashMap linkLoss = new Long2DoubleOpenHashMap();
  private final Long2DoubleOpenHashMap linkDuplication = new Long2DoubleOpenHashMap();

  private int[] zoneOfNode = new int[16];
  private int nodes;
  TraceRecorder recorder; // null unless a trace is recorded: one branch on the send path
  // Per node, how many of its outgoing links are cut: the timeline's network track.
  private int[] cutsFrom = new int[16];
  private final Long2ObjectOpenHashMap<PartitionMode> cuts = new Long2ObjectOpenHashMap<>();
  private final TreeMap<Long, List<Held>> held = new TreeMap<>();

  long sent;
  long delivered;
  long droppedByLoss;
  long droppedByPartition;
  long droppedAtDownNode;
  long duplicated;

  Network(Simulation sim) {
    this.sim = sim;
  }

  /** The id of zone {@code name}, creating it if new. */
  public int zone(String name) {
    int id = zoneIds.getOrDefault(name, -1);
    if (id >= 0) {
      return id;
    }
    id = zoneNames.size();
    zoneIds.put(name, id);
    zoneNames.add(name);
    int zones = zoneNames.size();
    Distribution[] latency = new Distribution[zones * zones];
    double[] scale = new double[zones * zones];
    long[] extra = new long[zones * zones];
    Arrays.fill(scale, 1.0);
    for (int a = 0; a < zones - 1; a++) {
      for (int b = 0; b < zones - 1; b++) {
        latency[a * zones + b] = pairLatency[a * (zones - 1) + b];
        scale[a * zones + b] = pairScale[a * (zones - 1) + b];
        extra[a * zones + b] = pairExtraNanos[a * (zones - 1) + b];
      }
    }
    pairLatency = latency;
    pairScale = scale;
    pairExtraNanos = extra;
    latencyVersion++;
    return id;
  }

  /** Registers node {@code id} in {@code zone}; ids come in order 0, 1, 2, … */
  void addNode(int id, int zone) {
    if (id == zoneOfNode.length) {
      zoneOfNode = Arrays.copyOf(zoneOfNode, 2 * id);
    }
    zoneOfNode[id] = zone;
    nodes = id + 1;
    if (id >= cutsFrom.length) {
      cutsFrom = Arrays.copyOf(cutsFrom, Math.max(16, 2 * id));
    }
  }

  /** Zone names in creation order. */
  public List<String> zones() {
    return List.copyOf(zoneNames);
  }

  /** The latency model for zone pairs that have none of their own (initially a constant 1 ms). */
  public void defaultLatency(Distribution latencyNanos) {
    defaultLatency = latencyNanos;
    latencyVersion++;
  }

  /** Latency between zones {@code a} and {@code b}, both directions. */
  public void latency(String a, String b, Distribution latencyNanos) {
    latencyOneWay(a, b, latencyNanos);
    latencyOneWay(b, a, latencyNanos);
  }

  /** Latency from zone {@code from} to zone {@code to} only. */
  public void latencyOneWay(String from, String to, Distribution latencyNanos) {
    int f = zone(from);
    int t = zone(to);
    pairLatency[f * zoneNames.size() + t] = latencyNanos;
    latencyVersion++;
  }

  /** Whether zone pair {@code from → to} has a model of its own (rather than the default). */
  public boolean hasLatency(String from, String to) {
    int f = zoneIds.getOrDefault(from, -1);
    int t = zoneIds.getOrDefault(to, -1);
    return f >= 0 && t >= 0 && pairLatency[f * zoneNames.size() + t] != null;
  }

  /**
   * Scales latency from zone {@code from} to zone {@code to} by {@code factor} and adds {@code
   * extraNanos}, e.g. for a latency spike; {@code (1, 0)} restores it.
   */
  public void latencySpike(String from, String to, double factor, long extraNanos) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("latency factor must be finite and >= 0, got " + factor);
    }
    if (extraNanos < 0) {
      throw new IllegalArgumentException("extra latency must be >= 0, got " + extraNanos);
    }
    int index = zone(from) * zoneNames.size() + zone(to);
    pairScale[index] = factor;
    pairExtraNanos[index] = extraNanos;
  }

  /** Latency on the directed link {@code from → to}, overriding its zone pair's model. */
  public void linkLatency(int from, int to, Distribution latencyNanos) {
    sim.node(to);
    long key = link(from, to);
    linkLatency.put(key, latencyNanos);
    linkSamplers.put(key, latencyNanos.sampler(StreamSwitch.fixedTo(sim.node(from))));
  }

  /** The global loss rate now in force. */
  public double lossRate() {
    return lossRate;
  }

  /** The global duplication rate now in force. */
  public double duplicationRate() {
    return duplicationRate;
  }

  /** The latency factor of zone pair {@code from → to} set by {@link #latencySpike} (1 if none). */
  public double latencySpikeFactor(String from, String to) {
    return pairScale[zone(from) * zoneNames.size() + zone(to)];
  }

  /** The extra latency of zone pair {@code from → to} set by {@link #latencySpike} (0 if none). */
  public long latencySpikeExtraNanos(String from, String to) {
    return pairExtraNanos[zone(from) * zoneNames.size() + zone(to)];
  }

  /** Probability that any message is lost. */
  public void lossRate(double probability) {
    lossRate = probability(probability);
  }

  /** Probability that any message is delivered twice. */
  public void duplicationRate(double probability) {
    duplicationRate = probability(probability);
  }

  /** Loss probability on the directed link {@code from → to}, replacing the global rate there. */
  public void linkLossRate(int from, int to, double probability) {
    sim.node(from);
    sim.node(to);
    linkLoss.put(link(from, to), probability(probability));
  }

  /** Duplication probability on the directed link {@code from → to}. */
  public void linkDuplicationRate(int from, int to, double probability) {
    sim.node(from);
    sim.node(to);
    linkDuplication.put(link(from, to), probability(probability));
  }

  /** Cuts the directed link {@code from → to}. */
  public void cut(int from, int to, PartitionMode mode) {
    sim.node(from);
    sim.node(to);
    if (cuts.put(link(from, to), mode) == null) {
      cutsChanged(from, +1);
    }
  }

  /** Publishes node {@code from}'s cut links on the timeline's network track. */
  private void cutsChanged(int from, int delta) {
    cutsFrom[from] += delta;
    int k = cutsFrom[from];
    sim.metrics()
        .state(
            sim.nodeName(from),
            Simulation.NETWORK_TRACK,
            sim.nowNanos(),
            k == 0 ? null : "cut off from " + k + " of " + (nodes - 1));
  }

  /** Whether the directed link {@code from → to} is cut. */
  public boolean isCut(int from, int to) {
    return cuts.containsKey(link(from, to));
  }

  /** Cuts every link between the two sides, both ways. */
  public void partition(Collection<Integer> sideA, Collection<Integer> sideB, PartitionMode mode) {
    for (int a : sideA) {
      for (int b : sideB) {
        cut(a, b, mode);
        cut(b, a, mode);
      }
    }
  }

  /** Heals the directed link {@code from → to}; messages it held leave now, in the order sent. */
  public void heal(int from, int to) {
    long key = link(from, to);
    if (cuts.remove(key) != null) {
      cutsChanged(from, -1);
    }
    List<Held> messages = held.remove(key);
    if (messages != null) {
      // A clogged link is a stream: what it held leaves in send order, never overtaking.
      long previous = Long.MIN_VALUE;
      for (Held message : messages) {
        long at =
            Math.max(
                previous,
                Simulation.saturatedAdd(sim.nowNanos(), latencyNanos(sim.node(from), to)));
        sim.scheduleMessage(at, from, to, message.payload());
        previous = at;
      }
    }
  }

  /** Heals every cut link. */
  public void healAll() {
    List<Long> keys = new ArrayList<>(cuts.keySet());
    keys.sort(null);
    for (long key : keys) {
      heal((int) (key >>> 32), (int) key);
    }
  }

  /** Message counters so far. */
  public NetworkStats stats() {
    int heldNow = 0;
    for (Map.Entry<Long, List<Held>> e : held.entrySet()) {
      heldNow += e.getValue().size();
    }
    return new NetworkStats(
        sent, delivered, droppedByLoss, droppedByPartition, droppedAtDownNode, duplicated, heldNow);
  }

  // ---- kernel side ----

  void send(NodeRuntime from, int to, Object message) {
    if (to < 0 || to >= nodes) {
      throw new IllegalArgumentException("no node with id " + to);
    }
    sent++;
    // Drawn whatever happens to the message, so that a fault which drops some messages leaves
    // every other message's latency as it was: runs that differ by one fault stay paired.
    long latency = latencyNanos(from, to);
    long key = link(from.id, to);
    if (!cuts.isEmpty()) {
      PartitionMode mode = cuts.get(key);
      if (mode != null) {
        if (mode == PartitionMode.DROP) {
          droppedByPartition++;
        } else {
          hold(key, new Held(sim.reserveSequence(), message));
        }
        record(
            from.id,
            to,
            message,
            mode == PartitionMode.DROP ? Fate.DROPPED_BY_PARTITION : Fate.HELD);
        return;
      }
    }
    double loss = linkLoss.isEmpty() ? lossRate : linkLoss.getOrDefault(key, lossRate);
    if (loss > 0 && from.lossRandom().nextDouble() < loss) {
      droppedByLoss++;
      record(from.id, to, message, Fate.DROPPED_BY_LOSS);
      return;
    }
    long now = sim.nowNanos();
    record(from.id, to, message, Fate.SENT);
    sim.scheduleMessage(Simulation.saturatedAdd(now, latency), from.id, to, message);
    double dup =
        linkDuplication.isEmpty()
            ? duplicationRate
            : linkDuplication.getOrDefault(key, duplicationRate);
    if (dup > 0 && from.duplicationRandom().nextDouble() < dup) {
      // the copy trails the original by up to one more latency, drawn from the duplication stream
      duplicated++;
      if (recorder != null) {
        recorder.duplicated(message);
      }
      long trail = (long) (from.duplicationRandom().nextDouble() * latency);
      sim.scheduleMessage(
          Simulation.saturatedAdd(now, Simulation.saturatedAdd(latency, trail)),
          from.id,
          to,
          message);
    }
  }

  /**
   * Returns true if a message arriving on {@code from → to} was dropped or held by a cut; {@code
   * sequence} is its place in send order.
   */
  boolean holdsOrDropsOnArrival(int from, int to, long sequence, Object message) {
    if (cuts.isEmpty()) {
      return false;
    }
    long key = link(from, to);
    PartitionMode mode = cuts.get(key);
    if (mode == null) {
      return false;
    }
    if (mode == PartitionMode.DROP) {
      droppedByPartition++;
    } else {
      hold(key, new Held(sequence, message));
    }
    if (recorder != null) {
      recorder.arrived(
          sim.nowNanos(),
          from,
          to,
          message,
          mode == PartitionMode.DROP ? Fate.DROPPED_BY_PARTITION : Fate.HELD);
    }
    return true;
  }

  private void record(int from, int to, Object message, Fate fate) {
    if (recorder != null) {
      recorder.sent(sim.nowNanos(), from, to, message, fate);
    }
  }

  private void hold(long key, Held message) {
    // Keep each link's held messages in send order: in-flight ones reach the cut after later sends.
    List<Held> list = held.computeIfAbsent(key, k -> new ArrayList<>());
    int i = list.size();
    while (i > 0 && list.get(i - 1).sequence() > message.sequence()) {
      i--;
    }
    list.add(i, message);
  }

  private long latencyNanos(NodeRuntime from, int to) {
    if (!linkSamplers.isEmpty()) {
      ContinuousSampler override = linkSamplers.get(link(from.id, to));
      if (override != null) {
        return Math.max(0L, Math.round(override.sample()));
      }
    }
    if (to == from.id) {
      return 0;
    }
    if (samplersVersion != latencyVersion) {
      rebuildSamplers();
    }
    int zones = zoneNames.size();
    // with one zone there is one model, and no need to look up where a random receiver sits
    int index = zones == 1 ? 0 : from.zone * zones + zoneOfNode[to];
    senderStream.source = from;
    double draw = pairSamplers[index].sample();
    double scale = pairScale[index];
    if (scale != 1.0) {
      draw *= scale;
    }
    return Simulation.saturatedAdd(Math.max(0L, Math.round(draw)), pairExtraNanos[index]);
  }

  private void rebuildSamplers() {
    ContinuousSampler[] samplers = new ContinuousSampler[pairLatency.length];
    for (int i = 0; i < samplers.length; i++) {
      Distribution model = pairLatency[i];
      samplers[i] = (model == null ? defaultLatency : model).sampler(senderStream);
    }
    pairSamplers = samplers;
    samplersVersion = latencyVersion;
  }

  private static long link(int from, int to) {
    return ((long) from << 32) | (to & 0xFFFFFFFFL);
  }

  private static double probability(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
    }
    return p;
  }

  /** A message waiting at a cut link, with its place in send order. */
  private record Held(long sequence, Object payload) {}
}
