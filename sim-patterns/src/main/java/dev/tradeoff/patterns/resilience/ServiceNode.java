package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.ArrayDeque;

/**
 * One instance of a {@link Service}: a server that works on at most {@code concurrency} requests at
 * once, each for a CPU service time, and holds the rest in its own bounded queue, taken in the
 * order of its {@link Discipline}. Standalone, its data is a key-value map of its own (one instance
 * is a linearizable store; several are not one store); with a backend it forwards each request
 * there after its CPU work, with what is left of the deadline, keeps the request's slot until the
 * backend answers or {@code backendTimeout} passes (then it answers {@code info}), and passes the
 * backend's answer on. After its CPU work it honours its node's {@link dev.tradeoff.core.Release}:
 * a bad version answers a share of requests {@code fail} or crashes on some keys.
 *
 * <p>Shedding, all decided when a request would start, at no CPU cost: a request whose propagated
 * deadline passed while it waited is dropped without an answer to the client (which gave up on it)
 * but with an {@link Expired} notice to its balancer, when {@code dropExpired}; one that waited
 * longer than {@code maxQueue}, or than controlled delay allows, is answered {@code fail}. A full
 * queue refuses the newcomer ({@code fail}), except LIFO, which sheds its oldest instead. With a
 * rate limit, a request arriving when the instance's token bucket is empty is refused ({@code
 * fail}) before it queues; so is one whose tenant's bucket is empty, with a per-tenant limit.
 *
 * <p>With a {@link Bulkhead}, the workers and the queue are split into pools, each with {@code
 * concurrency} workers and {@code queue} places, so a flood of one tenant or kind fills only its
 * own pool. With an adaptive limit, each pool works on at most its {@link AdaptiveLimit}'s requests
 * at once, fed by how long requests take in the instance and by what it sheds. It answers a
 * balancer's {@link Health} question at once, without a worker, with its oldest request's wait.
 *
 * <p>With poison-pill customers ({@link Shards}), an instance about to start work on one of their
 * requests crashes instead ({@link PoisonPill}): nothing after that request runs.
 */
final class ServiceNode implements Node {
  /** Tells the balancer that request {@code op} was dropped unanswered: its deadline passed. */
  record Expired(int op) {}

  /** A balancer's health question, round {@code round}. */
  record Health(int round) {}

  /**
   * The answer to {@link Health} round {@code round}: how long the oldest request waiting has
   * waited, and when this incarnation of the instance started (its local time), so that a balancer
   * can tell it restarted and lost every request it held.
   */
  record HealthReply(int round, long oldestWaitNanos, long startedNanos) {}

  /**
   * A request waiting: who sent it, when it arrived (local time), how long it may wait, its pool.
   */
  private record Waiting(
      int client, Request request, long arrivedNanos, long mayWaitNanos, Pool pool) {}

  /**
   * One pool of workers (all of them without bulkheads): its own queue, busy workers, controlled
   * delay clock and, if adaptive, its own limit.
   */
  private static final class Pool {
    final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    final AdaptiveLimit adaptive;
    final int fixedLimit;
    int busy;
    long lastEmptyNanos;

    Pool(int fixedLimit, AdaptiveLimit adaptive) {
      this.fixedLimit = fixedLimit;
      this.adaptive = adaptive;
    }

    int limit() {
      return adaptive == null ? fixedLimit : adaptive.limit();
    }
  }

  /** A request forwarded to the backend, and its timeout timer. */
  private static final class Forwarded {
    final Waiting waiting;
    long timer;

    Forwarded(Waiting waiting) {
      this.waiting = waiting;
    }
  }

  /** The timeout of a request forwarded to the backend. */
  private record BackendTimeout(ServiceNode owner, Forwarded forwarded) {}

  private final ServiceSettings s;
  private final ServiceLedger ledger;
  private final int index;
  private final PoisonPill poison;
  private boolean dead;
  // Requests at the backend, by operation (retries of one operation may be there at once).
  private final Int2ObjectOpenHashMap<ArrayDeque<Forwarded>> atBackend =
      new Int2ObjectOpenHashMap<>();
  private StoreClient backend;
  private final Long2LongOpenHashMap data = new Long2LongOpenHashMap();
  private final Pool[] pools;
  private Context ctx;
  private long startedNanos;
  private TokenBucket limit;
  private TokenBucket[] tenantLimits;

  ServiceNode(ServiceSettings settings, ServiceLedger ledger, int index) {
    this(settings, ledger, index, null);
  }

