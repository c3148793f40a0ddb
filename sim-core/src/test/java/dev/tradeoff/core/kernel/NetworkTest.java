package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.random.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class NetworkTest {
  private static final long MS = 1_000_000L;

  /** One message handled by a node, at a true time. */
  record Delivery(long atNanos, int from, Object message) {}

  /** Keeps its context for the test to send through, and logs every message it handles. */
  static final class Peer implements Node {
    private final Simulation sim;
    private final List<Delivery> inbox;
    Context ctx;

    Peer(Simulation sim, List<Delivery> inbox) {
      this.sim = sim;
      this.inbox = inbox;
    }

    @Override
    public void onStart(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public void onMessage(int from, Object message) {
      inbox.add(new Delivery(sim.nowNanos(), from, message));
    }
  }

  /** A simulation of peers whose inboxes live outside the instances. */
  static final class World {
    final Simulation sim;
    final List<List<Delivery>> inboxes = new ArrayList<>();

    World(long seed) {
      sim = new Simulation(seed);
    }

    int add(String name, String zone) {
      List<Delivery> inbox = new ArrayList<>();
      inboxes.add(inbox);
      return sim.addNode(NodeSpec.of(name, zone, () -> new Peer(sim, inbox)));
    }

    List<Delivery> inbox(int node) {
      return inboxes.get(node);
    }

    List<Object> received(int node) {
      List<Object> messages = new ArrayList<>();
      for (Delivery d : inbox(node)) {
        messages.add(d.message());
      }
      return messages;
    }

    void sendAt(long atNanos, int from, int to, Object message) {
      sim.schedule(atNanos, () -> peer(from).ctx.send(to, message));
    }

    void sendManyAt(long atNanos, int from, int to, int count) {
      sim.schedule(
          atNanos,
          () -> {
            for (int i = 0; i < count; i++) {
              peer(from).ctx.send(to, i);
            }
          });
    }

    Peer peer(int node) {
      return (Peer) sim.nodeInstance(node);
    }

    NetworkStats stats() {
      return sim.network().stats();
    }
  }

  private static World twoNodes(long seed) {
    World w = new World(seed);
    w.add("a", "z");
    w.add("b", "z");
    return w;
  }

  private static List<Object> ints(int count) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(i);
    }
    return list;
  }

  // ---- partitions ----

  @Test
  void dropModeLosesMessagesSentOverACutLinkAndNothingArrivesAfterHeal() {
    World w = twoNodes(1);
    w.sim.network().cut(0, 1, PartitionMode.DROP);
    for (int i = 0; i < 5; i++) {
      w.sendAt((i + 1) * MS, 0, 1, "lost-" + i);
    }
    w.sim.schedule(20 * MS, () -> w.sim.network().heal(0, 1));
    w.sendAt(30 * MS, 0, 1, "after-heal");
    w.sim.runUntil(100 * MS);

    assertEquals(List.of("after-heal"), w.received(1));
    NetworkStats stats = w.stats();
    assertEquals(6, stats.sent());
    assertEquals(5, stats.droppedByPartition());
    assertEquals(0, stats.heldNow());
  }

  @Test
  void holdModeDeliversAfterHealInTheOrderSent() {
    World w = twoNodes(1);
    w.sim.network().cut(0, 1, PartitionMode.HOLD);
    for (int i = 0; i < 5; i++) {
      w.sendAt((i + 1) * MS, 0, 1, i);
    }
    w.sim.schedule(20 * MS, () -> w.sim.network().heal(0, 1));

    w.sim.runUntil(19 * MS);
    assertTrue(w.inbox(1).isEmpty(), "nothing crosses a held link before heal");
    assertEquals(5, w.stats().heldNow());

    w.sim.runUntil(100 * MS);
    assertEquals(ints(5), w.received(1));
    for (Delivery d : w.inbox(1)) {
      assertEquals(21 * MS, d.atNanos(), "held messages leave at heal with the link's latency");
    }
    assertEquals(0, w.stats().droppedByPartition());
    assertEquals(0, w.stats().heldNow());
  }

  @Test
  void dropModeLosesMessagesAlreadyInFlightWhenTheLinkIsCut() {
    World w = twoNodes(1);
    w.sim.network().defaultLatency(Distribution.constant(10 * MS));
    w.sendAt(0, 0, 1, "in-flight");
    w.sim.schedule(5 * MS, () -> w.sim.network().cut(0, 1, PartitionMode.DROP));
    w.sim.schedule(50 * MS, () -> w.sim.network().heal(0, 1));
    w.sim.runUntil(200 * MS);

    assertTrue(w.inbox(1).isEmpty());
    assertEquals(1, w.stats().droppedByPartition());
  }

  @Test
  void holdModeDeliversMessagesAlreadyInFlightAfterHeal() {
    World w = twoNodes(1);
    w.sim.network().defaultLatency(Distribution.constant(10 * MS));
    w.sendAt(0, 0, 1, "in-flight");
    w.sim.schedule(5 * MS, () -> w.sim.network().cut(0, 1, PartitionMode.HOLD));
    w.sim.schedule(50 * MS, () -> w.sim.network().heal(0, 1));

    w.sim.runUntil(49 * MS);
    assertTrue(w.inbox(1).isEmpty());
    assertEquals(1, w.stats().heldNow());

    w.sim.runUntil(200 * MS);
    assertEquals(List.of(new Delivery(60 * MS, 0, "in-flight")), w.inbox(1));
    assertEquals(0, w.stats().droppedByPartition());
  }

  /**
   * A message in flight when the link is cut reaches the cut later than a message sent after the
   * cut, yet it was sent first; on heal the link must still deliver in send order.
   */
  @Test
  void holdModeKeepsSendOrderBetweenInFlightAndLaterMessages() {
    World w = twoNodes(1);
    w.sim.network().defaultLatency(Distribution.constant(10 * MS));
    w.sendAt(0, 0, 1, "first");
    w.sim.schedule(5 * MS, () -> w.sim.network().cut(0, 1, PartitionMode.HOLD));
    w.sendAt(6 * MS, 0, 1, "second");
    w.sim.schedule(50 * MS, () -> w.sim.network().heal(0, 1));
    w.sim.runUntil(200 * MS);

    assertEquals(List.of("first", "second"), w.received(1));
  }

  @Test
  void oneWayCutBlocksOnlyItsDirection() {
    World w = twoNodes(1);
    w.sim.network().cut(0, 1, PartitionMode.DROP);
    assertTrue(w.sim.network().isCut(0, 1));
    assertFalse(w.sim.network().isCut(1, 0));

    w.sendAt(MS, 0, 1, "a->b");
    w.sendAt(MS, 1, 0, "b->a");
    w.sim.runUntil(50 * MS);

    assertTrue(w.inbox(1).isEmpty());
    assertEquals(List.of("b->a"), w.received(0));
    assertEquals(1, w.stats().droppedByPartition());
  }

  @Test
  void partitionCutsBothDirectionsBetweenSidesAndHealAllRestores() {
    World w = new World(1);
    for (String name : List.of("n0", "n1", "n2", "n3")) {
      w.add(name, "z");
    }
    List<Integer> left = List.of(0, 1);
    List<Integer> right = List.of(2, 3);
    w.sim.network().partition(left, right, PartitionMode.DROP);
    for (int a : left) {
      for (int b : right) {
        assertTrue(w.sim.network().isCut(a, b), a + "->" + b);
        assertTrue(w.sim.network().isCut(b, a), b + "->" + a);
      }
    }
    assertFalse(w.sim.network().isCut(0, 1));
    assertFalse(w.sim.network().isCut(2, 3));

    sendAllPairs(w, MS, "cut");
    w.sim.schedule(10 * MS, () -> w.sim.network().healAll());
    sendAllPairs(w, 20 * MS, "healed");
    w.sim.runUntil(100 * MS);

    for (int node = 0; node < 4; node++) {
      Set<String> got = new TreeSet<>();
      for (Object m : w.received(node)) {
        got.add((String) m);
      }
      int mate = node ^ 1;
      Set<String> expected = new TreeSet<>();
      expected.add("cut:" + mate + "->" + node);
      for (int from = 0; from < 4; from++) {
        if (from != node) {
          expected.add("healed:" + from + "->" + node);
        }
      }
      assertEquals(expected, got, "node " + node);
    }
    assertEquals(8, w.stats().droppedByPartition());
    assertFalse(w.sim.network().isCut(0, 2));
    assertFalse(w.sim.network().isCut(3, 1));
  }

  private static void sendAllPairs(World w, long atNanos, String tag) {
    for (int from = 0; from < 4; from++) {
      for (int to = 0; to < 4; to++) {
        if (from != to) {
          w.sendAt(atNanos, from, to, tag + ":" + from + "->" + to);
        }
      }
    }
  }

  // ---- loss and duplication ----

  @Test
  void lossRateOneDropsEverythingAndZeroDropsNothing() {
    World all = twoNodes(1);
    all.sim.network().lossRate(1.0);
    all.sendManyAt(0, 0, 1, 1_000);
    all.sim.runUntil(50 * MS);
    assertTrue(all.inbox(1).isEmpty());
    assertEquals(1_000, all.stats().droppedByLoss());

    World none = twoNodes(1);
    none.sim.network().lossRate(0.0);
    none.sendManyAt(0, 0, 1, 1_000);
    none.sim.runUntil(50 * MS);
    assertEquals(1_000, none.inbox(1).size());
    assertEquals(0, none.stats().droppedByLoss());
  }

  /**
   * Losses over n = 10,000 messages at p = 0.3 are Binomial(n, p): mean 3,000, standard deviation
   * sqrt(n p (1 - p)) ≈ 45.8. A band of ±6 sigma (±275) fails a correct kernel with probability
   * about 2e-9 per run. One run only catches rates off by 3 points or more, so the sum over ten
   * seeds (Binomial(10n, p), sigma ≈ 145, band ±869) also checks the rate to within about 1 point.
   */
  @Test
  void lossRateIsBinomialAndSeeded() {
    int n = 10_000;
    double p = 0.3;
    long first = lostMessages(42, n, p);
    assertWithinSixSigma(first, n, p);
    assertEquals(first, lostMessages(42, n, p), "same seed, same losses");

    Set<Long> counts = new TreeSet<>();
    long total = 0;
    for (long seed = 1; seed <= 10; seed++) {
      long lost = lostMessages(seed, n, p);
      counts.add(lost);
      total += lost;
    }
    assertTrue(counts.size() > 1, "losses must depend on the seed, got " + counts);
    assertWithinSixSigma(total, 10 * n, p);
  }

  private static void assertWithinSixSigma(long count, int n, double p) {
    double sigma = Math.sqrt(n * p * (1 - p));
    assertTrue(
        Math.abs(count - n * p) <= 6 * sigma,
        count + " of " + n + ", expected " + n * p + " ± " + 6 * sigma);
  }

  private static long lostMessages(long seed, int n, double p) {
    World w = twoNodes(seed);
    w.sim.network().lossRate(p);
    w.sendManyAt(0, 0, 1, n);
    w.sim.runUntil(50 * MS);
    NetworkStats stats = w.stats();
    assertEquals(n, stats.sent());
    assertEquals(n, stats.delivered() + stats.droppedByLoss());
    assertEquals(stats.delivered(), w.inbox(1).size());
    return stats.droppedByLoss();
  }

  /**
   * A node's losses are the draws of its own loss stream, forked from the run seed by {@code
   * "net-loss/"} and the node's name, however late loss is first switched on (the kernel makes the
   * stream then): the same messages are dropped as if the stream had existed from the start.
   */
  @Test
  void aNodesLossesAreItsOwnStreamsDrawsWheneverLossStarts() {
    World w = twoNodes(7);
    sendNumbered(w, MS, "early:", 100);
    w.sim.schedule(2 * MS, () -> w.sim.network().lossRate(0.5));
    sendNumbered(w, 3 * MS, "late:", 200);
    w.sim.runUntil(50 * MS);

    UniformRandomProvider losses = w.sim.randomStreams().fork("net-loss/a");
    Set<Object> expected = new TreeSet<>();
    for (int i = 0; i < 100; i++) {
      expected.add("early:" + i);
    }
    for (int i = 0; i < 200; i++) {
      if (!(losses.nextDouble() < 0.5)) {
        expected.add("late:" + i);
      }
    }
    assertEquals(expected, new TreeSet<>(w.received(1)));
    assertEquals(300 - expected.size(), w.stats().droppedByLoss());
  }

  /** Node 0 sends {@code prefix + i} to node 1 for i below {@code count}, in that order. */
  private static void sendNumbered(World w, long atNanos, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      w.sendAt(atNanos, 0, 1, prefix + i);
    }
  }

  /** The same for duplicates, drawn from {@code "net-dup/"} and the node's name. */
  @Test
  void aNodesDuplicatesAreItsOwnStreamsDrawsWheneverDuplicationStarts() {
    World w = twoNodes(7);
    w.sim.schedule(2 * MS, () -> w.sim.network().duplicationRate(0.5));
    sendNumbered(w, 3 * MS, "m:", 200);
    w.sim.runUntil(50 * MS);

    UniformRandomProvider duplicates = w.sim.randomStreams().fork("net-dup/a");
    Set<Object> expected = new TreeSet<>();
    for (int i = 0; i < 200; i++) {
      if (duplicates.nextDouble() < 0.5) {
        expected.add("m:" + i);
        duplicates.nextDouble(); // how far the copy trails
      }
    }
    Set<Object> seen = new TreeSet<>();
    Set<Object> twice = new TreeSet<>();
    for (Object message : w.received(1)) {
      if (!seen.add(message)) {
        twice.add(message);
      }
    }
    assertEquals(expected, twice);
    assertEquals(200, seen.size());
  }

  @Test
  void duplicationRateOneDeliversEveryMessageTwice() {
    World w = twoNodes(1);
    w.sim.network().duplicationRate(1.0);
    w.sendManyAt(0, 0, 1, 100);
    w.sim.runUntil(50 * MS);

    assertEquals(100, w.stats().duplicated());
    assertEquals(200, w.inbox(1).size());
    assertEquals(2 * 100, w.stats().delivered());
    TreeMap<Object, Integer> copies = copiesByMessage(w.received(1));
    assertEquals(100, copies.size());
    assertTrue(copies.values().stream().allMatch(c -> c == 2), copies.toString());
  }

  /** Same binomial reasoning as for loss: n = 4,000, p = 0.25, sigma ≈ 27.4, band ±6 sigma. */
  @Test
  void duplicatesArriveAndAreCounted() {
    int n = 4_000;
    double p = 0.25;
    World w = twoNodes(7);
    w.sim.network().duplicationRate(p);
    w.sendManyAt(0, 0, 1, n);
    w.sim.runUntil(50 * MS);

    long duplicated = w.stats().duplicated();
    assertWithinSixSigma(duplicated, n, p);
    assertEquals(n + duplicated, w.inbox(1).size());
    assertEquals(n, w.stats().sent(), "a duplicate is not counted as sent");
    TreeMap<Object, Integer> copies = copiesByMessage(w.received(1));
    assertEquals(n, copies.size(), "every message arrives at least once");
    long twice = copies.values().stream().filter(c -> c == 2).count();
    assertEquals(duplicated, twice);
  }

  private static TreeMap<Object, Integer> copiesByMessage(List<Object> messages) {
    TreeMap<Object, Integer> copies = new TreeMap<>();
    for (Object m : messages) {
      copies.merge(m, 1, Integer::sum);
    }
    return copies;
  }

  // ---- ordering ----

  @Test
  void jitterReordersMessagesOnOneLink() {
    World w = twoNodes(3);
    w.sim.network().defaultLatency(Distribution.uniform(MS, 10 * MS));
    w.sendManyAt(0, 0, 1, 1_000);
    w.sim.runUntil(50 * MS);

    List<Object> received = w.received(1);
    assertEquals(1_000, received.size());
    assertNotEquals(ints(1_000), received, "uniform(1ms, 10ms) jitter must reorder some messages");
    assertEquals(new TreeSet<>(ints(1_000)), new TreeSet<>(received));
    for (Delivery d : w.inbox(1)) {
      assertTrue(d.atNanos() >= MS && d.atNanos() <= 10 * MS, "arrival " + d.atNanos());
    }
  }

  @Test
  void constantLatencyKeepsSendOrderEvenForEqualArrivalTimes() {
    World w = twoNodes(3);
    w.sim.network().defaultLatency(Distribution.constant(2 * MS));
    w.sendManyAt(0, 0, 1, 1_000);
    w.sim.runUntil(50 * MS);

    assertEquals(ints(1_000), w.received(1));
    assertTrue(w.inbox(1).stream().allMatch(d -> d.atNanos() == 2 * MS));
  }

  // ---- latency ----

  @Test
  void linkLatencyOverridesTheZonePairModelInOneDirection() {
    World w = twoNodes(1);
    w.sim.network().defaultLatency(Distribution.constant(MS));
    w.sim.network().linkLatency(0, 1, Distribution.constant(7 * MS));
    w.sendAt(10 * MS, 0, 1, "slow");
    w.sendAt(10 * MS, 1, 0, "default");
    w.sim.runUntil(100 * MS);

    assertEquals(List.of(new Delivery(17 * MS, 0, "slow")), w.inbox(1));
    assertEquals(List.of(new Delivery(11 * MS, 1, "default")), w.inbox(0));
  }

  @Test
  void latencySpikeScalesAndOffsetsTheZonePairExactly() {
    World w = new World(1);
    int a = w.add("a", "east");
    int b = w.add("b", "west");
    w.sim.network().latency("east", "west", Distribution.constant(3 * MS));
    Network net = w.sim.network();

    w.sendAt(0, a, b, "base");
    w.sim.schedule(100 * MS, () -> net.latencySpike("east", "west", 3.0, 0));
    w.sendAt(100 * MS, a, b, "x3");
    w.sendAt(100 * MS, b, a, "reverse");
    w.sim.schedule(200 * MS, () -> net.latencySpike("east", "west", 1.0, 2 * MS));
    w.sendAt(200 * MS, a, b, "+2ms");
    w.sim.schedule(300 * MS, () -> net.latencySpike("east", "west", 2.0, MS / 2));
    w.sendAt(300 * MS, a, b, "x2+0.5ms");
    w.sim.schedule(400 * MS, () -> net.latencySpike("east", "west", 1.0, 0));
    w.sendAt(400 * MS, a, b, "restored");
    w.sim.runUntil(500 * MS);

    assertEquals(
        List.of(
            new Delivery(3 * MS, a, "base"),
            new Delivery(109 * MS, a, "x3"),
            new Delivery(205 * MS, a, "+2ms"),
            new Delivery(306 * MS + MS / 2, a, "x2+0.5ms"),
            new Delivery(403 * MS, a, "restored")),
        w.inbox(b));
    assertEquals(List.of(new Delivery(103 * MS, b, "reverse")), w.inbox(a), "a spike is one-way");
  }
}
