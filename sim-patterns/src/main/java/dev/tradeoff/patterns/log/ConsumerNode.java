package dev.tradeoff.patterns.log;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.patterns.log.LogMessages.Commit;
import dev.tradeoff.patterns.log.LogMessages.CommitReply;
import dev.tradeoff.patterns.log.LogMessages.Entry;
import dev.tradeoff.patterns.log.LogMessages.Fetch;
import dev.tradeoff.patterns.log.LogMessages.FetchReply;
import dev.tradeoff.patterns.log.LogMessages.GroupHeartbeat;
import dev.tradeoff.patterns.log.LogMessages.GroupState;
import dev.tradeoff.patterns.log.LogMessages.NotOwner;
import dev.tradeoff.patterns.log.LogMessages.Query;
import dev.tradeoff.patterns.log.LogMessages.QueryReply;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A member of the consumer group. For each partition the coordinator assigns it, it fetches from
 * the partition's leader (records below the high watermark only), hands each record to the handler
 * — CPU time {@code processCost} on its workers — and commits its position: after processing
 * (at-least-once, every {@code commitInterval} or after each batch), or before processing a batch,
 * waiting for the coordinator to accept the commit (at-most-once).
 *
 * <p><b>The view.</b> The handler keeps a materialised view: the last value applied per key. When a
 * partition is assigned, the member first restores the partition's view by replaying the log from
 * its start up to the committed offset ({@code restoreCost} per record; Kafka Streams does this for
 * a table whose changelog is its source topic), then handles records from the committed offset on:
 * what the previous owner handled after its last commit is handled again — a redelivery. Reads of a
 * restoring partition wait until it is restored; reads of a partition it does not own are
 * redirected to the owner it knows.
 *
 * <p><b>Poison.</b> The handler fails on a poison record; after {@code dlqAttempts} attempts the
 * record goes to the dead-letter topic (through the member's own producer, acknowledged before the
 * partition moves on). A member of a group subscribed to the dead-letter topic (an alerting or
 * reprocessing consumer) handles every record there: a record is poison only to the main topic's
 * handler.
 *
 * <p><b>Membership.</b> It heartbeats the coordinator with its incarnation (bumped on every start,
 * on disk) and generation; a member that crashes or pauses past the session timeout loses its
 * partitions in a rebalance. Its view lives in memory, so a restarted member restores.
 *
 * <p><b>A pattern's handler.</b> Built with a {@link RecordHandler}, the member keeps no view: it
 * hands each record to the handler after its CPU time and moves on once the handler reports the
 * effect durable; it restores nothing and serves no reads.
 */
final class ConsumerNode implements Node {
  private static final Object TICK = new Object();
  private static final Object COMMIT = new Object();

  private final LogSettings settings;
  private final int group;
  private final int index;
  private final LogFacts facts;
  private final LongSupplier producerIds;
  private final RecordHandler handler; // null: the log's own view
  private Context ctx;
  private int controller;
  private int[] brokers;
  private long incarnation;
  private GroupState state;
  private Producer deadLetters;
  private final Assigned[] owned;
  private int assignments;

  /** A timer: fetch again (after an empty fetch) or retry a handler job the CPU refused. */
  private record Poll(int partition, int assignment) {}

  /** A CPU job: the handler runs on the head of the partition's batch. */
  private record Handle(int partition, int assignment) {}

  /** A record handed to the {@link RecordHandler}, as the token it reports back. */
  private record Handed(int partition, int assignment, long offset) {}

  /** A CPU job: replaying {@code entries} into the view of a partition being restored. */
  private record Restore(int partition, int assignment, Entry[] entries) {}

  /** One assigned partition's consumption state. */
  private static final class Assigned {
    final int id; // distinguishes this assignment's jobs and replies from an earlier one's
    final Long2LongOpenHashMap view = new Long2LongOpenHashMap();
    final ArrayDeque<Entry> batch = new ArrayDeque<>();
    final List<long[]> waitingReads = new ArrayList<>(); // from, op, key
    final long restoreTarget;
    boolean restoring;
    long position; // next offset to fetch
    long processed; // next offset to handle
    long batchEnd;
    long committedSent;
    int attempts;
    boolean fetching;
    boolean committing; // at-most-once: the batch waits for the coordinator's answer
    boolean handing; // the head record is with the handler
    long sentLocal;

