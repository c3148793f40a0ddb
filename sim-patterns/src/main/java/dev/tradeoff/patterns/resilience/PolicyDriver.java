package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Client-side policies wrapped around another store's driver, inside the same host: a request
 * becomes one or more attempts through the inner driver, each with its own timeout, retried after a
 * backoff while attempts, retry budget and deadline allow, refused at once while the circuit
 * breaker is open, optionally hedged, and given up ({@code info}) at the overall deadline.
 *
 * <p>Outcomes: the first OK answer of any attempt wins (an attempt given up on may still answer,
 * and its answer still counts). A failure answer or an attempt timeout while the current attempt
 * awaits its outcome fails that attempt; answers of attempts already given up on are otherwise
 * ignored, since answers do not say which attempt they belong to. A request given up ends {@code
 * fail} only when every attempt it made definitely failed, else {@code info}. Answers decided on a
 * timer reach the host as a message the host sends itself, which takes no time.
 *
 * <p>Each request's attempts carry its remaining time ({@link Request#budgetNanos}) when deadlines
 * are propagated: the attempt timeout or what is left of the deadline, whichever is shorter.
 */
final class PolicyDriver implements StoreClient {
  private static final int ATTEMPT = 0;
  private static final int DEADLINE = 1;
  private static final int RETRY = 2;
  private static final int HEDGE = 3;

  /** A timer of this driver: what it is for, for which request and attempt. */
  private record Tick(PolicyDriver owner, int what, int op, int attempt) {}

  /** An answer decided on a timer, sent to the host itself. */
  private record Answer(PolicyDriver owner, Response response) {}

  /** One request in flight. */
  private static final class Call {
    final Request request;
    final long startLocalNanos;
    int attempts;
    boolean live;
    boolean uncertain;
    boolean hedged;
    long lastBackoffNanos;
    long attemptTimer = -1;
    long deadlineTimer = -1;
    long waitTimer = -1;
    long hedgeTimer = -1;

    Call(Request request, long startLocalNanos, long baseNanos) {
      this.request = request;
      this.startLocalNanos = startLocalNanos;
      this.lastBackoffNanos = baseNanos;
    }
  }

  private final Policies p;
  private final Ledger ledger;
  private final StoreClient inner;
  private final Int2ObjectOpenHashMap<Call> calls = new Int2ObjectOpenHashMap<>();
  private final RetryBudget budget;
  private final Breaker breaker;
  private Context ctx;
  private UniformRandomProvider random;

  /** The driver of client {@code index}, wrapping {@code inner}, counting into {@code ledger}. */
  PolicyDriver(Policies policies, Ledger ledger, int index, StoreClient inner) {
    this.p = policies;
    this.ledger = ledger;
    this.inner = inner;
    this.budget =
        p.budget() == null ? null : new RetryBudget(p.budget().share(), p.budget().burst());
    this.breaker = p.breaker() == null ? null : p.breaker().create();
    ledger.register(index, this);
  }

  @Override
  public void start(Context context) {
    ctx = context;
    // One draw from the host's stream seeds this layer's own, for the backoff jitter.
    random = new RandomStreams(ctx.random().nextLong()).fork("policies/" + p.name());
    inner.start(context);
  }

  /** The breaker's state, or null without one. */
  Breaker.State breakerState() {
    return breaker == null ? null : breaker.state();
  }

  @Override
  public void submit(Request request) {
    ledger.requests++;
    if (budget != null) {
      budget.deposit();
    }
    Call c = new Call(request, ctx.localNanos(), p.backoff().baseNanos());
    calls.put(request.op(), c);
    if (p.deadlineNanos() > 0) {
      c.deadlineTimer = ctx.setTimer(p.deadlineNanos(), new Tick(this, DEADLINE, request.op(), 0));
    }
    answerLater(attempt(c));
  }

  /** Sends the next attempt; the request's answer when the breaker refuses it, else null. */
  private Response attempt(Call c) {
    long now = ctx.localNanos();
    if (breaker != null && !breaker.allow(now)) {
      ledger.breakerRefused++;
      return giveUp(c, OpStatus.FAIL);
    }
    c.attempts++;
    c.live = true;
    ledger.attempts++;
    send(c, now);
    int op = c.request.op();
    if (p.attemptTimeoutNanos() > 0) {
      c.attemptTimer =
          ctx.setTimer(p.attemptTimeoutNanos(), new Tick(this, ATTEMPT, op, c.attempts));
    }
    if (p.hedgeDelayNanos() > 0 && !c.hedged) {
      c.hedgeTimer = ctx.setTimer(p.hedgeDelayNanos(), new Tick(this, HEDGE, op, c.attempts));
    }
    return null;
  }

