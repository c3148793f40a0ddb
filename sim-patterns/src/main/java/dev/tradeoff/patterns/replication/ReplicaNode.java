package dev.tradeoff.patterns.replication;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.patterns.replication.Messages.Append;
import dev.tradeoff.patterns.replication.Messages.AppendAck;
import dev.tradeoff.patterns.replication.Messages.ClientReply;
import dev.tradeoff.patterns.replication.Messages.ClientRequest;
import dev.tradeoff.patterns.replication.Messages.Entry;
import dev.tradeoff.patterns.replication.Messages.NotLeader;
import dev.tradeoff.patterns.replication.Messages.Status;
import dev.tradeoff.patterns.replication.Messages.StatusReply;
import dev.tradeoff.patterns.replication.Messages.Vote;
import dev.tradeoff.patterns.replication.Messages.VoteRequest;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * One replica of a leader/follower group: a log of writes, the state it has applied, and a role.
 *
 * <p><b>Replication.</b> The leader appends each write to its log, applies it, and ships new
 * entries to every follower (at once, or every {@code batch}); a follower checks that they follow
 * its log (Raft's log-matching rule: the entry before them has the same index and term, else it
 * refuses and the leader backs off), stores them, acknowledges receipt, and applies them after an
 * apply delay. The leader acknowledges the client after {@link Settings#followerAcksNeeded()}
 * followers hold the write — none for async replication.
 *
 * <p><b>Failover.</b> The leader heartbeats; a follower that hears nothing for its election timeout
 * (local clock, randomised in [t, 2t)) stands for the next term (term 2 at the least: replica 0
 * leads term 1 from the start, without an election) and wins with a majority of votes from replicas
 * whose logs are not more up to date (Raft's election rule: the most up-to-date follower is
 * promoted). A node that sees a higher term steps down; its entries the new leader lacks are cut
 * from its log and state. Term, vote and log are kept on the node's disk (synced), so a restart
 * remembers them.
 *
 * <p><b>Leases and fencing.</b> With a lease, the leader acts only while a majority confirmed it
 * within the lease, measured on its own clock — a paused leader or one with a slow clock acts past
 * it. With fencing, the term is a fencing token: replicas refuse entries of an older term, a write
 * is acknowledged only once a majority stores it in the leader's term, and the leader answers a
 * read only after a majority confirmed its term since the read arrived — or, with a lease as well,
 * at once while a majority confirmed its term within the lease (a lease read: one round trip fewer,
 * and safe only while the leader's clock does not run slow).
 */
final class ReplicaNode implements Node {
  /** Timeline track of leadership: {@code leader term N} while this node leads. */
  static final String ROLE_TRACK = "role";

  /** Timeline track of a leader's lease, sampled at its heartbeats: {@code lease held}. */
  static final String LEASE_TRACK = "lease";

  /**
   * What this replica's applied position counts, as {@link
   * dev.tradeoff.core.metrics.Recorder#applied} publishes it.
   */
  static final String APPLIED_UNIT = "log index";

  private static final Object HEARTBEAT = new Object();
  private static final Object ELECTION = new Object();
  private static final Object BATCH = new Object();

  /** The key of a new fenced leader's no-op entry; never a workload key, never applied. */
  static final long NO_OP_KEY = Long.MIN_VALUE;

  private final Settings settings;
  private final int index;
  private final Facts facts;
  private Context ctx;
  private int[] peers; // node ids by replica index
  private Disk disk;
  private ContinuousSampler applyDelay;

  // Replicated state.
  private long term;
  private int votedFor = -1;
  private final List<Entry> log = new ArrayList<>(); // log.get(i) has index i + 1
  private long applied; // entries applied to data
  private long applySubmitted; // entries handed to the CPU for applying (applied or queued)
  private final Long2LongOpenHashMap data = new Long2LongOpenHashMap(); // lookups only

  // Role.
  private boolean leader;
  private int leaderIndex = -1; // replica index of the leader this node follows, -1 unknown
  private int tenure = -1;
  private long lastContactLocal;
  // Local receipt time of each stored batch, by its last index, oldest first: the age of the
  // oldest entry not yet applied is how far behind this follower is.
  private final it.unimi.dsi.fastutil.longs.LongArrayList receivedUpTo =
      new it.unimi.dsi.fastutil.longs.LongArrayList();
  private final it.unimi.dsi.fastutil.longs.LongArrayList receivedAtLocal =
      new it.unimi.dsi.fastutil.longs.LongArrayList();
  private long electionTimer = -1;
  private int votes;
  private boolean[] voters = new boolean[0]; // who granted a vote in the current candidacy

  // Leader bookkeeping.
  private long[] matchIndex;
  private long[] nextIndex;
  private long[] confirmedLocal; // per follower: sentLocal of its latest successful ack
  private long[] confirmedRound; // per follower: round of its latest successful ack
  private long round; // broadcasts sent as leader
  private long leaderSinceLocal;
  private long termStartIndex; // index of this term's no-op (fencing), 0 otherwise
  private boolean batchPending;
  private final ArrayDeque<long[]> pendingWrites = new ArrayDeque<>(); // index, client, op
  private final List<long[]> pendingReads = new ArrayList<>(); // client, op, key, arrivedLocal
  private final List<long[]> parkedReads = new ArrayList<>(); // client, op, key, minIndex
  // What the leader's compare-and-set entries found when it applied them, by log index, until
  // answered; lookups only.
  private final it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<CasOutcome> casOutcomes =
      new it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<>();

  /** A compare-and-set entry, applied: whether it wrote, and the value its key then held. */
  private record CasOutcome(boolean wrote, long current) {}

  ReplicaNode(Settings settings, int index, Facts facts) {
    this.settings = settings;
    this.index = index;
    this.facts = facts;
    data.defaultReturnValue(History.NIL);
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    applyDelay = settings.applyDelays().get(index).sampler(ctx.random());
    peers = new int[settings.size()];
    for (int i = 0; i < peers.length; i++) {
      peers[i] = ctx.nodeId(settings.names().get(i));
    }
    recover();
    lastContactLocal = ctx.localNanos();
    if (term == 0 && index == 0) {
      term = 1;
      persistTerm();
      becomeLeader();
    } else {
      leaderIndex = term == 1 && index != 0 ? 0 : -1;
      armElection();
    }
    ctx.setTimer(settings.heartbeatNanos(), HEARTBEAT);
  }

  // ---- disk ----

  private void recover() {
    Object t = disk.get("term");
    term = t == null ? 0 : (Long) t;
    Object v = disk.get("vote");
    votedFor = v == null ? -1 : (Integer) v;
    for (String key : disk.keys()) {
      if (key.startsWith("log/")) {
        log.add((Entry) disk.get(key));
      }
    }
    applyUpTo(log.size()); // what the disk holds was applied before the crash
  }

  private void persistTerm() {
    disk.put("term", term);
    disk.put("vote", votedFor);
    disk.sync();
  }

  /**
   * The disk key of log position {@code index}: {@code String.format(Locale.ROOT, "log/%012d",
   * index)}, zero-padded by hand since formatting was a tenth of a replicated run's time.
   */
  static String logKey(long index) {
    if (index < 0) {
      return String.format(Locale.ROOT, "log/%012d", index);
    }
    String digits = Long.toString(index);
    StringBuilder key = new StringBuilder(4 + Math.max(12, digits.length())).append("log/");
    for (int i = digits.length(); i < 12; i++) {
      key.append('0');
    }
    return key.append(digits).toString();
  }

  private void appendToLog(Entry e) {
    log.add(e);
    disk.put(logKey(log.size()), e);
  }

  /** Cuts the log after {@code index}, undoing applied entries past it. */
  private void truncateAfter(long index) {
    applySubmitted = Math.min(applySubmitted, index);
    while (!receivedUpTo.isEmpty() && receivedUpTo.getLong(receivedUpTo.size() - 1) > index) {
      receivedUpTo.removeLong(receivedUpTo.size() - 1); // those entries are gone
      receivedAtLocal.removeLong(receivedAtLocal.size() - 1);
    }
    while (log.size() > index) {
      disk.remove(logKey(log.size()));
      log.remove(log.size() - 1);
    }
    if (applied > index) {
      data.clear();
      applied = 0;
      applyUpTo(index);
    }
  }

  private void applyUpTo(long index) {
    while (applied < Math.min(index, log.size())) {
      Entry e = log.get((int) applied);
      boolean effect = e.takesEffect(data);
      if (effect) {
        data.put(e.key(), e.value());
      }
      applied++;
      if (e.cas() && leader) {
        casOutcomes.put(applied, new CasOutcome(effect, data.get(e.key())));
      }
    }
    // What a read served from here saw: a report names it beside the read's witness.
    ctx.metrics().applied(ctx.name(), facts.trueNanos(), APPLIED_UNIT, applied);
    serveParkedReads();
  }

  private long lastIndex() {
    return log.size();
  }

  private long termAt(long index) {
    return index == 0 ? 0 : log.get((int) index - 1).term();
  }

  // ---- messages ----

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof ClientRequest r) {
      clientRequest(from, r);
    } else if (message instanceof Append a) {
      append(from, a);
    } else if (message instanceof AppendAck a) {
      appendAck(a);
    } else if (message instanceof VoteRequest v) {
      voteRequest(from, v);
    } else if (message instanceof Vote v) {
      vote(v);
    } else if (message instanceof Status s) {
      ctx.send(from, new StatusReply(s.token(), actingLeader(), term, lagNanos()));
    }
  }

  private void clientRequest(int client, ClientRequest r) {
    Request req = r.request();
    if (req.kind() == OpKind.READ && !leader && settings.reads() != Settings.Reads.LEADER) {
      if (!ctx.process(new Job(client, r))) {
        ctx.send(client, new ClientReply(req.op(), OpStatus.FAIL, History.NIL, applied));
      }
      return;
    }
    if (!actingLeader()) {
      ctx.send(client, new NotLeader(req.op(), leaderIndex, term));
      return;
    }
    if (!ctx.process(new Job(client, r))) {
      ctx.send(client, new ClientReply(req.op(), OpStatus.FAIL, History.NIL, applied));
    }
  }

  /** A client request waiting for or holding a CPU worker. */
  private record Job(int client, ClientRequest request) {}

  @Override
  public void onProcessed(Object job) {
    if (job instanceof ApplyUpTo a) {
      applyUpTo(a.index());
      return;
    }
    Job j = (Job) job;
    Request req = j.request().request();
    if (req.kind() == OpKind.READ) {
      read(j.client(), req, j.request().minIndex());
    } else if (!actingLeader()) {
      ctx.send(j.client(), new NotLeader(req.op(), leaderIndex, term));
    } else {
      write(j.client(), req);
    }
  }

  private void read(int client, Request req, long minIndex) {
    if (settings.reads() == Settings.Reads.LEADER && !actingLeader()) {
      // It led when the read arrived but no longer does (it waited for the CPU meanwhile).
      ctx.send(client, new NotLeader(req.op(), leaderIndex, term));
      return;
    }
    if (leader && settings.fencing()) {
      if (leaseHeld() && applied >= termStartIndex) {
        // A lease read (etcd's lease-based read, Spanner's and CockroachDB's leases): a majority
        // confirmed this term within the lease, and no replica votes for a successor until an
        // election timeout (longer than the lease) after it last heard from this leader, so no
        // newer term can have committed anything yet. Sound only while clocks keep time.
        answer(client, req.op(), req.key());
        return;
      }
      // Confirm leadership with a majority before answering (Raft's read index): the next
      // broadcast's round must come back from a majority.
      pendingReads.add(new long[] {client, req.op(), req.key(), round + 1});
      broadcastAppend();
      return;
    }
    if (applied < minIndex) {
      parkedReads.add(new long[] {client, req.op(), req.key(), minIndex});
      return;
    }
    answer(client, req.op(), req.key());
  }

  /** Answers a read OK from the applied state, and tells the run's record what it served. */
  private void answer(int client, int op, long key) {
    long value = data.get(key);
    facts.servedRead(key, value);
    ctx.send(client, new ClientReply(op, OpStatus.OK, value, applied));
  }

  private void serveParkedReads() {
    for (Iterator<long[]> it = parkedReads.iterator(); it.hasNext(); ) {
      long[] p = it.next();
      if (applied >= p[3]) {
        it.remove();
        answer((int) p[0], (int) p[1], p[2]);
      }
    }
  }

  /**
   * Appends a write, or a compare-and-set: an entry like a write, whose outcome each replica
   * decides when it applies it, so the leader answers it once applied and held like a write — OK,
   * or FAIL with the value the key held.
   */
  private void write(int client, Request req) {
    boolean cas = req.kind() == OpKind.CAS;
    if (req.kind() != OpKind.WRITE && !cas) {
      ctx.send(client, new ClientReply(req.op(), OpStatus.FAIL, History.NIL, applied));
      return;
    }
    appendToLog(new Entry(term, req.key(), req.value(), facts.trueNanos(), cas, req.expected()));
    disk.sync();
    if (!settings.fencing()) {
      applyUpTo(lastIndex()); // a fenced leader applies only what a majority holds
    }
    pendingWrites.add(new long[] {lastIndex(), client, req.op()});
    if (settings.batchNanos() == 0) {
      broadcastAppend();
    } else if (!batchPending) {
      batchPending = true;
      ctx.setTimer(settings.batchNanos(), BATCH);
    }
    acknowledgeWrites();
  }

  private void broadcastAppend() {
    heartbeat(true);
  }

  private void heartbeat(boolean withEntries) {
    round++;
    facts.active(tenure);
    for (int f = 0; f < peers.length; f++) {
      if (f != index) {
        sendAppend(f, withEntries);
      }
    }
  }

  private void sendAppend(int f) {
    sendAppend(f, true);
  }

  /**
   * Sends follower {@code f} the entries it lacks — at most {@link Settings#batchSize()}, so a
   * follower that was away is caught up in steps rather than sent the whole tail on every write —
   * or, with {@code withEntries} false, a heartbeat that carries none.
   */
  private void sendAppend(int f, boolean withEntries) {
    long next = Math.min(nextIndex[f], lastIndex() + 1);
    int from = (int) Math.min(next - 1, log.size());
    int to = withEntries ? Math.min(log.size(), from + settings.batchSize()) : from;
    Entry[] entries = log.subList(from, to).toArray(new Entry[0]);
    ctx.send(
        peers[f],
        new Append(term, index, next - 1, termAt(next - 1), entries, ctx.localNanos(), round));
  }

  private void append(int from, Append a) {
    // A leader never takes entries from another: two leaders of one term cannot exist, and one of
    // an older term is stale. Without fencing only followers, as storage, accept stale entries.
    boolean stale = a.term() < term;
    if ((stale && (settings.fencing() || leader)) || (a.term() == term && leader)) {
      ctx.send(from, new AppendAck(term, index, false, lastIndex(), a.sentLocal(), a.round()));
      return;
    }
    if (a.term() > term) {
      term = a.term();
      votedFor = -1;
      persistTerm();
      stepDown();
    }
    if (!stale) {
      leaderIndex = a.leader();
      lastContactLocal = ctx.localNanos();
      armElection();
    }
    if (a.prevIndex() > lastIndex() || termAt(a.prevIndex()) != a.prevTerm()) {
      long hint = Math.min(lastIndex(), a.prevIndex() - 1);
      ctx.send(from, new AppendAck(term, index, false, hint, a.sentLocal(), a.round()));
      return;
    }
    long at = a.prevIndex();
    boolean stored = false;
    for (Entry e : a.entries()) {
      at++;
      if (at <= lastIndex() && termAt(at) != e.term()) {
        truncateAfter(at - 1);
      }
      if (at > lastIndex()) {
        appendToLog(e);
        stored = true;
      }
    }
    if (stored) {
      receivedUpTo.add(at);
      receivedAtLocal.add(ctx.localNanos());
      disk.sync();
      facts.stored(ctx.name(), a.term());
      long upTo = at;
      ctx.setTimer(Math.max(0, (long) applyDelay.sample()), new ApplyUpTo(upTo));
    }
    ctx.send(from, new AppendAck(term, index, true, at, a.sentLocal(), a.round()));
  }

  /** Apply entries up to {@code index} (a follower's apply delay has passed). */
  private record ApplyUpTo(long index) {}

  private void appendAck(AppendAck a) {
    if (a.term() > term) {
      term = a.term();
      votedFor = -1;
      persistTerm();
      stepDown();
      return;
    }
    if (!leader || a.term() < term) {
      return;
    }
    int f = a.from();
    if (a.success()) {
      matchIndex[f] = Math.max(matchIndex[f], Math.min(a.lastIndex(), lastIndex()));
      nextIndex[f] = matchIndex[f] + 1;
      confirmedLocal[f] = Math.max(confirmedLocal[f], a.sentLocal());
      confirmedRound[f] = Math.max(confirmedRound[f], a.round());
      acknowledgeWrites();
      answerConfirmedReads();
      if (nextIndex[f] <= lastIndex()) {
        if (settings.batchNanos() == 0) {
          sendAppend(f);
        } else if (!batchPending) {
          batchPending = true; // more to ship than one append carried
          ctx.setTimer(settings.batchNanos(), BATCH);
        }
      }
    } else {
      nextIndex[f] = Math.max(1, Math.min(nextIndex[f] - 1, a.lastIndex() + 1));
      sendAppend(f);
    }
  }

  /** Acknowledges every pending write that enough followers now hold. */
  private void acknowledgeWrites() {
    if (settings.fencing()) {
      // Raft's commit rule: an entry of this term held by a majority commits it and all before.
      long committed = kthHighestMatch(settings.majority() - 1);
      if (committed > applied && termAt(committed) == term) {
        applyUpTo(committed);
        answerConfirmedReads();
      }
    }
    long held = kthHighestMatch(settings.followerAcksNeeded());
    while (!pendingWrites.isEmpty() && pendingWrites.peek()[0] <= held) {
      long at = pendingWrites.peek()[0];
      Entry e = log.get((int) at - 1);
      if (e.cas() && applied < at) {
        break; // held, but a fenced leader has not applied it yet: its outcome is unknown
      }
      long[] w = pendingWrites.poll();
      CasOutcome cas = casOutcomes.remove(at);
      if (termAt(at) == term && actingLeader()) {
        if (cas != null && !cas.wrote()) {
          ctx.send((int) w[1], new ClientReply((int) w[2], OpStatus.FAIL, cas.current(), at));
        } else {
          facts.acknowledged(tenure, e.key(), e.value());
          ctx.send((int) w[1], new ClientReply((int) w[2], OpStatus.OK, History.NIL, at));
        }
      }
    }
  }

  /** The index at least {@code k} followers hold (the leader's last index when k is 0). */
  private long kthHighestMatch(int k) {
    if (k == 0) {
      return lastIndex();
    }
    long[] m = new long[peers.length - 1];
    int n = 0;
    for (int f = 0; f < peers.length; f++) {
      if (f != index) {
        m[n++] = matchIndex[f];
      }
    }
    Arrays.sort(m);
    return m[m.length - k];
  }

  private void answerConfirmedReads() {
    // Until the entry that opened this term is committed, the leader may not know every entry a
    // predecessor committed: no read is answered before (Raft's no-op rule).
    if (applied < termStartIndex) {
      return;
    }
    for (Iterator<long[]> it = pendingReads.iterator(); it.hasNext(); ) {
      long[] r = it.next();
      if (roundConfirmed(r[3])) {
        it.remove();
        answer((int) r[0], (int) r[1], r[2]);
      }
    }
  }

  /** Whether a majority (this leader included) acknowledged broadcast round {@code r} or later. */
  private boolean roundConfirmed(long r) {
    int confirmed = 1;
    for (int f = 0; f < peers.length; f++) {
      if (f != index && confirmedRound[f] >= r) {
        confirmed++;
      }
    }
    return confirmed >= settings.majority();
  }

  /** Whether a majority (this leader included) confirmed its term since local time {@code t}. */
  private boolean confirmedSince(long t) {
    int confirmed = 1;
    for (int f = 0; f < peers.length; f++) {
      if (f != index && confirmedLocal[f] >= t) {
        confirmed++;
      }
    }
    return confirmed >= settings.majority();
  }

  // ---- roles ----

  /** Whether no majority has confirmed this leader within an election timeout. */
  private boolean lostQuorum() {
    long now = ctx.localNanos();
    return now - leaderSinceLocal >= settings.electionTimeoutNanos()
        && !confirmedSince(now - settings.electionTimeoutNanos());
  }

  /**
   * Whether a majority (this leader included) confirmed this term within the lease, on this node's
   * own clock. Unlike {@link #actingLeader()}, the first lease after election does not count: a new
   * leader has no confirmation yet.
   */
  private boolean leaseHeld() {
    return settings.leaseNanos() > 0 && confirmedSince(ctx.localNanos() - settings.leaseNanos());
  }

  /**
   * Publishes this leader's lease on the timeline, at each heartbeat: held until the majority's
   * confirmation runs out on this node's clock, drawn as that much true time from now (so a
   * drifting clock's lease is drawn as if it did not drift). A paused leader publishes nothing, and
   * its lease lapses on the timeline when it runs out, as it does on its clock.
   */
  private void publishLease() {
    long[] others = new long[peers.length - 1];
    int n = 0;
    for (int f = 0; f < peers.length; f++) {
      if (f != index) {
        others[n++] = confirmedLocal[f];
      }
    }
    Arrays.sort(others);
    int needed = settings.majority() - 1; // this leader confirms itself
    long confirmed = needed == 0 ? ctx.localNanos() : others[others.length - needed];
    long remaining =
        confirmed == Long.MIN_VALUE ? 0 : confirmed + settings.leaseNanos() - ctx.localNanos();
    long now = facts.trueNanos();
    ctx.metrics()
        .state(
            ctx.name(),
            LEASE_TRACK,
            now,
            remaining > 0 ? "lease held" : null,
            now + Math.max(0, remaining));
  }

  /** Whether this node leads and, with a lease, still holds it on its own clock. */
  private boolean actingLeader() {
    if (!leader) {
      return false;
    }
    if (settings.leaseNanos() == 0) {
      return true;
    }
    long now = ctx.localNanos();
    return confirmedSince(now - settings.leaseNanos())
        || now - leaderSinceLocal < settings.leaseNanos();
  }

  private void becomeLeader() {
    leader = true;
    leaderIndex = index;
    leaderSinceLocal = ctx.localNanos();
    matchIndex = new long[peers.length];
    nextIndex = new long[peers.length];
    confirmedLocal = new long[peers.length];
    confirmedRound = new long[peers.length];
    Arrays.fill(nextIndex, lastIndex() + 1);
    Arrays.fill(confirmedLocal, Long.MIN_VALUE);
    tenure = facts.becameLeader(ctx.name(), term);
    ctx.metrics().state(ctx.name(), ROLE_TRACK, facts.trueNanos(), "leader term " + term);
    casOutcomes.clear(); // answers owed by an earlier tenure are never given
    if (settings.fencing()) {
      // A no-op entry of the new term: once a majority holds it, everything before is committed.
      appendToLog(new Entry(term, NO_OP_KEY, History.NIL, facts.trueNanos()));
      disk.sync();
      termStartIndex = lastIndex();
    } else {
      applyUpTo(lastIndex()); // an unfenced leader serves reads from its whole log
    }
    if (electionTimer >= 0) {
      ctx.cancelTimer(electionTimer);
      electionTimer = -1;
    }
    broadcastAppend();
  }

  private void stepDown() {
    if (leader) {
      leader = false;
      facts.endedTenure(tenure);
      ctx.metrics().state(ctx.name(), ROLE_TRACK, facts.trueNanos(), null);
      ctx.metrics().state(ctx.name(), LEASE_TRACK, facts.trueNanos(), null);
      // Writes already in the log may yet survive in a successor's log: their outcome is
      // unknown, so they get no answer (the client's timeout makes them info), never a failure.
      pendingWrites.clear();
      pendingReads.clear();
    }
    // Only a leader has no election timer running (or a group without failover, which arms none).
    // A follower or candidate that learns of a newer term keeps its timer (Raft, figure 2: only
    // the current leader's appends and a granted vote restart it), or a candidate whose log is
    // behind, turned down by everyone, would keep putting off the election of the follower all
    // would vote for.
    if (electionTimer < 0) {
      armElection();
    }
  }

  private void armElection() {
    if (!settings.failover() || leader) {
      return;
    }
    if (electionTimer >= 0) {
      ctx.cancelTimer(electionTimer);
    }
    long t = settings.electionTimeoutNanos();
    electionTimer = ctx.setTimer(t + (long) (ctx.random().nextDouble() * t), ELECTION);
  }

  private void standForElection() {
    // Term 1 is replica 0's, which leads it from the start without an election: a follower that
    // never heard from it stands for term 2, so that no term has two leaders.
    term = Math.max(term, 1) + 1;
    votedFor = index;
    persistTerm();
    votes = 1;
    voters = new boolean[peers.length];
    voters[index] = true;
    leaderIndex = -1;
    for (int f = 0; f < peers.length; f++) {
      if (f != index) {
        ctx.send(peers[f], new VoteRequest(term, index, lastIndex(), termAt(lastIndex())));
      }
    }
    armElection();
    if (votes >= settings.majority()) {
      becomeLeader();
    }
  }

  private void voteRequest(int from, VoteRequest v) {
    // A replica that has a working leader ignores candidates (Raft's leader stickiness, as with
    // PreVote): a follower that heard from its leader within an election timeout, and a leader
    // that heard from a majority within one. Otherwise a replica coming back from a partition
    // with a higher term would depose a healthy leader.
    long now = ctx.localNanos();
    boolean heardLately =
        leader
            ? confirmedSince(now - settings.electionTimeoutNanos())
            : leaderIndex >= 0
                && leaderIndex != v.candidate()
                && now - lastContactLocal < settings.electionTimeoutNanos();
    if (v.term() > term && !heardLately) {
      term = v.term();
      votedFor = -1;
      persistTerm();
      stepDown();
    }
    boolean upToDate =
        v.lastTerm() > termAt(lastIndex())
            || (v.lastTerm() == termAt(lastIndex()) && v.lastIndex() >= lastIndex());
    boolean grant =
        v.term() == term && !leader && (votedFor == -1 || votedFor == v.candidate()) && upToDate;
    if (grant) {
      votedFor = v.candidate();
      persistTerm();
      lastContactLocal = ctx.localNanos();
      armElection();
    }
    ctx.send(from, new Vote(term, index, grant));
  }

  private void vote(Vote v) {
    if (v.term() > term) {
      term = v.term();
      votedFor = -1;
      persistTerm();
      stepDown();
      return;
    }
    // A candidate that crashed and came back in the same term has lost its tally (voters is
    // empty): votes for the campaign before the crash count for nothing.
    boolean campaigning = voters.length > 0;
    if (leader || !campaigning || v.term() != term || !v.granted() || votedFor != index) {
      return;
    }
    if (voters[v.from()]) {
      return; // a duplicated vote counts once
    }
    voters[v.from()] = true;
    if (++votes >= settings.majority()) {
      becomeLeader();
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload == HEARTBEAT) {
      if (leader && settings.leaseNanos() > 0) {
        publishLease();
      }
      if (leader && settings.fencing() && lostQuorum()) {
        stepDown(); // Raft's check-quorum: a leader no majority has heard from stops leading
      } else if (leader) {
        // With batching, entries travel only on the batch timer: a heartbeat carries none.
        heartbeat(settings.batchNanos() == 0);
      }
      ctx.setTimer(settings.heartbeatNanos(), HEARTBEAT);
    } else if (payload == ELECTION) {
      electionTimer = -1;
      if (!leader && settings.failover()) {
        standForElection();
      }
    } else if (payload == BATCH) {
      batchPending = false;
      if (leader) {
        broadcastAppend();
      }
    } else if (payload instanceof ApplyUpTo a) {
      // Applying costs CPU, so a slow or busy follower falls behind; each entry is paid once.
      long upTo = Math.min(a.index(), lastIndex());
      long entries = upTo - Math.max(applied, applySubmitted);
      if (entries > 0) {
        if (ctx.process(entries * settings.applyCostNanos(), new ApplyUpTo(upTo))) {
          applySubmitted = upTo;
        } else {
          ctx.setTimer(settings.heartbeatNanos(), a); // the CPU queue is full: try again later
        }
      }
    }
  }

  // ---- measurement ----

  /**
   * This replica's own estimate of how far behind it is, as a lag-aware router would see it: the
   * age of the oldest entry it holds but has not applied, or, when it has heard from no leader for
   * two heartbeats, the time since it last did ({@link Long#MAX_VALUE} for never).
   */
  private long lagNanos() {
    if (leader) {
      return 0;
    }
    long quiet = ctx.localNanos() - lastContactLocal;
    if (leaderIndex < 0 || quiet > 2 * settings.heartbeatNanos()) {
      return Math.max(quiet, 2 * settings.heartbeatNanos());
    }
    while (!receivedUpTo.isEmpty() && receivedUpTo.getLong(0) <= applied) {
      receivedUpTo.removeLong(0);
      receivedAtLocal.removeLong(0);
    }
    return receivedUpTo.isEmpty() ? 0 : ctx.localNanos() - receivedAtLocal.getLong(0);
  }

  /** The value of {@code key} in its applied state ({@link History#NIL} if none). */
  long appliedValue(long key) {
    return data.get(key);
  }

  /** The log index up to which this replica has applied writes. */
  long appliedIndex() {
    return applied;
  }

  /** The last index of its log. */
  long lastLogIndex() {
    return lastIndex();
  }

  /** The term of its last log entry (0 for an empty log). */
  long lastLogTerm() {
    return termAt(lastIndex());
  }

  /** Whether it currently believes it leads. */
  boolean isLeader() {
    return leader;
  }

  /** Its term. */
  long term() {
    return term;
  }

  /** True time the leader appended the first entry this replica has not applied, or -1. */
  long oldestUnappliedTrueNanos(List<Entry> leaderLog) {
    int missing = firstMissing(leaderLog);
    return missing < leaderLog.size() ? leaderLog.get(missing).writtenTrueNanos() : -1;
  }

  /**
   * The position of the first entry of {@code leaderLog} this replica has not applied: where its
   * applied prefix ends, or earlier where its log left the leader's (an old leader's entries of a
   * term the new leader never had are not the new leader's entries, however many there are).
   */
  int firstMissing(List<Entry> leaderLog) {
    int limit = (int) Math.min(applied, Math.min(log.size(), leaderLog.size()));
    // Two logs whose entries at one position have the same term hold the same entries up to there
    // (a term has one leader, and a replica appends only after an entry that matches the leader's):
    // the positions that match are a prefix, found by bisection rather than read entry by entry at
    // every lag sample.
    int matching = 0;
    int unknown = limit;
    while (matching < unknown) {
      int mid = (matching + unknown) >>> 1;
      if (log.get(mid).term() == leaderLog.get(mid).term()) {
        matching = mid + 1;
      } else {
        unknown = mid;
      }
    }
    return matching;
  }

  /** This replica's log (read-only view, for measurement). */
  List<Entry> logView() {
    return java.util.Collections.unmodifiableList(log);
  }

  /** A digest of the applied state, for convergence. */
  long digest() {
    long h = 0;
    for (var e : data.long2LongEntrySet()) {
      h += Long.rotateLeft(e.getLongKey() * 0x9E3779B97F4A7C15L ^ e.getLongValue(), 17);
    }
    return h; // a sum, so iteration order does not matter
  }

  /** Every key's value once its whole log is applied: what it would serve when quiet. */
  Long2LongOpenHashMap logState() {
    Long2LongOpenHashMap state = new Long2LongOpenHashMap();
    state.defaultReturnValue(History.NIL);
    for (Entry e : log) {
      if (e.takesEffect(state)) {
        state.put(e.key(), e.value());
      }
    }
    return state;
  }
}