    Assigned(int id, long committed, boolean restore) {
      this.id = id;
      this.restoreTarget = restore ? committed : 0;
      this.restoring = restore && committed > 0;
      this.position = restoring ? 0 : committed;
      this.processed = committed;
      this.committedSent = committed;
      view.defaultReturnValue(History.NIL);
    }
  }

  ConsumerNode(
      LogSettings settings, int group, int index, LogFacts facts, LongSupplier producerIds) {
    this(settings, group, index, facts, producerIds, null);
  }

  /** A member whose records go to {@code handler} (null: the log's own view). */
  ConsumerNode(
      LogSettings settings,
      int group,
      int index,
      LogFacts facts,
      LongSupplier producerIds,
      RecordHandler handler) {
    this.handler = handler;
    this.settings = settings;
    this.group = group;
    this.index = index;
    this.facts = facts;
    this.producerIds = producerIds;
    this.owned = new Assigned[settings.totalPartitions()]; // only its topic's are ever assigned
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    controller = ctx.nodeId(settings.controllerName());
    brokers = settings.brokerIds(ctx);
    incarnation = Incarnations.next(ctx.disk());
    // The dead-letter producer never gives a record up: the partition waits for it.
    deadLetters = new Producer(settings, facts, producerIds.getAsLong(), Long.MAX_VALUE);
    deadLetters.start(ctx);
    if (handler != null) {
      handler.start(ctx, this::handed);
    }
    heartbeat();
    ctx.setTimer(settings.heartbeatNanos(), TICK);
    if (settings.commit() == LogSettings.Commit.AT_LEAST_ONCE
        && settings.commitIntervalNanos() > 0) {
      ctx.setTimer(settings.commitIntervalNanos(), COMMIT);
    }
  }

  private void heartbeat() {
    ctx.send(
        controller,
        new GroupHeartbeat(group, index, incarnation, state == null ? 0 : state.generation()));
  }

  // ---- timers ----

  @Override
  public void onTimer(long timerId, Object payload) {
    if (handler != null && handler.ownsTimer(payload)) {
      handler.onTimer(payload);
    } else if (deadLetters.owns(payload)) {
      deadLetters.onTimer(payload);
    } else if (payload == TICK) {
      heartbeat();
      retryStalled();
      ctx.setTimer(settings.heartbeatNanos(), TICK);
    } else if (payload == COMMIT) {
      for (int p = 0; p < owned.length; p++) {
        commit(p);
      }
      ctx.setTimer(settings.commitIntervalNanos(), COMMIT);
    } else if (payload instanceof Poll poll) {
      Assigned a = owned[poll.partition()];
      if (a != null && a.id == poll.assignment() && !a.fetching && !a.committing && !a.handing) {
        if (a.batch.isEmpty()) {
          fetch(poll.partition());
        } else {
          handleNext(poll.partition()); // the CPU queue was full
        }
      }
    }
  }

  /** A fetch or at-most-once commit whose answer never came is sent again. */
  private void retryStalled() {
    long now = ctx.localNanos();
    for (int p = 0; p < owned.length; p++) {
      Assigned a = owned[p];
      if (a == null || now - a.sentLocal <= settings.requestTimeoutNanos()) {
        continue;
      }
      if (a.fetching) {
        deadLetters.refreshMetadata(); // an unanswered fetch: its leader may be gone
        fetch(p);
      } else if (a.committing) {
        ctx.send(controller, new Commit(group, index, state.generation(), p, a.batchEnd));
        a.sentLocal = now;
      }
    }
  }

