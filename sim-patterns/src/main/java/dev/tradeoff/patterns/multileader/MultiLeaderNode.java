package dev.tradeoff.patterns.multileader;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One leader: serves its clients' reads and writes from its own copy at once (a write is
 * acknowledged as soon as the leader applied it and made it durable), and exchanges its log with
 * every other leader asynchronously (full mesh).
 *
 * <p>Replication is reliable despite loss and partitions: every {@code exchange} interval (or every
 * {@value #RESEND_NANOS} ns when writes are pushed immediately) the leader sends each peer the
 * slice of its log after what that peer acknowledged, at most {@code batch} writes. A leader ships
 * only its own log, so a write can reach a peer before the writes it depends on (a write of
 * leader-1 that had seen one of leader-0 may reach leader-2 first, or alone, when leader-0 and
 * leader-2 are cut off from each other).
 *
 * <p><b>Causal delivery.</b> A peer therefore applies a write {@code w} of origin {@code o} only
 * when it directly follows what it applied of {@code o} and it has applied everything {@code w}'s
 * leader had: {@code w.context[j] <= applied[j]} for every other leader {@code j}. Writes that
 * arrive early wait in a per-origin buffer (with the rest of {@code o}'s log behind them) and are
 * retried whenever anything is applied; only applied writes are acknowledged, so the origin keeps
 * resending the rest. This is the causal delivery of Bayou's anti-entropy and COPS' dependency
 * checks: each leader's applied vector is downward closed, so a write's context is its whole causal
 * past, indirect knowledge included, and {@link Write#covers} is exact. The price is visibility: a
 * write whose dependency has not arrived stays invisible at that leader, even when it reached it
 * (under the asymmetric partition above, leader-2 sees nothing of leader-1's writes that followed
 * one of leader-0's until the partition heals).
 *
 * <p><b>Durability.</b> Every write a leader applies, its own or a peer's, is appended to its disk
 * under {@code a/<position>} and synced before the client or the peer is answered; a restart
 * replays the disk in order, so it resumes its sequence numbers, its applied vector and its data,
 * and peers' acknowledgements stay true. The cost: one disk write and one sync per accepted write
 * and per received slice (disk time is not charged here), and a disk that grows with every write
 * ever applied (no compaction); recovery replays the whole of it. What a leader buffered but had
 * not applied is lost in a crash and resent by its origin.
 *
 * <p>Each key holds its current writes: one under {@link ConflictPolicy#LWW} and {@link
 * ConflictPolicy#MERGE}; under {@link ConflictPolicy#VERSION_VECTORS} the siblings, sorted by
 * value. A read answers the value of the write that wins under the policy; with siblings, the
 * largest (the history records one value per read; the siblings are counted in the {@code
 * conflicts/sibling-reads} series). Requests cost CPU service time; applying replicated writes is
 * free.
 */
final class MultiLeaderNode implements Node {
  /** The role timeline's track saying that a leader takes writes. */
  static final String ROLE_TRACK = "role";

  /** What {@link #ROLE_TRACK} says while the leader is up. */
  static final String ACCEPTING = "leader, accepting writes";

  /** The role timeline's track of the windows in which a leader found concurrent writes. */
  static final String CONFLICT_TRACK = "conflicts";

  /** What {@link #CONFLICT_TRACK} says. */
  static final String RESOLVING = "resolving concurrent writes";

  /** A conflict window lasts this long after the last conflict found in it. */
  static final long CONFLICT_WINDOW_NANOS = 100_000_000L;

  /** Disk key prefix of the applied writes, in apply order. */
  static final String APPLIED_PREFIX = "a/";

  /** Retransmission period when writes are pushed as they are accepted ({@code exchange = 0}). */
  static final long RESEND_NANOS = 100_000_000L;

  private static final Object TICK = new Object();

  private final int index;
  private final Settings settings;
  private final Long2ObjectOpenHashMap<Write[]> data = new Long2ObjectOpenHashMap<>();
  private final long[] applied;
  private final long[] acked;
  private final List<Write> log = new ArrayList<>();
  private final int[] peers;
  // Per origin: writes received after what was applied of it, consecutive, waiting on dependencies.
  private final List<ArrayDeque<Write>> waiting = new ArrayList<>();
  private Context ctx;
  private long siblingReads;
  private long persisted;
  private boolean recovering;

  /** Leader {@code index} under {@code settings}. */
  MultiLeaderNode(int index, Settings settings) {
    this.index = index;
    this.settings = settings;
    applied = new long[settings.leaders()];
    acked = new long[settings.leaders()];
    peers = new int[settings.leaders()];
    for (int i = 0; i < settings.leaders(); i++) {
      waiting.add(new ArrayDeque<>());
    }
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    for (int i = 0; i < peers.length; i++) {
      peers[i] = ctx.nodeId(settings.names().get(i));
    }
    recover();
    // Every leader takes writes whenever it is up: the timeline shows which do at once.
    ctx.metrics().state(ctx.name(), ROLE_TRACK, settings.trueNanos().getAsLong(), ACCEPTING);
    ctx.setTimer(tickNanos(), TICK);
  }

  /** Replays the disk: every write applied before a crash, in the order it was applied. */
  private void recover() {
    Disk disk = ctx.disk();
    recovering = true;
    for (String key : disk.keys()) {
      if (key.startsWith(APPLIED_PREFIX)) {
        Write write = (Write) disk.get(key);
        applied[write.origin()] = write.seq();
        if (write.origin() == index) {
          log.add(write);
        }
        apply(write);
        persisted++;
      }
    }
    recovering = false;
  }

  /** Appends {@code write} to the disk's applied writes; durable at the next sync. */
  private void persist(Write write) {
    // Zero-padded so the disk's sorted keys are the apply order.
    ctx.disk().put(String.format(Locale.ROOT, "%s%016d", APPLIED_PREFIX, persisted++), write);
  }

  private long tickNanos() {
    return settings.exchangeNanos() > 0 ? settings.exchangeNanos() : RESEND_NANOS;
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Request request) {
      if (!ctx.process(new Job(from, request))) {
        ctx.send(from, new Response(request.op(), OpStatus.FAIL, History.NIL));
      }
    } else if (message instanceof Messages.Replicate replicate) {
      receive(from, replicate);
    } else if (message instanceof Messages.Ack ack) {
      int peer = peerIndex(from);
      if (peer >= 0 && ack.origin() == index) {
        acked[peer] = Math.max(acked[peer], ack.appliedSeq());
      }
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload == TICK) {
      for (int peer = 0; peer < peers.length; peer++) {
        if (peer != index && acked[peer] < log.size()) {
          send(peer, (int) acked[peer]);
        }
      }
      ctx.setTimer(tickNanos(), TICK);
    }
  }

  @Override
  public void onProcessed(Object job) {
    Job done = (Job) job;
    Request request = done.request();
    Response response =
        switch (request.kind()) {
          case READ -> new Response(request.op(), OpStatus.OK, read(request.key()));
          case WRITE -> {
            accept(request.key(), request.value());
            yield new Response(request.op(), OpStatus.OK, History.NIL);
          }
          // A register store: no lists, and no compare-and-set across leaders.
          case APPEND, CAS -> new Response(request.op(), OpStatus.FAIL, History.NIL);
        };
    ctx.send(done.client(), response);
  }

  private long read(long key) {
    Write[] current = data.get(key);
    if (current == null) {
      return History.NIL;
    }
    if (current.length > 1) {
      siblingReads++;
    }
    return current[current.length - 1].value();
  }

  private void accept(long key, long value) {
    long seq = ++applied[index];
    Write write = new Write(key, value, index, seq, ctx.localNanos(), applied.clone());
    log.add(write);
    settings.ledger().accepted(write);
    apply(write);
    persist(write);
    ctx.disk().sync();
    if (settings.exchangeNanos() == 0) {
      for (int peer = 0; peer < peers.length; peer++) {
        if (peer != index) {
          send(peer, (int) seq - 1);
        }
      }
    }
  }

  /** Sends {@code peer} this leader's log from position {@code from} (0-based), one batch. */
  private void send(int peer, int from) {
    int to = (int) Math.min(log.size(), (long) from + settings.batch());
    Write[] entries = log.subList(from, to).toArray(new Write[0]);
    ctx.send(peers[peer], new Messages.Replicate(index, entries));
  }

  private void receive(int from, Messages.Replicate replicate) {
    int origin = replicate.origin();
    if (origin == index || origin < 0 || origin >= applied.length) {
      return;
    }
    ArrayDeque<Write> queue = waiting.get(origin);
    for (Write write : replicate.entries()) {
      long next = applied[origin] + queue.size() + 1;
      if (write.seq() == next) {
        queue.addLast(write);
      } else if (write.seq() > next) {
        break; // a gap: the earlier slice was lost; the origin resends from our ack
      }
    }
    long[] before = applied.clone();
    deliver();
    if (!Arrays.equals(before, applied)) {
      ctx.disk().sync(); // before any acknowledgement says these writes are here
    }
    ctx.send(from, new Messages.Ack(origin, applied[origin]));
    for (int o = 0; o < applied.length; o++) {
      if (o != origin && applied[o] != before[o]) {
        ctx.send(peers[o], new Messages.Ack(o, applied[o]));
      }
    }
  }

  /**
   * Applies every waiting write whose causal past has been applied here, until none is left that
   * can be: applying one write of an origin may release another origin's.
   */
  private void deliver() {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int o = 0; o < waiting.size(); o++) {
        ArrayDeque<Write> queue = waiting.get(o);
        while (!queue.isEmpty() && deliverable(queue.peekFirst())) {
          Write write = queue.pollFirst();
          applied[o] = write.seq();
          apply(write);
          persist(write);
          progress = true;
        }
      }
    }
  }

  /** Whether this leader has applied everything {@code write}'s leader had when accepting it. */
  private boolean deliverable(Write write) {
    long[] context = write.context();
    for (int j = 0; j < applied.length; j++) {
      if (j != write.origin() && context[j] > applied[j]) {
        return false;
      }
    }
    return write.seq() == applied[write.origin()] + 1;
  }

  /** Applies {@code write} under the policy, noting a conflict with what the key held. */
  private void apply(Write write) {
    Write[] current = data.get(write.key());
    if (current == null) {
      data.put(write.key(), new Write[] {write});
      return;
    }
    for (Write held : current) {
      if (!recovering && write.concurrentWith(held)) {
        long now = settings.trueNanos().getAsLong();
        settings.ledger().conflict(index, write, held, now);
        // Conflicts found within CONFLICT_WINDOW_NANOS of each other make one window.
        ctx.metrics()
            .state(ctx.name(), CONFLICT_TRACK, now, RESOLVING, now + CONFLICT_WINDOW_NANOS);
      }
    }
    ConflictPolicy policy = settings.policy();
    if (policy != ConflictPolicy.VERSION_VECTORS) {
      if (policy.beats(write, current[0])) {
        data.put(write.key(), new Write[] {write});
      }
      return;
    }
    List<Write> kept = new ArrayList<>(current.length + 1);
    for (Write held : current) {
      if (held.covers(write)) {
        return; // a sibling already saw this write and replaced it
      }
      if (!write.covers(held)) {
        kept.add(held);
      }
    }
    kept.add(write);
    Write[] siblings = kept.toArray(new Write[0]);
    Arrays.sort(siblings, (a, b) -> Long.compare(a.value(), b.value()));
    data.put(write.key(), siblings);
  }

  private int peerIndex(int nodeId) {
    for (int i = 0; i < peers.length; i++) {
      if (peers[i] == nodeId) {
        return i;
      }
    }
    return -1;
  }

  /** The digest of {@code key}'s state here: 0 when absent. */
  long keyDigest(long key) {
    Write[] current = data.get(key);
    if (current == null) {
      return 0;
    }
    long h = 0x9E3779B97F4A7C15L;
    for (Write w : current) {
      h = Long.rotateLeft((h ^ w.value()) * 0xBF58476D1CE4E5B9L, 29);
    }
    return h | 1; // never 0, the digest of absence
  }

  /** A digest of the whole state; independent of the order keys were written in. */
  long digest() {
    long sum = 0;
    for (ObjectIterator<Long2ObjectOpenHashMap.Entry<Write[]>> it =
            data.long2ObjectEntrySet().fastIterator();
        it.hasNext(); ) {
      long key = it.next().getLongKey();
      // A sum over keys is order-free, so hash order never reaches the result.
      sum +=
          Long.rotateLeft((key + 0x632BE59BD9B4E019L) * 0x94D049BB133111EBL, 17) ^ keyDigest(key);
    }
    return sum;
  }

  /** Keys this leader holds, for the divergence probe (order irrelevant: it only counts). */
  long[] keys() {
    return data.keySet().toLongArray();
  }

  /** Writes of this leader's log that {@code peer} has not acknowledged. */
  long backlog(int peer) {
    return log.size() - acked[peer];
  }

  /** Adds every write this leader holds (values and siblings, any key order) to {@code into}. */
  void addHeld(List<Write> into) {
    for (Write[] current : data.values()) {
      into.addAll(Arrays.asList(current));
    }
  }

  /** Reads that found siblings. */
  long siblingReads() {
    return siblingReads;
  }

  private record Job(int client, Request request) {}
}
