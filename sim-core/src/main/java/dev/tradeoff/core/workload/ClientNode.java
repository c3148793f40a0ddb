package dev.tradeoff.core.workload;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
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
  private int finalReads;
  private final History history;
  private final LongSupplier trueNanos;
  private final Int2LongOpenHashMap timeoutTimers = new Int2LongOpenHashMap();
  // Queries in flight: each part's op -> its query's first op; answers gathered per first op.
  private final Int2IntOpenHashMap queryOf = new Int2IntOpenHashMap();
  private final Int2ObjectOpenHashMap<long[]> queryResults = new Int2ObjectOpenHashMap<>();
  private final Int2IntOpenHashMap queryMissing = new Int2IntOpenHashMap();
  private Context ctx;
  private StoreClient store;
  private Arrivals.Gaps gaps;
  private DiscreteSampler keys;
  private org.apache.commons.rng.UniformRandomProvider kinds;

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
    queryOf.defaultReturnValue(-1);
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    store = workload.storeClient(index);
    store.start(ctx);
    // Each decision has its own stream, and the node's own stream is left to the driver: variants
    // that differ in routing, retries or anything the driver draws see the same arrivals, keys
    // and operation kinds (common random numbers).
    gaps = workload.arrivals().gaps(ctx.random("arrivals"), 1.0 / workload.clients());
    keys = workload.keys().sampler(ctx.random("keys"));
    kinds = ctx.random("operations");
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
        if (queryResults.containsKey(op)) {
          finishQuery(op, OpStatus.INFO);
        } else {
          finish(op, OpStatus.INFO, History.NIL);
        }
      }
    }
  }

  @Override
  public void onMessage(int from, Object message) {
    Response response = store.onMessage(from, message);
    if (response != null && queryOf.containsKey(response.op())) {
      answerQueryPart(response);
    } else if (response != null) {
      long timer = timeoutTimers.remove(response.op());
      if (timer >= 0) {
        if (timer != NO_TIMER) {
          ctx.cancelTimer(timer);
        }
        int server = response.server() == Response.SENDER ? from : response.server();
        if (server != ctx.self()) {
          history.served(response.op(), ctx.nodeName(server));
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
    double dice = kinds.nextDouble();
    if (dice < workload.queries().share()) {
      issueQuery(now);
      return;
    }
    boolean finalPhase = now >= workload.readsOnlyFromNanos();
    if (finalPhase) {
      key = nextFinalKey(); // every key in turn, so a write lost on any key shows
    }
    boolean read = dice < workload.readShare() || finalPhase;
    OpKind kind = read ? OpKind.READ : OpKind.WRITE;
    long value = read ? History.NIL : history.nextUniqueValue();
    int op = history.invoke(ctx.self(), kind, key, value, now);
    // Without a timeout no timer is set: one per operation would sit cancelled in the queue
    // forever.
    long timer = workload.hasTimeout() ? ctx.setTimer(workload.timeoutNanos(), op) : NO_TIMER;
    timeoutTimers.put(op, timer);
    store.submit(new Request(op, kind, key, value, History.NIL));
  }

  /**
   * The key of this client's next final read: client {@code i} of {@code n} reads keys {@code i, i
   * + n, i + 2n, ...}, wrapping around, so the clients together read every key in turn.
   */
  private long nextFinalKey() {
    long key = (index + (long) finalReads * workload.clients()) % workload.keys().keys();
    finalReads++;
    return key;
  }

  private void issueQuery(long now) {
    long[] queryKeys = distinctKeys(workload.queries().keys());
    int first = history.invokeSnapshotRead(ctx.self(), queryKeys, now);
    long timer = workload.hasTimeout() ? ctx.setTimer(workload.timeoutNanos(), first) : NO_TIMER;
    timeoutTimers.put(first, timer);
    queryResults.put(first, new long[queryKeys.length]);
    queryMissing.put(first, queryKeys.length);
    for (int i = 0; i < queryKeys.length; i++) {
      queryOf.put(first + i, first);
    }
    for (int i = 0; i < queryKeys.length; i++) {
      store.submit(new Request(first + i, OpKind.READ, queryKeys[i], History.NIL, History.NIL));
    }
  }

  /** {@code n} distinct keys from the key distribution (it has at least {@code n} keys). */
  private long[] distinctKeys(int n) {
    long[] chosen = new long[n];
    it.unimi.dsi.fastutil.longs.LongOpenHashSet seen =
        new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
    int found = 0;
    for (int tries = 0; found < n && tries < 100 * n; tries++) {
      long k = keys.sample();
      if (seen.add(k)) {
        chosen[found++] = k;
      }
    }
    for (long k = 0; found < n; k++) { // a skewed distribution rarely draws enough: fill in order
      if (seen.add(k)) {
        chosen[found++] = k;
      }
    }
    return chosen;
  }

  private void answerQueryPart(Response response) {
    int first = queryOf.remove(response.op());
    long[] results = queryResults.get(first);
    if (results == null) {
      return; // the query already ended (timed out or failed)
    }
    if (response.status() != OpStatus.OK) {
      cancelQueryTimer(first);
      finishQuery(first, response.status() == OpStatus.FAIL ? OpStatus.FAIL : OpStatus.INFO);
      return;
    }
    results[response.op() - first] = response.value();
    int missing = queryMissing.get(first) - 1;
    queryMissing.put(first, missing);
    if (missing == 0) {
      cancelQueryTimer(first);
      finishQuery(first, OpStatus.OK);
    }
  }

  private void cancelQueryTimer(int first) {
    long timer = timeoutTimers.remove(first);
    if (timer >= 0 && timer != NO_TIMER) {
      ctx.cancelTimer(timer);
    }
  }

  private void finishQuery(int first, OpStatus status) {
    long now = trueNanos.getAsLong();
    long[] results = queryResults.remove(first);
    queryMissing.remove(first);
    for (int i = 0; i < results.length; i++) {
      queryOf.remove(first + i);
      if (status != OpStatus.OK) {
        results[i] = History.NIL;
      }
    }
    history.completeSnapshotRead(first, status, results, now);
    ctx.metrics().recordOp("query", status, history.invokeNanos(first), now);
    if (workload.arrivals().closed()) {
      scheduleNext();
    }
  }

  private void finish(int op, OpStatus status, long result) {
    long now = trueNanos.getAsLong();
    history.complete(op, status, result, now);
    ctx.metrics().recordOp(history.kind(op).label(), status, history.invokeNanos(op), now);
    if (workload.arrivals().closed()) {
      scheduleNext();
    }
  }
}
