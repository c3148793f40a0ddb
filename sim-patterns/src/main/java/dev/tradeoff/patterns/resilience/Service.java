package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Growth;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code service}: {@code instances} server nodes ({@code <name>-0 …}) behind a client-side load
 * balancer ({@link ServiceDriver}), each with a fixed concurrency limit, a bounded queue taken
 * FIFO, LIFO, with controlled delay (CoDel) or adaptive LIFO, shedding by queue time or by an
 * expired propagated deadline, and an optional token-bucket rate limit ({@link ServiceNode}, {@link
 * TokenBucket}). Standalone, each instance serves requests from its own key-value map at a CPU cost
 * per request; with a nested {@code backend} it forwards each request there after its CPU work,
 * with what is left of the request's deadline, holds its concurrency slot until the backend answers
 * (or {@code backendTimeout} passes) and answers with the backend's answer — a tier in front of any
 * store.
 *
 * <p>Series, summed over instances ({@code <name>} is the service's name): {@code
 * <name>/queue-time} (mean wait, in ms, of requests that started work in the interval), {@code
 * <name>/queue} (requests waiting at the interval's end), {@code <name>/served} (requests per
 * second worked on to the end), {@code <name>/shed} (requests per second refused by a full queue or
 * shed for waiting too long), {@code <name>/expired} (requests per second dropped unworked because
 * their deadline had passed), {@code <name>/wasted} (requests per second worked on to the end after
 * their deadline had passed: work for clients that had given up) and {@code <name>/limited}
 * (requests per second refused by the rate limits); with an adaptive limit {@code <name>/limit}
 * (concurrency limits summed over instances and pools) and with a health check {@code
 * <name>/ejected} (share of client–instance pairs out of rotation). Tenants ({@code key mod
 * tenants}) may each have a token bucket, and a {@link Bulkhead} gives each tenant or operation
 * kind its own workers and queue. It offers its backend's checkers.
 *
 * <p>Customers (the tenants) may be given instances of their own ({@link Assignment}: {@code
 * shard}, fixed groups of {@code shardSize}; {@code shuffle-shard}, a seeded combination of {@code
 * shardSize} per customer), and the first {@code poisonTenants} customers may be poison pills whose
 * requests crash the instance that starts working on them ({@link PoisonPill}). Then it adds, for
 * the customers other than the poison pills ({@link BlastRadius}), {@code <name>/cut-off} (the
 * share with every instance down), {@code <name>/customers-failed} (the share that saw a failed
 * operation so far), {@code <name>/requests-failed} (the share of their operations completed in the
 * interval that did not end OK), {@code <name>/down} (instances down) and {@code <name>/poisoned}
 * (poison crashes in the interval), and the checkers {@code cut-off} ({@link CutOff}) and {@code
 * poison-contained} ({@link PoisonContained}).
 */
public final class Service implements PatternSpec {
  @Override
  public String name() {
    return "service";
  }

