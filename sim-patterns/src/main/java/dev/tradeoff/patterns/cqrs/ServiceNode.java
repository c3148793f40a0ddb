package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.patterns.NestedClient;
import dev.tradeoff.patterns.cqrs.Messages.Command;
import dev.tradeoff.patterns.cqrs.Messages.CommandReply;
import dev.tradeoff.patterns.cqrs.Messages.ReadOwn;
import dev.tradeoff.patterns.cqrs.Messages.ReadReply;
import dev.tradeoff.patterns.cqrs.Settings.Publish;
import dev.tradeoff.patterns.log.LogBackbone;
import dev.tradeoff.patterns.log.Publisher;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A write-model service: it owns the aggregates {@code k} with {@code k mod services} equal to its
 * index and keeps them in a database on its disk — a row (version, value) per aggregate and an
 * outbox table. A command (a workload write) costs CPU time to validate, bumps the aggregate's
 * version and commits in a local transaction (synced), then the client gets the new version.
 *
 * <p>How the change reaches the log ({@code publish}):
 *
 * <ul>
 *   <li><b>outbox</b>: the row and an outbox row commit in one transaction; a relay inside the
 *       service publishes the rows (its producer never gives a record up) and deletes them in a
 *       later transaction. With {@code relay=polling} it reads up to {@code relayBatch} rows every
 *       {@code relayInterval} and deletes a batch once all its records are acknowledged; with
 *       {@code tailing} (change data capture, as Debezium tails the database's log) it publishes
 *       each row as soon as it commits and, every {@code relayInterval}, deletes the acknowledged
 *       rows up to the first unacknowledged one (its durable position). Either way a crash before
 *       the delete publishes the rows again after the restart — duplicates in the log — and the
 *       tailing relay, which marks less often, republishes more.
 *   <li><b>dual-write</b>: commit, then hand the event to the producer (after {@code linger} in the
 *       send buffer, in memory). A crash before the record reaches a broker, or a producer that
 *       gives the record up after {@code deliveryTimeout}, loses the event.
 *   <li><b>dual-write-log-first</b>: produce first, commit once the leader acknowledges; the
 *       aggregate takes no other command meanwhile. A crash between the two, or a command given up
 *       after twice the delivery timeout, leaves an event in the log for a change never committed.
 * </ul>
 *
 * <p>Reads of the write model ({@link ReadOwn}) cost the same CPU time and answer the row's value.
 *
 * <p><b>With a {@code database}</b> (a nested store, see {@link Database}) the tables live there: a
 * command reads its aggregate's row (once; the service remembers it), then commits the change and
 * its outbox entry with one compare-and-set of the row from the event it read to the new one, one
 * command per aggregate at a time. A set that fails (the row is not what the service remembered: a
 * failover lost changes) is retried once from a fresh read, then the command is refused; one left
 * unanswered leaves the command unanswered too (its client times out: outcome unknown). The relay
 * marks what it published by writing the aggregate's mark row, and a restarted relay finds the
 * unpublished changes by scanning every aggregate's row against its mark. The database's guarantees
 * become the service's: an async group that fails over forgets changes it acknowledged, events
 * included, though the relay may have published them already.
 */
final class ServiceNode implements Node {
  private static final Object RELAY = new Object();
  private static final Object FLUSH = new Object();
  private static final String AGGREGATE = "agg/";
  private static final String OUTBOX = "outbox/";

  private final Settings settings;
  private final CqrsFacts facts;
  private final LogBackbone log;
  private Context ctx;
  private Disk disk;
  private Publisher publisher;
  private final List<Event> sendBuffer = new ArrayList<>();
  private final ArrayDeque<Long> outbox = new ArrayDeque<>(); // unpublished rows, oldest first
  private final List<Long> relayBatch = new ArrayList<>();
  private int relayUnacked;
  private final LongOpenHashSet tailAcked = new LongOpenHashSet(); // tailing: acked, not deleted
  private final Long2ObjectOpenHashMap<Producing> producing = new Long2ObjectOpenHashMap<>();
  private final Long2ObjectOpenHashMap<ArrayDeque<Job>> locked = new Long2ObjectOpenHashMap<>();
  private final int index;
  private NestedClient db;
  // With a database and an outbox: the aggregates whose unpublished changes this start has found.
  private final it.unimi.dsi.fastutil.longs.LongOpenHashSet scanned =
      new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
  // With a database: the event each aggregate's row held when this service last saw it.
  private final it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap knownRows =
      new it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap();

  /** A CPU job: a command or read from {@code from}. */
  private record Job(int from, Object request) {}

  /** Log first: an event produced and not yet acknowledged, for the command {@code op}. */
  private record Producing(int from, int op, Event event) {}

  /** Log first: the command of {@code eventId} is given up. */
  private record GiveUp(long eventId) {}

  ServiceNode(Settings settings, int index, CqrsFacts facts, LogBackbone log) {
    this.settings = settings;
    this.index = index;
    this.facts = facts;
    this.log = log;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    boolean outboxMode = settings.publish() == Publish.OUTBOX;
    // The relay never gives a record up: the outbox row stays until it is acknowledged.
    publisher = log.publisher(outboxMode ? Long.MAX_VALUE : log.deliveryTimeoutNanos());
    publisher.start(ctx);
    if (settings.database() != null) {
      db =
          new NestedClient(
              settings.database().client(index),
              facts.databaseHistory(),
              facts::nowNanos,
              settings.databaseTimeoutNanos());
      db.start(ctx);
      if (outboxMode) {
        scanOutbox();
        ctx.setTimer(settings.relayIntervalNanos(), RELAY);
      }
    } else if (outboxMode) {
      for (String k : disk.keys().subSet(OUTBOX, true, OUTBOX + '\uffff', false)) {
        outbox.add((Long) disk.get(k));
      }
      if (tailing()) {
        outbox.forEach(id -> send(facts.event(id))); // from the last durable position on
      }
      ctx.setTimer(settings.relayIntervalNanos(), RELAY);
    }
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Command || message instanceof ReadOwn) {
      if (!ctx.process(new Job(from, message))) {
        refuse(from, message); // CPU queue full: nothing was done
      }
      return;
    }
    if (db != null) {
      db.onMessage(from, message);
    }
    Publisher.Ack ack = publisher.onMessage(message);
    if (ack != null) {
      acked(ack.token());
    }
  }

  private void refuse(int from, Object message) {
    if (message instanceof Command c) {
      ctx.send(from, new CommandReply(c.op(), false, 0));
    } else {
      ctx.send(from, new ReadReply(((ReadOwn) message).op(), false, History.NIL));
    }
  }

  @Override
  public void onProcessed(Object job) {
    Job j = (Job) job;
    if (j.request() instanceof ReadOwn r) {
      readOwn(j.from(), r);
      return;
    }
    Command c = (Command) j.request();
    if (db != null) {
      serialize(j, () -> commitInDatabase(j.from(), c, 1));
    } else if (settings.publish() != Publish.DUAL_WRITE_LOG_FIRST) {
      commitThenAnnounce(j.from(), c);
    } else if (locked.containsKey(c.key())) {
      locked.get(c.key()).add(j); // an earlier command on the aggregate awaits its ack
    } else {
      locked.put(c.key(), new ArrayDeque<>());
      produceFirst(j.from(), c);
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (db != null && db.onTimer(timerId, payload)) {
      return;
    }
    if (publisher.owns(payload)) {
      publisher.onTimer(payload);
    } else if (payload == RELAY) {
      if (tailing()) {
        markTailed();
      } else {
        relay();
      }
      ctx.setTimer(settings.relayIntervalNanos(), RELAY);
    } else if (payload == FLUSH) {
      flush();
    } else if (payload instanceof Rescan r) {
      scan(r.aggregate());
    } else if (payload instanceof GiveUp g) {
      Producing p = producing.remove(g.eventId());
      if (p != null) {
        ctx.send(p.from(), new CommandReply(p.op(), false, 0)); // never committed
        unlock(p.event().aggregate());
      }
    }
  }

  // ---- outbox and dual write (database first) ----

  private void commitThenAnnounce(int from, Command c) {
    Row old = row(c.key());
    Event e = facts.newEvent(c.key(), old.version() + 1, c.value());
    disk.put(AGGREGATE + c.key(), new Row(e.version(), e.value(), 0));
    if (settings.publish() == Publish.OUTBOX) {
      disk.put(outboxKey(e.id()), e.id()); // the same transaction as the change
    }
    disk.sync();
    announce(from, c, e);
  }

  /** {@code e}'s change is durable: tell the record and the client, and put it on its way. */
  private void announce(int from, Command c, Event e) {
    if (settings.publish() == Publish.OUTBOX) {
      outbox.add(e.id());
    }
    if (tailing()) {
      send(e); // the change stream shows the row as soon as it is committed
    }
    facts.committed(e);
    ctx.send(from, new CommandReply(c.op(), true, e.version()));
    if (settings.publish() == Publish.DUAL_WRITE) {
      buffer(e); // the second write, outside the transaction
    }
  }

  /**
   * The polling relay: publishes the oldest outbox rows, unless a batch is still unacknowledged.
   */
  private void relay() {
    if (relayUnacked > 0) {
      return;
    }
    while (relayBatch.size() < settings.relayBatch() && !outbox.isEmpty()) {
      long id = outbox.pollFirst();
      relayBatch.add(id);
      send(facts.event(id));
    }
    relayUnacked = relayBatch.size();
  }

  private boolean tailing() {
    return settings.publish() == Publish.OUTBOX && settings.relay() == Settings.Relay.TAILING;
  }

  /** The tailing relay's periodic mark: deletes the acknowledged prefix of the outbox. */
  private void markTailed() {
    int n = 0;
    List<Long> done = new ArrayList<>();
    while (!outbox.isEmpty() && tailAcked.remove((long) outbox.peekFirst())) {
      done.add(outbox.pollFirst());
      n++;
    }
    if (n > 0) {
      markPublished(done);
      facts.relayed(n);
    }
  }

  private void relayAcked(long eventId) {
    if (tailing()) {
      tailAcked.add(eventId);
      return;
    }
    if (--relayUnacked > 0) {
      return;
    }
    markPublished(relayBatch);
    facts.relayed(relayBatch.size());
    relayBatch.clear();
  }

  /** Marks {@code ids} published, in a later transaction than their changes'. */
  private void markPublished(List<Long> ids) {
    if (db == null) {
      for (long id : ids) {
        disk.remove(outboxKey(id));
      }
      disk.sync();
      return;
    }
    // Only the newest event per aggregate needs marking: the mark covers the ones before it.
    java.util.TreeMap<Long, Long> newest = new java.util.TreeMap<>();
    for (long id : ids) {
      newest.merge(facts.event(id).aggregate(), id, Math::max);
    }
    newest.forEach(
        (aggregate, id) ->
            db.write(Database.markKey(aggregate), Database.markValue(id), (status, v) -> {}));
  }

  // ---- dual write: the send buffer ----

  private void buffer(Event e) {
    sendBuffer.add(e);
    if (settings.lingerNanos() == 0) {
      flush();
    } else if (sendBuffer.size() == 1) {
      ctx.setTimer(settings.lingerNanos(), FLUSH);
    }
  }

  private void flush() {
    for (Event e : sendBuffer) {
      send(e);
    }
    sendBuffer.clear();
  }

  private void send(Event e) {
    long key = settings.partitionKey() == Settings.PartitionKey.AGGREGATE ? e.aggregate() : e.id();
    publisher.send(log.partitionOf(key), key, e.id(), e.id());
  }

  // ---- dual write, log first ----

  private void produceFirst(int from, Command c) {
    Event e = facts.newEvent(c.key(), row(c.key()).version() + 1, c.value());
    producing.put(e.id(), new Producing(from, c.op(), e));
    ctx.setTimer(2 * log.deliveryTimeoutNanos(), new GiveUp(e.id()));
    buffer(e);
  }

  private void acked(long eventId) {
    if (settings.publish() == Publish.OUTBOX) {
      relayAcked(eventId);
      return;
    }
    Producing p = producing.remove(eventId);
    if (p == null) {
      return; // database first (nothing waits for the ack), or a command already given up
    }
    Event e = p.event();
    disk.put(AGGREGATE + e.aggregate(), new Row(e.version(), e.value(), 0));
    disk.sync();
    facts.committed(e);
    ctx.send(p.from(), new CommandReply(p.op(), true, e.version()));
    unlock(e.aggregate());
  }

  /** The aggregate's command finished: the next queued one, if any, starts. */
  private void unlock(long aggregate) {
    ArrayDeque<Job> waiting = locked.get(aggregate);
    if (waiting.isEmpty()) {
      locked.remove(aggregate);
      return;
    }
    Job next = waiting.pollFirst();
    produceFirst(next.from(), (Command) next.request());
  }

  // ---- the tables in a database ----

  /** Runs {@code command}'s job now, or after the commands queued on its aggregate. */
  private void serialize(Job j, Runnable run) {
    long aggregate = ((Command) j.request()).key();
    if (locked.containsKey(aggregate)) {
      locked.get(aggregate).add(j);
    } else {
      locked.put(aggregate, new ArrayDeque<>());
      run.run();
    }
  }

  private void commitInDatabase(int from, Command c, int retries) {
    long aggregate = c.key();
    if (!knownRows.containsKey(aggregate)) {
      learn(
          aggregate,
          row -> {
            knownRows.put(aggregate, row);
            commitInDatabase(from, c, retries);
          },
          () -> finished(aggregate)); // unanswered: the client's timeout covers it
      return;
    }
    long before = knownRows.get(aggregate);
    Event old = before == History.NIL ? null : facts.event(before);
    Event e = facts.newEvent(aggregate, old == null ? 1 : old.version() + 1, c.value());
    facts.previous(e.id(), before);
    db.compareAndSet(
        Database.rowKey(aggregate),
        before,
        e.id(),
        (status, held) -> {
          if (status == OpStatus.OK) {
            knownRows.put(aggregate, e.id());
            announce(from, c, e);
          } else {
            knownRows.remove(aggregate); // not what it remembered, or not known: read it again
            if (status == OpStatus.FAIL && retries > 0) {
              commitInDatabase(from, c, retries - 1);
              return;
            }
            if (status == OpStatus.FAIL) {
              ctx.send(from, new CommandReply(c.op(), false, 0)); // a failed set wrote nothing
            }
          }
          finished(aggregate);
        });
  }

  /** The aggregate's command in the database is done: the next queued one starts. */
  private void finished(long aggregate) {
    ArrayDeque<Job> waiting = locked.get(aggregate);
    if (waiting == null || waiting.isEmpty()) {
      locked.remove(aggregate);
      return;
    }
    Job next = waiting.pollFirst();
    commitInDatabase(next.from(), (Command) next.request(), 1);
  }

  private void readOwn(int from, ReadOwn r) {
    if (db == null) {
      ctx.send(from, new ReadReply(r.op(), true, row(r.key()).value()));
      return;
    }
    db.read(
        Database.rowKey(r.key()),
        (status, held) -> {
          if (status == OpStatus.OK) {
            long value = held == History.NIL ? History.NIL : facts.event(held).value();
            ctx.send(from, new ReadReply(r.op(), true, value));
          } else if (status == OpStatus.FAIL) {
            ctx.send(from, new ReadReply(r.op(), false, History.NIL));
          }
        });
  }

  /**
   * A restarted relay's search for unpublished changes: each aggregate of this service's whose row
   * is past its mark goes back on the outbox, its events from the mark on, oldest first.
   */
  private void scanOutbox() {
    for (long a = index; a < settings.aggregates(); a += settings.services()) {
      scan(a);
    }
  }

  /** Scans {@code aggregate}, again a relay interval later until the database answers. */
  private void scan(long aggregate) {
    learn(
        aggregate,
        row -> {},
        () -> ctx.setTimer(settings.relayIntervalNanos(), new Rescan(aggregate)));
  }

  /**
   * Reads {@code aggregate}'s row for {@code then}; the first time since this start, with an
   * outbox, its mark too, and puts what the row holds past the mark back on the outbox first —
   * before any newer change of the aggregate, so that a mark never passes an event not yet
   * published. {@code failed} runs if the database does not answer.
   */
  private void learn(long aggregate, java.util.function.LongConsumer then, Runnable failed) {
    db.read(
        Database.rowKey(aggregate),
        (status, row) -> {
          if (status != OpStatus.OK) {
            failed.run();
          } else if (settings.publish() != Publish.OUTBOX
              || row == History.NIL
              || scanned.contains(aggregate)) {
            then.accept(row);
          } else {
            db.read(
                Database.markKey(aggregate),
                (s, mark) -> {
                  if (s != OpStatus.OK) {
                    failed.run();
                    return;
                  }
                  if (scanned.add(aggregate)) {
                    unpublished(row, mark == History.NIL ? History.NIL : ~mark);
                  }
                  then.accept(row);
                });
          }
        });
  }

  /** Time to scan {@code aggregate} again: the database did not answer. */
  private record Rescan(long aggregate) {}

  private void unpublished(long row, long published) {
    ArrayDeque<Long> chain = new ArrayDeque<>();
    for (long id = row; id != History.NIL && id != published; id = facts.previous(id)) {
      chain.addFirst(id);
    }
    for (long id : chain) {
      outbox.add(id);
      if (tailing()) {
        send(facts.event(id));
      }
    }
  }

  // ---- the database on its disk ----

  private Row row(long aggregate) {
    Object r = disk.get(AGGREGATE + aggregate);
    return r == null ? Row.NONE : (Row) r;
  }

  /** Outbox rows sort by event id: ids grow in commit order. */
  static String outboxKey(long eventId) {
    String digits = Long.toString(eventId);
    return OUTBOX + "0".repeat(19 - digits.length()) + digits;
  }

  /** The aggregate rows a service's disk holds: aggregate → row. */
  static java.util.NavigableMap<Long, Row> rows(Disk disk) {
    java.util.TreeMap<Long, Row> rows = new java.util.TreeMap<>();
    for (String k : disk.keys().subSet(AGGREGATE, true, AGGREGATE + '\uffff', false)) {
      rows.put(Long.parseLong(k.substring(AGGREGATE.length())), (Row) disk.get(k));
    }
    return rows;
  }

  /** Unpublished outbox rows on {@code disk}. */
  static int outboxRows(Disk disk) {
    return disk.keys().subSet(OUTBOX, true, OUTBOX + '\uffff', false).size();
  }

  /** Unpublished outbox rows, as this instance knows them. */
  int pendingRows() {
    return outbox.size() + relayBatch.size();
  }
}
