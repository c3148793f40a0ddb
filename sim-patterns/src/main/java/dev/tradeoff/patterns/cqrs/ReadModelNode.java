package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.patterns.cqrs.Messages.Apply;
import dev.tradeoff.patterns.cqrs.Messages.ApplyReply;
import dev.tradeoff.patterns.cqrs.Messages.Query;
import dev.tradeoff.patterns.cqrs.Messages.ReadReply;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The read model: a database on its own disk with a row per aggregate (version, value, effects
 * absorbed) and, for idempotent projectors, a processed-event table. Each {@link Apply} is one
 * transaction, synced before the projector hears back: with {@code consumer=idempotent} it looks
 * the event up in the processed-event table and skips it if present, else applies it and inserts it
 * there in the same transaction; with {@code naive} it applies whatever it is handed, so a
 * redelivered event counts twice. {@code apply=overwrite} lets an event replace the row, older or
 * not; {@code version-guard} absorbs an event older than the row without effect (the row counts it,
 * its version and value stay), so the row never goes back — but a redelivered copy of the row's own
 * event is at the row's version, not older, and is applied again unless the consumer is idempotent.
 *
 * <p>A {@link Query} answers the row's value. One carrying a version ({@code wait-for-version}) is
 * held until the row reaches that version, or fails after {@code waitTimeout}; held reads live in
 * memory and die with the node. Transactions and queries cost {@code readModelService} CPU time.
 */
final class ReadModelNode implements Node {
  private static final String ROW = "row/";
  private static final String SEEN = "seen/";

  private final Settings settings;
  private final CqrsFacts facts;
  private Context ctx;
  private Disk disk;
  private final Int2ObjectOpenHashMap<Held> held = new Int2ObjectOpenHashMap<>();

  /** A CPU job: an apply or a query from {@code from}. */
  private record Job(int from, Object request) {}

  /** A read waiting for its row to reach {@code minVersion}, and the timer that fails it. */
  private record Held(int from, long key, long minVersion, long timerId) {}

  /** A timer: fail the held read {@code op}. */
  private record Expire(int op) {}

  ReadModelNode(Settings settings, CqrsFacts facts) {
    this.settings = settings;
    this.facts = facts;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
  }

  @Override
  public void onMessage(int from, Object message) {
    if (!(message instanceof Apply) && !(message instanceof Query)) {
      return;
    }
    if (!ctx.process(new Job(from, message)) && message instanceof Query q) {
      ctx.send(from, new ReadReply(q.op(), false, History.NIL)); // an apply is asked again
    }
  }

  @Override
  public void onProcessed(Object job) {
    Job j = (Job) job;
    if (j.request() instanceof Apply a) {
      apply(a);
      ctx.send(j.from(), new ApplyReply(a.request()));
    } else {
      query(j.from(), (Query) j.request());
    }
  }

  private void apply(Apply a) {
    Event e = facts.event(a.eventId());
    String seen = SEEN + e.id();
    if (settings.idempotent() && disk.get(seen) != null) {
      facts.duplicateSkipped();
      return;
    }
    Row old = row(e.aggregate());
    boolean effect =
        settings.apply() != Settings.ApplyMode.VERSION_GUARD || e.version() >= old.version();
    disk.put(
        ROW + e.aggregate(),
        effect
            ? new Row(e.version(), e.value(), old.events() + 1)
            : new Row(old.version(), old.value(), old.events() + 1));
    if (settings.idempotent()) {
      disk.put(seen, Boolean.TRUE); // the same transaction as the effect
    }
    disk.sync();
    if (effect) {
      facts.applied(e, a.consumer());
      release(e.aggregate(), e.version());
    } else {
      facts.absorbed(e, a.consumer());
    }
  }

  private void query(int from, Query q) {
    Row r = row(q.key());
    if (r.version() >= q.minVersion()) {
      ctx.send(from, new ReadReply(q.op(), true, r.value()));
      return;
    }
    long timer = ctx.setTimer(settings.waitTimeoutNanos(), new Expire(q.op()));
    held.put(q.op(), new Held(from, q.key(), q.minVersion(), timer));
  }

  /**
   * Answers the held reads of {@code aggregate} that its row, now at {@code version}, satisfies.
   */
  private void release(long aggregate, long version) {
    if (held.isEmpty()) {
      return;
    }
    List<Integer> done = new ArrayList<>();
    for (Int2ObjectOpenHashMap.Entry<Held> entry : held.int2ObjectEntrySet()) {
      Held h = entry.getValue();
      if (h.key() == aggregate && h.minVersion() <= version) {
        done.add(entry.getIntKey());
      }
    }
    done.sort(null); // answer in op order, not hash order
    long value = row(aggregate).value();
    for (int op : done) {
      Held h = held.remove(op);
      ctx.cancelTimer(h.timerId());
      ctx.send(h.from(), new ReadReply(op, true, value));
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    int op = ((Expire) payload).op();
    Held h = held.remove(op);
    if (h != null) {
      ctx.send(h.from(), new ReadReply(op, false, History.NIL)); // the version never showed up
    }
  }

  /** Reads held for a version now. */
  int heldReads() {
    return held.size();
  }

  private Row row(long aggregate) {
    Object r = disk.get(ROW + aggregate);
    return r == null ? Row.NONE : (Row) r;
  }

  /** The rows the read model's disk holds: aggregate → row. */
  static NavigableMap<Long, Row> rows(Disk disk) {
    TreeMap<Long, Row> rows = new TreeMap<>();
    for (String k : disk.keys().subSet(ROW, true, ROW + '\uffff', false)) {
      rows.put(Long.parseLong(k.substring(ROW.length())), (Row) disk.get(k));
    }
    return rows;
  }
}