  /** Instance {@code index}; {@code poison} crashes it on a poison request (null: none do). */
  ServiceNode(ServiceSettings settings, ServiceLedger ledger, int index, PoisonPill poison) {
    this.s = settings;
    this.ledger = ledger;
    this.index = index;
    this.poison = poison;
    data.defaultReturnValue(History.NIL);
    Isolation iso = settings.isolation();
    pools = new Pool[settings.pools()];
    for (int i = 0; i < pools.length; i++) {
      AdaptiveLimit a =
          iso.adaptive() ? new AdaptiveLimit(settings.concurrency(), iso.limitTargetNanos()) : null;
      pools[i] = new Pool(settings.concurrency(), a);
    }
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    if (poison != null) {
      poison.started(index);
    }
    long now = ctx.localNanos();
    startedNanos = now;
    for (Pool p : pools) {
      p.lastEmptyNanos = now;
    }
    if (s.rateLimit() > 0) {
      limit = new TokenBucket(s.rateLimit(), s.rateBurst(), now);
    }
    Isolation iso = s.isolation();
    if (iso.tenantRateLimit() > 0) {
      tenantLimits = new TokenBucket[iso.tenants()];
      for (int t = 0; t < tenantLimits.length; t++) {
        tenantLimits[t] = new TokenBucket(iso.tenantRateLimit(), iso.tenantBurst(), now);
      }
    }
    if (s.backend() != null) {
      backend = s.backend().client(index);
      backend.start(ctx);
    }
  }

  /** Requests waiting (for the series). */
  int queued() {
    int n = 0;
    for (Pool p : pools) {
      n += p.queue.size();
    }
    return n;
  }

  /** Requests in the instance: waiting plus being worked on. */
  int inSystem() {
    int n = queued();
    for (Pool p : pools) {
      n += p.busy;
    }
    return n;
  }

  /** The current concurrency limit, summed over pools (for the series). */
  int limit() {
    int n = 0;
    for (Pool p : pools) {
      n += p.limit();
    }
    return n;
  }

