package dev.tradeoff.patterns.caching;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.check.LostWrites;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Growth;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import dev.tradeoff.patterns.routing.KeyRouter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code cached}: cache nodes ({@code <name>-0 …}, keys spread by consistent hashing) in front of a
 * nested {@code backend} system, the database. See {@link CacheNode} for the cache's behaviour and
 * {@link CacheDriver} for cache-aside's client-side logic.
 *
 * <p>Series (god's view, never steering): {@code cache/hit-ratio} (hits over lookups in the
 * interval), {@code cache/db-load} (requests per second the DB received from the system), {@code
 * cache/stale-served} (hits in the interval whose value the DB had already replaced, as its
 * acknowledgements tell), {@code cache/db-read-burst} (most identical DB reads of one key
 * outstanding at once), {@code cache/entries} (entries held over all live cache nodes) and, for
 * write-behind, {@code cache/unflushed} (acknowledged writes the DB has not acknowledged). Checkers
 * it offers: for write-behind, {@code lost-writes} (each write the cache acknowledged and lost
 * before it reached the database, judged one by one by {@link BehindFates}, added to the backend's
 * own {@code lost-writes} when it has one), plus whatever the backend offers.
 */
public final class Cached implements PatternSpec {
  @Override
  public String name() {
    return "cached";
  }