  private void send(Call c, long nowNanos) {
    Request r = c.request;
    if (p.propagateDeadline()) {
      long left = Request.NO_DEADLINE;
      if (p.attemptTimeoutNanos() > 0) {
        left = p.attemptTimeoutNanos();
      }
      if (p.deadlineNanos() > 0) {
        left = Math.min(left, p.deadlineNanos() - (nowNanos - c.startLocalNanos));
      }
      if (left != Request.NO_DEADLINE) {
        r = r.withBudget(Math.max(0, left));
      }
    }
    inner.submit(r);
  }

  @Override
  public Response onMessage(int from, Object message) {
    if (message instanceof Answer a && a.owner() == this) {
      return a.response();
    }
    Response r = inner.onMessage(from, message);
    if (r == null) {
      return null;
    }
    Call c = calls.get(r.op());
    if (c == null) {
      return null; // a late answer to a request already answered
    }
    if (r.status() == OpStatus.OK) {
      record(true);
      ledger.goodput++;
      end(c);
      return r;
    }
    if (!c.live) {
      return null; // the answer of an attempt given up on, while a retry waits
    }
    c.uncertain |= r.status() == OpStatus.INFO;
    cancel(c.attemptTimer);
    c.attemptTimer = -1;
    c.live = false;
    record(false);
    return retryOrGiveUp(c, r.status());
  }

  private Response retryOrGiveUp(Call c, OpStatus status) {
    if (c.attempts >= p.attempts()) {
      return giveUp(c, status);
    }
    long delay = p.backoff().delayNanos(c.attempts, c.lastBackoffNanos, random);
    long elapsed = ctx.localNanos() - c.startLocalNanos;
    if (p.deadlineNanos() > 0 && elapsed + delay >= p.deadlineNanos()) {
      return giveUp(c, status); // no time left for another attempt
    }
    if (budget != null && !budget.withdraw()) {
      ledger.budgetDenied++;
      return giveUp(c, status);
    }
    c.lastBackoffNanos = delay;
    ledger.retries++;
    if (delay == 0) {
      return attempt(c);
    }
    c.waitTimer = ctx.setTimer(delay, new Tick(this, RETRY, c.request.op(), c.attempts));
    return null;
  }

  private Response giveUp(Call c, OpStatus status) {
    end(c);
    boolean definite = status == OpStatus.FAIL && !c.uncertain;
    return new Response(c.request.op(), definite ? OpStatus.FAIL : OpStatus.INFO, History.NIL);
  }

  private void end(Call c) {
    calls.remove(c.request.op());
    cancel(c.attemptTimer);
    cancel(c.deadlineTimer);
    cancel(c.waitTimer);
    cancel(c.hedgeTimer);
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      ctx.cancelTimer(timer);
    }
  }

  private void record(boolean ok) {
    if (breaker != null) {
      breaker.record(ok, ctx.localNanos());
    }
  }

  private void answerLater(Response response) {
    if (response != null) {
      ctx.send(ctx.self(), new Answer(this, response));
    }
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return (payload instanceof Tick t && t.owner() == this) || inner.ownsTimer(payload);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (!(payload instanceof Tick t && t.owner() == this)) {
      inner.onTimer(timerId, payload);
      return;
    }
    Call c = calls.get(t.op());
    if (c == null) {
      return;
    }
    switch (t.what()) {
      case DEADLINE -> {
        c.deadlineTimer = -1;
        if (c.live) {
          record(false);
        }
        ledger.gaveUp++;
        end(c);
        answerLater(new Response(c.request.op(), OpStatus.INFO, History.NIL));
      }
      case ATTEMPT -> {
        if (t.attempt() == c.attempts && c.live) {
          c.attemptTimer = -1;
          c.live = false;
          c.uncertain = true;
          record(false);
          answerLater(retryOrGiveUp(c, OpStatus.INFO));
        }
      }
      case RETRY -> {
        c.waitTimer = -1;
        answerLater(attempt(c));
      }
      default -> hedge(c, t.attempt());
    }
  }

  private void hedge(Call c, int attempt) {
    c.hedgeTimer = -1;
    if (attempt == c.attempts && c.live && !c.hedged) {
      c.hedged = true;
      ledger.hedges++;
      ledger.attempts++;
      send(c, ctx.localNanos());
    }
  }
}
