package dev.tradeoff.patterns.cells;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Drivers;
import dev.tradeoff.patterns.HeldRequests;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.List;

/**
 * A client's thin cell router: one driver per cell's stack, a customer's requests sent to the cell
 * the {@link CellMap} names, and every incoming message handed to the driver of the cell whose node
 * sent it. Requests of a customer being moved are held and retried every millisecond until the move
 * flips it.
 *
 * <p>A share {@code crossCell} of operations (chosen by a hash of the operation, not a random draw)
 * also touch a second cell — the customer's counterparty, say: the router first reads the same key
 * from another cell, and sends the operation home only when that read succeeds, so the operation
 * pays a second round trip and fails when the other cell fails. With one cell there is no second
 * cell and nothing crosses.
 *
 * <p>Fencing (safe moves): an answer to a request sent before its customer's latest fence (the end
 * of a move's drain, or its flip) is discarded and answered {@code info} — the old cell may or may
 * not have applied it, but it no longer speaks for the customer. Every request sent and its answer
 * are recorded in the {@link HomeLog}.
 */
final class CellRouter implements StoreClient {
  private static final long CROSS_SALT = 0x5DEECE66DL;

  private final Drivers cells;
  private final CellMap map;
  private final CellTally tally;
  private final HomeLog log;
  private final double crossCell;
  private final boolean fence;
  private final Int2ObjectOpenHashMap<Sent> sent = new Int2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<Cross> crossing = new Int2ObjectOpenHashMap<>();
  // Each operation's local send time, by whether it crosses cells; for the latency series only.
  private final Int2LongOpenHashMap startedHome = new Int2LongOpenHashMap();
  private final Int2LongOpenHashMap startedCrossing = new Int2LongOpenHashMap();
  private final HeldRequests held = new HeldRequests(this::send);
  private Context ctx;
  private int nextSubOp = -2; // negative: never a history index; -1 is a "no reply" mark

  /** A request at its customer's home cell. */
  private record Sent(int customer, int cell, int epoch, int fact) {}

  /** The cross-cell read an operation waits for. */
  private record Cross(Request request, int cell) {}

  CellRouter(
      StoreClient[] cells,
      List<List<String>> cellNodes,
      CellMap map,
      CellTally tally,
      HomeLog log,
      double crossCell,
      boolean fence) {
    this.cells = new Drivers(cells, cellNodes);
    this.map = map;
    this.tally = tally;
    this.log = log;
    this.crossCell = crossCell;
    this.fence = fence;
  }

  @Override
  public void start(Context context) {
    ctx = context;
    cells.start(ctx);
  }

  @Override
  public void submit(Request request) {
    int other = crossTarget(request);
    (other < 0 ? startedHome : startedCrossing).put(request.op(), ctx.localNanos());
    if (other < 0) {
      dispatch(request);
      return;
    }
    int op = nextSubOp--;
    crossing.put(op, new Cross(request, other));
    tally.countSent(other);
    cells.part(other).submit(new Request(op, OpKind.READ, request.key(), History.NIL, History.NIL));
  }

  /** The second cell {@code request} touches, or -1 if it stays in its home cell. */
  private int crossTarget(Request request) {
    int n = cells.size();
    if (n < 2 || crossCell == 0) {
      return -1;
    }
    long h = CellMap.mix(request.op() ^ CROSS_SALT);
    if ((h >>> 11) * 0x1.0p-53 >= crossCell) {
      return -1;
    }
    int home = map.home(map.customer(request.key()));
    return (home + 1 + (int) Long.remainderUnsigned(h, n - 1)) % n;
  }

  private void dispatch(Request request) {
    held.offer(ctx, request);
  }

  /** Sends {@code request} to its customer's cell; false if the customer is locked. */
  private boolean send(Request request) {
    int customer = map.customer(request.key());
    int cell = map.route(customer);
    if (cell == CellMap.HOLD) {
      return false;
    }
    tally.countSent(cell);
    map.sent(customer);
    int fact = log.sent(request.op(), customer, cell);
    sent.put(request.op(), new Sent(customer, cell, map.epoch(customer), fact));
    cells.part(cell).submit(request);
    return true;
  }

  @Override
  public Response onMessage(int from, Object message) {
    int cell = cells.partOf(from);
    if (cell < 0) {
      return null;
    }
    Response r = cells.part(cell).onMessage(from, message);
    if (r == null) {
      return null;
    }
    if (r.status() == OpStatus.OK) {
      tally.countOk(cell);
    }
    Cross cross = crossing.remove(r.op());
    if (cross != null) {
      if (r.status() == OpStatus.OK) {
        dispatch(cross.request());
        return null;
      }
      startedCrossing.remove(cross.request().op());
      return new Response(cross.request().op(), r.status(), History.NIL);
    }
    Sent s = sent.remove(r.op());
    if (s == null) {
      return r.op() >= 0 ? r : null;
    }
    map.answered(s.customer());
    boolean stale = fence && map.epoch(s.customer()) != s.epoch();
    log.answered(s.fact(), !stale);
    finished(r.op(), r.status() == OpStatus.OK && !stale);
    return stale ? new Response(r.op(), OpStatus.INFO, History.NIL) : r;
  }

  /**
   * Notes the latency of operation {@code op}, answered now, if it was answered OK: as the router
   * sees it, so an answer that comes after the client has given up counts too.
   */
  private void finished(int op, boolean ok) {
    boolean crossed = startedCrossing.containsKey(op);
    Int2LongOpenHashMap started = crossed ? startedCrossing : startedHome;
    if (started.containsKey(op) && ok) {
      tally.answeredOk(crossed, ctx.localNanos() - started.get(op));
    }
    started.remove(op);
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return held.ownsTimer(payload) || cells.ownsTimer(payload);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (held.ownsTimer(payload)) {
      held.onTimer(ctx);
    } else {
      cells.onTimer(timerId, payload);
    }
  }
}
