package dev.tradeoff.patterns.quorum;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.patterns.quorum.Messages.Digest;
import dev.tradeoff.patterns.quorum.Messages.Handoff;
import dev.tradeoff.patterns.quorum.Messages.HandoffAck;
import dev.tradeoff.patterns.quorum.Messages.Read;
import dev.tradeoff.patterns.quorum.Messages.ReadReply;
import dev.tradeoff.patterns.quorum.Messages.Write;
import dev.tradeoff.patterns.quorum.Messages.WriteAck;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * One node of a leaderless group: a home replica ({@code index < n}) or a spare. It keeps, per key,
 * the newest version it has seen — versions are ordered by the coordinator's timestamp, ties by the
 * (unique) value: last writer wins, as in Cassandra. Client reads and writes cost service time on
 * its CPU (a request the full queue rejects is dropped unanswered, so the coordinator counts it as
 * a missing reply); background work (hinted handoff, anti-entropy) is applied free.
 *
 * <p>A spare stores the writes it takes for a missing home replica as <em>hints</em>, answers reads
 * from them, and every {@code handoff} interval sends each hint to its home replica until that one
 * acknowledges it; then it forgets the write. A home replica with anti-entropy on exchanges its
 * whole state (push-pull, the effect of a Merkle-tree sync without its bandwidth savings) with one
 * random other home replica every interval.
 *
 * <p>State lives in memory: a crash loses it, and the restarted replica is refilled by read repair,
 * anti-entropy and later writes only.
 */
final class QuorumReplica implements Node {
  private static final Object HANDOFF_TIMER = new Object();
  private static final Object ANTI_ENTROPY_TIMER = new Object();

  private final Settings config;
  private final int index;
  private final Long2LongOpenHashMap stamps = new Long2LongOpenHashMap();
  private final Long2LongOpenHashMap values = new Long2LongOpenHashMap();
  private final TreeMap<Long, Hint> hints = new TreeMap<>();
  private final Int2IntOpenHashMap indexOfNode = new Int2IntOpenHashMap();
  private int[] nodeIds;
  private Context ctx;
  private ContinuousSampler ackDelay;
  private ContinuousSampler responseDelay;
  private boolean handoffArmed;

  QuorumReplica(Settings config, int index) {
    this.config = config;
    this.index = index;
    stamps.defaultReturnValue(Long.MIN_VALUE);
    values.defaultReturnValue(History.NIL);
    indexOfNode.defaultReturnValue(-1);
  }

  /** A newest-version-and-the-homes-still-missing-it record, for spares. */
  private static final class Hint {
    long stamp;
    long value;
    int missingHomes; // bit i: home replica i has not acknowledged the handoff
  }

  /** A message held back by its WARS delay. */
  private record Outbound(int to, Object message) {}

  @Override
  public void onStart(Context context) {
    ctx = context;
    nodeIds = new int[config.nodeCount()];
    for (int i = 0; i < nodeIds.length; i++) {
      nodeIds[i] = ctx.nodeId(config.node(i));
      indexOfNode.put(nodeIds[i], i);
    }
    if (config.wars().active()) {
      ackDelay = config.wars().ackNanos().sampler(ctx.random());
      responseDelay = config.wars().responseNanos().sampler(ctx.random());
    }
    if (config.antiEntropyNanos() > 0 && index < config.n() && config.n() > 1) {
      // Replicas start out of phase so that rounds do not all line up.
      ctx.setTimer(
          1 + (long) (ctx.random().nextDouble() * config.antiEntropyNanos()), ANTI_ENTROPY_TIMER);
    }
  }

  /** Hinted writes this spare still has to hand off (0 for a home replica). */
  int hintCount() {
    return hints.size();
  }

  /** Keys this node holds. */
  int keyCount() {
    return stamps.size();
  }

