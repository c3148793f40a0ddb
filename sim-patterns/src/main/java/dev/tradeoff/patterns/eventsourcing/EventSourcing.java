package dev.tradeoff.patterns.eventsourcing;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Growth;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code event-sourcing}: command handlers in front of an event store holding one stream per
 * aggregate, with optimistic concurrency (append at an expected version, reload and retry on
 * conflict) and snapshots every k events. See {@link HandlerNode} for the command path and {@link
 * EventStoreNode} for the store.
 *
 * <p>Series: {@code replayed-per-load/<name>} (events replayed per aggregate load in the interval,
 * cache hits counting 0), {@code load-time/<name>} (mean time from starting a load to the aggregate
 * rebuilt, ms: store round trip, store read, queueing and replay), {@code conflicts/<name>} and
 * {@code retries/<name>} (per second), {@code stream-length/<name>} (events in the longest stream),
 * {@code snapshots/<name>} (snapshots the store saved so far) and, with a cache, {@code
 * cache-hit-ratio/<name>}. Checkers it offers: {@code lost-events}, {@code stream-order}, {@code
 * aggregate-fold}.
 */
public final class EventSourcing implements PatternSpec {
  @Override
  public String name() {
    return "event-sourcing";
  }

  @Override
  public String description() {
    return "command handlers append to per-aggregate streams with optimistic concurrency; snapshots";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string("name", "es", "node name prefix: <name>-store, <name>-handler-0 …"),
        Param.string("zone", "dc1", "the nodes' zone"),
        Param.integer("handlers", 3, 1, 64, "command handlers; clients pick one at random"),
        Param.integer("workers", 2, 1, 10_000, "CPU servers per handler"),
        Param.integer("queue", 100_000, 0, 100_000_000, "CPU queue per handler"),
        Param.distribution("service", "exp(0.2ms)", "handler CPU per command or read"),
        Param.duration("replayCost", "20us", 0, "handler CPU per event replayed"),
        Param.integer("snapshotEvery", 0, 0, 1_000_000, "snapshot every k-th version; 0 never"),
        Param.duration("snapshotCost", "200us", 0, "handler CPU to load a snapshot"),
        Param.bool("cache", false, "handlers keep aggregates in memory"),
        Param.bool("lockAggregates", true, "one command per aggregate at a time per handler"),
        Param.integer("maxRetries", 3, 0, 1_000, "reloads after conflicts before a command fails"),
        Param.choice(
            "concurrency",
            List.of("expected-version", "none"),
            "whether the store refuses appends at a stale version"),
        Param.integer("storeWorkers", 2, 1, 10_000, "CPU servers of the store"),
        Param.integer("storeQueue", 100_000, 0, 100_000_000, "CPU queue of the store"),
        Param.distribution("storeService", "exp(0.1ms)", "store CPU per request"),
        Param.duration("readCost", "2us", 0, "store CPU per event or snapshot a load reads"),
        Param.duration("syncInterval", "0s", 0, "0: sync before each ack; else sync this often"),
        Param.duration("storeTimeout", "1s", 1_000_000, "how long a handler waits for the store"));
  }

  @Override
  public String[] validate(Config c) {
    if (c.string("name").isEmpty()) {
      return new String[] {
        "name", "must not be empty: node names are <name>-store, <name>-handler-<i>"
      };
    }
    return null;
  }

  @Override
  public Store build(Config c) {
    String name = c.string("name");
    List<String> handlers = new ArrayList<>();
    for (int i = 0; i < c.integer("handlers"); i++) {
      handlers.add(name + "-handler-" + i);
    }
    Settings settings =
        new Settings(
            name,
            handlers,
            c.string("zone"),
            (int) c.integer("workers"),
            (int) c.integer("queue"),
            c.distribution("service"),
            c.nanos("replayCost"),
            c.nanos("snapshotCost"),
            (int) c.integer("snapshotEvery"),
            c.bool("cache"),
            c.bool("lockAggregates"),
            (int) c.integer("maxRetries"),
            Settings.Concurrency.valueOf(
                c.string("concurrency").toUpperCase(Locale.ROOT).replace('-', '_')),
            (int) c.integer("storeWorkers"),
            (int) c.integer("storeQueue"),
            c.distribution("storeService"),
            c.nanos("readCost"),
            c.nanos("syncInterval"),
            c.nanos("storeTimeout"));
    return new Built(settings);
  }

  /** A built system. */
  static final class Built implements Store {
    private final Settings settings;
    private Simulation sim;
    private Ledger ledger;
    private int storeId;
    private int[] handlerIds;

    Built(Settings settings) {
      this.settings = settings;
    }

    @Override
    public List<String> nodes() {
      List<String> all = new ArrayList<>();
      all.add(settings.storeName());
      all.addAll(settings.handlerNames());
      return all;
    }

    @Override
    public List<String> zones() {
      return List.of(settings.zone());
    }

    @Override
    public void addTo(Simulation simulation) {
      sim = simulation;
      ledger = new Ledger(sim::nowNanos);
      storeId =
          sim.addNode(
              NodeSpec.of(
                      settings.storeName(),
                      settings.zone(),
                      () -> new EventStoreNode(settings, ledger))
                  .cpu(settings.storeWorkers(), settings.storeQueue(), settings.storeService()));
      handlerIds = new int[settings.handlers()];
      for (int i = 0; i < handlerIds.length; i++) {
        handlerIds[i] =
            sim.addNode(
                NodeSpec.of(
                        settings.handlerNames().get(i),
                        settings.zone(),
                        () -> new HandlerNode(settings, ledger))
                    .cpu(settings.workers(), settings.queue(), settings.service()));
      }
      probes();
    }

    private void probes() {
      String n = settings.name();
      long interval = sim.metrics().intervalNanos();
      sim.metrics()
          .probe(
              "replayed-per-load/" + n, "events", Growth.ratio(ledger::replayed, ledger::loads, 1));
      sim.metrics()
          .probe("load-time/" + n, "ms", Growth.ratio(ledger::loadNanos, ledger::loads, 1e-6));
      sim.metrics().probe("conflicts/" + n, "/s", Growth.perSecond(ledger::conflicts, interval));
      sim.metrics().probe("retries/" + n, "/s", Growth.perSecond(ledger::retries, interval));
      sim.metrics().probe("stream-length/" + n, "events", this::longestStream);
      sim.metrics().probe("snapshots/" + n, "snapshots", ledger::snapshots);
      if (settings.cache()) {
        sim.metrics()
            .probe(
                "cache-hit-ratio/" + n,
                "ratio",
                Growth.ratio(ledger::cacheHits, ledger::cacheLookups, 1));
      }
    }

    private double longestStream() {
      return sim.isUp(storeId)
          ? ((EventStoreNode) sim.nodeInstance(storeId)).longestStream()
          : Double.NaN;
    }

    @Override
    public StoreClient client(int index) {
      return new EsDriver(settings);
    }

    @Override
    public StoreCheckers checkers() {
      return StoreCheckers.builder()
          .add("lost-events", () -> new LostEvents(finalLog(), ledger, settings.storeName()))
          .add("stream-order", () -> new StreamOrder(finalLog(), ledger))
          .add(
              "aggregate-fold",
              () -> new AggregateFold(finalLog(), settings.checksVersions(), liveCaches()))
          .build();
    }

    /** The store's streams as its disk holds them now. */
    private StreamLog finalLog() {
      return StreamLog.read(sim.disk(storeId));
    }

    private TreeMap<String, NavigableMap<Long, AggregateState>> liveCaches() {
      TreeMap<String, NavigableMap<Long, AggregateState>> caches = new TreeMap<>();
      for (int i = 0; i < handlerIds.length; i++) {
        if (sim.isUp(handlerIds[i])) {
          caches.put(
              settings.handlerNames().get(i),
              ((HandlerNode) sim.nodeInstance(handlerIds[i])).cached());
        }
      }
      return caches;
    }

    /** The ledger of the run, for tests. */
    Ledger ledger() {
      return ledger;
    }
  }
}
