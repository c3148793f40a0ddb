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
 * backend's answer on.
 *
 * <p>Shedding, all decided when a request would start, at no CPU cost: a request whose propagated
 * deadline passed while it waited is dropped without an answer to the client (which gave up on it)
 * but with an {@link Expired} notice to its balancer, when {@code dropExpired}; one that waited
 * longer than {@code maxQueue}, or than controlled delay allows, is answered {@code fail}. A full
 * queue refuses the newcomer ({@code fail}), except LIFO, which sheds its oldest instead. With a
 * rate limit, a request arriving when the instance's token bucket is empty is refused ({@code
 * fail}) before it queues.
 */
final class ServiceNode implements Node {
  /** Tells the balancer that request {@code op} was dropped unanswered: its deadline passed. */
  record Expired(int op) {}

  /** A request waiting: who sent it, when it arrived (local time), how long it may wait. */
  private record Waiting(int client, Request request, long arrivedNanos, long mayWaitNanos) {}

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
  // Requests at the backend, by operation (retries of one operation may be there at once).
  private final Int2ObjectOpenHashMap<ArrayDeque<Forwarded>> atBackend =
      new Int2ObjectOpenHashMap<>();
  private StoreClient backend;
  private final Long2LongOpenHashMap data = new Long2LongOpenHashMap();
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  private Context ctx;
  private int busy;
  private long lastEmptyNanos;
  private TokenBucket limit;

  ServiceNode(ServiceSettings settings, ServiceLedger ledger, int index) {
    this.s = settings;
    this.ledger = ledger;
    this.index = index;
    data.defaultReturnValue(History.NIL);
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    lastEmptyNanos = ctx.localNanos();
    if (s.rateLimit() > 0) {
      limit = new TokenBucket(s.rateLimit(), s.rateBurst(), lastEmptyNanos);
    }
    if (s.backend() != null) {
      backend = s.backend().client(index);
      backend.start(ctx);
    }
  }

  /** Requests waiting (for the series). */
  int queued() {
    return queue.size();
  }

  /** Requests in the instance: waiting plus being worked on. */
  int inSystem() {
    return queue.size() + busy;
  }

  @Override
  public void onMessage(int from, Object message) {
    if (!(message instanceof Request r)) {
      if (backend != null) {
        Response answer = backend.onMessage(from, message);
        if (answer != null) {
          backendAnswered(answer);
        }
      }
      return;
    }
    ledger.arrived++;
    long now = ctx.localNanos();
    if (limit != null && !limit.take(now)) {
      ledger.limited++;
      ctx.send(from, new Response(r.op(), OpStatus.FAIL, History.NIL));
      return;
    }
    if (queue.isEmpty()) {
      lastEmptyNanos = now;
    }
    Waiting w = new Waiting(from, r, now, mayWait(now));
    if (busy < s.concurrency() && queue.isEmpty()) {
      take(w, now);
      return;
    }
    if (queue.size() >= s.queue()) {
      if (s.discipline() == Discipline.LIFO && s.queue() > 0) {
        shed(queue.pollFirst());
        queue.addLast(w);
      } else {
        ledger.refused++;
        ctx.send(from, new Response(r.op(), OpStatus.FAIL, History.NIL));
      }
      return;
    }
    queue.addLast(w);
    startWaiting(now);
  }

  private boolean overloaded(long nowNanos) {
    return !queue.isEmpty() && nowNanos - lastEmptyNanos > s.intervalNanos();
  }

  private long mayWait(long nowNanos) {
    if (!s.discipline().controlledDelay()) {
      return Long.MAX_VALUE;
    }
    return overloaded(nowNanos) ? s.targetNanos() : s.intervalNanos();
  }

  /** Starts waiting requests while workers are free, shedding those that may not start. */
  private void startWaiting(long nowNanos) {
    while (busy < s.concurrency() && !queue.isEmpty()) {
      boolean newest =
          s.discipline() == Discipline.LIFO
              || (s.discipline() == Discipline.ADAPTIVE_LIFO && overloaded(nowNanos));
      Waiting w = newest ? queue.pollLast() : queue.pollFirst();
      if (queue.isEmpty()) {
        lastEmptyNanos = nowNanos;
      }
      take(w, nowNanos);
    }
  }

  private void take(Waiting w, long nowNanos) {
    long waited = nowNanos - w.arrivedNanos();
    Request r = w.request();
    if (s.dropExpired() && r.hasDeadline() && waited >= r.budgetNanos()) {
      ledger.expired++;
      ctx.send(w.client(), new Expired(r.op()));
    } else if ((s.maxQueueNanos() > 0 && waited > s.maxQueueNanos()) || waited > w.mayWaitNanos()) {
      shed(w);
    } else {
      busy++;
      ledger.started(waited);
      if (!ctx.process(w)) { // cannot happen: the kernel's CPU has a worker per admitted request
        busy--;
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
    if (backend != null) {
      forward(w);
      return;
    }
    finish(w, apply(w.request()));
  }

  /** Answers {@code w} with {@code answer}, frees its slot and starts the next request. */
  private void finish(Waiting w, Response answer) {
    busy--;
    long now = ctx.localNanos();
    ledger.served++;
    Request r = w.request();
    if (r.hasDeadline() && now - w.arrivedNanos() > r.budgetNanos()) {
      ledger.wasted++; // its client had given up: the work was for nobody
    }
    ctx.send(w.client(), answer);
    startWaiting(now);
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
