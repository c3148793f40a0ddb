package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.patterns.saga.Ledger.Phase;
import dev.tradeoff.patterns.saga.Messages.Do;
import dev.tradeoff.patterns.saga.Messages.Done;
import dev.tradeoff.patterns.saga.Messages.Inquire;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.List;
import java.util.Locale;

/**
 * The saga orchestrator, as Temporal or Camunda run one: a state machine per saga, kept in a saga
 * log on its disk ({@code g/<saga>}) and synced at every transition before the next request goes
 * out, so that after a crash it resumes every saga where the log left it. A client's write starts a
 * saga whose id is the written value; the client hears OK when the saga completed and FAIL when it
 * was compensated (sagas resumed after a crash answer nobody: their clients have timed out).
 *
 * <p><b>Forward.</b> Each step is sent to its service under the step timeout. An answer moves the
 * saga on; a refusal of the pivot or a step before it starts compensation from the step before; a
 * refusal after the pivot is taken as transient and retried, since past the pivot the saga only
 * goes forward. A timeout is retried after a backoff that doubles (same idempotency key); up to the
 * pivot a step that still has no answer after {@code maxRetries} retries is given up and
 * compensated too, as its outcome is unknown. The pivot and the steps after it are retried until
 * they answer.
 *
 * <p><b>Compensation</b> undoes the steps done in reverse order, skipping those that have no
 * compensation, each retried until it answers; the saga then ends compensated.
 *
 * <p>Without a durable log ({@code durableLog} off) the state machine lives in memory only: a crash
 * forgets the sagas in flight, which stay stuck at their last step, their money and stock held.
 *
 * <p>With the semantic lock, a saga passing its pivot (or completing, with none) sends its services
 * a {@link Messages.Confirm}, once; a service still holding the lock later sends an {@link
 * Inquire}, answered from the log: a {@link Messages.Confirm} when nothing will undo the saga's
 * reservations any more (past the pivot, completed, compensated, or not in the log: forgotten
 * without a durable log, so no one will compensate it), no answer while it runs before its pivot or
 * compensates (its compensation releases the lock).
 */
final class OrchestratorNode implements Node {
  private static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

  private final Settings settings;
  private final Ledger ledger;
  private final boolean semanticLock;
  private final List<Step> steps;
  private Context ctx;
  private Disk disk;
  private int[] services;
  // Sagas in flight by id; lookups only, never iterated (recovery reads the disk in key order).
  private final Long2ObjectOpenHashMap<Run> runs = new Long2ObjectOpenHashMap<>();

  /**
   * A saga as the log holds it.
   *
   * @param saga its id (the client's written value)
   * @param customer the customer it charges
   * @param product the product it reserves
   * @param phase where it is
   * @param step the step it runs or compensates
   */
  record Entry(long saga, long customer, long product, Phase phase, int step) {}

  /** A saga in flight in this incarnation. */
  private static final class Run {
    Entry entry;
    final int client;
    final int op;
    int attempt;
    int retry;
    long timer = -1;

    Run(Entry entry, int client, int op) {
      this.entry = entry;
      this.client = client;
      this.op = op;
    }
  }

  /** The step timeout of attempt {@code attempt} of a saga's current step. */
  private record Timeout(long saga, int step, boolean compensate, int attempt) {}

  /** The end of a retry's backoff. */
  private record Retry(long saga, int step, boolean compensate) {}

  /** A message waiting for or holding the orchestrator's CPU. */
  private record Job(int from, Object message) {}

  OrchestratorNode(Settings settings, Ledger ledger) {
    this(settings, ledger, false);
  }

  /** With {@code semanticLock}, a saga past its pivot lets its services' locks go. */
  OrchestratorNode(Settings settings, Ledger ledger, boolean semanticLock) {
    this.settings = settings;
    this.ledger = ledger;
    this.semanticLock = semanticLock;
    this.steps = settings.definition().steps();
  }

