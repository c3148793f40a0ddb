package dev.tradeoff.patterns.migration;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.routing.KeyRouter;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * A strangler fig's facade, run in each client like a sidecar proxy: it sends each request to the
 * system serving its key now ({@link Cutover}) — the legacy one or the new one — and passes the
 * answer back.
 *
 * <p>Change data capture: a write the legacy system acknowledges is captured in its {@link
 * ChangeLog}, which the {@link CdcRelay} applies to the new system with lag; writes to migrated
 * keys go to the new system only. Dual writes: after the serving system acknowledges a write, the
 * facade writes the same value to the other system, in the background — best effort, as application
 * code does it: the client already has its answer, and a second write that fails or goes unanswered
 * for {@code timeout} leaves the two systems apart (counted, never repaired). Two concurrent writes
 * of one key can also reach the two systems in different orders.
 *
 * <p>Shadow reads: a share of the reads the legacy system serves also read the new system; when
 * both answer, the facade compares the values and counts a mismatch. The client gets the legacy
 * answer only. Which reads are shadowed is fixed by a hash of the operation.
 */
final class FacadeDriver implements StoreClient {
  private final Pair pair;
  private final Cutover cutover;
  private final ChangeLog log; // null: dual writes
  private final Tally tally;
  private final Ledger ledger;
  private final double shadowShare;
  private final long timeoutNanos;
  private final Int2ObjectOpenHashMap<Request> writes = new Int2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<Shadow> shadows = new Int2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<Shadow> shadowsById = new Int2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<Request> seconds = new Int2ObjectOpenHashMap<>();
  private Context ctx;

  /** A read compared on both systems: the served value and the shadow's, as they come. */
  private static final class Shadow {
    long served = History.NIL;
    long shadow = History.NIL;
    int answers;
    boolean failed;
  }

  /** The timer giving up on a dual write's second write {@code id}. */
  private record SecondTimeout(FacadeDriver owner, int id) {}

  FacadeDriver(
      Pair pair,
      Cutover cutover,
      ChangeLog log,
      Tally tally,
      Ledger ledger,
      double shadowShare,
      long timeoutNanos) {
    this.pair = pair;
    this.cutover = cutover;
    this.log = log;
    this.tally = tally;
    this.ledger = ledger;
    this.shadowShare = shadowShare;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public void start(Context context) {
    ctx = context;
    pair.start(ctx);
  }

  @Override
  public void submit(Request request) {
    int side = cutover.migrated(request.key()) ? Pair.TO : Pair.FROM;
    tally.request(side);
    if (request.kind() == OpKind.READ) {
      tally.read(side);
      ledger.served(request.op(), side);
      if (side == Pair.FROM && shadowed(request.op())) {
        Shadow s = new Shadow();
        int id = pair.nextOp();
        shadows.put(request.op(), s);
        shadowsById.put(id, s);
        pair.submit(Pair.TO, new Request(id, OpKind.READ, request.key(), History.NIL, History.NIL));
      }
    } else if (request.kind() == OpKind.WRITE || request.kind() == OpKind.CAS) {
      writes.put(request.op(), request);
    }
    pair.submit(side, request);
  }

  private boolean shadowed(int op) {
    return shadowShare > 0
        && Long.remainderUnsigned(KeyRouter.mix(op * 0x9E3779B97F4A7C15L), 10_000)
            < shadowShare * 10_000;
  }

  @Override
  public Response onMessage(int from, Object message) {
    Pair.Answer a = pair.onMessage(from, message);
    if (a == null) {
      return null;
    }
    Response r = a.response();
    if (r.op() >= Pair.INTERNAL_OPS) {
      internal(r);
      return null;
    }
    Request w = writes.remove(r.op());
    if (w != null && r.status() == OpStatus.OK) {
      written(a.side(), w);
    }
    Shadow s = shadows.remove(r.op());
    if (s != null) {
      s.served = r.value();
      answered(s, r.status());
    }
    return r;
  }

  /** The serving system acknowledged write {@code w}: feed the other one. */
  private void written(int side, Request w) {
    if (log != null) {
      if (side == Pair.FROM) {
        log.append(w.key(), w.value());
      }
      return;
    }
    int id = pair.nextOp();
    Request second = new Request(id, OpKind.WRITE, w.key(), w.value(), History.NIL);
    seconds.put(id, second);
    pair.submit(1 - side, second);
    ctx.setTimer(timeoutNanos, new SecondTimeout(this, id));
  }

  private void internal(Response r) {
    if (seconds.remove(r.op()) != null) {
      if (r.status() != OpStatus.OK) {
        tally.secondaryFailed();
      }
      return;
    }
    Shadow s = shadowsById.remove(r.op());
    if (s != null) {
      s.shadow = r.value();
      answered(s, r.status());
    }
  }

  private void answered(Shadow s, OpStatus status) {
    s.failed |= status != OpStatus.OK;
    if (++s.answers == 2 && !s.failed) {
      tally.shadowRead(s.served != s.shadow);
    }
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return (payload instanceof SecondTimeout t && t.owner() == this) || pair.ownsTimer(payload);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload instanceof SecondTimeout t) {
      if (seconds.remove(t.id()) != null) {
        tally.secondaryFailed();
      }
      return;
    }
    pair.onTimer(timerId, payload);
  }
}
