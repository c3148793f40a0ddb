package dev.tradeoff.patterns.migration;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * A client's router during a shard-key migration: it sends each request where the {@link Phases}
 * say. A read goes to the layout serving its key. Before dual writes and after they stop, a write
 * goes to one layout; during dual writes it goes first to the layout serving its key (the primary),
 * and once that acknowledges, the same value goes to the other; the client is answered when the
 * second write is acknowledged or fails (a second write unanswered for {@code timeout} is given up
 * and the client left to time out) — so that by the time a write is acknowledged, the new layout
 * has it or its key is marked dirty. While the old layout is the primary, a second write that does
 * not land marks its key dirty, and so does a primary write that goes unanswered for {@code
 * timeout} (it may have landed on the old layout alone; the client then gets no answer from here
 * and times out). A failed primary write is passed to the client as it is, with no second write. A
 * write sent to the old layout alone before dual writes began and answered after, while the old
 * layout still serves its key, marks the key dirty too: it may have landed after the backfill read
 * the key.
 */
final class PhaseDriver implements StoreClient {
  private final Pair pair;
  private final Phases phases;
  private final Tally tally;
  private final Ledger ledger;
  private final long timeoutNanos;
  private final Int2ObjectOpenHashMap<Write> writes = new Int2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<Write> seconds = new Int2ObjectOpenHashMap<>();
  private Context ctx;

  /** A client write in progress. */
  private static final class Write {
    final Request request;
    final int primary;
    final boolean dual;
    Response answer; // the primary's, once in
    int secondId = -1;
    boolean done;

    Write(Request request, int primary, boolean dual) {
      this.request = request;
      this.primary = primary;
      this.dual = dual;
    }
  }

  /** The timer giving up on write {@code w}'s current step ({@code id}). */
  private record StepTimeout(PhaseDriver owner, Write w, int id) {}

  PhaseDriver(Pair pair, Phases phases, Tally tally, Ledger ledger, long timeoutNanos) {
    this.pair = pair;
    this.phases = phases;
    this.tally = tally;
    this.ledger = ledger;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public void start(Context context) {
    ctx = context;
    pair.start(ctx);
  }

  @Override
  public void submit(Request request) {
    int side = phases.onNew(request.key()) ? Pair.TO : Pair.FROM;
    tally.request(side);
    if (request.kind() == OpKind.WRITE || request.kind() == OpKind.CAS) {
      int phase = phases.phase();
      boolean dual = phase == Phases.DUAL_WRITES || phase == Phases.READS_FLIPPED;
      Write w = new Write(request, side, dual);
      writes.put(request.op(), w);
      if (dual) {
        ctx.setTimer(timeoutNanos, new StepTimeout(this, w, request.op()));
      }
    } else if (request.kind() == OpKind.READ) {
      tally.read(side);
      ledger.served(request.op(), side);
    }
    pair.submit(side, request);
  }

  @Override
  public Response onMessage(int from, Object message) {
    Pair.Answer a = pair.onMessage(from, message);
    if (a == null) {
      return null;
    }
    Response r = a.response();
    if (r.op() >= Pair.INTERNAL_OPS) {
      Write w = seconds.remove(r.op());
      return w == null || w.done ? null : secondDone(w, r.status() == OpStatus.OK);
    }
    Write w = writes.remove(r.op());
    if (w == null) {
      return r; // a read, or a write whose primary timed out below (then dropped: null)
    }
    if (w.done) {
      return null;
    }
    if (!w.dual || r.status() != OpStatus.OK) {
      w.done = true;
      if ((w.dual && r.status() == OpStatus.INFO && w.primary == Pair.FROM) || straggler(w, r)) {
        phases.dirty(w.request.key());
      }
      return r;
    }
    w.answer = r;
    w.secondId = pair.nextOp();
    seconds.put(w.secondId, w);
    Request rq = w.request;
    pair.submit(
        1 - w.primary, new Request(w.secondId, OpKind.WRITE, rq.key(), rq.value(), History.NIL));
    ctx.setTimer(timeoutNanos, new StepTimeout(this, w, w.secondId));
    return null;
  }

  /**
   * Whether {@code w} went to the old layout alone, before dual writes began, and its answer {@code
   * r} comes after, while the old layout still serves its key: it may have landed after the
   * backfill read the key, so the new layout may never get it unless the verify repairs the key.
   * Once the new layout serves the key, a repair from the old one would undo writes the new one
   * took first.
   */
  private boolean straggler(Write w, Response r) {
    long key = w.request.key();
    return !w.dual
        && w.primary == Pair.FROM
        && r.status() != OpStatus.FAIL
        && phases.phase() != Phases.OLD_ONLY
        && !phases.onNew(key);
  }

  /** The second write of {@code w} landed, or not: answer the client with the primary's answer. */
  private Response secondDone(Write w, boolean landed) {
    w.done = true;
    if (!landed) {
      tally.secondaryFailed();
      if (w.primary == Pair.FROM) {
        phases.dirty(w.request.key());
      }
    }
    return w.answer;
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return (payload instanceof StepTimeout t && t.owner() == this) || pair.ownsTimer(payload);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (!(payload instanceof StepTimeout t)) {
      pair.onTimer(timerId, payload);
      return;
    }
    Write w = t.w();
    if (w.done) {
      return;
    }
    if (t.id() == w.request.op() && w.answer == null) {
      // The primary is unanswered: it may have landed on one layout only.
      w.done = true; // stays in writes, so that a late answer is dropped, not passed on
      if (w.primary == Pair.FROM) {
        phases.dirty(w.request.key());
      }
    } else if (t.id() == w.secondId) {
      // A timer cannot answer the client (answers come from messages): it times out, and its
      // write ends unknown, which it is — on the old layout, maybe not on the new.
      seconds.remove(w.secondId);
      secondDone(w, false);
    }
  }
}
