package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.patterns.saga.Books.Outcome;
import dev.tradeoff.patterns.saga.Books.Row;
import dev.tradeoff.patterns.saga.Messages.Confirm;
import dev.tradeoff.patterns.saga.Messages.Do;
import dev.tradeoff.patterns.saga.Messages.Done;
import dev.tradeoff.patterns.saga.Messages.Inquire;
import java.util.TreeSet;

/**
 * A service with its own database on its disk ({@link Books}), running the saga steps that name it
 * as local transactions, one per request, each costing CPU time (a request that finds the queue
 * full is dropped; the orchestrator's step timeout covers it).
 *
 * <p><b>Forward.</b> With idempotency keys, a request whose key the service has seen gets the
 * recorded answer and changes nothing; a step compensated before its request arrived is refused.
 * Otherwise the service decides: a business failure with the step's probability, insufficient funds
 * for a charge the customer cannot pay, out of stock for a reservation (unless the stock check is
 * off); else it applies the effect, bumps the step's row, records the key and syncs, all in one
 * local transaction, and answers. Without keys every request that arrives is applied again: a
 * retried charge charges twice.
 *
 * <p><b>Compensation</b> undoes every application of the step not yet undone (it finds them by the
 * saga's id, as a refund finds an order's payments), so it is idempotent by itself; with keys it
 * also marks the forward key cancelled, so a late forward request is refused instead of applied
 * after its compensation.
 *
 * <p>With {@code atomicCharge} off, a charge debits the customer in one local transaction and
 * credits the merchant in a second one, after more CPU time: a crash between them loses the money.
 *
 * <p>Reads ask for a customer's balance (or, with {@link Isolation#stockReads}, a product's stock)
 * and are answered from memory at once. {@link Isolation} also sets how a reservation writes the
 * stock (a commutative decrement, or a read on arrival and a write after the CPU time, which can
 * overwrite a reservation committed in between, or that with a re-read before the write) and
 * whether it takes a semantic lock: the product is PENDING (rows {@code l/<product>}, a count, and
 * {@code q/<saga>}) until the saga's {@link Confirm} or the reservation's compensation, and stock
 * reads of a PENDING product are refused.
 *
 * <p><b>Lock recovery.</b> A {@link Confirm} is sent once and can be lost (the network, a
 * partition, this service down when it arrives, the orchestrator crashing before it sends it), so
 * the service does not wait for it forever: every inquiry interval (five step timeouts) it asks the
 * saga's orchestrator, with {@link Inquire}, about each lock that was already PENDING at the
 * previous sweep; the orchestrator answers from its saga log with a {@link Confirm} once nothing
 * will undo the reservation, and says nothing while the saga may still compensate it (its
 * compensation then releases the lock). Only with the semantic lock: other runs send and draw
 * nothing more.
 */
final class ServiceNode implements Node {
  private final Settings settings;
  private final Ledger ledger;
  private final Isolation isolation;
  private Context ctx;
  private Disk disk;

  /** The second half of a non-atomic charge: credit the merchant, then answer. */
  private record Credit(int from, Do request) {}

  /**
   * A step request waiting for or holding a CPU worker, with the stock of its product as read when
   * it arrived (and when).
   */
  private record Job(int from, Do request, long stockRead, long readNanos) {}

  /**
   * A semantic lock, stored under {@code q/<saga>}: saga {@code saga}, run by node {@code
   * orchestrator}, reserved {@code product}.
   */
  private record Pending(long saga, long product, int orchestrator) {}

  /** Time to ask about the locks still PENDING since the last sweep. */
  private record Sweep() {}

  // Sagas whose lock was PENDING at the last sweep; memory only (a restart waits one more sweep).
  private final TreeSet<Long> pendingAtSweep = new TreeSet<>();

  ServiceNode(Settings settings, Ledger ledger) {
    this(settings, ledger, Isolation.NONE);
  }

  ServiceNode(Settings settings, Ledger ledger, Isolation isolation) {
    this.settings = settings;
    this.ledger = ledger;
    this.isolation = isolation;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    Books.open(disk, settings, ctx.name());
    if (isolation.semanticLock()) {
      ctx.setTimer(inquiryNanos(), new Sweep());
    }
  }

