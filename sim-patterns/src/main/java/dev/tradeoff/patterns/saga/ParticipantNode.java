package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.patterns.saga.TpcMessages.Abort;
import dev.tradeoff.patterns.saga.TpcMessages.Commit;
import dev.tradeoff.patterns.saga.TpcMessages.Committed;
import dev.tradeoff.patterns.saga.TpcMessages.Prepare;
import dev.tradeoff.patterns.saga.TpcMessages.Status;
import dev.tradeoff.patterns.saga.TpcMessages.Vote;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A two-phase-commit participant: a service with its own database ({@link Books}) that runs each
 * transaction's step in two phases, under an exclusive lock on the row it touches (the customer's
 * account for a charge, the product's stock for a reservation; other steps write a row of their own
 * and lock nothing shared).
 *
 * <p><b>Prepare</b> takes the lock, waiting behind its holder in FIFO order for at most the lock
 * timeout (then it votes no: the transaction was blocked). With the lock it checks the step can be
 * done (funds, stock, the step's business failure probability): if not it releases the lock and
 * votes no, writing nothing (presumed abort); if so it writes the prepared step to its disk, syncs
 * and votes yes, and from then on holds the lock until the decision arrives — in doubt.
 *
 * <p><b>In doubt</b>, it asks the coordinator for the decision every inquiry interval; it cannot
 * decide alone, so while the coordinator is down its locks stay held and every transaction needing
 * those rows waits and times out. With {@code heuristicAfter} set it aborts on its own after that
 * long (an XA heuristic rollback), which unblocks the rows and may break atomicity. With a shared
 * decision log, once in doubt longer than {@code takeoverAfter} it asks the other coordinators in
 * turn, one per inquiry, since any of them can settle the transaction there. A restarted
 * participant re-takes the locks of its prepared steps from its disk.
 *
 * <p><b>Commit</b> applies the prepared step, marks it committed, syncs, releases the lock and
 * acknowledges; <b>abort</b> marks it aborted and releases. Reads of a balance see the committed
 * state and take no lock (a snapshot read).
 */
final class ParticipantNode implements Node {
  /** A step as the participant's disk holds it. */
  enum State {
    /** Prepared and durable, locks held, awaiting the decision. */
    PREPARED,
    /** Applied on the coordinator's commit. */
    COMMITTED,
    /** Dropped on the coordinator's abort. */
    ABORTED,
    /** Aborted on the participant's own authority while in doubt. */
    HEURISTIC_ABORT
  }

  /**
   * A transaction's step on the participant's disk, under {@code t/<txn>/<step>}.
   *
   * @param txn the transaction
   * @param step its step
   * @param customer the customer it charges
   * @param product the product it reserves
   * @param coordinator the coordinator's node id
   * @param state where it is
   */
  record Entry(long txn, int step, long customer, long product, int coordinator, State state) {
    Entry with(State s) {
      return new Entry(txn, step, customer, product, coordinator, s);
    }
  }

  private final TpcSettings settings;
  private final Ledger ledger;
  private final LockStats stats;
  private Context ctx;
  private Disk disk;
  // Row locks by row key; sorted, so the oldest-lock probe reads them in a fixed order.
  private final TreeMap<String, Lock> locks = new TreeMap<>();
  // Prepared steps in doubt here, by disk key; sorted for the same reason.
  private final TreeMap<String, Long> preparedAt = new TreeMap<>();

  /** A row lock: its holder and the prepares queued behind it. */
  private static final class Lock {
    String holder;
    long sinceNanos;
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  }

  /** A prepare waiting for a lock, with its lock-timeout timer. */
  private record Waiter(int from, Prepare prepare, long timer) {}

  /** The lock timeout of a waiting prepare. */
  private record LockTimeout(String row, int from, Prepare prepare) {}

  /** Time to ask about (or give up on) a step in doubt. */
  private record Inquire(String key) {}

  /** A prepare or commit waiting for or holding a CPU worker. */
  private record Job(int from, Object message) {}

  ParticipantNode(TpcSettings settings, Ledger ledger, LockStats stats) {
    this.settings = settings;
    this.ledger = ledger;
    this.stats = stats;
  }

  static String key(long txn, int step) {
    return String.format(Locale.ROOT, "t/%016x/%03d", txn ^ Long.MIN_VALUE, step);
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    Books.open(disk, settings, ctx.name());
    for (String k : disk.keys().subSet("t/", "t0")) {
      Entry e = (Entry) disk.get(k);
      if (e.state() == State.PREPARED) {
        String row = row(e.step(), e.customer(), e.product());
        if (row != null) {
          Lock lock = locks.computeIfAbsent(row, r -> new Lock());
          lock.holder = k;
          lock.sinceNanos = ledger.nowNanos();
        }
        doubt(k);
      }
    }
  }

  /** The row a step locks, or null when it touches nothing shared. */
  private String row(int step, long customer, long product) {
    return switch (settings.definition().steps().get(step).effect()) {
      case CHARGE -> Books.customerKey(customer);
      case RESERVE -> Books.stockKey(product);
      case ROW -> null;
    };
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Prepare || message instanceof Commit) {
      ctx.process(new Job(from, message)); // a full queue drops it: timeouts and retries cover it
    } else if (message instanceof Abort a) {
      abort(a);
    } else if (message instanceof Request r && r.kind() == OpKind.READ) {
      Object balance = disk.get(Books.customerKey(Math.floorMod(r.key(), settings.customers())));
      ctx.send(
          from,
          balance == null
              ? new Response(r.op(), OpStatus.FAIL, History.NIL)
              : new Response(r.op(), OpStatus.OK, (Long) balance));
    }
  }

  @Override
  public void onProcessed(Object job) {
    Job j = (Job) job;
    if (j.message() instanceof Prepare p) {
      prepare(j.from(), p);
    } else if (j.message() instanceof Commit c) {
      commit(j.from(), c);
    }
  }

  private void prepare(int from, Prepare p) {
    String k = key(p.txn(), p.step());
    Entry e = (Entry) disk.get(k);
    if (e != null) {
      ctx.send(
          from,
          new Vote(
              p.txn(), p.step(), e.state() != State.ABORTED && e.state() != State.HEURISTIC_ABORT));
      return;
    }
    String row = row(p.step(), p.customer(), p.product());
    if (row == null) {
      decide(from, p);
      return;
    }
    Lock lock = locks.computeIfAbsent(row, r -> new Lock());
    if (lock.holder == null) {
      lock.holder = k;
      lock.sinceNanos = ledger.nowNanos();
      decide(from, p);
    } else if (!k.equals(lock.holder) && !waiting(lock, p)) {
      long timer = ctx.setTimer(settings.lockTimeoutNanos(), new LockTimeout(row, from, p));
      lock.waiters.add(new Waiter(from, p, timer));
    }
  }

  private static boolean waiting(Lock lock, Prepare p) {
    for (Waiter w : lock.waiters) {
      if (w.prepare().equals(p)) {
        return true;
      }
    }
    return false;
  }

  /** With the lock held (or none needed): prepare or refuse. */
  private void decide(int from, Prepare p) {
    String refusal = refusal(p);
    if (refusal != null) {
      release(row(p.step(), p.customer(), p.product()));
      ctx.send(from, new Vote(p.txn(), p.step(), false)); // presumed abort: nothing written
      return;
    }
    String k = key(p.txn(), p.step());
    disk.put(k, new Entry(p.txn(), p.step(), p.customer(), p.product(), from, State.PREPARED));
    disk.sync();
    stats.prepared(p.txn(), p.step());
    doubt(k);
    ctx.send(from, new Vote(p.txn(), p.step(), true));
  }

  private String refusal(Prepare p) {
    Step step = settings.definition().steps().get(p.step());
    if (step.failure() > 0 && ctx.random().nextDouble() < step.failure()) {
      return "business failure";
    }
    if (step.effect() == Step.Effect.CHARGE
        && Books.number(disk, Books.customerKey(p.customer())) < settings.price()) {
      return "insufficient funds";
    }
    if (step.effect() == Step.Effect.RESERVE
        && Books.number(disk, Books.stockKey(p.product())) < 1) {
      return "out of stock";
    }
    return null;
  }

  private void doubt(String k) {
    preparedAt.put(k, ledger.nowNanos());
    ctx.setTimer(settings.inquiryNanos(), new Inquire(k));
  }

  private void commit(int from, Commit c) {
    String k = key(c.txn(), c.step());
    Entry e = (Entry) disk.get(k);
    if (e != null && e.state() == State.PREPARED) {
      apply(e);
      disk.put(k, e.with(State.COMMITTED));
      disk.sync();
      decided(k, e);
    }
    ctx.send(from, new Committed(c.txn(), c.step()));
  }

  private void apply(Entry e) {
    Step step = settings.definition().steps().get(e.step());
    switch (step.effect()) {
      case CHARGE -> {
        String c = Books.customerKey(e.customer());
        disk.put(c, Books.number(disk, c) - settings.price());
        disk.put(Books.MERCHANT, Books.number(disk, Books.MERCHANT) + settings.price());
      }
      case RESERVE -> {
        String p = Books.stockKey(e.product());
        long now = Books.number(disk, p) - 1;
        disk.put(p, now);
        ledger.stock(ctx.name(), e.product(), now, e.txn());
      }
      case ROW -> {}
    }
    disk.put(
        Books.rowKey(e.txn(), e.step()),
        new Books.Row(e.txn(), e.step(), e.customer(), e.product(), 1, 0));
  }

  private void abort(Abort a) {
    String k = key(a.txn(), a.step());
    Entry e = (Entry) disk.get(k);
    if (e != null && e.state() == State.PREPARED) {
      disk.put(k, e.with(State.ABORTED));
      disk.sync();
      decided(k, e);
      return;
    }
    for (Lock lock : locks.values()) {
      for (Waiter w : lock.waiters) {
        if (w.prepare().txn() == a.txn() && w.prepare().step() == a.step()) {
          lock.waiters.remove(w);
          ctx.cancelTimer(w.timer());
          return;
        }
      }
    }
  }

  /** {@code e}, stored under {@code k}, is decided: it leaves doubt and releases its row. */
  private void decided(String k, Entry e) {
    preparedAt.remove(k);
    stats.decided(e.txn(), e.step());
    release(row(e.step(), e.customer(), e.product()));
  }

  /** Releases {@code row}'s lock and grants it to the next prepare waiting, if any. */
  private void release(String row) {
    if (row == null) {
      return;
    }
    Lock lock = locks.get(row);
    if (lock == null || lock.holder == null) {
      return;
    }
    stats.released(ledger.nowNanos() - lock.sinceNanos);
    Waiter next = lock.waiters.poll();
    if (next == null) {
      locks.remove(row);
      return;
    }
    ctx.cancelTimer(next.timer());
    lock.holder = key(next.prepare().txn(), next.prepare().step());
    lock.sinceNanos = ledger.nowNanos();
    decide(next.from(), next.prepare());
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload instanceof LockTimeout t) {
      Lock lock = locks.get(t.row());
      if (lock != null && lock.waiters.removeIf(w -> w.prepare().equals(t.prepare()))) {
        stats.lockTimeout();
        Prepare p = t.prepare();
        ctx.send(t.from(), new Vote(p.txn(), p.step(), false));
      }
    } else if (payload instanceof Inquire q) {
      inquire(q.key());
    }
  }

  private void inquire(String k) {
    Long since = preparedAt.get(k);
    if (since == null) {
      return; // decided meanwhile
    }
    Entry e = (Entry) disk.get(k);
    long heuristic = settings.heuristicAfterNanos();
    if (heuristic > 0 && ledger.nowNanos() - since >= heuristic) {
      disk.put(k, e.with(State.HEURISTIC_ABORT));
      disk.sync();
      stats.heuristic();
      decided(k, e);
      return;
    }
    ctx.send(inquiryTarget(e, ledger.nowNanos() - since), new Status(e.txn(), e.step()));
    ctx.setTimer(settings.inquiryNanos(), new Inquire(k));
  }

  /** The coordinator to ask about {@code e}, in doubt for {@code doubtNanos}. */
  private int inquiryTarget(Entry e, long doubtNanos) {
    long past = doubtNanos - settings.takeoverAfterNanos();
    if (settings.decisionLog() == null || past < 0) {
      return e.coordinator();
    }
    List<String> names = settings.coordinatorNames();
    int own = 0;
    while (own < names.size() - 1 && ctx.nodeId(names.get(own)) != e.coordinator()) {
      own++;
    }
    long turn = past / settings.inquiryNanos(); // the next coordinator at every inquiry
    return ctx.nodeId(names.get((int) ((own + 1 + turn) % names.size())));
  }

  /** Age of the oldest lock held here now, in true nanoseconds (0 if none). */
  long oldestLockNanos() {
    long now = ledger.nowNanos();
    long oldest = 0;
    for (Lock lock : locks.values()) {
      if (lock.holder != null) {
        oldest = Math.max(oldest, now - lock.sinceNanos);
      }
    }
    return oldest;
  }

  /** Prepares waiting for a lock here now. */
  long blocked() {
    long n = 0;
    for (Lock lock : locks.values()) {
      n += lock.waiters.size();
    }
    return n;
  }

  /** Every step on {@code disk}, by key. */
  static NavigableMap<String, Entry> entries(Disk disk) {
    NavigableMap<String, Entry> out = new TreeMap<>();
    for (String k : disk.keys().subSet("t/", "t0")) {
      out.put(k, (Entry) disk.get(k));
    }
    return out;
  }
}
