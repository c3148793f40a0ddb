package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.check.events.Applied;
import dev.tradeoff.core.check.events.Change;
import dev.tradeoff.core.check.events.Published;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Growth;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import dev.tradeoff.patterns.log.LogBackbone;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * A built CQRS system: the log's nodes, the services and the read model, and the drivers clients
 * use.
 *
 * <p>Series, sampled every metrics interval (measurement only): the log's own ({@code
 * consumer-lag/total} and {@code consumer-lag-ms/max} are the projection lag of the projector
 * group, in events and in time; {@code log/redeliveries}, {@code log/rebalances}, …), {@code
 * outbox/pending} (outbox rows not yet published, over all services), per interval {@code
 * relay/published} (rows the relays published) and {@code cqrs/duplicates-skipped} (redelivered
 * events an idempotent read model skipped), {@code cqrs/visibility-ms} (mean time from a change's
 * commit to its event's first effect in the read model, over events first made visible in the
 * interval) and {@code cqrs/waiting-reads} (reads the read model holds for a version).
 *
 * <p>Checkers: {@link CqrsCheckers}, over {@link #finalChanges}, {@link #finalLog}, {@link
 * #applied} and {@link #readRows}.
 */
final class CqrsSystem implements Store {
  private final Settings settings;
  private final LogBackbone log;
  private Simulation sim;
  private CqrsFacts facts;
  private int[] serviceIds;
  private int readModelId;

  CqrsSystem(Settings settings, LogBackbone log) {
    this.settings = settings;
    this.log = log;
  }

  @Override
  public List<String> nodes() {
    List<String> names = new ArrayList<>(log.nodeNames());
    names.addAll(settings.ownNodes());
    if (settings.database() != null) {
      names.addAll(settings.database().nodes());
    }
    return names;
  }

  @Override
  public List<String> zones() {
    List<String> zones = new ArrayList<>(List.of(settings.zone()));
    if (settings.database() != null) {
      settings.database().zones().stream().filter(z -> !zones.contains(z)).forEach(zones::add);
    }
    return zones;
  }

  @Override
  public void addTo(Simulation simulation) {
    sim = simulation;
    facts = new CqrsFacts(sim::nowNanos);
    log.addTo(sim);
    serviceIds = new int[settings.services()];
    for (int i = 0; i < serviceIds.length; i++) {
      int index = i;
      serviceIds[i] =
          sim.addNode(
              NodeSpec.of(
                      settings.serviceName(i),
                      settings.zone(),
                      () -> new ServiceNode(settings, index, facts, log))
                  .cpu(settings.workers(), settings.queue(), settings.service()));
    }
    readModelId =
        sim.addNode(
            NodeSpec.of(
                    settings.readModelName(),
                    settings.zone(),
                    () -> new ReadModelNode(settings, facts))
                .cpu(settings.readModelWorkers(), 100_000, settings.readModelService()));
    if (settings.database() != null) {
      settings.database().addTo(sim);
    }
    probes();
  }

  private void probes() {
    sim.metrics().probe("outbox/pending", "rows", this::pendingRows);
    sim.metrics().probe("relay/published", "per interval", Growth.of(facts::relayPublished));
    sim.metrics()
        .probe("cqrs/duplicates-skipped", "per interval", Growth.of(facts::duplicatesSkipped));
    sim.metrics()
        .probe(
            "cqrs/visibility-ms",
            "ms",
            Growth.ratio(facts::visibilityNanos, facts::visibilityCount, 1e-6));
    sim.metrics()
        .probe(
            "cqrs/waiting-reads",
            "reads",
            () ->
                sim.isUp(readModelId) && sim.nodeInstance(readModelId) instanceof ReadModelNode r
                    ? r.heldReads()
                    : Double.NaN);
  }

  private double pendingRows() {
    long rows = 0;
    for (int id : serviceIds) {
      // A node restarting is up before its new instance has started: count its disk then.
      if (sim.isUp(id) && sim.nodeInstance(id) instanceof ServiceNode service) {
        rows += service.pendingRows();
      } else if (settings.database() == null) {
        rows += ServiceNode.outboxRows(sim.disk(id));
      } // else the rows sit in the database, unknown until the relay scans it again
    }
    return rows;
  }

  @Override
  public StoreClient client(int index) {
    return new CqrsDriver(settings);
  }

  @Override
  public StoreCheckers checkers() {
    return CqrsCheckers.of(this, settings.settleNanos());
  }

  /** The history of the services' requests to their database. */
  dev.tradeoff.core.history.History databaseHistory() {
    return facts.databaseHistory();
  }

  /** The database's checkers, judging the services' requests to it; none without one. */
  StoreCheckers databaseCheckers() {
    return settings.database() == null ? StoreCheckers.none() : settings.database().checkers();
  }

  /** True time now: the run's end when checkers are built. */
  long endNanos() {
    return sim.nowNanos();
  }

  /** What the run recorded (for tests). */
  CqrsFacts facts() {
    return facts;
  }

  /**
   * The committed changes the services' databases still hold at the end: those whose aggregate's
   * row on the owning service's disk is at their version or past it.
   */
  List<Change> finalChanges() {
    if (settings.database() != null) {
      return finalChangesInDatabase();
    }
    List<NavigableMap<Long, Row>> rows = new ArrayList<>();
    for (int id : serviceIds) {
      rows.add(ServiceNode.rows(sim.disk(id)));
    }
    List<Change> held = new ArrayList<>();
    for (Change c : facts.changes()) {
      Row r = rows.get(settings.serviceOf(c.aggregate())).get(c.aggregate());
      if (r != null && r.version() >= c.version()) {
        held.add(c);
      }
    }
    return held;
  }

  /**
   * With a database: the changes on the chain of events the final row of each aggregate holds —
   * durable there even when their service never heard so (it crashed first) — in commit order; a
   * change a failover lost is off the chain, even if a later change reused its version.
   */
  private List<Change> finalChangesInDatabase() {
    java.util.function.LongUnaryOperator state = settings.database().finalState();
    java.util.TreeSet<Long> aggregates = new java.util.TreeSet<>();
    facts.events().forEach(e -> aggregates.add(e.aggregate()));
    java.util.TreeSet<Long> held = new java.util.TreeSet<>();
    for (long a : aggregates) {
      for (long id = state.applyAsLong(Database.rowKey(a));
          id != dev.tradeoff.core.history.History.NIL;
          id = facts.previous(id)) {
        held.add(id);
      }
    }
    List<Change> out = new ArrayList<>();
    held.forEach(id -> out.add(facts.change(id)));
    out.sort(java.util.Comparator.comparingLong(Change::committedNanos));
    return out;
  }

  /** The events the log holds at the end, partition by partition in offset order. */
  List<Published> finalLog() {
    List<Published> published = new ArrayList<>();
    for (LogBackbone.LogRecord r : log.finalRecords()) {
      Event e = facts.event(r.value());
      published.add(
          new Published(e.id(), e.aggregate(), e.version(), e.value(), r.partition(), r.offset()));
    }
    return published;
  }

  /** Every durable application of an event's effect in the read model, in order. */
  List<Applied> applied() {
    return facts.applied();
  }

  /**
   * Every event that reached the read model durably: the applications, then the events the version
   * guard absorbed without effect. An absorbed event was delivered, so it is not lost; it made no
   * effect, so it is neither a duplicate effect nor out of order.
   */
  List<Applied> reached() {
    List<Applied> all = new ArrayList<>(facts.applied());
    all.addAll(facts.absorbed());
    return all;
  }

  /** The read model's rows at the end, by aggregate. */
  NavigableMap<Long, Row> readRows() {
    return ReadModelNode.rows(sim.disk(readModelId));
  }
}
