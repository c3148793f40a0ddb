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
import dev.tradeoff.patterns.saga.Messages.Do;
import dev.tradeoff.patterns.saga.Messages.Done;

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
 * <p>Reads ask for a customer's balance and are answered from memory at once.
 */
final class ServiceNode implements Node {
  private final Settings settings;
  private final Ledger ledger;
  private Context ctx;
  private Disk disk;

  /** The second half of a non-atomic charge: credit the merchant, then answer. */
  private record Credit(int from, Do request) {}

  /** A step request waiting for or holding a CPU worker. */
  private record Job(int from, Do request) {}

  ServiceNode(Settings settings, Ledger ledger) {
    this.settings = settings;
    this.ledger = ledger;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    SagaDefinition d = settings.definition();
    String me = ctx.name();
    Books.open(
        disk,
        Books.keeps(d, Step.Effect.CHARGE, me, settings.name()),
        settings.customers(),
        settings.balance(),
        Books.keeps(d, Step.Effect.RESERVE, me, settings.name()),
        settings.products(),
        settings.stock());
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Do d) {
      ctx.process(new Job(from, d)); // a full queue drops it: the orchestrator times out
    } else if (message instanceof Request r && r.kind() == OpKind.READ) {
      Object balance = disk.get(Books.customerKey(settings.customerOf(r.key())));
      ctx.send(
          from,
          balance == null
              ? new Response(r.op(), OpStatus.FAIL, History.NIL)
              : new Response(r.op(), OpStatus.OK, (Long) balance));
    }
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
    boolean later = apply(step, d);
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
  private boolean apply(Step step, Do d) {
    switch (step.effect()) {
      case CHARGE -> {
        String c = Books.customerKey(d.customer());
        disk.put(c, Books.number(disk, c) - settings.price());
        if (!settings.atomicCharge()) {
          return true;
        }
        disk.put(Books.MERCHANT, Books.number(disk, Books.MERCHANT) + settings.price());
      }
      case RESERVE -> moveStock(d, -1);
      default -> {}
    }
    return false;
  }

  private void moveStock(Do d, long units) {
    String p = Books.stockKey(d.product());
    long now = Books.number(disk, p) + units;
    disk.put(p, now);
    ledger.stock(ctx.name(), d.product(), now, d.saga());
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
      case RESERVE -> moveStock(d, 1);
      default -> {}
    }
  }

  private Row row(Do d) {
    Object r = disk.get(Books.rowKey(d.saga(), d.step()));
    return r == null ? new Row(d.saga(), d.step(), d.customer(), d.product(), 0, 0) : (Row) r;
  }
}
