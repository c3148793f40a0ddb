package dev.tradeoff.patterns.migration;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.patterns.Steps;

/**
 * A shard-key migration's jobs, as one node holding a driver for each layout (a vreplication stream
 * and a vdiff, or an online-migration worker).
 *
 * <p>Backfill, from {@code backfillAt}: in chunks of {@code chunk} keys, as a copy job pages
 * through a table — it reads one key of {@code [0, keySpace)} from the old layout every {@code 1 /
 * rate} seconds, in key order, and once it has read a whole chunk, writes the values it found to
 * the new layout as read. Plain writes: a dual write of a key landing between the key's read and
 * the chunk's write is overwritten with the older value — the race the verify is there to catch.
 *
 * <p>Verify, from {@code verifyAt} or the end of the backfill, whichever is later: every key at its
 * own rate, compared and repaired — read the new layout, then the old one; if they differ, write
 * the old value to the new layout as a compare-and-set expecting the value read there, so a dual
 * write that lands meanwhile is never overwritten (the set fails and the key is compared again). A
 * key the old layout does not hold is left alone. From then on it also repairs the keys dual writes
 * marked dirty ({@link Phases}), the same way, until the end of the run.
 *
 * <p>A step that fails is retried after 10 ms; one unanswered for {@code timeout} is sent again.
 * Progress is checkpointed key by key in {@link Phases}: after a crash the jobs resume with the
 * keys they had not finished (those in flight are done again).
 */
final class Mover implements Node {
  private static final long RETRY_NANOS = 10_000_000L;
  private static final long DIRTY_POLL_NANOS = 10_000_000L;
  private static final int DIRTY_PER_POLL = 16;
  private static final Object NEXT_COPY = new Object();
  private static final Object NEXT_VERIFY = new Object();
  private static final Object DIRTY_POLL = new Object();

  private final Pair pair;
  private final Phases phases;
  private final long backfillAtNanos;
  private final long verifyAtNanos;
  private final long copyGapNanos;
  private final long verifyGapNanos;
  private final Steps<Task> tasks;
  private Context ctx;
  private long nextCopy;
  private long nextVerify;
  private boolean verifying;
  private final int chunkSize;
  private java.util.List<Task> chunk = new java.util.ArrayList<>();
  private int chunkReads; // reads of the chunk not yet answered

  /** What a task is doing now. */
  private enum Stage {
    COPY_READ,
    COPY_WRITE,
    VERIFY_READ_NEW,
    VERIFY_READ_OLD,
    VERIFY_REPAIR
  }

  /** One key's copy or comparison. */
  private static final class Task {
    final long key;
    final boolean dirty; // a repair of a dirty key, not part of the scan
    Stage stage;
    long oldValue = History.NIL;
    long newValue = History.NIL;
    int marks;
    int op = -1;

    Task(long key, Stage stage, boolean dirty) {
      this.key = key;
      this.stage = stage;
      this.dirty = dirty;
    }
  }

  Mover(
      Pair pair,
      Phases phases,
      long backfillAtNanos,
      long verifyAtNanos,
      double backfillRate,
      int chunkSize,
      double verifyRate,
      long timeoutNanos) {
    this.chunkSize = chunkSize;
    this.pair = pair;
    this.phases = phases;
    this.backfillAtNanos = backfillAtNanos;
    this.verifyAtNanos = verifyAtNanos;
    this.copyGapNanos = Math.max(1, Math.round(1e9 / backfillRate));
    this.verifyGapNanos = Math.max(1, Math.round(1e9 / verifyRate));
    this.tasks = new Steps<>(timeoutNanos, RETRY_NANOS, this::step);
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    pair.start(ctx);
    phases.requeueDirty();
    if (phases.backfillOn() && !phases.backfillDone()) {
      ctx.setTimer(Math.max(0, backfillAtNanos - ctx.localNanos()), NEXT_COPY);
    } else {
      startVerify();
    }
  }