  @Override
  public String description() {
    return "service instances behind a load balancer: concurrency limit, bounded FIFO/LIFO/CoDel"
        + " queue, load shedding";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string("name", "svc", "instance name prefix: <name>-0 …"),
        Param.string("zone", "dc1", "the instances' zone"),
        Param.integer("instances", 1, 1, 1_000, "service instances"),
        Param.choice("balancer", Balancer.NAMES, "how a client picks an instance"),
        Param.integer("concurrency", 1, 1, 10_000, "requests an instance works on at once"),
        Param.integer("queue", 1_000, 0, 100_000_000, "requests an instance holds waiting"),
        Param.choice("discipline", Discipline.NAMES, "queue order and shedding"),
        Param.duration("maxQueueTime", "0s", 0, "shed a request that waited longer; 0 never"),
        Param.bool("dropExpired", false, "drop, unworked, requests whose deadline passed"),
        Param.duration("codelTarget", "5ms", 1, "codel: the wait allowed while overloaded"),
        Param.duration(
            "codelInterval", "100ms", 1, "codel: no empty queue this long means overloaded"),
        Param.distribution("service", "exp(1ms)", "CPU time per request"),
        Param.number("rateLimit", 0, 0, 1e9, "requests per second an instance admits; 0 no limit"),
        Param.integer("rateBurst", 10, 1, 1_000_000, "rate limit: the token bucket's size"),
        Param.duration(
            "backendTimeout", "1s", 1_000_000, "how long an instance waits for its backend"),
        Param.integer("tenants", 1, 1, 10_000, "tenants: a request's is its key mod tenants"),
        Param.number(
            "tenantRateLimit", 0, 0, 1e9, "requests per second an instance admits per tenant"),
        Param.integer("tenantBurst", 10, 1, 1_000_000, "per-tenant rate limit: bucket size"),
        Param.choice("bulkhead", Bulkhead.NAMES, "separate worker pools per tenant or kind"),
        Param.bool("adaptiveLimit", false, "adapt the concurrency limit by AIMD"),
        Param.duration(
            "limitTarget", "100ms", 1, "adaptive limit: time in the instance that is late"),
        Param.duration(
            "healthInterval", "0s", 0, "balancer asks each instance this often; 0 never"),
        Param.duration("healthMaxWait", "0s", 0, "health: a wait above this is slow; 0 never"),
        Param.choice(
            "assignment", Assignment.Kind.NAMES, "which instances serve each customer (tenant)"),
        Param.integer("shardSize", 2, 1, 1_000, "shard, shuffle-shard: instances per customer"),
        Param.integer("shardSeed", 1, 0, Integer.MAX_VALUE, "shuffle-shard: seeds the draw"),
        Param.integer("poisonTenants", 0, 0, 10_000, "customers 0 … n-1 crash their instances"),
        Param.duration("poisonFrom", "0s", 0, "poison requests crash instances from this time"),
        Param.duration(
            "poisonRestart", "0s", 0, "a poisoned instance restarts after this; 0 never"),
        Param.bool("shardFallback", false, "a customer with all instances out uses any instance"),
        Param.optionalSystem("backend", "a store behind the instances; none: standalone"));
  }

  @Override
  public String[] validate(Config c) {
    if (c.string("name").isEmpty()) {
      return new String[] {"name", "must not be empty: instances are <name>-0 …"};
    }
    if (c.nanos("codelTarget") >= c.nanos("codelInterval")) {
      return new String[] {"codelTarget", "must be shorter than codelInterval"};
    }
    if (c.string("bulkhead").equals("tenant") && c.integer("tenants") < 2) {
      return new String[] {"bulkhead", "tenant needs tenants of 2 or more"};
    }
    if (c.bool("adaptiveLimit") && c.integer("concurrency") < 2) {
      return new String[] {
        "adaptiveLimit", "needs concurrency of 2 or more: the limit adapts between 1 and it"
      };
    }
    if (c.nanos("healthMaxWait") > 0 && c.nanos("healthInterval") == 0) {
      return new String[] {"healthMaxWait", "needs a healthInterval: no health check asks"};
    }
    if (c.nanos("healthInterval") > 0 && c.integer("instances") < 2) {
      return new String[] {"healthInterval", "needs instances of 2 or more to send elsewhere"};
    }
    return validateShards(c);
  }

  private static String[] validateShards(Config c) {
    String assignment = c.string("assignment");
    long n = c.integer("instances");
    long k = c.integer("shardSize");
    if (!assignment.equals("shared") && k > n) {
      return new String[] {
        "shardSize", k + " is more than the " + n + " instances a customer can be given"
      };
    }
    if (assignment.equals("shard") && n % k != 0) {
      return new String[] {
        "shardSize",
        "plain sharding splits the "
            + n
            + " instances into groups of "
            + k
            + ": it must divide them"
      };
    }
    if (c.integer("poisonTenants") >= c.integer("tenants")) {
      return new String[] {
        "poisonTenants",
        "must be below tenants (" + c.integer("tenants") + "): someone must be left"
      };
    }
    if (c.bool("shardFallback")
        && (assignment.equals("shared") || c.nanos("healthInterval") == 0)) {
      return new String[] {
        "shardFallback", "needs shard or shuffle-shard and a healthInterval to find instances out"
      };
    }
    return null;
  }

  @Override
  public Store build(Config c) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < c.integer("instances"); i++) {
      names.add(c.string("name") + "-" + i);
    }
    ServiceSettings s =
        new ServiceSettings(
            names,
            c.string("zone"),
            Balancer.of(c.string("balancer")),
            (int) c.integer("concurrency"),
            (int) c.integer("queue"),
            Discipline.of(c.string("discipline")),
            c.nanos("maxQueueTime"),
            c.bool("dropExpired"),
            c.nanos("codelTarget"),
            c.nanos("codelInterval"),
            c.distribution("service"),
            c.number("rateLimit"),
            (int) c.integer("rateBurst"),
            c.hasBackend("backend") ? c.backend("backend").build("") : null,
            c.nanos("backendTimeout"),
            new Isolation(
                (int) c.integer("tenants"),
                c.number("tenantRateLimit"),
                (int) c.integer("tenantBurst"),
                Bulkhead.of(c.string("bulkhead")),
                c.bool("adaptiveLimit"),
                c.nanos("limitTarget")),
            new HealthCheck(c.nanos("healthInterval"), c.nanos("healthMaxWait")),
            new Shards(
                Assignment.of(
                    Assignment.Kind.of(c.string("assignment")),
                    names.size(),
                    (int) c.integer("shardSize"),
                    (int) c.integer("tenants"),
                    c.integer("shardSeed")),
                (int) c.integer("poisonTenants"),
                c.nanos("poisonFrom"),
                c.nanos("poisonRestart"),
                c.bool("shardFallback")));
    return new ServiceStore(s, c.string("name"));
  }

  /** A built service. */
  static final class ServiceStore implements Store {
    private final ServiceSettings s;
    private final String name;
    private final ServiceLedger ledger = new ServiceLedger();
    private Simulation sim;
    private int[] ids;
    private PoisonPill poison;
    private BlastRadius blast;

    ServiceStore(ServiceSettings settings, String name) {
      this.s = settings;
      this.name = name;
    }

    @Override
    public List<String> nodes() {
      List<String> all = new ArrayList<>(s.names());
      if (s.backend() != null) {
        all.addAll(s.backend().nodes());
      }
      return all;
    }

    @Override
    public List<String> zones() {
      java.util.LinkedHashSet<String> zones = new java.util.LinkedHashSet<>();
      zones.add(s.zone());
      if (s.backend() != null) {
        zones.addAll(s.backend().zones());
      }
      return List.copyOf(zones);
    }

    @Override
    public dev.tradeoff.patterns.StoreCheckers checkers() {
      dev.tradeoff.patterns.StoreCheckers below =
          s.backend() == null ? dev.tradeoff.patterns.StoreCheckers.none() : s.backend().checkers();
      if (!s.shards().measured()) {
        return below;
      }
      dev.tradeoff.patterns.StoreCheckers.Builder table =
          dev.tradeoff.patterns.StoreCheckers.builder()
              .add("cut-off", () -> blast.cutOffChecker())
              .add(
                  "poison-contained",
                  () ->
                      new PoisonContained(
                          poison == null ? List.of() : poison.crashes(), s.names()));
      for (String checker : below.names()) {
        table.add(checker, () -> below.create(checker).orElseThrow());
      }
      return table.build();
    }

    @Override
    public void addTo(Simulation simulation) {
      sim = simulation;
      if (s.backend() != null) {
        s.backend().addTo(sim);
      }
      ids = new int[s.names().size()];
      for (int i = 0; i < ids.length; i++) {
        int index = i;
        // The kernel's CPU never queues: the instance admits at most `concurrency` jobs itself.
        ids[i] =
            sim.addNode(
                NodeSpec.of(
                        s.names().get(i),
                        s.zone(),
                        // `poison` is read when the node starts, after it is set below
                        () -> new ServiceNode(s, ledger, index, poison))
                    .cpu(s.concurrency() * s.pools(), 0, s.service()));
      }
      if (s.shards().measured()) {
        blast = new BlastRadius(s.shards().assignment(), s.shards().poisonTenants(), sim, ids);
        poison =
            s.shards().poisonTenants() > 0
                ? new PoisonPill(s.shards(), sim, ids, blast::judge)
                : null;
      }
      double perSecond = 1e9 / sim.metrics().intervalNanos();
      String n = name + "/";
      var m = sim.metrics();
      m.probe(n + "queue-time", "ms", meanWaitMs());
      m.probe(n + "queue", "requests", this::queued);
      m.probe(n + "served", "req/s", ResilientClient.Layer.delta(() -> ledger.served, perSecond));
      m.probe(
          n + "shed",
          "req/s",
          ResilientClient.Layer.delta(() -> ledger.shed + ledger.refused, perSecond));
      m.probe(n + "limited", "req/s", ResilientClient.Layer.delta(() -> ledger.limited, perSecond));
      m.probe(n + "expired", "req/s", ResilientClient.Layer.delta(() -> ledger.expired, perSecond));
      m.probe(n + "wasted", "req/s", ResilientClient.Layer.delta(() -> ledger.wasted, perSecond));
      if (s.isolation().adaptive()) {
        m.probe(n + "limit", "requests", this::limits);
      }
      if (s.health().on()) {
        m.probe(n + "ejected", "share", () -> ledger.ejectedShare());
      }
      if (s.shards().measured()) {
        m.probe(n + "down", "instances", this::down);
        m.probe(n + "cut-off", "share", blast::cutOffShare);
        m.probe(n + "customers-failed", "share", blast::customersFailedShare);
        m.probe(n + "requests-failed", "share", Growth.ratio(blast::failed, blast::completed, 1));
        m.probe(n + "poisoned", "crashes", ResilientClient.Layer.delta(() -> ledger.poisoned, 1));
      }
    }

    private double down() {
      int down = 0;
      for (int id : ids) {
        down += sim.isUp(id) ? 0 : 1;
      }
      return down;
    }

    private java.util.function.DoubleSupplier meanWaitMs() {
      long[] last = new long[2];
      return () -> {
        long count = ledger.startedCount - last[0];
        long waited = ledger.waitedNanos - last[1];
        last[0] = ledger.startedCount;
        last[1] = ledger.waitedNanos;
        return count == 0 ? Double.NaN : waited / 1e6 / count;
      };
    }

    private double queued() {
      long total = 0;
      for (int id : ids) {
        if (sim.isUp(id) && sim.nodeInstance(id) instanceof ServiceNode node) {
          total += node.queued();
        }
      }
      return total;
    }

    private double limits() {
      long total = 0;
      for (int id : ids) {
        if (sim.isUp(id) && sim.nodeInstance(id) instanceof ServiceNode node) {
          total += node.limit();
        }
      }
      return total;
    }

    @Override
    public StoreClient client(int index) {
      return new ServiceDriver(s, index, ledger);
    }
  }
}