  @Override
  public String description() {
    return "cache nodes (cache-aside, read/write-through, write-behind) in front of a database";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string("name", "cache", "cache node name prefix: <name>-0 …"),
        Param.string("zone", "dc1", "the cache nodes' zone"),
        Param.integer("caches", 1, 1, 64, "cache nodes, keys spread by consistent hashing"),
        Param.integer("vnodes", 64, 1, 1024, "virtual nodes per cache node on the hash ring"),
        Param.choice(
            "policy",
            List.of("cache-aside", "read-through", "write-through", "write-behind"),
            "where reads and writes meet the database"),
        Param.duration(
            "ttl", "10s", 0, "entry lifetime on the cache node's clock; 0 never expires"),
        Param.duration("softTtl", "0s", 0, "age past which a hit is refreshed in the background"),
        Param.integer("capacity", 100_000, 1, 100_000_000, "entries per cache node (LRU beyond)"),
        Param.bool("versioned", false, "set-if-newer by row version, tombstones on delete"),
        Param.bool("singleFlight", false, "coalesce concurrent misses of a key (leases)"),
        Param.duration("deleteDelay", "0s", 0, "cache-aside: a second delete after this; 0 none"),
        Param.duration("flushInterval", "1s", 1_000_000, "write-behind: flush period"),
        Param.duration("fillTimeout", "1s", 1_000_000, "lease lifetime; DB request timeout"),
        Param.integer("workers", 1, 1, 10_000, "CPU servers per cache node"),
        Param.integer("queue", 100_000, 0, 100_000_000, "CPU queue per cache node"),
        Param.distribution("service", "exp(0.1ms)", "service time of a cache request"),
        Param.integer(
            "warmKeys",
            0,
            0,
            100_000_000,
            "keys 0…n-1 preloaded (each by its owner) at first start, as the empty DB holds them;"
                + " 0 cold"),
        Param.system("backend", "the database: a nested system object"));
  }

  @Override
  public String[] validate(Config c) {
    if (c.nanos("softTtl") > 0 && c.nanos("ttl") > 0 && c.nanos("softTtl") >= c.nanos("ttl")) {
      return new String[] {"softTtl", "must be shorter than ttl"};
    }
    if (c.nanos("deleteDelay") > 0 && !c.string("policy").equals("cache-aside")) {
      return new String[] {
        "deleteDelay", "only cache-aside deletes; got policy " + c.string("policy")
      };
    }
    return null;
  }

  @Override
  public Store build(Config c) {
    int n = (int) c.integer("caches");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(c.string("name") + "-" + i);
    }
    Settings settings =
        new Settings(
            names,
            c.string("zone"),
            KeyRouter.consistent(n, (int) c.integer("vnodes")),
            Policy.of(c.string("policy")),
            c.nanos("ttl"),
            c.nanos("softTtl"),
            (int) c.integer("capacity"),
            c.bool("versioned"),
            c.bool("singleFlight"),
            c.nanos("deleteDelay"),
            c.nanos("flushInterval"),
            c.nanos("fillTimeout"),
            (int) c.integer("workers"),
            (int) c.integer("queue"),
            c.distribution("service"),
            c.backend("backend").build(""),
            (int) c.integer("warmKeys"));
    return new CachedStore(settings);
  }

  /** A built cached system. */
  static final class CachedStore implements Store {
    private final Settings s;
    private final Ledger ledger = new Ledger();
    private Simulation sim;
    private int[] ids;

    CachedStore(Settings settings) {
      this.s = settings;
    }

    @Override
    public List<String> nodes() {
      List<String> all = new ArrayList<>(s.names());
      all.addAll(s.backend().nodes());
      return all;
    }

    @Override
    public List<String> zones() {
      LinkedHashSet<String> zones = new LinkedHashSet<>();
      zones.add(s.zone());
      zones.addAll(s.backend().zones());
      return List.copyOf(zones);
    }

    @Override
    public void addTo(Simulation simulation) {
      sim = simulation;
      ledger.behind().clock(sim::nowNanos);
      s.backend().addTo(sim);
      ids = new int[s.names().size()];
      for (int i = 0; i < ids.length; i++) {
        int index = i;
        ids[i] =
            sim.addNode(
                NodeSpec.of(s.names().get(i), s.zone(), () -> new CacheNode(s, index, ledger))
                    .cpu(s.workers(), s.queue(), s.service()));
      }
      double intervalSeconds = sim.metrics().intervalNanos() / 1e9;
      sim.metrics()
          .probe(
              "cache/hit-ratio",
              "share",
              Growth.ratio(ledger::hits, () -> ledger.hits() + ledger.misses(), 1));
      sim.metrics()
          .probe("cache/db-load", "req/s", perInterval(ledger::dbRequests, 1 / intervalSeconds));
      sim.metrics().probe("cache/stale-served", "hits", perInterval(ledger::staleServed, 1));
      sim.metrics().probe("cache/db-read-burst", "reads", ledger::takeBurst);
      sim.metrics().probe("cache/entries", "entries", () -> sum(false));
      if (s.policy() == Policy.WRITE_BEHIND) {
        sim.metrics().probe("cache/unflushed", "entries", () -> sum(true));
      }
    }

    /** {@code scale} times how much {@code counter} grew in each interval. */
    private static java.util.function.DoubleSupplier perInterval(
        LongSupplier counter, double scale) {
      Growth growth = Growth.of(counter);
      return () -> growth.next() * scale;
    }

    private double sum(boolean unflushed) {
      long total = 0;
      for (int id : ids) {
        // A node restarting at this instant may have no instance yet.
        if (sim.isUp(id) && sim.nodeInstance(id) instanceof CacheNode node) {
          total += unflushed ? node.unflushed() : node.entries();
        }
      }
      return total;
    }

    /** The run's god's-view measurements (for tests). */
    Ledger ledger() {
      return ledger;
    }

    /** The value a live cache node owes the DB for {@code key} (write-behind), or nil. */
    private long owed(long key) {
      if (s.policy() != Policy.WRITE_BEHIND) {
        return History.NIL;
      }
      int id = ids[s.router().shardOf(key)];
      return sim.isUp(id) && sim.nodeInstance(id) instanceof CacheNode node
          ? node.unflushedValue(key)
          : History.NIL;
    }

    @Override
    public StoreClient client(int index) {
      return new CacheDriver(
          s, ledger, s.policy() == Policy.CACHE_ASIDE ? s.backend().client(index) : null);
    }

    @Override
    public StoreCheckers checkers() {
      StoreCheckers below = s.backend().checkers();
      StoreCheckers.Builder table = StoreCheckers.builder();
      // cache-aside clients write the database directly: the cache acknowledges nothing to lose
      if (s.policy() != Policy.CACHE_ASIDE) {
        table.add(
            "lost-writes",
            () ->
                below
                    .create("lost-writes")
                    .map(b -> bothLayers(lostWrites(), b))
                    .orElseGet(this::lostWrites));
      }
      for (String name : below.names()) {
        if (s.policy() == Policy.CACHE_ASIDE || !name.equals("lost-writes")) {
          table.add(name, () -> below.create(name).orElseThrow());
        }
      }
      return table.build();
    }

    /**
     * Lost writes in a stack: the cache judges the writes it acknowledged and lost before they
     * reached the database, the database the writes it acknowledged (flushes included). A write
     * belongs to one layer's loss at most: one that reached the database is the database's.
     */
    private static Checker bothLayers(Checker cache, Checker database) {
      return new Checker() {
        @Override
        public String name() {
          return "lost-writes";
        }

        @Override
        public CheckResult check(History history) {
          CheckResult a = cache.check(history);
          CheckResult b = database.check(history);
          long violations = a.violations() + b.violations();
          List<String> witnesses = new java.util.ArrayList<>();
          a.witnesses().forEach(w -> witnesses.add("cache: " + w));
          b.witnesses().forEach(w -> witnesses.add("database: " + w));
          String detail = "cache: " + a.detail() + "; database: " + b.detail();
          if (violations > 0) {
            return CheckResult.invalid("lost-writes", violations, witnesses, detail);
          }
          boolean unknown =
              a.verdict() == dev.tradeoff.core.check.Verdict.UNKNOWN
                  || b.verdict() == dev.tradeoff.core.check.Verdict.UNKNOWN;
          return unknown
              ? CheckResult.unknown("lost-writes", detail)
              : CheckResult.valid("lost-writes", detail);
        }
      };
    }

    /**
     * Write-behind writes judged one by one ({@link BehindFates}): each write the cache
     * acknowledged must have reached the database, be on its way, or still be owed by a live node —
     * itself or a later write of its key in the same cache memory.
     */
    private Checker lostWrites() {
      if (s.policy() != Policy.WRITE_BEHIND) {
        return LostWrites.against(ledger.throughRecord());
      }
      BehindFates fates = ledger.behind();
      BehindFates.Survivors survivors = fates.survivors(this::owed);
      return LostWrites.against(
          new LostWrites.Record() {
            @Override
            public String source() {
              return "the write-behind cache's record of what reached the database";
            }

            @Override
            public boolean acknowledged(long key, long value) {
              return fates.accepted(key, value);
            }

            @Override
            public boolean kept(long key, long value) {
              return survivors.kept(key, value);
            }

            @Override
            public String fate(long key, long value) {
              return fates.fate(value);
            }
          });
    }
  }
}
