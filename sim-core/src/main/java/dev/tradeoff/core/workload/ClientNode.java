package dev.tradeoff.core.workload;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;

/**
 * One client session of a {@link Workload}: issues reads and writes of unique values to its target
 * store, records each operation's invocation and completion in true time, and gives an operation up
 * as {@code info} after the workload's timeout (a late response is then ignored).
 *
 * <p>A client is part of the test harness, not of the system under test, which is why it may read
 * true time: like Jepsen's clients, it timestamps the history with the one global clock. Its
 * arrival gaps and timeouts are timers, though, and timers run on the node's local clock: a drift
 * fault aimed at a client node changes its offered load and shortens or stretches its timeouts, so
 * fault schedules should target the system's nodes, not its clients.
 */
public final class ClientNode implements Node {
  private static final Object ARRIVAL = new Object();

  /** Marks an outstanding operation that has no timeout timer. */
  private static final long NO_TIMER = Long.MAX_VALUE;

  private final Workload workload;
  private final int index;
  private final History history;
  private final LongSupplier trueNanos;
  private final Int2LongOpenHashMap timeoutTimers = new Int2LongOpenHashMap();
  private Context ctx;
  private StoreClient store;
  private Arrivals.Gaps gaps;
  private DiscreteSampler keys;

  /**
   * Client {@code index} of {@code workload}, recording into {@code history} with true time from
   * {@code trueNanos}.
   */
  public ClientNode(Workload workload, int index, History history, LongSupplier trueNanos) {
    this.workload = workload;
    this.index = index;
    this.history = history;
    this.trueNanos = trueNanos;
    timeoutTimers.defaultReturnValue(-1);
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    store = workload.storeClient(index);
    store.start(ctx);
    gaps = workload.arrivals().gaps(ctx.random(), 1.0 / workload.clients());
    keys = workload.keys().sampler(ctx.random());
    long now = trueNanos.getAsLong();
    arriveAfter(now, workload.arrivals().firstGapNanos(gaps, index, workload.clients(), now));
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (store.ownsTimer(payload)) {
      store.onTimer(timerId, payload);
    } else if (payload == ARRIVAL) {
      issue();
      if (!workload.arrivals().closed()) {
        scheduleNext();
      }
    } else {
      int op = (Integer) payload;
      if (timeoutTimers.remove(op) >= 0) {
        finish(op, OpStatus.INFO, History.NIL);
      }
    }
  }

  @Override
  public void onMessage(int from, Object message) {
    Response response = store.onMessage(from, message);
    if (response != null) {
      long timer = timeoutTimers.remove(response.op());
      if (timer >= 0) {
        if (timer != NO_TIMER) {
          ctx.cancelTimer(timer);
        }
        finish(response.op(), response.status(), response.value());
      }
    }
  }

  private void scheduleNext() {
    long now = trueNanos.getAsLong();
    arriveAfter(now, gaps.nextGapNanos(now));
  }

  private void arriveAfter(long now, long gap) {
    if (now + gap < workload.issueUntilNanos()) {
      ctx.setTimer(gap, ARRIVAL);
    }
  }

  private void issue() {
    long now = trueNanos.getAsLong();
    long key = keys.sample();
    boolean read = ctx.random().nextDouble() < workload.readShare();
    OpKind kind = read ? OpKind.READ : OpKind.WRITE;
    long value = read ? History.NIL : history.nextUniqueValue();
    int op = history.invoke(ctx.self(), kind, key, value, now);
    // Without a timeout no timer is set: one per operation would sit cancelled in the queue
    // forever.
    long timer = workload.hasTimeout() ? ctx.setTimer(workload.timeoutNanos(), op) : NO_TIMER;
    timeoutTimers.put(op, timer);
    store.submit(new Request(op, kind, key, value, History.NIL));
  }

  private void finish(int op, OpStatus status, long result) {
    long now = trueNanos.getAsLong();
    history.complete(op, status, result, now);
    ctx.metrics()
        .recordOp(
            history.kind(op).name().toLowerCase(Locale.ROOT), status, history.invokeNanos(op), now);
    if (workload.arrivals().closed()) {
      scheduleNext();
    }
  }
}