  // ---- messages ----

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof GroupState g) {
      if (state == null || g.generation() > state.generation()) {
        assign(g);
      }
    } else if (message instanceof FetchReply r) {
      fetched(r);
    } else if (message instanceof CommitReply c) {
      committed(c);
    } else if (message instanceof Query q) {
      query(from, q);
    } else if (handler == null || !handler.onMessage(from, message)) {
      Producer.Acked acked = deadLetters.onMessage(message);
      if (acked != null) {
        deadLettered(acked.token());
      }
    }
  }

  private void assign(GroupState g) {
    state = g;
    for (int p = 0; p < owned.length; p++) {
      boolean mine = g.owner()[p] == index;
      if (owned[p] != null && !mine) {
        Assigned revoked = owned[p];
        owned[p] = null; // its jobs and replies are now stale and ignored
        for (long[] w : revoked.waitingReads) {
          ctx.send((int) w[0], new NotOwner((int) w[1], g.owner()[p], g.generation()));
        }
      } else if (owned[p] == null && mine) {
        owned[p] = new Assigned(++assignments, g.committed()[p], handler == null);
        fetch(p);
      }
    }
  }

  private void fetch(int p) {
    Assigned a = owned[p];
    int leader = deadLetters.leader(p);
    a.fetching = true;
    a.sentLocal = ctx.localNanos();
    if (leader < 0) {
      deadLetters.refreshMetadata();
      a.fetching = false;
      ctx.setTimer(settings.pollIntervalNanos(), new Poll(p, a.id));
      return;
    }
    ctx.send(brokers[leader], new Fetch(p, a.position, 0, 0, -1, settings.maxPollRecords(), a.id));
  }

  private void fetched(FetchReply r) {
    int p = r.partition();
    if (p >= owned.length) {
      return;
    }
    Assigned a = owned[p];
    if (a == null || a.id != r.token() || !a.fetching || r.offset() != a.position) {
      return; // for an earlier assignment, or a fetch already retried
    }
    a.fetching = false;
    if (r.error() != LogMessages.NONE) {
      deadLetters.refreshMetadata(); // the leader moved
      ctx.setTimer(settings.pollIntervalNanos(), new Poll(p, a.id));
      return;
    }
    Entry[] entries = r.entries();
    if (a.restoring) {
      int n = (int) Math.min(entries.length, a.restoreTarget - a.position);
      if (n == 0) {
        ctx.setTimer(settings.pollIntervalNanos(), new Poll(p, a.id));
        return;
      }
      Entry[] replay = java.util.Arrays.copyOf(entries, n);
      ctx.process(settings.restoreCostNanos() * n, new Restore(p, a.id, replay));
      return;
    }
    if (entries.length == 0) {
      ctx.setTimer(settings.pollIntervalNanos(), new Poll(p, a.id));
      return;
    }
    for (Entry e : entries) {
      a.batch.add(e);
    }
    a.batchEnd = a.position + entries.length;
    a.position = a.batchEnd;
    if (settings.commit() == LogSettings.Commit.AT_MOST_ONCE) {
      a.committing = true; // nothing is handled until the coordinator holds the new offset
      a.sentLocal = ctx.localNanos();
      ctx.send(controller, new Commit(group, index, state.generation(), p, a.batchEnd));
    } else {
      handleNext(p);
    }
  }

  private void committed(CommitReply c) {
    Assigned a = owned[c.partition()];
    if (a == null || !a.committing || c.offset() != a.batchEnd) {
      return;
    }
    if (c.accepted()) {
      a.committing = false;
      a.committedSent = c.offset();
      handleNext(c.partition());
    }
    // Refused: sent under a generation that a rebalance has since replaced. The batch waits and
    // the commit is sent again under the current generation (retryStalled); if the partition was
    // taken away, the new GroupState revokes it and the batch goes with it.
  }

  private void handleNext(int p) {
    Assigned a = owned[p];
    if (a.batch.isEmpty()) {
      if (settings.commit() == LogSettings.Commit.AT_LEAST_ONCE
          && settings.commitIntervalNanos() == 0) {
        commit(p);
      }
      fetch(p);
      return;
    }
    if (!ctx.process(settings.processCostNanos(), new Handle(p, a.id))) {
      ctx.setTimer(settings.pollIntervalNanos(), new Poll(p, a.id)); // CPU queue full
    }
  }

  /** At-least-once: commits what has been handled, if it moved. */
  private void commit(int p) {
    Assigned a = owned[p];
    if (a != null && !a.restoring && a.processed > a.committedSent) {
      a.committedSent = a.processed;
      ctx.send(controller, new Commit(group, index, state.generation(), p, a.processed));
    }
  }

  @Override
  public void onProcessed(Object job) {
    if (job instanceof Restore r) {
      restored(r);
      return;
    }
    Handle h = (Handle) job;
    int p = h.partition();
    Assigned a = owned[p];
    if (a == null || a.id != h.assignment()) {
      return; // revoked meanwhile: the new owner handles it again
    }
    Entry e = a.batch.peekFirst();
    long offset = a.processed;
    if (!settings.readsDeadLetters(group) && settings.poison(e.value())) {
      a.attempts++;
      if (a.attempts < settings.dlqAttempts()) {
        handleNext(p); // the handler failed; try again
      } else {
        deadLetters.send(settings.dlqPartition(), e.key(), e.value(), token(p, offset));
      }
      return;
    }
    if (handler != null) {
      a.handing = true;
      handler.handle(p, offset, e.key(), e.value(), new Handed(p, a.id, offset));
      return;
    }
    a.view.put(e.key(), e.value());
    facts.delivered(group, p, offset, e.key(), e.value(), ctx.name(), false);
    advance(p);
  }

  /** The handler made the effect of the record {@code token} names durable. */
  private void handed(Object token) {
    Handed h = (Handed) token;
    Assigned a = owned[h.partition()];
    if (a == null || a.id != h.assignment() || !a.handing || a.processed != h.offset()) {
      return; // revoked meanwhile, or already reported
    }
    a.handing = false;
    Entry e = a.batch.peekFirst();
    facts.delivered(group, h.partition(), h.offset(), e.key(), e.value(), ctx.name(), false);
    advance(h.partition());
  }

  private void deadLettered(long token) {
    int p = (int) (token >>> 40);
    long offset = token & ((1L << 40) - 1);
    Assigned a = owned[p];
    if (a == null || a.processed != offset || a.batch.isEmpty()) {
      return; // the partition moved on or was revoked; the record is in the DLQ regardless
    }
    Entry e = a.batch.peekFirst();
    facts.delivered(group, p, offset, e.key(), e.value(), ctx.name(), true);
    advance(p);
  }

  private void advance(int p) {
    Assigned a = owned[p];
    a.batch.pollFirst();
    a.processed++;
    a.attempts = 0;
    handleNext(p);
  }

  private static long token(int p, long offset) {
    return ((long) p << 40) | offset;
  }

  private void restored(Restore r) {
    Assigned a = owned[r.partition()];
    if (a == null || a.id != r.assignment()) {
      return;
    }
    for (Entry e : r.entries()) {
      if (settings.readsDeadLetters(group) || !settings.poison(e.value())) {
        a.view.put(e.key(), e.value());
      }
    }
    a.position += r.entries().length;
    if (a.position >= a.restoreTarget) {
      a.restoring = false;
      for (long[] w : a.waitingReads) {
        ctx.send((int) w[0], new QueryReply((int) w[1], a.view.get(w[2])));
      }
      a.waitingReads.clear();
    }
    fetch(r.partition());
  }

  private void query(int from, Query q) {
    int p = settings.partitionOf(q.key());
    Assigned a = owned[p];
    if (a == null) {
      int hint = state == null ? -1 : state.owner()[p];
      ctx.send(
          from,
          new NotOwner(q.op(), hint == index ? -1 : hint, state == null ? 0 : state.generation()));
    } else if (a.restoring) {
      a.waitingReads.add(new long[] {from, q.op(), q.key()});
    } else {
      ctx.send(from, new QueryReply(q.op(), a.view.get(q.key())));
    }
  }
}