  /** How long the oldest request waiting, in any pool, has waited at {@code nowNanos}. */
  private long oldestWaitNanos(long nowNanos) {
    long oldest = 0;
    for (Pool p : pools) {
      Waiting w = p.queue.peekFirst(); // every discipline adds at the tail
      oldest = w == null ? oldest : Math.max(oldest, nowNanos - w.arrivedNanos());
    }
    return oldest;
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Health h) {
      // Answered at once, outside the queue: a health endpoint costs no worker.
      ctx.send(from, new HealthReply(h.round(), oldestWaitNanos(ctx.localNanos()), startedNanos));
      return;
    }
    if (!(message instanceof Request r)) {
      if (backend != null) {
        Response answer = backend.onMessage(from, message);
        if (answer != null) {
          backendAnswered(answer.relayedFrom(from));
        }
      }
      return;
    }
    ledger.arrived++;
    long now = ctx.localNanos();
    int tenant = s.isolation().tenant(r.key());
    if ((limit != null && !limit.take(now))
        || (tenantLimits != null && !tenantLimits[tenant].take(now))) {
      ledger.limited++;
      ctx.send(from, new Response(r.op(), OpStatus.FAIL, History.NIL));
      return;
    }
    Pool p = pools[s.isolation().bulkhead().pool(r.kind(), tenant)];
    if (p.queue.isEmpty()) {
      p.lastEmptyNanos = now;
    }
    Waiting w = new Waiting(from, r, now, mayWait(p, now), p);
    if (p.busy < p.limit() && p.queue.isEmpty()) {
      take(w, now);
      return;
    }
    if (p.queue.size() >= s.queue()) {
      if (s.discipline() == Discipline.LIFO && s.queue() > 0) {
        shed(p.queue.pollFirst());
        p.queue.addLast(w);
      } else {
        ledger.refused++;
        dropped(p, now);
        ctx.send(from, new Response(r.op(), OpStatus.FAIL, History.NIL));
      }
      return;
    }
    p.queue.addLast(w);
    startWaiting(p, now);
  }

  private static void dropped(Pool p, long nowNanos) {
    if (p.adaptive != null) {
      p.adaptive.dropped(nowNanos);
    }
  }

  private boolean overloaded(Pool p, long nowNanos) {
    return !p.queue.isEmpty() && nowNanos - p.lastEmptyNanos > s.intervalNanos();
  }

  private long mayWait(Pool p, long nowNanos) {
    if (!s.discipline().controlledDelay()) {
      return Long.MAX_VALUE;
    }
    return overloaded(p, nowNanos) ? s.targetNanos() : s.intervalNanos();
  }

  /** Starts waiting requests while {@code p} has room, shedding those that may not start. */
  private void startWaiting(Pool p, long nowNanos) {
    while (!dead && p.busy < p.limit() && !p.queue.isEmpty()) {
      boolean newest =
          s.discipline() == Discipline.LIFO
              || (s.discipline() == Discipline.ADAPTIVE_LIFO && overloaded(p, nowNanos));
      Waiting w = newest ? p.queue.pollLast() : p.queue.pollFirst();
      if (p.queue.isEmpty()) {
        p.lastEmptyNanos = nowNanos;
      }
      take(w, nowNanos);
    }
  }

  private void take(Waiting w, long nowNanos) {
    long waited = nowNanos - w.arrivedNanos();
    Request r = w.request();
    if (s.dropExpired() && r.hasDeadline() && waited >= r.budgetNanos()) {
      ledger.expired++;
      dropped(w.pool(), nowNanos);
      ctx.send(w.client(), new Expired(r.op()));
    } else if ((s.maxQueueNanos() > 0 && waited > s.maxQueueNanos()) || waited > w.mayWaitNanos()) {
      dropped(w.pool(), nowNanos);
      shed(w);
    } else if (poison != null
        && s.shards().poisons(s.isolation().tenant(r.key()))
        && poison.armed()) {
      dead = true; // the process dies on this request: nothing of this instance runs after it
      ledger.poisoned++;
      poison.struck(index);
    } else {
      w.pool().busy++;
      ledger.started(waited);
      if (!ctx.process(w)) { // cannot happen: the kernel's CPU has a worker per admitted request
        w.pool().busy--;
        shed(w);
      }
    }
  }

  private void shed(Waiting w) {
    ledger.shed++;
    ctx.send(w.client(), new Response(w.request().op(), OpStatus.FAIL, History.NIL));
  }

  @Override
  public void onProcessed(Object job) {
    Waiting w = (Waiting) job;
    switch (ctx.release().effect(w.request().key(), ctx.random())) {
      case CRASH -> {
        ctx.crash(); // a bad release: the process dies on this request
        return;
      }
      case ERROR -> {
        finish(w, new Response(w.request().op(), OpStatus.FAIL, History.NIL));
        return;
      }
      case SERVE -> {}
    }
    if (backend != null) {
      forward(w);
      return;
    }
    finish(w, apply(w.request()));
  }

  /** Answers {@code w} with {@code answer}, frees its slot and starts the next request. */
  private void finish(Waiting w, Response answer) {
    Pool p = w.pool();
    p.busy--;
    long now = ctx.localNanos();
    ledger.served++;
    Request r = w.request();
    if (r.hasDeadline() && now - w.arrivedNanos() > r.budgetNanos()) {
      ledger.wasted++; // its client had given up: the work was for nobody
    }
    if (p.adaptive != null) {
      p.adaptive.done(now - w.arrivedNanos(), now);
    }
    ctx.send(w.client(), answer);
    startWaiting(p, now);
  }

  /** Sends {@code w} on to the backend with what is left of its deadline; its slot stays taken. */
  private void forward(Waiting w) {
    Request r = w.request();
    if (r.hasDeadline()) {
      long left = r.budgetNanos() - (ctx.localNanos() - w.arrivedNanos());
      r = r.withBudget(Math.max(0, left));
    }
    Forwarded f = new Forwarded(w);
    atBackend.computeIfAbsent(r.op(), op -> new ArrayDeque<>()).addLast(f);
    f.timer = ctx.setTimer(s.backendTimeoutNanos(), new BackendTimeout(this, f));
    backend.submit(r);
  }

  private void backendAnswered(Response answer) {
    ArrayDeque<Forwarded> waiting = atBackend.get(answer.op());
    if (waiting == null) {
      return; // it timed out here already
    }
    Forwarded f = waiting.pollFirst();
    if (waiting.isEmpty()) {
      atBackend.remove(answer.op());
    }
    ctx.cancelTimer(f.timer);
    finish(f.waiting, answer);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload instanceof BackendTimeout t && t.owner() == this) {
      Forwarded f = t.forwarded();
      ArrayDeque<Forwarded> waiting = atBackend.get(f.waiting.request().op());
      if (waiting != null && waiting.remove(f)) {
        if (waiting.isEmpty()) {
          atBackend.remove(f.waiting.request().op());
        }
        finish(f.waiting, new Response(f.waiting.request().op(), OpStatus.INFO, History.NIL));
      }
    } else if (backend != null && backend.ownsTimer(payload)) {
      backend.onTimer(timerId, payload);
    }
  }

  private Response apply(Request request) {
    return switch (request.kind()) {
      case READ -> new Response(request.op(), OpStatus.OK, data.get(request.key()));
      case APPEND -> new Response(request.op(), OpStatus.FAIL, History.NIL); // not a list store
      case WRITE -> {
        data.put(request.key(), request.value());
        yield new Response(request.op(), OpStatus.OK, History.NIL);
      }
      case CAS -> {
        if (data.get(request.key()) != request.expected()) {
          yield new Response(request.op(), OpStatus.FAIL, History.NIL);
        }
        data.put(request.key(), request.value());
        yield new Response(request.op(), OpStatus.OK, History.NIL);
      }
    };
  }
}