  /** The value this node holds for {@code key}, or {@link History#NIL}. */
  long value(long key) {
    return values.get(key);
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Write || message instanceof Read) {
      ctx.process(new Job(from, message)); // rejected when the queue is full: no answer
    } else if (message instanceof Handoff h) {
      apply(h.key(), h.stamp(), h.value());
      ctx.send(from, new HandoffAck(h.key(), h.stamp()));
    } else if (message instanceof HandoffAck ack) {
      handoffAcked(indexOfNode.get(from), ack);
    } else if (message instanceof Digest d) {
      merge(d);
      if (d.push()) {
        ctx.send(from, newerThan(d));
      }
    }
  }

  private record Job(int from, Object message) {}

  @Override
  public void onProcessed(Object job) {
    Job j = (Job) job;
    if (j.message() instanceof Write write) {
      apply(write.key(), write.stamp(), write.value());
      if (write.hintFor() != Messages.NO_HINT) {
        hint(write);
      }
      if (write.op() != Messages.NO_REPLY) {
        reply(j.from(), new WriteAck(write.op()), ackDelay);
      }
    } else {
      Read read = (Read) j.message();
      reply(
          j.from(),
          new ReadReply(read.op(), stamps.get(read.key()), values.get(read.key())),
          responseDelay);
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload instanceof Outbound out) {
      ctx.send(out.to(), out.message());
    } else if (payload == HANDOFF_TIMER) {
      handoffArmed = false;
      for (Map.Entry<Long, Hint> e : hints.entrySet()) {
        Hint h = e.getValue();
        for (int home = 0; home < config.n(); home++) {
          if ((h.missingHomes & (1 << home)) != 0) {
            ctx.send(nodeIds[home], new Handoff(e.getKey(), h.stamp, h.value));
          }
        }
      }
      armHandoff();
    } else if (payload == ANTI_ENTROPY_TIMER) {
      int peer = ctx.random().nextInt(config.n() - 1);
      if (peer >= index) {
        peer++; // any home replica but this one
      }
      ctx.send(nodeIds[peer], digest(null));
      ctx.setTimer(config.antiEntropyNanos(), ANTI_ENTROPY_TIMER);
    }
  }

  private void reply(int to, Object message, ContinuousSampler delay) {
    if (delay == null) {
      ctx.send(to, message);
    } else {
      ctx.setTimer(Math.max(0L, Math.round(delay.sample())), new Outbound(to, message));
    }
  }

  /** Keeps {@code (stamp, value)} if it is newer than what this node has. */
  private void apply(long key, long stamp, long value) {
    long have = stamps.get(key);
    if (stamp > have || (stamp == have && value > values.get(key))) {
      stamps.put(key, stamp);
      values.put(key, value);
    }
  }

  private void hint(Write write) {
    Hint h = hints.get(write.key());
    if (h == null) {
      h = new Hint();
      h.stamp = Long.MIN_VALUE;
      hints.put(write.key(), h);
    }
    if (write.stamp() > h.stamp || (write.stamp() == h.stamp && write.value() > h.value)) {
      h.stamp = write.stamp();
      h.value = write.value();
    }
    h.missingHomes |= 1 << write.hintFor();
    armHandoff();
  }

  private void armHandoff() {
    if (!handoffArmed && !hints.isEmpty()) {
      handoffArmed = true;
      ctx.setTimer(config.handoffNanos(), HANDOFF_TIMER);
    }
  }

  private void handoffAcked(int home, HandoffAck ack) {
    Hint h = hints.get(ack.key());
    if (h == null || home < 0 || h.stamp != ack.stamp()) {
      return; // a newer hint replaced it: that one must be handed off too
    }
    h.missingHomes &= ~(1 << home);
    if (h.missingHomes == 0) {
      hints.remove(ack.key());
      // The spare only held the write for others; once they all have it, it lets go.
      stamps.remove(ack.key());
      values.remove(ack.key());
    }
  }

  private void merge(Digest d) {
    for (int i = 0; i < d.keys().length; i++) {
      apply(d.keys()[i], d.stamps()[i], d.values()[i]);
    }
  }

  /** What this node has newer than {@code other} or that {@code other} lacks, as a reply. */
  private Digest newerThan(Digest other) {
    return digest(other);
  }

  /** All keys (other == null, a push) or those newer than or missing from {@code other}. */
  private Digest digest(Digest other) {
    long[] keys = stamps.keySet().toLongArray();
    Arrays.sort(keys);
    int count = 0;
    long[] outKeys = new long[keys.length];
    long[] outStamps = new long[keys.length];
    long[] outValues = new long[keys.length];
    for (long key : keys) {
      long stamp = stamps.get(key);
      long value = values.get(key);
      if (other != null) {
        int at = Arrays.binarySearch(other.keys(), key);
        if (at >= 0
            && (other.stamps()[at] > stamp
                || (other.stamps()[at] == stamp && other.values()[at] >= value))) {
          continue; // the other side is as new
        }
      }
      outKeys[count] = key;
      outStamps[count] = stamp;
      outValues[count] = value;
      count++;
    }
    return new Digest(
        Arrays.copyOf(outKeys, count),
        Arrays.copyOf(outStamps, count),
        Arrays.copyOf(outValues, count),
        other == null);
  }
}