  static String logKey(long saga) {
    return String.format(Locale.ROOT, "g/%016x", saga ^ Long.MIN_VALUE);
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    services = new int[steps.size()];
    for (int i = 0; i < services.length; i++) {
      services[i] = ctx.nodeId(settings.serviceName(steps.get(i).service()));
    }
    for (String key : disk.keys().subSet("g/", "g0")) {
      Entry e = (Entry) disk.get(key);
      if (!e.phase().ended()) {
        Run r = new Run(e, -1, -1);
        runs.put(e.saga(), r);
        send(r);
      }
    }
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Request || message instanceof Done || message instanceof Inquire) {
      ctx.process(new Job(from, message)); // a full queue drops it: retries and timeouts cover it
    }
  }

  @Override
  public void onProcessed(Object job) {
    Job j = (Job) job;
    if (j.message() instanceof Request r) {
      start(j.from(), r);
    } else if (j.message() instanceof Done d) {
      done(d);
    } else if (j.message() instanceof Inquire q) {
      inquired(j.from(), q.saga());
    }
  }

  /** Confirms saga {@code saga} to {@code service} if nothing will undo its reservations now. */
  private void inquired(int service, long saga) {
    Run r = runs.get(saga);
    Entry e = r != null ? r.entry : (Entry) disk.get(logKey(saga));
    if (e == null || stands(e)) {
      ctx.send(service, new Messages.Confirm(saga));
    }
  }

  /** Whether no compensation can follow {@code e} any more. */
  private boolean stands(Entry e) {
    return switch (e.phase()) {
      case COMPLETED, COMPENSATED -> true;
      case FORWARD -> settings.definition().forwardOnly(e.step());
      case COMPENSATING -> false;
    };
  }

  private void start(int client, Request r) {
    if (r.kind() == OpKind.READ) {
      ctx.send(client, new Response(r.op(), OpStatus.FAIL, History.NIL));
      return;
    }
    long saga = r.value();
    if (runs.containsKey(saga) || disk.get(logKey(saga)) != null) {
      return; // a duplicated request: the saga runs once
    }
    Entry e =
        new Entry(saga, settings.customerOf(r.key()), settings.productOf(saga), Phase.FORWARD, 0);
    ledger.started(saga, e.customer(), e.product());
    Run run = new Run(e, client, r.op());
    runs.put(saga, run);
    log(e);
    send(run);
  }

  /** Writes {@code e} to the saga log and syncs it, before any request it leads to goes out. */
  private void log(Entry e) {
    ledger.moved(e.saga(), e.phase(), e.step());
    if (settings.durableLog()) {
      disk.put(logKey(e.saga()), e);
      disk.sync();
    }
  }

  private void send(Run r) {
    r.attempt++;
    if (r.attempt > 1) {
      ledger.retried();
    }
    Entry e = r.entry;
    boolean compensate = e.phase() == Phase.COMPENSATING;
    ctx.send(
        services[e.step()],
        new Do(e.saga(), e.step(), compensate, e.customer(), e.product(), r.attempt, r.retry));
    r.timer =
        ctx.setTimer(
            settings.stepTimeoutNanos(), new Timeout(e.saga(), e.step(), compensate, r.attempt));
  }

  private void done(Done d) {
    Run r = runs.get(d.saga());
    if (r == null || !current(r, d.step(), d.compensate())) {
      return; // late: the saga has moved on
    }
    ctx.cancelTimer(r.timer);
    Entry e = r.entry;
    if (d.compensate()) {
      compensateFrom(r, e.step() - 1);
    } else if (d.ok()) {
      boolean last = e.step() + 1 == steps.size();
      if (semanticLock && (steps.get(e.step()).pivot() || (last && !anyPivot()))) {
        confirm(e.saga(), e.step());
      }
      if (last) {
        end(r, Phase.COMPLETED, e.step());
      } else {
        move(r, Phase.FORWARD, e.step() + 1);
      }
    } else if (settings.definition().forwardOnly(e.step())) {
      r.retry++; // past the pivot a refusal is transient: the saga only goes forward, anew
      retryLater(r);
    } else {
      compensateFrom(r, e.step() - 1);
    }
  }

  private boolean anyPivot() {
    return settings.definition().pivot() >= 0;
  }

  /** The saga's steps up to {@code step} will stand: their services let their locks go. */
  private void confirm(long saga, int step) {
    java.util.BitSet told = new java.util.BitSet();
    for (int i = 0; i <= step; i++) {
      if (steps.get(i).compensatable() && !told.get(services[i])) {
        told.set(services[i]);
        ctx.send(services[i], new Messages.Confirm(saga));
      }
    }
  }

  private static boolean current(Run r, int step, boolean compensate) {
    return r.entry.step() == step && (r.entry.phase() == Phase.COMPENSATING) == compensate;
  }

  /** Compensates the highest step at or below {@code step} that has a compensation, or ends. */
  private void compensateFrom(Run r, int step) {
    int s = step;
    while (s >= 0 && !steps.get(s).compensatable()) {
      s--;
    }
    if (s < 0) {
      end(r, Phase.COMPENSATED, r.entry.step());
    } else {
      move(r, Phase.COMPENSATING, s);
    }
  }

  private void move(Run r, Phase phase, int step) {
    Entry e = r.entry;
    r.entry = new Entry(e.saga(), e.customer(), e.product(), phase, step);
    r.attempt = 0;
    r.retry = 0;
    log(r.entry);
    send(r);
  }

  private void end(Run r, Phase phase, int step) {
    Entry e = r.entry;
    r.entry = new Entry(e.saga(), e.customer(), e.product(), phase, step);
    log(r.entry);
    runs.remove(e.saga());
    if (r.client >= 0) {
      OpStatus status = phase == Phase.COMPLETED ? OpStatus.OK : OpStatus.FAIL;
      ctx.send(r.client, new Response(r.op, status, History.NIL));
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload instanceof Timeout t) {
      Run r = runs.get(t.saga());
      if (r == null || !current(r, t.step(), t.compensate()) || r.attempt != t.attempt()) {
        return;
      }
      boolean givesUp =
          !t.compensate()
              && !steps.get(t.step()).pivot()
              && !settings.definition().forwardOnly(t.step())
              && r.attempt > settings.maxRetries();
      if (givesUp) {
        compensateFrom(r, t.step()); // it may have been applied: undo it too
      } else {
        retryLater(r);
      }
    } else if (payload instanceof Retry t) {
      Run r = runs.get(t.saga());
      if (r != null && current(r, t.step(), t.compensate())) {
        send(r);
      }
    }
  }

  private void retryLater(Run r) {
    int shift = Math.min(r.attempt - 1, 20);
    long backoff = Math.min(MAX_BACKOFF_NANOS, settings.retryBackoffNanos() << shift);
    Entry e = r.entry;
    // Kept as the run's timer: an answer arriving during the backoff cancels the retry.
    r.timer = ctx.setTimer(backoff, new Retry(e.saga(), e.step(), e.phase() == Phase.COMPENSATING));
  }
}
