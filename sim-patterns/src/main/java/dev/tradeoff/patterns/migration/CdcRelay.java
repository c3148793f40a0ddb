package dev.tradeoff.patterns.migration;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongLinkedOpenHashMap;

/**
 * Change data capture's relay (Debezium with an upserting sink, a DMS task), as a node: every
 * {@code interval} it takes up to {@code batch} changes from the legacy system's {@link ChangeLog}
 * that were captured at least {@code delay} ago, keeps the last value of each key in the batch (an
 * upsert), writes them all to the new system at once, and commits its position past the batch when
 * every write is acknowledged; then it takes the next batch at once if one is ready. Two writes of
 * one key are thus applied in stream order. A write that fails is sent again after 10 ms, one
 * unanswered for {@code timeout} at once. After a crash it resumes from the committed position, so
 * a batch may be applied twice (harmless: the same values again, before the changes after them).
 *
 * <p>It does not know which keys the facade already serves from the new system: a change it applies
 * late overwrites a newer write the new system took directly — the hazard of cutting a route over
 * before the relay has caught up.
 */
final class CdcRelay implements Node {
  private static final Object POLL = new Object();
  private static final long RETRY_NANOS = 10_000_000L;

  private final Pair pair;
  private final ChangeLog log;
  private final long intervalNanos;
  private final int batch;
  private final long delayNanos;
  private final long timeoutNanos;
  private final Int2ObjectOpenHashMap<Change> inFlight = new Int2ObjectOpenHashMap<>();
  private Context ctx;
  private int end = -1; // the end of the batch in flight, or -1
  private int retries; // failed writes waiting to be sent again

  /** One upsert of the batch in flight. */
  private record Change(long key, long value) {}

  /** A timer resending write {@code op} if it is still unanswered. */
  private record Timeout(int op) {}

  /** A timer resending a failed write. */
  private record Retry(Change change) {}

  CdcRelay(
      Pair pair, ChangeLog log, long intervalNanos, int batch, long delayNanos, long timeoutNanos) {
    this.pair = pair;
    this.log = log;
    this.intervalNanos = intervalNanos;
    this.batch = batch;
    this.delayNanos = delayNanos;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    pair.start(ctx);
    ctx.setTimer(intervalNanos, POLL);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (pair.onTimer(timerId, payload)) {
      return;
    }
    if (payload == POLL) {
      if (end < 0) {
        takeBatch();
      }
      ctx.setTimer(intervalNanos, POLL);
    } else if (payload instanceof Timeout t) {
      Change c = inFlight.remove(t.op());
      if (c != null) {
        send(c);
      }
    } else if (payload instanceof Retry r) {
      retries--;
      send(r.change());
    }
  }

  private void takeBatch() {
    int from = log.relayed();
    int limit = Math.min(log.size(), from + batch);
    // Only changes at least `delay` old on the stream's clock: the capture delay.
    long cutoff = log.nowNanos() - delayNanos;
    int to = from;
    Long2LongLinkedOpenHashMap upserts = new Long2LongLinkedOpenHashMap();
    while (to < limit && log.capturedNanos(to) <= cutoff) {
      upserts.put(log.key(to), log.value(to));
      to++;
    }
    if (to == from) {
      return;
    }
    end = to;
    for (var e : upserts.long2LongEntrySet()) {
      send(new Change(e.getLongKey(), e.getLongValue()));
    }
  }

  private void send(Change c) {
    int op = pair.nextOp();
    inFlight.put(op, c);
    pair.submit(Pair.TO, new Request(op, OpKind.WRITE, c.key(), c.value(), History.NIL));
    ctx.setTimer(timeoutNanos, new Timeout(op));
  }

  @Override
  public void onMessage(int from, Object message) {
    Pair.Answer a = pair.onMessage(from, message);
    if (a == null) {
      return;
    }
    Change c = inFlight.remove(a.response().op());
    if (c == null) {
      return; // given up on and resent
    }
    if (a.response().status() != OpStatus.OK) {
      retries++;
      ctx.setTimer(RETRY_NANOS, new Retry(c));
      return;
    }
    if (inFlight.isEmpty() && retries == 0) {
      log.commit(end);
      end = -1;
      takeBatch();
    }
  }
}