  /** Schedules the verify, if it is on: at its time, or now if that has passed. */
  private void startVerify() {
    if (phases.verifyOn() && !verifying) {
      verifying = true;
      long wait = Math.max(0, verifyAtNanos - ctx.localNanos());
      ctx.setTimer(wait, NEXT_VERIFY);
      ctx.setTimer(wait, DIRTY_POLL);
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (pair.onTimer(timerId, payload) || tasks.onTimer(payload)) {
      return;
    }
    if (payload == NEXT_COPY) {
      nextCopy = phases.nextToBackfill(nextCopy);
      if (nextCopy < phases.keySpace()) {
        Task t = new Task(nextCopy++, Stage.COPY_READ, false);
        chunk.add(t);
        chunkReads++;
        step(t);
        ctx.setTimer(copyGapNanos, NEXT_COPY);
      }
    } else if (payload == NEXT_VERIFY) {
      nextVerify = phases.nextToVerify(nextVerify);
      if (nextVerify < phases.keySpace()) {
        step(new Task(nextVerify++, Stage.VERIFY_READ_NEW, false));
        ctx.setTimer(verifyGapNanos, NEXT_VERIFY);
      }
    } else if (payload == DIRTY_POLL) {
      for (int i = 0; i < DIRTY_PER_POLL; i++) {
        long key = phases.nextDirty();
        if (key < 0) {
          break;
        }
        step(new Task(key, Stage.VERIFY_READ_NEW, true));
      }
      ctx.setTimer(DIRTY_POLL_NANOS, DIRTY_POLL);
    }
  }

  /** Sends the task's current step; a comparison notes how many dirty marks its key has first. */
  private void step(Task t) {
    if (t.stage == Stage.VERIFY_READ_NEW) {
      t.marks = phases.marks(t.key);
    }
    t.op = pair.nextOp();
    Request r =
        switch (t.stage) {
          case COPY_READ, VERIFY_READ_OLD, VERIFY_READ_NEW ->
              new Request(t.op, OpKind.READ, t.key, History.NIL, History.NIL);
          case COPY_WRITE -> new Request(t.op, OpKind.WRITE, t.key, t.oldValue, History.NIL);
          case VERIFY_REPAIR -> new Request(t.op, OpKind.CAS, t.key, t.oldValue, t.newValue);
        };
    boolean old = t.stage == Stage.COPY_READ || t.stage == Stage.VERIFY_READ_OLD;
    pair.submit(old ? Pair.FROM : Pair.TO, r);
    tasks.sent(ctx, t.op, t);
  }

  @Override
  public void onMessage(int from, Object message) {
    Pair.Answer a = pair.onMessage(from, message);
    if (a == null) {
      return;
    }
    Response r = a.response();
    Task t = tasks.answered(r.op());
    if (t == null) {
      return; // a step already given up and resent
    }
    if (r.status() != OpStatus.OK) {
      if (t.stage == Stage.VERIFY_REPAIR) {
        t.stage = Stage.VERIFY_READ_NEW; // the key changed under the repair: compare again
      }
      tasks.retryLater(ctx, t);
      return;
    }
    answered(t, r.value());
  }

  private void answered(Task t, long value) {
    switch (t.stage) {
      case COPY_READ -> {
        t.oldValue = value;
        chunkReads--;
        flushChunk();
      }
      case COPY_WRITE -> {
        phases.copiedKey();
        copyDone(t);
      }
      case VERIFY_READ_NEW -> {
        t.newValue = value;
        t.stage = Stage.VERIFY_READ_OLD;
        step(t);
      }
      case VERIFY_READ_OLD -> {
        t.oldValue = value;
        if (value == t.newValue || value == History.NIL) {
          verifyDone(t);
        } else if (t.newValue == History.NIL && !t.dirty) {
          phases.missingKey(); // a row the backfill should have copied: reported, not copied
          verifyDone(t);
        } else {
          t.stage = Stage.VERIFY_REPAIR;
          step(t);
        }
      }
      case VERIFY_REPAIR -> {
        phases.repairedKey();
        verifyDone(t);
      }
    }
  }

  /** Writes the chunk once it is whole (or the scan is over) and every read of it answered. */
  private void flushChunk() {
    boolean whole =
        chunk.size() >= chunkSize || phases.nextToBackfill(nextCopy) >= phases.keySpace();
    if (chunkReads > 0 || !whole) {
      return;
    }
    java.util.List<Task> full = chunk;
    chunk = new java.util.ArrayList<>();
    for (Task t : full) {
      if (t.oldValue == History.NIL) {
        copyDone(t);
      } else {
        t.stage = Stage.COPY_WRITE;
        step(t);
      }
    }
  }

  private void copyDone(Task t) {
    phases.backfilled(t.key);
    if (phases.backfillDone()) {
      startVerify();
    }
  }

  private void verifyDone(Task t) {
    if (t.dirty) {
      phases.repaired(t.key, t.marks);
    } else {
      phases.verified(t.key);
    }
  }
}
