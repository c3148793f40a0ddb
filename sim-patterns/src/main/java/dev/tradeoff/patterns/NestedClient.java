package dev.tradeoff.patterns;

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
 * The driver of a nested store hosted in a node of the pattern above it (a coordinator's decision
 * log, a service's database), whose requests are the pattern's own: each is recorded in a history
 * of its own ({@code history}, which may be shared by several hosts), for the nested store's
 * checkers to judge, and its answer is handed to the callback given with it. One unanswered for the
 * timeout is given up: its answer is {@link OpStatus#INFO}, its outcome unknown, and it stays
 * incomplete in the history.
 *
 * <p>Contract, as for any {@link StoreClient}: {@link #start} from the host's {@code onStart}; the
 * host passes every message to {@link #onMessage} and every timer to {@link #onTimer}.
 */
public final class NestedClient {
  /** What to do with a request's answer. */
  public interface Answer {
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

  /**
   * A client through {@code client}, recording in {@code history} at the true times {@code
   * trueNanos} tells, giving a request up after {@code timeoutNanos}.
   */
  public NestedClient(
      StoreClient client, History history, LongSupplier trueNanos, long timeoutNanos) {
    this.client = client;
    this.history = history;
    this.trueNanos = trueNanos;
    this.timeoutNanos = timeoutNanos;
  }

  /** Starts the driver in its host's context. */
  public void start(Context context) {
    ctx = context;
    client.start(ctx);
  }

  /** Reads {@code key}. */
  public void read(long key, Answer then) {
    submit(history.invoke(process(), OpKind.READ, key, History.NIL, trueNanos.getAsLong()), then);
  }

  /** Writes {@code value} to {@code key}. */
  public void write(long key, long value, Answer then) {
    submit(history.invoke(process(), OpKind.WRITE, key, value, trueNanos.getAsLong()), then);
  }

  /** Sets {@code key} to {@code value} if it holds {@code expected}. */
  public void compareAndSet(long key, long expected, long value, Answer then) {
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
  public void onMessage(int from, Object message) {
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
  public boolean onTimer(long timerId, Object payload) {
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
