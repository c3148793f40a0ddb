package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.patterns.log.LogBackbone;
import dev.tradeoff.patterns.log.Publisher;
import dev.tradeoff.patterns.saga.Books.Row;
import dev.tradeoff.patterns.saga.Ledger.Phase;
import dev.tradeoff.patterns.saga.Messages.Handle;
import dev.tradeoff.patterns.saga.Messages.Handled;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A service of a choreographed saga: no orchestrator, each service reacts to the events of the
 * others on the log ({@link SagaEvents#route}) with a local transaction on its own database ({@link
 * Books}, the same layout as the orchestrated saga's, so the same checkers judge it) and announces
 * the outcome as an event of its own.
 *
 * <p><b>The origin</b> (the first step's service) takes a client's order: it records the order as
 * pending and runs the first step in one transaction, and at the end hears the last step's {@code
 * DONE} (the saga completed) or the last compensation (compensated), records the order's end and
 * answers the client, if it still remembers it.
 *
 * <p><b>A reaction</b> costs CPU time and is one local transaction: the step's effect (or its
 * undoing), its row, the event id marked as consumed (with {@code idempotencyKeys}), and the
 * outcome event, all synced together. A refusal of a step up to the pivot announces {@code FAILED},
 * which sets the compensations off, each by the event of the one before; a refusal past the pivot
 * is transient: nothing commits and no answer goes back, so the listener hands the event over again
 * after the step timeout. Without {@code idempotencyKeys} every hand-over of an event is reacted to
 * anew: a redelivered {@code DONE} of the reservation charges the customer again.
 *
 * <p><b>Publishing</b>: with {@code outbox} the event is a row in the same transaction; it is sent
 * as soon as it commits, its row deleted (every {@code relayInterval}) once the log acknowledged
 * it, and a restarted service sends every row still there again (duplicates, which consumers
 * absorb). Without, the event goes to the producer after the commit, from memory: a crash before
 * the log has it, or a producer giving it up after {@code deliveryTimeout}, loses it, and the saga
 * waits forever for an event that never comes.
 */
final class ChoreographedService implements Node {
  private static final Object RELAY = new Object();
  private static final String OUTBOX = "x/";
  private static final String SEEN = "e/";
  private static final String ORDER = "o/";

  private final Settings settings;
  private final Choreography choreo;
  private final Ledger ledger;
  private final SagaEvents events;
  private final LogBackbone log;
  private Context ctx;
  private Disk disk;
  private Publisher publisher;
  private final List<Long> acked = new ArrayList<>();
  // Orders this incarnation took and not yet answered, by saga: lookups only.
  private final Long2ObjectOpenHashMap<Order> clients = new Long2ObjectOpenHashMap<>();

  /** An order this incarnation took: the client's node and request. */
  private record Order(int from, Request request) {}

  /** A message waiting for or holding a CPU worker. */
  private record Job(int from, Object message) {}

  ChoreographedService(
      Settings settings, Choreography choreo, Ledger ledger, SagaEvents events, LogBackbone log) {
    this.settings = settings;
    this.choreo = choreo;
    this.ledger = ledger;
    this.events = events;
    this.log = log;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    Books.open(disk, settings, ctx.name());
    publisher = log.publisher(choreo.outbox() ? Long.MAX_VALUE : log.deliveryTimeoutNanos());
    publisher.start(ctx);
    if (choreo.outbox()) {
      for (String k : disk.keys().subSet(OUTBOX, OUTBOX + '\uffff')) {
        publish(events.event((Long) disk.get(k))); // from the rows still there on
      }
      ctx.setTimer(choreo.relayIntervalNanos(), RELAY);
    }
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Handle) {
      ctx.process(new Job(from, message)); // a full queue drops it: the listener asks again
    } else if (message instanceof Request r) {
      if (r.kind() == OpKind.READ) {
        Object balance = disk.get(Books.customerKey(settings.customerOf(r.key())));
        ctx.send(
            from,
            balance == null
                ? new Response(r.op(), OpStatus.FAIL, History.NIL)
                : new Response(r.op(), OpStatus.OK, (Long) balance));
      } else {
        ctx.process(new Job(from, message));
      }
    } else {
      Publisher.Ack ack = publisher.onMessage(message);
      if (ack != null && choreo.outbox()) {
        acked.add(ack.token());
      }
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (publisher.owns(payload)) {
      publisher.onTimer(payload);
    } else if (payload == RELAY) {
      for (long id : acked) {
        disk.remove(outboxKey(id)); // a later transaction than the change's
      }
      if (!acked.isEmpty()) {
        disk.sync();
        acked.clear();
      }
      ctx.setTimer(choreo.relayIntervalNanos(), RELAY);
    }
  }