  /** How long a lock waits for its {@link Confirm} before its orchestrator is asked about it. */
  private long inquiryNanos() {
    return 5 * settings.stepTimeoutNanos();
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload instanceof Sweep) {
      sweep();
      ctx.setTimer(inquiryNanos(), new Sweep());
    }
  }

  /** Asks about every lock PENDING since the last sweep, in saga order. */
  private void sweep() {
    TreeSet<Long> now = new TreeSet<>();
    for (String key : disk.keys().subSet("q/", "q0")) {
      Pending p = (Pending) disk.get(key);
      now.add(p.saga());
      if (pendingAtSweep.contains(p.saga())) {
        ctx.send(p.orchestrator(), new Inquire(p.saga()));
      }
    }
    pendingAtSweep.clear();
    pendingAtSweep.addAll(now);
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Do d) {
      long stock = Books.number(disk, Books.stockKey(d.product()));
      // A full queue drops it: the orchestrator times out.
      ctx.process(new Job(from, d, stock, ledger.nowNanos()));
    } else if (message instanceof Confirm c) {
      unlock(c.saga());
    } else if (message instanceof Request r && r.kind() == OpKind.READ && isolation.stockReads()) {
      readStock(from, r);
    } else if (message instanceof Request r && r.kind() == OpKind.READ) {
      Object balance = disk.get(Books.customerKey(settings.customerOf(r.key())));
      ctx.send(
          from,
          balance == null
              ? new Response(r.op(), OpStatus.FAIL, History.NIL)
              : new Response(r.op(), OpStatus.OK, (Long) balance));
    }
  }

  private void readStock(int from, Request r) {
    long product = Math.floorMod(r.key(), settings.products());
    if (isolation.semanticLock() && Books.number(disk, lockKey(product)) > 0) {
      ledger.readRefused(); // a reservation on it is PENDING: its saga may still release it
      ctx.send(from, new Response(r.op(), OpStatus.FAIL, History.NIL));
      return;
    }
    long units = Books.number(disk, Books.stockKey(product));
    ledger.stockRead(product, units);
    ctx.send(from, new Response(r.op(), OpStatus.OK, units));
  }

  /** Lets saga {@code saga}'s semantic lock go, if it holds one; synced. */
  private void unlock(long saga) {
    Pending p = (Pending) disk.get(pendingKey(saga));
    if (p == null) {
      return;
    }
    disk.remove(pendingKey(saga));
    String lock = lockKey(p.product());
    disk.put(lock, Books.number(disk, lock) - 1);
    disk.sync();
  }

  private static String lockKey(long product) {
    return String.format(java.util.Locale.ROOT, "l/%010d", product);
  }

  private static String pendingKey(long saga) {
    return String.format(java.util.Locale.ROOT, "q/%016x", saga ^ Long.MIN_VALUE);
  }

  @Override
  public void onProcessed(Object job) {
    if (job instanceof Job j) {
      Done answer = j.request().compensate() ? compensate(j.request()) : forward(j);
      if (answer != null) {
        ctx.send(j.from(), answer);
      }
    } else if (job instanceof Credit c) {
      disk.put(Books.MERCHANT, Books.number(disk, Books.MERCHANT) + settings.price());
      disk.sync();
      ctx.send(c.from(), new Done(c.request().saga(), c.request().step(), false, true, ""));
    }
  }

  /** Runs a forward request; null when the answer comes later (a non-atomic charge). */
  private Done forward(Job j) {
    Do d = j.request();
    Step step = settings.definition().steps().get(d.step());
    if (settings.idempotencyKeys()) {
      Object seen = disk.get(d.key());
      if (seen != null) {
        return new Done(d.saga(), d.step(), false, seen == Outcome.APPLIED, "seen " + seen);
      }
    }
    String refusal = refusal(step, d);
    if (refusal != null) {
      if (settings.idempotencyKeys()) {
        disk.put(d.key(), Outcome.REFUSED);
        disk.sync();
      }
      return new Done(d.saga(), d.step(), false, false, refusal);
    }
    boolean later = apply(step, j);
    Row row = row(d);
    disk.put(
        Books.rowKey(d.saga(), d.step()),
        new Row(d.saga(), d.step(), d.customer(), d.product(), row.applied() + 1, row.undone()));
    if (settings.idempotencyKeys()) {
      disk.put(d.key(), Outcome.APPLIED);
    }
    disk.sync();
    if (later) {
      ctx.process(new Credit(j.from(), d));
      return null;
    }
    return new Done(d.saga(), d.step(), false, true, "");
  }

  private String refusal(Step step, Do d) {
    if (step.failure() > 0 && ctx.random().nextDouble() < step.failure()) {
      return "business failure";
    }
    if (step.effect() == Step.Effect.CHARGE
        && Books.number(disk, Books.customerKey(d.customer())) < settings.price()) {
      return "insufficient funds";
    }
    if (step.effect() == Step.Effect.RESERVE
        && settings.stockCheck()
        && Books.number(disk, Books.stockKey(d.product())) < 1) {
      return "out of stock";
    }
    return null;
  }

  /** Applies {@code step}'s effect once; true when the merchant's credit is left for later. */
  private boolean apply(Step step, Job j) {
    Do d = j.request();
    switch (step.effect()) {
      case CHARGE -> {
        String c = Books.customerKey(d.customer());
        disk.put(c, Books.number(disk, c) - settings.price());
        if (!settings.atomicCharge()) {
          return true;
        }
        disk.put(Books.MERCHANT, Books.number(disk, Books.MERCHANT) + settings.price());
      }
      case RESERVE -> reserve(j);
      default -> {}
    }
    return false;
  }

  private void reserve(Job j) {
    Do d = j.request();
    long current = Books.number(disk, Books.stockKey(d.product()));
    switch (isolation.update()) {
      case READ_THEN_WRITE -> moveStock(d, -1, j.stockRead(), j.readNanos());
      case REREAD -> moveStock(d, -1, current, ledger.nowNanos()); // changed? recomputed from now
      default -> moveStock(d, -1, current, ledger.nowNanos());
    }
    if (isolation.semanticLock()) {
      disk.put(pendingKey(d.saga()), new Pending(d.saga(), d.product(), j.from()));
      String lock = lockKey(d.product());
      disk.put(lock, Books.number(disk, lock) + 1);
    }
  }

  private void moveStock(Do d, long units) {
    moveStock(d, units, Books.number(disk, Books.stockKey(d.product())), ledger.nowNanos());
  }

  /** Writes {@code base + units} as the product's stock. */
  private void moveStock(Do d, long units, long base, long readNanos) {
    String p = Books.stockKey(d.product());
    long now = base + units;
    disk.put(p, now);
    ledger.stock(ctx.name(), d.product(), now, d.saga());
    ledger.stockWrite(d.product(), d.saga(), base, now, readNanos);
  }

  private Done compensate(Do d) {
    Step step = settings.definition().steps().get(d.step());
    Row row = row(d);
    for (int i = 0; i < row.net(); i++) {
      undo(step, d);
    }
    if (row.net() > 0) {
      disk.put(
          Books.rowKey(d.saga(), d.step()),
          new Row(d.saga(), d.step(), d.customer(), d.product(), row.applied(), row.applied()));
    }
    if (settings.idempotencyKeys()) {
      String forward = Books.requestKey(d.saga(), d.step(), false, 0); // refusals are final here
      if (disk.get(forward) == null) {
        disk.put(forward, Outcome.CANCELLED);
      }
      disk.put(d.key(), Outcome.DONE);
    }
    disk.sync();
    return new Done(d.saga(), d.step(), true, true, "");
  }

  private void undo(Step step, Do d) {
    switch (step.effect()) {
      case CHARGE -> {
        String c = Books.customerKey(d.customer());
        disk.put(c, Books.number(disk, c) + settings.price());
        disk.put(Books.MERCHANT, Books.number(disk, Books.MERCHANT) - settings.price());
      }
      case RESERVE -> {
        moveStock(d, 1);
        if (isolation.semanticLock() && disk.get(pendingKey(d.saga())) != null) {
          disk.remove(pendingKey(d.saga()));
          String lock = lockKey(d.product());
          disk.put(lock, Books.number(disk, lock) - 1);
        }
      }
      default -> {}
    }
  }

  private Row row(Do d) {
    Object r = disk.get(Books.rowKey(d.saga(), d.step()));
    return r == null ? new Row(d.saga(), d.step(), d.customer(), d.product(), 0, 0) : (Row) r;
  }
}
