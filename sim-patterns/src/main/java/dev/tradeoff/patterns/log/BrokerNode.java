package dev.tradeoff.patterns.log;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.patterns.log.LogMessages.AlterIsr;
import dev.tradeoff.patterns.log.LogMessages.AlterIsrReply;
import dev.tradeoff.patterns.log.LogMessages.BrokerHeartbeat;
import dev.tradeoff.patterns.log.LogMessages.Entry;
import dev.tradeoff.patterns.log.LogMessages.Fetch;
import dev.tradeoff.patterns.log.LogMessages.FetchReply;
import dev.tradeoff.patterns.log.LogMessages.Metadata;
import dev.tradeoff.patterns.log.LogMessages.MetadataReply;
import dev.tradeoff.patterns.log.LogMessages.MetadataRequest;
import dev.tradeoff.patterns.log.LogMessages.MetadataUpdate;
import dev.tradeoff.patterns.log.LogMessages.Produce;
import dev.tradeoff.patterns.log.LogMessages.ProduceReply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A broker: it holds a replica of every partition assigned to it and plays, per partition, the role
 * the controller's latest metadata gives it.
 *
 * <p><b>Leader.</b> It appends producers' records in its epoch (dropping an idempotent producer's
 * repeats), serves followers' and consumers' fetches, and keeps the high watermark at the smallest
 * log end among the in-sync replicas (ISR). With {@code acks=1} it answers a produce once appended;
 * with {@code acks=all} once the high watermark passed the record. Consumers read only below the
 * high watermark. A follower that has not caught up to the log end for {@code replicaLagMax} is
 * proposed for removal from the ISR, and one that caught up to the high watermark for re-entry;
 * both go through the controller (Kafka's AlterPartition), so while the controller is unreachable
 * the ISR cannot shrink and an {@code acks=all} write waiting on a dead follower waits. A follower
 * proposed for re-entry counts for the high watermark from the proposal until the controller's
 * answer (Kafka's maximal ISR): the controller may list it, and elect it, before the leader hears
 * so, and it must then hold every record the leader acknowledged.
 *
 * <p><b>Follower.</b> It fetches from the leader at its log end, naming the epoch of its last
 * record; a leader whose record there has another epoch answers "diverging" with the offset to cut
 * to (Kafka's leader-epoch truncation), so a deposed leader's unreplicated tail — acknowledged
 * under {@code acks=1} — is cut when it rejoins. The leader parks a fetch that finds nothing new
 * and answers it at the next append (long polling).
 *
 * <p><b>Disk.</b> Records go to the broker's disk, synced after every append or every {@code
 * flushInterval}; a crash loses what was not synced. A restart recovers the logs, bumps the
 * incarnation it heartbeats with (so the controller moves its leaderships away) and waits for the
 * controller's metadata before acting.
 */
final class BrokerNode implements Node {
  private static final Object TICK = new Object();

  /** The role timeline's track of the partitions a broker leads. */
  static final String ROLE_TRACK = "role";

  private static final Object FLUSH = new Object();

  /** Most records one replica fetch returns. */
  static final int MAX_REPLICA_FETCH = 1_000;

  private final LogSettings settings;
  private final int index;
  private final LogFacts facts;
  private Context ctx;
  private Disk disk;
  private int controller;
  private int[] brokerIds;
  private long incarnation;
  private Metadata metadata;
  private final PartitionState[] parts;

  /** A client request waiting for the CPU. */
  private record Job(int from, Object request) {}

  /** This broker's role and replication bookkeeping for one partition it holds. */
  private static final class PartitionState {
    final PartitionReplica replica;
    final int[] replicas;
    boolean leader;
    int leaderBroker = -1;
    long epoch;
    int[] isr = new int[0];
    long isrVersion; // the metadata version the ISR above is from
    // Leader: followers it asked the controller to add to the ISR, without an answer yet. Until
    // the answer they count for the high watermark too (Kafka's "maximal ISR", KIP-497): the
    // controller may already list them in the ISR, and so elect one of them.
    int[] pendingIsr = new int[0];
    // Leader: per broker index, the follower's log end from its last fetch, and the local time it
    // last was caught up; its parked fetch (the fetching node's id and the request), if any.
    long[] followerEnd;
    long[] caughtUpLocal;
    int[] parkedFrom;
    Fetch[] parked;
    final ArrayDeque<long[]> waitingAcks = new ArrayDeque<>(); // offset, from, requestId, value
    // Follower: the outstanding fetch's token and when it was sent.
    int fetchToken;
    boolean fetching;
    long fetchSentLocal;

    PartitionState(PartitionReplica replica, int[] replicas, int brokers) {
      this.replica = replica;
      this.replicas = replicas;
      followerEnd = new long[brokers];
      caughtUpLocal = new long[brokers];
      parkedFrom = new int[brokers];
      parked = new Fetch[brokers];
    }

    boolean inIsr(int b) {
      return contains(isr, b);
    }
  }

  BrokerNode(LogSettings settings, int index, LogFacts facts) {
    this.settings = settings;
    this.index = index;
    this.facts = facts;
    this.parts = new PartitionState[settings.totalPartitions()];
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    controller = ctx.nodeId(settings.controllerName());
    brokerIds = settings.brokerIds(ctx);
    incarnation = Incarnations.next(ctx.disk());
    for (int p = 0; p < parts.length; p++) {
      int[] replicas = settings.replicas(p);
      for (int b : replicas) {
        if (b == index) {
          parts[p] =
              new PartitionState(new PartitionReplica(p, disk), replicas, settings.brokers());
        }
      }
    }
    heartbeat();
    ctx.setTimer(settings.heartbeatNanos(), TICK);
    if (settings.flushIntervalNanos() > 0) {
      ctx.setTimer(settings.flushIntervalNanos(), FLUSH);
    }
  }

  // ---- the run's view, for probes and checkers (never used by the protocol) ----

  /** This broker's replica of {@code p}, or null if it holds none. */
  PartitionReplica replica(int p) {
    return parts[p] == null ? null : parts[p].replica;
  }

  /** Whether it leads {@code p} as far as it knows. */
  boolean leads(int p) {
    return parts[p] != null && parts[p].leader;
  }

  /** The epoch it knows for {@code p}. */
  long epoch(int p) {
    return parts[p] == null ? 0 : parts[p].epoch;
  }

  // ---- timers ----

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload == FLUSH) {
      disk.sync();
      ctx.setTimer(settings.flushIntervalNanos(), FLUSH);
      return;
    }
    heartbeat();
    long now = ctx.localNanos();
    for (PartitionState s : parts) {
      if (s == null) {
        continue;
      }
      if (s.leader) {
        for (int b = 0; b < s.parked.length; b++) {
          if (s.parked[b] != null) {
            s.caughtUpLocal[b] = now; // parked at the log end: caught up
          }
        }
        proposeShrink(s, now);
      } else if (s.leaderBroker >= 0
          && (!s.fetching || now - s.fetchSentLocal > settings.requestTimeoutNanos())) {
        fetchFromLeader(s); // first fetch, or the last one (or its answer) was lost
      }
    }
    ctx.setTimer(settings.heartbeatNanos(), TICK);
  }

  private void heartbeat() {
    ctx.send(
        controller,
        new BrokerHeartbeat(index, incarnation, metadata == null ? 0 : metadata.version()));
  }

  // ---- messages ----

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof MetadataUpdate u) {
      if (metadata == null || u.metadata().version() > metadata.version()) {
        apply(u.metadata());
      }
    } else if (message instanceof MetadataRequest) {
      if (metadata != null) {
        ctx.send(from, new MetadataReply(metadata));
      }
    } else if (message instanceof Fetch f && f.replica() >= 0) {
      replicaFetch(from, f);
    } else if (message instanceof FetchReply r) {
      fetchReply(r);
    } else if (message instanceof AlterIsrReply r) {
      alterIsrReply(r);
    } else if (message instanceof Produce || message instanceof Fetch) {
      if (!ctx.process(new Job(from, message))) {
        reject(from, message);
      }
    }
  }

  private void reject(int from, Object message) {
    if (message instanceof Produce p) {
      ctx.send(from, new ProduceReply(p.requestId(), p.partition(), LogMessages.BUSY, -1));
    }
    // A consumer fetch that finds the queue full goes unanswered; the consumer polls again.
  }

  @Override
  public void onProcessed(Object job) {
    Job j = (Job) job;
    if (j.request() instanceof Produce p) {
      produce(j.from(), p);
    } else {
      consumerFetch(j.from(), (Fetch) j.request());
    }
  }

  // ---- leader side ----

  private void produce(int from, Produce r) {
    PartitionState s = parts[r.partition()];
    if (s == null || !s.leader) {
      ctx.send(from, new ProduceReply(r.requestId(), r.partition(), LogMessages.NOT_LEADER, -1));
      return;
    }
    if (settings.acks() == LogSettings.Acks.ALL && s.isr.length < settings.minInsync()) {
      ctx.send(
          from,
          new ProduceReply(r.requestId(), r.partition(), LogMessages.NOT_ENOUGH_REPLICAS, -1));
      return;
    }
    long offset = s.replica.duplicateOffset(r.producerId(), r.sequence());
    if (offset >= 0 && settings.idempotent()) {
      facts.duplicateDropped();
    } else {
      if (offset >= 0) {
        facts.duplicateAppended(); // a retry of a record this log holds, appended again
      }
      offset =
          s.replica.append(
              new Entry(
                  r.key(), r.value(), r.producerId(), r.sequence(), s.epoch, facts.trueNanos()));
      if (settings.flushIntervalNanos() == 0) {
        disk.sync();
      }
      answerParked(s);
    }
    if (settings.acks() == LogSettings.Acks.ONE || offset < s.replica.highWatermark()) {
      acknowledge(s, from, r.requestId(), offset, r.value());
    } else {
      s.waitingAcks.add(new long[] {offset, from, r.requestId(), r.value()});
    }
    advanceHighWatermark(s);
  }

  private void acknowledge(PartitionState s, int to, int requestId, long offset, long value) {
    facts.acknowledged(value, s.replica.partition(), offset, settings.brokerName(index), s.epoch);
    ctx.send(to, new ProduceReply(requestId, s.replica.partition(), LogMessages.NONE, offset));
  }

  private void consumerFetch(int from, Fetch f) {
    PartitionState s = parts[f.partition()];
    if (s == null || !s.leader) {
      ctx.send(
          from,
          new FetchReply(
              f.partition(), f.offset(), new Entry[0], -1, LogMessages.NOT_LEADER, -1, f.token()));
      return;
    }
    long hw = s.replica.highWatermark();
    // At or past the high watermark (a new leader's may lag until its followers fetch): nothing.
    long to = Math.max(f.offset(), Math.min(hw, f.offset() + f.maxRecords()));
    ctx.send(
        from,
        new FetchReply(
            f.partition(),
            f.offset(),
            to == f.offset() ? new Entry[0] : s.replica.slice(f.offset(), to),
            hw,
            LogMessages.NONE,
            -1,
            f.token()));
  }

  private void replicaFetch(int from, Fetch f) {
    PartitionState s = parts[f.partition()];
    if (s == null || !s.leader || f.leaderEpoch() != s.epoch) {
      ctx.send(
          from,
          new FetchReply(
              f.partition(), f.offset(), new Entry[0], -1, LogMessages.NOT_LEADER, -1, f.token()));
      return;
    }
    PartitionReplica log = s.replica;
    if (f.offset() > 0
        && (f.offset() > log.logEnd() || log.epochAt(f.offset() - 1) != f.lastEpoch())) {
      long cut = Math.min(f.offset(), log.endOffsetForEpoch(f.lastEpoch()));
      ctx.send(
          from,
          new FetchReply(
              f.partition(),
              f.offset(),
              new Entry[0],
              log.highWatermark(),
              LogMessages.DIVERGING,
              cut,
              f.token()));
      return;
    }
    int b = f.replica();
    long now = ctx.localNanos();
    s.followerEnd[b] = f.offset();
    if (f.offset() >= log.logEnd()) {
      s.caughtUpLocal[b] = now;
    }
    advanceHighWatermark(s);
    if (!s.inIsr(b) && f.offset() >= log.highWatermark()) {
      if (!contains(s.pendingIsr, b)) {
        s.pendingIsr = with(s.pendingIsr, b);
      }
      proposeIsr(s, union(s.isr, s.pendingIsr)); // caught up again: back into the ISR
    }
    if (f.offset() < log.logEnd()) {
      long to = Math.min(log.logEnd(), f.offset() + MAX_REPLICA_FETCH);
      ctx.send(from, replicaReply(s, f, to));
      s.parked[b] = null;
    } else {
      s.parked[b] = f;
      s.parkedFrom[b] = from;
    }
  }

  private FetchReply replicaReply(PartitionState s, Fetch f, long to) {
    return new FetchReply(
        f.partition(),
        f.offset(),
        s.replica.slice(f.offset(), to),
        s.replica.highWatermark(),
        LogMessages.NONE,
        -1,
        f.token());
  }

  /** New records: answer every parked follower fetch with them. */
  private void answerParked(PartitionState s) {
    for (int b = 0; b < s.parked.length; b++) {
      Fetch f = s.parked[b];
      if (f != null && f.offset() < s.replica.logEnd()) {
        s.parked[b] = null;
        long to = Math.min(s.replica.logEnd(), f.offset() + MAX_REPLICA_FETCH);
        ctx.send(s.parkedFrom[b], replicaReply(s, f, to));
      }
    }
  }

  /** High watermark = the smallest log end among the ISR; answers acks=all writes below it. */
  private void advanceHighWatermark(PartitionState s) {
    if (!s.leader) {
      return;
    }
    long hw = s.replica.logEnd();
    for (int b : s.isr) {
      if (b != index) {
        hw = Math.min(hw, s.followerEnd[b]);
      }
    }
    for (int b : s.pendingIsr) {
      hw = Math.min(hw, s.followerEnd[b]);
    }
    if (hw > s.replica.highWatermark()) {
      s.replica.highWatermark(hw);
    }
    while (!s.waitingAcks.isEmpty() && s.waitingAcks.peekFirst()[0] < s.replica.highWatermark()) {
      long[] w = s.waitingAcks.pollFirst();
      acknowledge(s, (int) w[1], (int) w[2], w[0], w[3]);
    }
  }

  private void proposeShrink(PartitionState s, long now) {
    int[] keep = new int[s.isr.length];
    int n = 0;
    for (int b : s.isr) {
      if (b == index || now - s.caughtUpLocal[b] <= settings.replicaLagMaxNanos()) {
        keep[n++] = b;
      }
    }
    int[] proposal = Arrays.copyOf(keep, n);
    for (int b : s.pendingIsr) {
      if (now - s.caughtUpLocal[b] <= settings.replicaLagMaxNanos()) {
        proposal = with(proposal, b);
      }
    }
    // A shrink, or the proposal of pending followers again (its answer may have been lost); one
    // pending that fell behind is left out, and the answer drops it.
    if (n < s.isr.length || s.pendingIsr.length > 0) {
      proposeIsr(s, proposal);
    }
  }

  /** The controller's answer to an ISR proposal of this leader. */
  private void alterIsrReply(AlterIsrReply r) {
    PartitionState s = parts[r.partition()];
    if (s == null || !s.leader || r.epoch() != s.epoch) {
      return;
    }
    if (r.version() >= s.isrVersion) {
      s.isr = r.isr();
      s.isrVersion = r.version();
    }
    // Whoever the answered proposal named is now in the controller's ISR or was refused.
    int[] isr = s.isr;
    s.pendingIsr =
        Arrays.stream(s.pendingIsr)
            .filter(b -> !contains(r.proposed(), b) && !contains(isr, b))
            .toArray();
    advanceHighWatermark(s);
  }

  private static boolean contains(int[] set, int b) {
    for (int x : set) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }

  private static int[] union(int[] a, int[] b) {
    int[] r = a;
    for (int x : b) {
      if (!contains(r, x)) {
        r = with(r, x);
      }
    }
    return r;
  }

  private void proposeIsr(PartitionState s, int[] isr) {
    ctx.send(controller, new AlterIsr(s.replica.partition(), s.epoch, isr));
  }

  private static int[] with(int[] isr, int b) {
    int[] r = Arrays.copyOf(isr, isr.length + 1);
    r[isr.length] = b;
    Arrays.sort(r);
    return r;
  }

  // ---- metadata and roles ----

  private void apply(Metadata m) {
    metadata = m;
    applyRoles(m);
    publishRole();
  }

  /**
   * Publishes on the role timeline which partitions this broker leads, as it believes from its
   * metadata ({@code leader of orders-0, orders-3}); nothing while it leads none.
   */
  private void publishRole() {
    List<String> led = new ArrayList<>();
    for (PartitionState s : parts) {
      if (s != null && s.leader) {
        led.add(settings.partitionName(s.replica.partition()));
      }
    }
    ctx.metrics()
        .state(
            ctx.name(),
            ROLE_TRACK,
            facts.trueNanos(),
            led.isEmpty() ? null : "leader of " + String.join(", ", led));
  }

  private void applyRoles(Metadata m) {
    for (PartitionState s : parts) {
      if (s == null) {
        continue;
      }
      int p = s.replica.partition();
      int leader = m.leader()[p];
      long epoch = m.epoch()[p];
      if (leader == index) {
        if (!s.leader || epoch > s.epoch) {
          becomeLeader(s, epoch);
        }
        if (m.version() >= s.isrVersion) {
          s.isr = m.isr()[p];
          s.isrVersion = m.version();
        }
        int[] isr = s.isr;
        s.pendingIsr = Arrays.stream(s.pendingIsr).filter(b -> !contains(isr, b)).toArray();
        advanceHighWatermark(s);
      } else if (s.leader || epoch > s.epoch || s.leaderBroker != leader) {
        becomeFollower(s, leader, epoch);
      }
    }
  }

  private void becomeLeader(PartitionState s, long epoch) {
    s.leader = true;
    s.leaderBroker = index;
    s.epoch = epoch;
    s.fetching = false;
    s.pendingIsr = new int[0];
    long now = ctx.localNanos();
    Arrays.fill(s.followerEnd, 0); // unknown until each fetches; the HW waits for them
    Arrays.fill(s.caughtUpLocal, now); // a grace period before anyone is dropped from the ISR
    Arrays.fill(s.parked, null);
  }

  private void becomeFollower(PartitionState s, int leader, long epoch) {
    boolean wasLeader = s.leader;
    s.leader = false;
    s.leaderBroker = leader;
    s.epoch = epoch;
    s.pendingIsr = new int[0];
    Arrays.fill(s.parked, null);
    if (wasLeader) {
      // Writes waiting for the ISR will never be acknowledged by this broker: say so, so the
      // producer retries at the new leader instead of waiting for its timeout.
      for (long[] w : s.waitingAcks) {
        ctx.send(
            (int) w[1],
            new ProduceReply((int) w[2], s.replica.partition(), LogMessages.NOT_LEADER, -1));
      }
    }
    s.waitingAcks.clear();
    if (leader >= 0) {
      fetchFromLeader(s);
    } else {
      s.fetching = false;
    }
  }

  private void fetchFromLeader(PartitionState s) {
    PartitionReplica log = s.replica;
    s.fetchToken++;
    s.fetching = true;
    s.fetchSentLocal = ctx.localNanos();
    ctx.send(
        brokerIds[s.leaderBroker],
        new Fetch(
            log.partition(),
            log.logEnd(),
            log.lastEpoch(),
            s.epoch,
            index,
            MAX_REPLICA_FETCH,
            s.fetchToken));
  }

  private void fetchReply(FetchReply r) {
    PartitionState s = parts[r.partition()];
    if (s == null || s.leader || r.token() != s.fetchToken || !s.fetching) {
      return; // a stale answer, or one to a role this broker no longer has
    }
    s.fetching = false;
    PartitionReplica log = s.replica;
    switch (r.error()) {
      case LogMessages.DIVERGING -> {
        log.truncateTo(r.truncateTo());
        fetchFromLeader(s);
      }
      case LogMessages.NONE -> {
        if (r.offset() == log.logEnd()) {
          for (Entry e : r.entries()) {
            log.append(e);
          }
          if (settings.flushIntervalNanos() == 0 && r.entries().length > 0) {
            disk.sync();
          }
          log.highWatermark(r.highWatermark());
        }
        fetchFromLeader(s);
      }
      default -> {
        // Not (or no longer) the leader in our epoch: wait for metadata; the tick retries.
      }
    }
  }
}