  @Override
  public void onProcessed(Object job) {
    Job j = (Job) job;
    if (j.message() instanceof Request r) {
      order(j.from(), r);
      return;
    }
    Handle h = (Handle) j.message();
    SagaEvent e = events.event(h.eventId());
    if (settings.idempotencyKeys() && disk.get(seenKey(e.id())) != null) {
      ctx.send(j.from(), new Handled(h.request())); // consumed before: nothing to do again
      return;
    }
    SagaEvents.Route route = events.route(e);
    boolean durable =
        switch (route.action()) {
          case FORWARD -> forward(e.id(), e.saga(), route.step(), e.customer(), e.product());
          case COMPENSATE -> compensate(e, route.step());
          case END -> end(e);
        };
    if (durable) {
      ctx.send(j.from(), new Handled(h.request()));
    }
  }

  /** The origin takes an order: saga {@code r.value()}, pending, and its first step. */
  private void order(int from, Request r) {
    long saga = r.value();
    if (disk.get(orderKey(saga)) != null || clients.containsKey(saga)) {
      return; // a duplicated request: the saga runs once
    }
    long customer = settings.customerOf(r.key());
    long product = settings.productOf(saga);
    ledger.started(saga, customer, product);
    clients.put(saga, new Order(from, r));
    disk.put(orderKey(saga), Phase.FORWARD);
    forward(-1, saga, 0, customer, product);
  }

  /**
   * Runs step {@code step} of {@code saga} in reaction to event {@code cause} (-1: the order);
   * false when it was refused past the pivot and nothing committed.
   */
  private boolean forward(long cause, long saga, int step, long customer, long product) {
    Step s = settings.definition().steps().get(step);
    String refusal = refusal(s, customer, product);
    SagaEvent out;
    if (refusal != null) {
      if (settings.definition().forwardOnly(step)) {
        return false; // transient past the pivot: the event is handed over again
      }
      out = events.create(saga, step, SagaEvent.Kind.FAILED, customer, product);
      int next = SagaEvents.compensatableBelow(settings.definition(), step);
      commit(cause, out);
      ledger.advanced(saga, Phase.COMPENSATING, next < 0 ? step : next);
    } else {
      apply(s, saga, customer, product);
      Row row = row(saga, step, customer, product);
      disk.put(
          Books.rowKey(saga, step),
          new Row(saga, step, customer, product, row.applied() + 1, row.undone()));
      out = events.create(saga, step, SagaEvent.Kind.DONE, customer, product);
      commit(cause, out);
      int last = settings.definition().steps().size() - 1;
      ledger.advanced(saga, Phase.FORWARD, Math.min(step + 1, last));
    }
    return true;
  }

  private boolean compensate(SagaEvent e, int step) {
    Step s = settings.definition().steps().get(step);
    Row row = row(e.saga(), step, e.customer(), e.product());
    for (int i = 0; i < row.net(); i++) {
      undo(s, e.saga(), e.customer(), e.product());
    }
    if (row.net() > 0) {
      disk.put(
          Books.rowKey(e.saga(), step),
          new Row(e.saga(), step, e.customer(), e.product(), row.applied(), row.applied()));
    }
    SagaEvent out =
        events.create(e.saga(), step, SagaEvent.Kind.COMPENSATED, e.customer(), e.product());
    commit(e.id(), out);
    int next = SagaEvents.compensatableBelow(settings.definition(), step);
    ledger.advanced(e.saga(), Phase.COMPENSATING, next < 0 ? step : next);
    return true;
  }

