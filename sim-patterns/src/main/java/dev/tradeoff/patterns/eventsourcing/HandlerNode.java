package dev.tradeoff.patterns.eventsourcing;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.patterns.eventsourcing.Messages.Append;
import dev.tradeoff.patterns.eventsourcing.Messages.Appended;
import dev.tradeoff.patterns.eventsourcing.Messages.Conflict;
import dev.tradeoff.patterns.eventsourcing.Messages.Load;
import dev.tradeoff.patterns.eventsourcing.Messages.Loaded;
import dev.tradeoff.patterns.eventsourcing.Messages.SaveSnapshot;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * A command handler: a stateless service in front of the event store, as in Axon or an EventStoreDB
 * application. Clients send it the workload's requests; a write (or compare-and-set) of key {@code
 * k} is a command on aggregate {@code k}, a read asks for the aggregate's state.
 *
 * <p><b>Load.</b> The handler takes the aggregate from its cache (if caching), else asks the store
 * for its latest snapshot and the events after it (or all its events when snapshots are off), and
 * rebuilds it on its CPU: its service time, plus the snapshot cost if a snapshot came, plus the
 * replay cost per event. A read answers the rebuilt state's value.
 *
 * <p><b>Command.</b> A compare-and-set whose expected value is not the state's fails (validation);
 * otherwise the handler appends an event one version above the state it decided on, expecting the
 * stream at that state's version. On a conflict it drops the cached aggregate and reloads,
 * revalidates and re-appends, up to the retry limit, then fails the command (nothing was appended).
 * Once the store acknowledges, the handler answers OK, caches the new state, and, at every {@code
 * snapshotEvery}-th version, sends the store a snapshot of it.
 *
 * <p><b>Aggregate locks.</b> With {@code lockAggregates}, a handler runs one command per aggregate
 * at a time and queues the others behind it, as Axon's repositories lock an aggregate within one
 * JVM: commands race only across handlers. Reads take no lock.
 *
 * <p><b>Failure.</b> A store request unanswered for the store timeout is given up: a load fails its
 * command (nothing was appended), an append ends it unknown (info), since the event may be in the
 * stream. A crash loses the cache and every command in flight; their clients time out, and the
 * store's answers to them, if they reach the restarted handler, all but never match one of its own
 * requests (its ids start at a fresh random point).
 */
final class HandlerNode implements Node {
  private final Settings settings;
  private final Ledger ledger;
  private Context ctx;
  private int store;
  private ContinuousSampler service;
  private long nextRequest;
  // Store requests in flight by id; lookups only, never iterated.
  private final Long2ObjectOpenHashMap<Call> calls = new Long2ObjectOpenHashMap<>();
  // Sorted, so the fold checker reads it in a fixed order.
  private final TreeMap<Long, AggregateState> cache = new TreeMap<>();
  // Aggregates with a command in progress here, each with the commands queued behind it (with
  // lockAggregates). Lookups only, never iterated.
  private final Long2ObjectOpenHashMap<ArrayDeque<Command>> locks = new Long2ObjectOpenHashMap<>();

  /** A client request being handled: its attempts and the state it was decided on. */
  private static final class Command {
    final int client;
    final Request request;
    int attempts;
    long loadStartNanos;
    AggregateState state;
    Event event;

    Command(int client, Request request) {
      this.client = client;
      this.request = request;
    }
  }

  /** A store request in flight: its command, whether it is an append, and its timeout timer. */
  private record Call(Command command, boolean append, long timer) {}

  /** The store timeout of request {@code request}. */
  private record StoreTimeout(long request) {}

  /** An aggregate rebuilt on the CPU: the state, and how many events that replayed. */
  private record Rebuilt(Command command, AggregateState state, int replayed) {}

