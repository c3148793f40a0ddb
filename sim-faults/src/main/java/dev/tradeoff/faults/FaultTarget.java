package dev.tradeoff.faults;

import dev.tradeoff.core.kernel.Network;
import dev.tradeoff.core.kernel.PartitionMode;
import dev.tradeoff.core.kernel.Simulation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The simulation as faults see it: node and zone names resolved to ids once, when a schedule is
 * installed, and the bookkeeping that lets overlapping faults be undone exactly. One per {@link
 * FaultInjector}; faults reach it through {@link Fault#apply}.
 *
 * <p>The bookkeeping, and why:
 *
 * <ul>
 *   <li><b>Cuts.</b> Each directed link has the list of active faults that cut it, oldest first. A
 *       fault's revert removes only its own claims; a link is healed when its last claim goes, and
 *       otherwise keeps the mode of the newest remaining claim. A link already cut when a fault
 *       comes, by code outside the schedule, is left to that code: the fault does not claim it and
 *       its revert does not heal it. {@link NetworkFault.Heal} and the unclog faults heal whatever
 *       they cover and drop the claims there. When the mode of a link changes from {@code HOLD} to
 *       {@code DROP} while claims remain, what it held so far stays held until the link heals.
 *   <li><b>Down nodes.</b> Each node has the list of active faults that keep it down. A crash of an
 *       up node claims it; a crash of a node that active faults already keep down joins them; a
 *       crash of a node down for other reasons claims nothing. A revert restarts the node only when
 *       its last claim goes. A {@link NodeFault.Restart} drops every claim on the node. A crash
 *       with no duration keeps its claim for good, so overlapping windowed crashes never restart a
 *       node a permanent crash took down.
 *   <li><b>Layered settings</b> (loss rate, duplication rate, each directed zone pair's latency
 *       spike, each node's slow-down and clock drift). Each setting has a stack of active faults'
 *       values over the value it had before the first of them: the newest active value is in force,
 *       and when the last goes the old value returns, read from the kernel when the first applied.
 *   <li><b>Pauses</b> need none: the kernel extends a pause that overlaps another, and ends it
 *       itself.
 * </ul>
 *
 * <p>All maps here are sorted or insertion-ordered, so nothing observable depends on hashing.
 */
public final class FaultTarget {
  /** The revert of a fault that has nothing to revert. */
  static final Runnable NOTHING = () -> {};

  private static final String LOSS = "loss";
  private static final String DUPLICATION = "duplication";

  private final Simulation sim;
  private final Network network;
  private final Map<String, Integer> nodeIds = new TreeMap<>();
  private final Map<String, List<Integer>> zoneNodes = new TreeMap<>();
  private final List<Integer> allNodes;
  private long nextToken = 1;

  // Claims each token still holds, so that a fault whose claims a heal, unclog or restart took
  // away early is known to have ended then (its window stops shading).
  private final Map<Long, Integer> liveClaims = new TreeMap<>();
  private LongConsumer claimsEnded = token -> {};
  private final Map<Long, List<CutClaim>> cutClaims = new TreeMap<>();
  private final Map<Integer, List<Long>> downClaims = new TreeMap<>();
  private final Layers<String, Double> rates = new Layers<>();
  private final Layers<ZonePair, Spike> spikes = new Layers<>();
  private final Layers<Integer, Double> slowDowns = new Layers<>();
  private final Layers<Integer, Double> drifts = new Layers<>();

  /** Resolves every node and zone name the simulation has now. */
  FaultTarget(Simulation sim) {
    this.sim = sim;
    this.network = sim.network();
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < sim.nodeCount(); id++) {
      nodeIds.put(sim.nodeName(id), id);
      ids.add(id);
    }
    allNodes = Collections.unmodifiableList(ids);
    for (String zone : network.zones()) {
      zoneNodes.put(zone, List.copyOf(sim.nodesInZone(zone)));
    }
  }

  /** The simulation faults act on. */
  public Simulation simulation() {
    return sim;
  }

  /**
   * The id of node {@code name}; {@link IllegalArgumentException} naming it and the known nodes if
   * there is none.
   */
  public int nodeId(String name) {
    Integer id = nodeIds.get(name);
    if (id == null) {
      throw new IllegalArgumentException(
          "unknown node \"" + name + "\"; known nodes: " + String.join(", ", nodeIds.keySet()));
    }
    return id;
  }

  /** Ids of the named nodes, in the order of {@code names}. */
  List<Integer> nodeIds(Collection<String> names) {
    List<Integer> ids = new ArrayList<>();
    for (String name : names) {
      ids.add(nodeId(name));
    }
    return ids;
  }

  /** Whether there is a node called {@code name}. */
  boolean hasNode(String name) {
    return nodeIds.containsKey(name);
  }

  /** Whether there is a zone called {@code name}. */
  boolean hasZone(String name) {
    return zoneNodes.containsKey(name);
  }

  /** Known node names, sorted. */
  Collection<String> knownNodes() {
    return nodeIds.keySet();
  }

  /** Known zone names, sorted. */
  Collection<String> knownZones() {
    return zoneNodes.keySet();
  }

  /** Ids of the nodes of zone {@code zone} at install, ascending. */
  List<Integer> nodesInZone(String zone) {
    List<Integer> ids = zoneNodes.get(zone);
    if (ids == null) {
      throw new IllegalArgumentException(
          "unknown zone \"" + zone + "\"; known zones: " + String.join(", ", zoneNodes.keySet()));
    }
    return ids;
  }

  /** Ids of every node at install, ascending. */
  List<Integer> allNodes() {
    return allNodes;
  }

  // ---- links ----

  /** The directed link {@code from → to} as one number. */
  static long link(int from, int to) {
    return ((long) from << 32) | (to & 0xFFFFFFFFL);
  }

  private static int from(long link) {
    return (int) (link >>> 32);
  }

  private static int to(long link) {
    return (int) link;
  }

  /** Every link between {@code node} and each other node, both ways. */
  static List<Long> isolating(int node, List<Integer> all) {
    List<Long> links = new ArrayList<>();
    for (int other : all) {
      if (other != node) {
        links.add(link(node, other));
        links.add(link(other, node));
      }
    }
    return links;
  }

  /** Every link between nodes of different groups, both ways. */
  static List<Long> between(List<List<Integer>> groups) {
    List<Long> links = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      for (int j = i + 1; j < groups.size(); j++) {
        for (int a : groups.get(i)) {
          for (int b : groups.get(j)) {
            links.add(link(a, b));
            links.add(link(b, a));
          }
        }
      }
    }
    return links;
  }

  /** Every link from a node of {@code from} to a node of {@code to}. */
  static List<Long> oneWay(List<Integer> from, List<Integer> to) {
    List<Long> links = new ArrayList<>();
    for (int a : from) {
      for (int b : to) {
        links.add(link(a, b));
      }
    }
    return links;
  }

  // ---- cuts ----

  /** Tells {@code listener} the token of every claim set that ends, early or at its revert. */
  void onClaimsEnded(LongConsumer listener) {
    this.claimsEnded = listener;
  }

  /** The token the next claim set will get. */
  long nextToken() {
    return nextToken;
  }

  private void claimed(long token) {
    liveClaims.merge(token, 1, Integer::sum);
  }

  private void released(long token) {
    Integer left = liveClaims.get(token);
    if (left == null) {
      return;
    }
    if (left == 1) {
      liveClaims.remove(token);
      claimsEnded.accept(token);
    } else {
      liveClaims.put(token, left - 1);
    }
  }

  /** Ends a claim set that claimed nothing at all: the fault changed nothing. */
  private void settle(long token) {
    if (!liveClaims.containsKey(token)) {
      claimsEnded.accept(token);
    }
  }

  /** Cuts {@code links} in {@code mode} for one fault; the result heals only what it claimed. */
  Runnable cut(List<Long> links, PartitionMode mode) {
    long token = nextToken++;
    List<Long> claimed = new ArrayList<>();
    for (long link : links) {
      List<CutClaim> claims = cutClaims.get(link);
      if (claims == null) {
        if (network.isCut(from(link), to(link))) {
          continue; // cut outside the schedule: not ours to heal later
        }
        claims = new ArrayList<>();
        cutClaims.put(link, claims);
      }
      claims.add(new CutClaim(token, mode));
      claimed(token);
      network.cut(from(link), to(link), mode);
      claimed.add(link);
    }
    settle(token);
    return () -> uncut(claimed, token);
  }

  private void uncut(List<Long> links, long token) {
    for (long link : links) {
      List<CutClaim> claims = cutClaims.get(link);
      if (claims == null || !claims.removeIf(claim -> claim.token() == token)) {
        continue; // healed since by a heal or unclog fault
      }
      released(token);
      if (claims.isEmpty()) {
        cutClaims.remove(link);
        network.heal(from(link), to(link));
      } else {
        network.cut(from(link), to(link), claims.get(claims.size() - 1).mode());
      }
    }
  }

  /** Heals every cut link, ours or not, and forgets every claim. */
  void healAll() {
    for (List<CutClaim> claims : cutClaims.values()) {
      claims.forEach(claim -> released(claim.token()));
    }
    cutClaims.clear();
    network.healAll();
  }

  /** Heals {@code links}, whoever cut them, and forgets the claims on them. */
  void heal(List<Long> links) {
    for (long link : links) {
      List<CutClaim> claims = cutClaims.remove(link);
      if (claims != null) {
        claims.forEach(claim -> released(claim.token()));
      }
      network.heal(from(link), to(link));
    }
  }

  // ---- crashes ----

  /** Crashes {@code ids} for one fault; the result restarts those no other fault keeps down. */
  Runnable crash(List<Integer> ids, boolean loseUnsyncedWrites) {
    long token = nextToken++;
    List<Integer> claimed = new ArrayList<>();
    for (int id : ids) {
      List<Long> claims = downClaims.get(id);
      if (sim.isUp(id)) {
        sim.crash(id, loseUnsyncedWrites);
        if (claims != null) {
          claims.forEach(this::released); // stale: the node came back up since they were made
        }
        claims = new ArrayList<>();
        downClaims.put(id, claims);
      } else if (claims == null || claims.isEmpty()) {
        continue; // down for a reason outside the schedule: nothing of ours to undo
      }
      claims.add(token);
      claimed(token);
      claimed.add(id);
    }
    settle(token);
    return () -> {
      for (int id : claimed) {
        List<Long> claims = downClaims.get(id);
        if (claims != null && claims.remove(token)) {
          released(token);
          if (claims.isEmpty()) {
            downClaims.remove(id);
            sim.restart(id);
          }
        }
      }
    };
  }

  /** Restarts node {@code id} and drops every claim keeping it down. */
  void restart(int id) {
    List<Long> claims = downClaims.remove(id);
    if (claims != null) {
      claims.forEach(this::released);
    }
    sim.restart(id);
  }

  // ---- pauses ----

  /**
   * Pauses node {@code id} for {@code durationNanos}. The kernel keeps overlapping pauses exact by
   * itself (a pause of a paused node extends it to the later end), so nothing needs undoing here.
   */
  void pause(int id, long durationNanos) {
    sim.pause(id, durationNanos);
  }

  // ---- layered settings ----

  /** Sets the global loss rate for one fault. */
  Runnable lossRate(double rate) {
    return layer(rates, LOSS, rate, network::lossRate, network::lossRate);
  }

  /** Sets the global duplication rate for one fault. */
  Runnable duplicationRate(double rate) {
    return layer(rates, DUPLICATION, rate, network::duplicationRate, network::duplicationRate);
  }

  /** Spikes latency between two zones, both directions, for one fault. */
  Runnable latencySpike(String zoneA, String zoneB, double factor, long extraNanos) {
    Spike spike = new Spike(factor, extraNanos);
    Runnable forth = spikeOneWay(zoneA, zoneB, spike);
    if (zoneA.equals(zoneB)) {
      return forth;
    }
    Runnable back = spikeOneWay(zoneB, zoneA, spike);
    return () -> {
      forth.run();
      back.run();
    };
  }

  private Runnable spikeOneWay(String from, String to, Spike spike) {
    return layer(
        spikes,
        new ZonePair(from, to),
        spike,
        () ->
            new Spike(
                network.latencySpikeFactor(from, to), network.latencySpikeExtraNanos(from, to)),
        s -> network.latencySpike(from, to, s.factor(), s.extraNanos()));
  }

  /** Slows node {@code id} down for one fault. */
  Runnable slowDown(int id, double factor) {
    return layer(slowDowns, id, factor, () -> sim.slowDownFactor(id), f -> sim.slowDown(id, f));
  }

  /** Sets node {@code id}'s clock drift for one fault. */
  Runnable drift(int id, double drift) {
    return layer(
        drifts,
        id,
        drift,
        () -> sim.clock(id).drift(),
        d -> sim.clock(id).setDrift(sim.nowNanos(), d));
  }

  private <K, V> Runnable layer(
      Layers<K, V> layers, K key, V value, Supplier<V> current, Consumer<V> set) {
    long token = nextToken++;
    layers.push(key, token, value, current);
    set.accept(value);
    return () -> set.accept(layers.remove(key, token));
  }

  /** A cut of one link by one fault. */
  private record CutClaim(long token, PartitionMode mode) {}

  /** A directed zone pair. */
  private record ZonePair(String from, String to) {}

  /** A latency spike's parameters. */
  private record Spike(double factor, long extraNanos) {
    static final Spike NONE = new Spike(1.0, 0);
  }

  /**
   * Per key, the values active faults set, oldest first, over the value before the first of them.
   */
  private static final class Layers<K, V> {
    private final Map<K, Stack<V>> byKey = new LinkedHashMap<>();

    void push(K key, long token, V value, Supplier<V> current) {
      Stack<V> stack = byKey.get(key);
      if (stack == null) {
        stack = new Stack<>(current.get());
        byKey.put(key, stack);
      }
      stack.layers.add(new Layer<>(token, value));
    }

    /** Removes {@code token}'s value and returns the value now in force. */
    V remove(K key, long token) {
      Stack<V> stack = byKey.get(key);
      stack.layers.removeIf(layer -> layer.token() == token);
      if (stack.layers.isEmpty()) {
        byKey.remove(key);
        return stack.before;
      }
      return stack.layers.get(stack.layers.size() - 1).value();
    }

    private record Layer<V>(long token, V value) {}

    private static final class Stack<V> {
      final V before;
      final List<Layer<V>> layers = new ArrayList<>();

      Stack(V before) {
        this.before = before;
      }
    }
  }
}
