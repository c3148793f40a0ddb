package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.function.LongSupplier;

/**
 * A service's tables kept in a nested store (the {@code database} system) instead of on its own
 * disk, reached through the store's driver hosted in the service.
 *
 * <p>The layout, in a store of unique values: the row of aggregate {@code a} is key {@link
 * #rowKey}, holding the id of the aggregate's newest event (the event's content stands for the
 * row's columns and names the event before it); the relay's mark for {@code a} — its newest event
 * known published — is key {@link #markKey}, holding {@link #markValue}. One write of the row thus
 * commits the change and its outbox entry together: the outbox is every aggregate whose row is past
 * its mark.
 *
 * <p>Every request is recorded in a history of its own ({@code history}, shared by the services),
 * which the store's checkers judge. One unanswered for the timeout is given up: its answer is
 * {@link OpStatus#INFO}, its outcome unknown.
 */
final class Database {
  /** What to do with a request's answer. */
  interface Answer {
    /** {@code status} OK or FAIL with the store's value, or INFO when given up. */
    void on(OpStatus status, long value);
  }

  private final StoreClient client;
  private final History history;
  private final LongSupplier trueNanos;
  private final long timeoutNanos;
  // Requests in flight by op (their index in the history); lookups only.
  private final Int2ObjectOpenHashMap<Answer> waiting = new Int2ObjectOpenHashMap<>();
  private Context ctx;

  private record Timeout(int op) {}

  Database(StoreClient client, History history, LongSupplier trueNanos, long timeoutNanos) {
    this.client = client;
    this.history = history;
    this.trueNanos = trueNanos;
    this.timeoutNanos = timeoutNanos;
  }

  /** The row key of {@code aggregate}. */
  static long rowKey(long aggregate) {
    return aggregate;
  }

  /** The relay's mark key for {@code aggregate}: negative, apart from every row. */
  static long markKey(long aggregate) {
    return -1 - aggregate;
  }

  /** The mark value naming event {@code eventId} (negative, apart from every row value). */
  static long markValue(long eventId) {
    return ~eventId;
  }

  /** Starts the driver in its host's context. */
  void start(Context context) {
    ctx = context;
    client.start(ctx);
  }

  /** Reads {@code key}. */
  void read(long key, Answer then) {
    submit(history.invoke(process(), OpKind.READ, key, History.NIL, trueNanos.getAsLong()), then);
  }

  /** Writes {@code value} to {@code key}. */
  void write(long key, long value, Answer then) {
    submit(history.invoke(process(), OpKind.WRITE, key, value, trueNanos.getAsLong()), then);
  }

  /** Sets {@code key} to {@code value} if it holds {@code expected}. */
  void compareAndSet(long key, long expected, long value, Answer then) {
    submit(history.invokeCas(process(), key, expected, value, trueNanos.getAsLong()), then);
  }

  /** Each request is a process of its own: a service has many in flight. */
  private int process() {
    return history.size();
  }

  private void submit(int op, Answer then) {
    waiting.put(op, then);
    client.submit(
        new Request(
            op, history.kind(op), history.key(op), history.value(op), history.expected(op)));
    ctx.setTimer(timeoutNanos, new Timeout(op));
  }

  /** Passes a message to the driver; answers the request it completes, if any. */
  void onMessage(int from, Object message) {
    Response r = client.onMessage(from, message);
    if (r == null) {
      return;
    }
    Answer then = waiting.remove(r.op());
    if (then != null) {
      history.complete(r.op(), r.status(), r.value(), trueNanos.getAsLong());
      then.on(r.status(), r.value());
    }
  }

  /**
   * Handles {@code payload} if it is this database's or its driver's timer; says whether it was.
   */
  boolean onTimer(long timerId, Object payload) {
    if (payload instanceof Timeout t) {
      Answer then = waiting.remove(t.op());
      if (then != null) {
        then.on(OpStatus.INFO, History.NIL); // left incomplete in the history: outcome unknown
      }
      return true;
    }
    if (client.ownsTimer(payload)) {
      client.onTimer(timerId, payload);
      return true;
    }
    return false;
  }
}
