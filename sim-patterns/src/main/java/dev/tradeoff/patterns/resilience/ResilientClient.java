package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.check.Recovery;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Growth;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * {@code resilient-client}: client-side policies as a layer over any nested {@code backend} system.
 * It adds no nodes: every client's driver of the backend is wrapped in a {@link PolicyDriver}
 * living in the same host, so the layer composes anywhere a system does — over a single store, a
 * {@link Service}, or inside each shard of a sharded system.
 *
 * <p>Series (god's view, summed over the layer's drivers; {@code <name>} is the layer's name):
 * {@code <name>/offered} (requests per second entering the layer), {@code <name>/goodput} (requests
 * per second answered OK — within the deadline, since past it a request is given up), {@code
 * <name>/attempts} (attempts per second, hedges included), {@code <name>/retries-per-request}
 * (retries over requests in the interval), {@code <name>/budget-denied} (retries per second the
 * budget refused), {@code <name>/breaker-refused} (requests per second refused by an open breaker)
 * and, with a breaker, {@code <name>/breaker-open} (share of clients whose breaker is open or
 * half-open at the interval's end). Checkers: {@code recovery} ({@link Recovery}, with this layer's
 * deadline, {@code recoveryWithin} and {@code recoveryFrom}), plus whatever the backend offers.
 */
public final class ResilientClient implements PatternSpec {
  @Override
  public String name() {
    return "resilient-client";
  }

  @Override
  public String description() {
    return "client-side timeouts, retries with backoff and jitter, retry budget, circuit breaker,"
        + " hedging, over any system";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string("name", "client", "the layer's name: its series are <name>/…"),
        Param.duration("attemptTimeout", "0s", 0, "one attempt is given up after this; 0 never"),
        Param.duration("deadline", "0s", 0, "the request is given up (info) after this; 0 never"),
        Param.integer("attempts", 1, 1, 100, "most attempts per request, the first included"),
        Param.choice(
            "backoff", List.of("exponential", "fixed"), "how the wait between tries grows"),
        Param.duration("backoffBase", "10ms", 0, "the first wait before a retry"),
        Param.duration("backoffMax", "1s", 0, "the longest wait before a retry"),
        Param.choice("jitter", Backoff.Jitter.NAMES, "how the wait is randomised"),
        Param.bool("budget", false, "limit retries with a token-bucket retry budget"),
        Param.number("budgetShare", 0.1, 0, 1, "budget: retries allowed per request"),
        Param.integer("budgetBurst", 10, 1, 1_000_000, "budget: tokens held at most"),
        Param.bool("breaker", false, "a circuit breaker per client"),
        Param.integer("breakerWindow", 20, 1, 1_000_000, "breaker: outcomes remembered"),
        Param.number("breakerThreshold", 0.5, 0.01, 1, "breaker: failure share that opens it"),
        Param.duration("breakerOpenFor", "5s", 0, "breaker: how long it stays open"),
        Param.integer("breakerProbes", 3, 1, 1_000, "breaker: calls let through half-open"),
        Param.bool("propagateDeadline", true, "attempts carry their remaining time to the server"),
        Param.duration("hedgeDelay", "0s", 0, "send a second copy after this; 0 never"),
        Param.duration("recoveryWithin", "10s", 0, "recovery checker: time allowed to recover"),
        Param.duration(
            "recoveryFrom", "0s", 0, "recovery checker: trigger end, if after the last fault"),
        Param.system("backend", "the system the clients call: a nested system object"));
  }

  @Override
  public String[] validate(Config c) {
    if (c.nanos("backoffMax") < c.nanos("backoffBase")) {
      return new String[] {"backoffMax", "must be at least backoffBase"};
    }
    long timeout = timeout(c);
    if (c.nanos("hedgeDelay") > 0 && timeout > 0 && c.nanos("hedgeDelay") >= timeout) {
      return new String[] {
        "hedgeDelay",
        "must be shorter than the timeout ("
            + (c.nanos("attemptTimeout") > 0 ? "attemptTimeout" : "deadline")
            + "), or the hedge never goes out"
      };
    }
    if (c.string("name").isEmpty()) {
      return new String[] {"name", "must not be empty: series are <name>/…"};
    }
    return null;
  }

  /** The shorter of the attempt timeout and the deadline that are set; 0 if neither. */
  private static long timeout(Config c) {
    long a = c.nanos("attemptTimeout");
    long d = c.nanos("deadline");
    return a > 0 && d > 0 ? Math.min(a, d) : Math.max(a, d);
  }

  @Override
  public Store build(Config c) {
    Policies policies =
        new Policies(
            c.string("name"),
            c.nanos("attemptTimeout"),
            c.nanos("deadline"),
            (int) c.integer("attempts"),
            new Backoff(
                c.string("backoff").equals("exponential"),
                c.nanos("backoffBase"),
                c.nanos("backoffMax"),
                Backoff.Jitter.of(c.string("jitter"))),
            c.bool("budget")
                ? new Policies.BudgetSettings(
                    c.number("budgetShare"), (int) c.integer("budgetBurst"))
                : null,
            c.bool("breaker")
                ? new Policies.BreakerSettings(
                    (int) c.integer("breakerWindow"),
                    c.number("breakerThreshold"),
                    c.nanos("breakerOpenFor"),
                    (int) c.integer("breakerProbes"))
                : null,
            c.bool("propagateDeadline"),
            c.nanos("hedgeDelay"));
    return new Layer(
        policies,
        c.backend("backend").build(""),
        c.nanos("recoveryWithin"),
        c.nanos("recoveryFrom"));
  }

  /** A built layer. */
  static final class Layer implements Store {
    private final Policies p;
    private final Store backend;
    private final long recoveryWithinNanos;
    private final long recoveryFromNanos;
    private final Ledger ledger = new Ledger();

    Layer(Policies policies, Store backend, long recoveryWithinNanos, long recoveryFromNanos) {
      this.p = policies;
      this.backend = backend;
      this.recoveryWithinNanos = recoveryWithinNanos;
      this.recoveryFromNanos = recoveryFromNanos;
    }

    @Override
    public List<String> nodes() {
      return backend.nodes();
    }

    @Override
    public List<String> zones() {
      return backend.zones();
    }

    @Override
    public void addTo(Simulation sim) {
      backend.addTo(sim);
      double perSecond = 1e9 / sim.metrics().intervalNanos();
      String n = p.name() + "/";
      var m = sim.metrics();
      m.probe(n + "offered", "req/s", delta(() -> ledger.requests, perSecond));
      m.probe(n + "goodput", "req/s", delta(() -> ledger.goodput, perSecond));
      m.probe(n + "attempts", "req/s", delta(() -> ledger.attempts, perSecond));
      m.probe(
          n + "retries-per-request",
          "retries",
          Growth.ratio(() -> ledger.retries, () -> ledger.requests, 1));
      m.probe(n + "budget-denied", "req/s", delta(() -> ledger.budgetDenied, perSecond));
      m.probe(n + "breaker-refused", "req/s", delta(() -> ledger.breakerRefused, perSecond));
      if (p.breaker() != null) {
        m.probe(n + "breaker-open", "share", ledger::breakersOpen);
      }
    }

    /** The counter's growth over the interval, times {@code scale}. */
    static DoubleSupplier delta(LongSupplier counter, double scale) {
      Growth growth = Growth.of(counter);
      return () -> growth.next() * scale;
    }

    @Override
    public StoreClient client(int index) {
      return new PolicyDriver(p, ledger, index, backend.client(index));
    }

    @Override
    public StoreCheckers checkers() {
      StoreCheckers below = backend.checkers();
      StoreCheckers.Builder table = StoreCheckers.builder();
      long deadline = p.deadlineNanos() > 0 ? p.deadlineNanos() : Long.MAX_VALUE;
      table.add(
          "recovery",
          () -> new Recovery(deadline, recoveryWithinNanos, recoveryFromNanos, 1_000_000_000L));
      for (String name : below.names()) {
        if (!name.equals("recovery")) {
          table.add(name, () -> below.create(name).orElseThrow());
        }
      }
      return table.build();
    }
  }
}