  /** The origin records the order's end and answers its client, if this incarnation took it. */
  private boolean end(SagaEvent e) {
    Phase phase = e.kind() == SagaEvent.Kind.DONE ? Phase.COMPLETED : Phase.COMPENSATED;
    disk.put(orderKey(e.saga()), phase);
    markSeen(e.id());
    disk.sync();
    ledger.advanced(e.saga(), phase, e.step());
    Order o = clients.remove(e.saga());
    if (o != null) {
      ctx.send(
          o.from(),
          new Response(
              o.request().op(),
              phase == Phase.COMPLETED ? OpStatus.OK : OpStatus.FAIL,
              History.NIL));
    }
    return true;
  }

  /** Commits the transaction so far with {@code out} (in the outbox, if any) and publishes it. */
  private void commit(long cause, SagaEvent out) {
    markSeen(cause);
    if (choreo.outbox()) {
      disk.put(outboxKey(out.id()), out.id());
    }
    disk.sync();
    publish(out);
  }

  private void markSeen(long cause) {
    if (cause >= 0 && settings.idempotencyKeys()) {
      disk.put(seenKey(cause), Boolean.TRUE);
    }
  }

  private void publish(SagaEvent e) {
    publisher.send(log.partitionOf(e.saga()), e.saga(), e.id(), e.id());
  }

  private String refusal(Step step, long customer, long product) {
    if (step.failure() > 0 && ctx.random().nextDouble() < step.failure()) {
      return "business failure";
    }
    if (step.effect() == Step.Effect.CHARGE
        && Books.number(disk, Books.customerKey(customer)) < settings.price()) {
      return "insufficient funds";
    }
    if (step.effect() == Step.Effect.RESERVE
        && settings.stockCheck()
        && Books.number(disk, Books.stockKey(product)) < 1) {
      return "out of stock";
    }
    return null;
  }

  private void apply(Step step, long saga, long customer, long product) {
    switch (step.effect()) {
      case CHARGE -> {
        String c = Books.customerKey(customer);
        disk.put(c, Books.number(disk, c) - settings.price());
        disk.put(Books.MERCHANT, Books.number(disk, Books.MERCHANT) + settings.price());
      }
      case RESERVE -> moveStock(saga, product, -1);
      default -> {}
    }
  }

  private void undo(Step step, long saga, long customer, long product) {
    switch (step.effect()) {
      case CHARGE -> {
        String c = Books.customerKey(customer);
        disk.put(c, Books.number(disk, c) + settings.price());
        disk.put(Books.MERCHANT, Books.number(disk, Books.MERCHANT) - settings.price());
      }
      case RESERVE -> moveStock(saga, product, 1);
      default -> {}
    }
  }

  private void moveStock(long saga, long product, long units) {
    String p = Books.stockKey(product);
    long now = Books.number(disk, p) + units;
    disk.put(p, now);
    ledger.stock(ctx.name(), product, now, saga);
  }

  private Row row(long saga, int step, long customer, long product) {
    Object r = disk.get(Books.rowKey(saga, step));
    return r == null ? new Row(saga, step, customer, product, 0, 0) : (Row) r;
  }

  static String outboxKey(long eventId) {
    return String.format(Locale.ROOT, "%s%019d", OUTBOX, eventId);
  }

  private static String seenKey(long eventId) {
    return String.format(Locale.ROOT, "%s%019d", SEEN, eventId);
  }

  private static String orderKey(long saga) {
    return String.format(Locale.ROOT, "%s%016x", ORDER, saga ^ Long.MIN_VALUE);
  }

  /** Outbox rows on {@code disk} not yet deleted. */
  static int outboxRows(Disk disk) {
    return disk.keys().subSet(OUTBOX, OUTBOX + '\uffff').size();
  }
}
