package dev.tradeoff.patterns.cells;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Drivers;
import dev.tradeoff.patterns.Steps;
import java.util.List;

/**
 * The cell-migration job, as a node holding one driver per cell. A safe move ({@code
 * drain-copy-flip}) at its time locks the customer (routers hold its requests), waits until no
 * request sent to its old cell is unanswered (at most {@link #DRAIN_LIMIT_NANOS}), fences the
 * customer (routers report a later answer to a request sent before as indeterminate), copies each
 * of the customer's keys — {@code c, c + customers, …} below {@code keySpace} — by reading it from
 * the old cell and writing the value to the new one (nothing to write if never written), then flips
 * the customer to the new cell. A step unanswered for {@link #STEP_TIMEOUT_NANOS}, or failed, is
 * retried. The old cell keeps its copy (clean-up is not modelled).
 *
 * <p>The deliberately broken order ({@code flip-before-copy}) flips first, neither draining nor
 * locking, and copies afterwards: writes the new cell took meanwhile are overwritten by old values,
 * and answers from the old cell still arrive after the flip — what {@link SingleHome} and
 * linearizability catch.
 *
 * <p>The map survives a crash of this node (a durable directory); a move under way when it crashes
 * starts again from the drain when it restarts. The copy reads through the cell's own driver: with
 * a replicated stack whose driver reads followers, a copy may be stale (a real tool reads the
 * primary).
 */
final class Mover implements Node {
  /** The longest a move waits for requests in flight to its customer's old cell. */
  static final long DRAIN_LIMIT_NANOS = 500_000_000L;

  /** How long a read or write of a copy may go unanswered before it is sent again. */
  static final long STEP_TIMEOUT_NANOS = 1_000_000_000L;

  private static final long POLL_NANOS = 1_000_000L;
  private static final long RETRY_NANOS = 10_000_000L;

  private final Drivers cells;
  private final CellMap map;
  private final List<Move> moves;
  private final MoveLedger ledger;
  private final long keySpace;
  private final boolean safe;
  private final Steps<Copy> steps = new Steps<>(STEP_TIMEOUT_NANOS, RETRY_NANOS, this::step);
  private Context ctx;
  private int nextOp = -2;

  /** One move under way. */
  private static final class Copy {
    final int move;
    final int from;
    final long startedNanos;
    long key;
    long value = History.NIL;
    boolean writing;
    int op;

    Copy(int move, int from, long startedNanos, long firstKey) {
      this.move = move;
      this.from = from;
      this.startedNanos = startedNanos;
      this.key = firstKey;
    }
  }

  private record Start(int move) {}

  private record Drain(Copy copy) {}

  Mover(
      StoreClient[] cells,
      List<List<String>> cellNodes,
      CellMap map,
      List<Move> moves,
      MoveLedger ledger,
      long keySpace,
      boolean safe) {
    this.cells = new Drivers(cells, cellNodes);
    this.map = map;
    this.moves = moves;
    this.ledger = ledger;
    this.keySpace = keySpace;
    this.safe = safe;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    cells.start(ctx);
    // Replies to the previous incarnation's steps may still arrive: use other ids.
    nextOp = -2 - (ctx.random().nextInt(1 << 20) << 10);
    for (int m = 0; m < moves.size(); m++) {
      if (!ledger.done(m)) {
        ctx.setTimer(Math.max(0, moves.get(m).atNanos() - ctx.localNanos()), new Start(m));
      }
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (cells.onTimer(timerId, payload) || steps.onTimer(payload)) {
      return;
    }
    if (payload instanceof Start s) {
      start(s.move());
    } else if (payload instanceof Drain d) {
      drain(d.copy());
    }
  }

  private void start(int m) {
    Move move = moves.get(m);
    int customer = move.customer();
    if (earlierMoveUnderWay(m)) {
      ctx.setTimer(RETRY_NANOS, new Start(m)); // one move of a customer at a time, in order
      return;
    }
    int from = ledger.from(m, map.home(customer));
    if (from == move.to() && !ledger.started(m)) {
      ledger.finish(m); // already there
      return;
    }
    ledger.start(m, from);
    Copy c = new Copy(m, from, ctx.localNanos(), customer);
    if (!safe) {
      if (map.home(customer) != move.to()) {
        map.flip(customer, move.to());
      }
      step(c);
      return;
    }
    map.lock(customer);
    drain(c);
  }

  /** Whether a move of the same customer scheduled before move {@code m} has not finished. */
  private boolean earlierMoveUnderWay(int m) {
    Move move = moves.get(m);
    for (int e = 0; e < moves.size(); e++) {
      Move earlier = moves.get(e);
      boolean before =
          earlier.atNanos() < move.atNanos() || (earlier.atNanos() == move.atNanos() && e < m);
      if (e != m && before && earlier.customer() == move.customer() && !ledger.done(e)) {
        return true;
      }
    }
    return false;
  }

  private void drain(Copy c) {
    int customer = moves.get(c.move).customer();
    if (map.inFlight(customer) > 0 && ctx.localNanos() - c.startedNanos < DRAIN_LIMIT_NANOS) {
      ctx.setTimer(POLL_NANOS, new Drain(c));
      return;
    }
    // A request still unanswered when the drain gives up may reach the old cell after the copy
    // has read past it (another link, not behind the copy's reads): its answer must not count.
    map.fence(customer);
    step(c);
  }

  /** Sends the copy's next step: the read from the old cell, or the write to the new one. */
  private void step(Copy c) {
    c.op = nextOp--;
    if (c.writing) {
      cells
          .part(moves.get(c.move).to())
          .submit(new Request(c.op, OpKind.WRITE, c.key, c.value, History.NIL));
    } else {
      cells.part(c.from).submit(new Request(c.op, OpKind.READ, c.key, History.NIL, History.NIL));
    }
    steps.sent(ctx, c.op, c);
  }

  @Override
  public void onMessage(int from, Object message) {
    Response r = cells.onMessage(from, message);
    if (r == null) {
      return;
    }
    Copy c = steps.answered(r.op());
    if (c == null) {
      return; // a step already given up and resent
    }
    if (r.status() != OpStatus.OK) {
      steps.retryLater(ctx, c);
    } else if (!c.writing && r.value() != History.NIL) {
      c.writing = true;
      c.value = r.value();
      step(c);
    } else {
      ledger.copiedKey();
      nextKey(c);
    }
  }

  /** Copies the customer's next key, or flips it when every key is copied. */
  private void nextKey(Copy c) {
    Move move = moves.get(c.move);
    c.key += map.customers();
    c.writing = false;
    c.value = History.NIL;
    if (c.key < keySpace) {
      step(c);
      return;
    }
    if (safe) {
      map.flip(move.customer(), move.to());
    }
    ledger.finish(c.move);
  }
}