  HandlerNode(Settings settings, Ledger ledger) {
    this.settings = settings;
    this.ledger = ledger;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    store = ctx.nodeId(settings.storeName());
    service = settings.service().sampler(ctx.random());
    // The store may still answer the crashed incarnation's requests (a clogged link holds them):
    // each incarnation numbers its requests from a random point of [0, 2^62), drawn from a stream
    // of its own so that no other draw moves, and those answers all but never match its requests.
    nextRequest = ctx.random("request-ids").nextLong() >>> 2;
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Request r) {
      if (r.kind() == OpKind.APPEND) {
        ctx.send(from, new Response(r.op(), OpStatus.FAIL, History.NIL)); // not a list aggregate
      } else {
        start(new Command(from, r));
      }
    } else if (message instanceof Loaded l) {
      Call call = answered(l.request());
      if (call != null) {
        rebuild(call.command(), l);
      }
    } else if (message instanceof Appended a) {
      Call call = answered(a.request());
      if (call != null) {
        appended(call.command(), a.version());
      }
    } else if (message instanceof Conflict c) {
      Call call = answered(c.request());
      if (call != null) {
        conflict(call.command());
      }
    }
  }

  /** The call {@code request} answers, its timer cancelled, or null if it was given up. */
  private Call answered(long request) {
    Call call = calls.remove(request);
    if (call != null) {
      ctx.cancelTimer(call.timer());
    }
    return call;
  }

  /**
   * Starts {@code c}: at once for a read, or a command on an aggregate no command holds here;
   * otherwise (with aggregate locks) behind the commands already queued on its aggregate.
   */
  private void start(Command c) {
    if (settings.lockAggregates() && c.request.kind() != OpKind.READ) {
      ArrayDeque<Command> queue = locks.get(c.request.key());
      if (queue != null) {
        queue.add(c);
        return;
      }
      locks.put(c.request.key(), new ArrayDeque<>());
    }
    load(c);
  }

  /** {@code c} ended: the next command queued on its aggregate, if any, starts. */
  private void release(Command c) {
    if (!settings.lockAggregates() || c.request.kind() == OpKind.READ) {
      return;
    }
    ArrayDeque<Command> queue = locks.get(c.request.key());
    if (queue == null) {
      return;
    }
    Command next = queue.poll();
    if (next == null) {
      locks.remove(c.request.key());
    } else {
      load(next);
    }
  }

  private void load(Command c) {
    c.loadStartNanos = ledger.nowNanos();
    long aggregate = c.request.key();
    if (settings.cache()) {
      AggregateState cached = cache.get(aggregate);
      ledger.cacheLookup(cached != null);
      if (cached != null) {
        process(c, serviceNanos(), new Rebuilt(c, cached, 0));
        return;
      }
    }
    call(c, false, id -> new Load(id, aggregate, settings.snapshotEvery() > 0));
  }

  /** Sends the store {@code message} built with a fresh request id, under the store timeout. */
  private void call(Command c, boolean append, LongFunction<Object> message) {
    long id = nextRequest++;
    long timer = ctx.setTimer(settings.storeTimeoutNanos(), new StoreTimeout(id));
    calls.put(id, new Call(c, append, timer));
    ctx.send(store, message.apply(id));
  }

  private long serviceNanos() {
    return Math.max(0, (long) service.sample());
  }

  private void rebuild(Command c, Loaded l) {
    AggregateState from = l.snapshot() == null ? AggregateState.EMPTY : l.snapshot();
    long cost =
        serviceNanos()
            + (l.snapshot() == null ? 0 : settings.snapshotCostNanos())
            + l.events().size() * settings.replayCostNanos();
    AggregateState state = AggregateState.fold(from, l.events());
    process(c, cost, new Rebuilt(c, state, l.events().size()));
  }

  private void process(Command c, long costNanos, Rebuilt job) {
    if (!ctx.process(costNanos, job)) {
      reply(c, OpStatus.FAIL, History.NIL); // the CPU queue is full: nothing was appended
    }
  }

  @Override
  public void onProcessed(Object job) {
    Rebuilt r = (Rebuilt) job;
    Command c = r.command();
    ledger.loaded(r.replayed(), ledger.nowNanos() - c.loadStartNanos);
    AggregateState state = r.state();
    long aggregate = c.request.key();
    if (settings.cache()) {
      AggregateState cached = cache.get(aggregate);
      if (cached == null || cached.version() < state.version()) {
        cache.put(aggregate, state);
      }
    }
    switch (c.request.kind()) {
      case READ -> reply(c, OpStatus.OK, state.value());
      case CAS -> {
        if (state.value() != c.request.expected()) {
          reply(c, OpStatus.FAIL, History.NIL); // validation refused the command
        } else {
          append(c, state);
        }
      }
      default -> append(c, state);
    }
  }

  private void append(Command c, AggregateState state) {
    c.state = state;
    c.event = new Event(c.request.key(), state.version() + 1, c.request.value(), state, ctx.name());
    Event event = c.event;
    call(c, true, id -> new Append(id, event, state.version()));
  }

  private void appended(Command c, long version) {
    ledger.acknowledged(c.request.key(), c.request.value(), version, ctx.name());
    AggregateState next = c.state.apply(c.event);
    if (settings.cache()) {
      cache.put(c.request.key(), next);
    }
    if (settings.snapshotEvery() > 0 && version % settings.snapshotEvery() == 0) {
      ctx.send(store, new SaveSnapshot(c.request.key(), next));
    }
    reply(c, OpStatus.OK, History.NIL); // last: it lets the next queued command load the cache
  }

  private void conflict(Command c) {
    ledger.conflict();
    cache.remove(c.request.key()); // it was stale
    if (c.attempts >= settings.maxRetries()) {
      reply(c, OpStatus.FAIL, History.NIL); // the store refused every attempt: nothing appended
      return;
    }
    c.attempts++;
    ledger.retried();
    load(c);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload instanceof StoreTimeout t) {
      Call call = calls.remove(t.request());
      if (call != null) {
        // A lost load changed nothing; a lost append may have landed: its outcome is unknown.
        reply(call.command(), call.append() ? OpStatus.INFO : OpStatus.FAIL, History.NIL);
      }
    }
  }

  /** Answers {@code c}'s client; {@code c} has ended. */
  private void reply(Command c, OpStatus status, long value) {
    ctx.send(c.client, new Response(c.request.op(), status, value));
    release(c);
  }

  /** The aggregates this handler has cached, by aggregate (read-only, for the fold checker). */
  NavigableMap<Long, AggregateState> cached() {
    return Collections.unmodifiableNavigableMap(cache);
  }
}
