package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.Disk;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Growth;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import dev.tradeoff.patterns.log.LogBackbone;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code saga}: a saga over services that each keep their own database. With {@code
 * coordination=orchestration} an orchestrator drives the steps ({@link OrchestratorNode}, {@link
 * ServiceNode}); with {@code choreography} the services react to each other's events on the log
 * ({@link ChoreographedService}, {@link Listener}, {@link LogBackbone}), publishing through an
 * outbox. Both keep the same books, so the same checkers judge both. A client's write places an
 * order that runs the saga's steps; see {@link SagaDriver} for the mapping of the workload.
 *
 * <p>Series: {@code sagas-forward/<name>} and {@code sagas-compensating/<name>} (sagas in flight in
 * each state at the sample), {@code completed/<name>} and {@code compensated/<name>} (sagas ended
 * per second), {@code compensation-rate/<name>} (the share of sagas ended in the interval that were
 * compensated), {@code saga-time/<name>} (mean time from start to end of the sagas ended in the
 * interval, ms: how long their intermediate states were visible), {@code retries/<name>} (step
 * requests sent again, per second). Checkers it offers: {@code atomicity} (all or compensated),
 * {@code money-conserved}, {@code stock-never-negative}, {@code no-stuck-sagas}, {@code
 * paid-not-reserved}, {@code double-charge}, {@code dirty-reads} (a stock read counted a
 * reservation later released) and {@code lost-updates} (a stock write overwrote another saga's);
 * series {@code refused-reads/<name>} counts reads a semantic lock refused, per second.
 */
public final class Saga implements PatternSpec {
  /** The pattern, for the catalog. */
  public Saga() {}

  @Override
  public String name() {
    return "saga";
  }

  @Override
  public String description() {
    return "a saga, orchestrated (durable saga log, timeouts, retries with idempotency keys,"
        + " compensations, a pivot) or choreographed (services on the log, outboxes)";
  }

  @Override
  public List<Param> params() {
    List<Param> params = new ArrayList<>(shared());
    params.add(
        Param.choice(
            "coordination",
            List.of("orchestration", "choreography"),
            "an orchestrator drives the steps, or the services react to each other's events"));
    params.add(
        Param.choice(
            "reads",
            List.of("balance", "stock"),
            "what a client's read asks: key mod customers' balance or key mod products' stock"));
    params.add(
        Param.choice(
            "stockUpdate",
            List.of("commutative", "read-then-write", "reread"),
            "how a reservation writes the stock (orchestration)"));
    params.add(
        Param.bool(
            "semanticLock",
            false,
            "a reservation is PENDING until the pivot; stock reads respect it"));
    params.add(
        Param.bool(
            "outbox", true, "choreography: events in an outbox table in the state's transaction"));
    params.add(Param.integer("listeners", 2, 1, 10_000, "choreography: consumer group members"));
    params.add(
        Param.duration(
            "relayInterval", "20ms", 1_000, "choreography: how often acked outbox rows go"));
    for (Param p : LogBackbone.params()) {
      if (!p.name().equals("retryBackoff")) { // the saga's own, also the producers' backoff
        params.add(p);
      }
    }
    return params;
  }

  private static List<Param> shared() {
    List<Param> params =
        new ArrayList<>(
            List.of(
                Param.string(
                    "name", "saga", "node name prefix: <name>-coordinator-<i>, <name>-<service>"),
                Param.integer(
                    "coordinators", 1, 1, 64, "orchestrators; clients pick one at random"),
                Param.string("zone", "dc1", "the nodes' zone"),
                Param.string(
                    "steps",
                    "order.create, inventory.reserve, payment.charge!, shipping.ship",
                    "service.action, …; ! marks the pivot (charge moves money, reserve takes stock)"),
                Param.string(
                    "compensations",
                    "auto",
                    "step=compensating action, …; none past the pivot; auto: each step before it"),
                Param.string(
                    "failures",
                    "auto",
                    "step=probability of a business refusal per attempt, …; auto: 0.05 per charge, reserve")));
    params.addAll(ShopParams.books());
    params.addAll(
        List.of(
            Param.bool("idempotencyKeys", true, "services deduplicate retried requests by key"),
            Param.bool("durableLog", true, "the saga log is on the orchestrator's disk"),
            Param.bool(
                "atomicCharge", true, "a charge's debit and credit in one local transaction"),
            Param.bool("stockCheck", true, "a reservation beyond stock is refused"),
            Param.duration(
                "stepTimeout", "200ms", 1_000_000, "how long a step's answer is awaited"),
            Param.integer(
                "maxRetries", 3, 0, 1_000, "retries before a step up to the pivot is undone"),
            Param.duration("retryBackoff", "50ms", 0, "wait before a retry, doubled each time"),
            Param.duration("stuckAfter", "5s", 0, "a saga this old at the end must have ended"),
            Param.integer("workers", 2, 1, 10_000, "CPU servers per service"),
            Param.integer(
                "queue", 100_000, 0, 100_000_000, "CPU queue per service and orchestrator"),
            Param.distribution("service", "exp(1ms)", "a service's CPU per local transaction"),
            Param.distribution(
                "coordinatorService", "exp(0.1ms)", "orchestrator CPU per message")));
    return params;
  }

  @Override
  public String[] validate(Config c) {
    String[] name = ShopParams.nameProblem(c);
    if (name != null) {
      return name;
    }
    try {
      definition(c);
    } catch (SagaDefinition.Invalid e) {
      return new String[] {e.param(), e.getMessage()};
    }
    if (c.string("coordination").equals("choreography")
        && (!c.string("stockUpdate").equals("commutative")
            || c.bool("semanticLock")
            || c.string("reads").equals("stock"))) {
      return new String[] {
        c.bool("semanticLock")
            ? "semanticLock"
            : c.string("reads").equals("stock") ? "reads" : "stockUpdate",
        "the isolation countermeasures are modelled for coordination=orchestration only"
      };
    }
    return LogBackbone.validate(c);
  }

  private static SagaDefinition definition(Config c) {
    return SagaDefinition.parse(c.string("steps"), c.string("compensations"), c.string("failures"));
  }

  @Override
  public Store build(Config c) {
    Settings settings =
        new Settings(
            c.string("name"),
            definition(c),
            (int) c.integer("coordinators"),
            c.string("zone"),
            (int) c.integer("customers"),
            c.integer("balance"),
            c.integer("price"),
            (int) c.integer("products"),
            c.integer("stock"),
            c.bool("idempotencyKeys"),
            c.bool("durableLog"),
            c.bool("atomicCharge"),
            c.bool("stockCheck"),
            c.nanos("stepTimeout"),
            (int) c.integer("maxRetries"),
            c.nanos("retryBackoff"),
            c.nanos("stuckAfter"),
            (int) c.integer("workers"),
            (int) c.integer("queue"),
            c.distribution("service"),
            c.distribution("coordinatorService"));
    Isolation isolation =
        new Isolation(
            c.string("reads").equals("stock"),
            Isolation.Update.valueOf(
                c.string("stockUpdate").toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
            c.bool("semanticLock"));
    if (c.string("coordination").equals("orchestration")) {
      return new Built(settings).isolate(isolation);
    }
    Choreography choreo =
        new Choreography(c.bool("outbox"), (int) c.integer("listeners"), c.nanos("relayInterval"));
    SagaEvents events = new SagaEvents(settings.definition());
    Built built = new Built(settings);
    LogBackbone log =
        LogBackbone.of(
            c,
            settings.name() + "-log",
            settings.zone(),
            "listener",
            choreo.listeners(),
            i -> new Listener(settings, events, built.ledger));
    built.choreograph(choreo, events, log);
    return built;
  }

  /** A built system. */
  static final class Built implements Store {
    private final Settings settings;
    private Simulation sim;
    private Ledger ledger;
    private Choreography choreo;
    private SagaEvents events;
    private LogBackbone log;
    private Isolation isolation = Isolation.NONE;

    Built(Settings settings) {
      this.settings = settings;
    }

    /** Sets how the services isolate concurrent sagas (orchestration). */
    Built isolate(Isolation how) {
      this.isolation = how;
      return this;
    }

    /** Makes this a choreographed saga: services on {@code log}, no orchestrator. */
    Built choreograph(Choreography choreography, SagaEvents sagaEvents, LogBackbone backbone) {
      this.choreo = choreography;
      this.events = sagaEvents;
      this.log = backbone;
      return this;
    }

    @Override
    public List<String> nodes() {
      List<String> all = new ArrayList<>();
      for (int i = 0; log == null && i < settings.coordinators(); i++) {
        all.add(settings.orchestratorName(i));
      }
      all.addAll(settings.serviceNames());
      if (log != null) {
        all.addAll(log.nodeNames());
      }
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
      if (log != null) {
        log.addTo(sim);
        for (String s : settings.serviceNames()) {
          sim.addNode(
              NodeSpec.of(
                      s,
                      settings.zone(),
                      () -> new ChoreographedService(settings, choreo, ledger, events, log))
                  .cpu(settings.workers(), settings.queue(), settings.service()));
        }
        probes();
        return;
      }
      for (int i = 0; i < settings.coordinators(); i++) {
        sim.addNode(
            NodeSpec.of(
                    settings.orchestratorName(i),
                    settings.zone(),
                    () -> new OrchestratorNode(settings, ledger, isolation.semanticLock()))
                .cpu(1, settings.queue(), settings.coordinatorService()));
      }
      for (String s : settings.serviceNames()) {
        sim.addNode(
            NodeSpec.of(s, settings.zone(), () -> new ServiceNode(settings, ledger, isolation))
                .cpu(settings.workers(), settings.queue(), settings.service()));
      }
      probes();
    }

    private void probes() {
      String n = settings.name();
      long interval = sim.metrics().intervalNanos();
      sim.metrics().probe("sagas-forward/" + n, "sagas", ledger::forward);
      sim.metrics().probe("sagas-compensating/" + n, "sagas", ledger::compensating);
      sim.metrics().probe("completed/" + n, "/s", Growth.perSecond(ledger::completed, interval));
      sim.metrics()
          .probe(
              "saga-time/" + n,
              "ms",
              Growth.ratio(
                  ledger::endedNanos, () -> ledger.completed() + ledger.compensated(), 1e-6));
      sim.metrics().probe("retries/" + n, "/s", Growth.perSecond(ledger::retries, interval));
      sim.metrics()
          .probe("refused-reads/" + n, "/s", Growth.perSecond(ledger::refusedReads, interval));
      sim.metrics()
          .probe("compensated/" + n, "/s", Growth.perSecond(ledger::compensated, interval));
      sim.metrics()
          .probe(
              "compensation-rate/" + n,
              "ratio",
              Growth.ratio(
                  ledger::compensated, () -> ledger.completed() + ledger.compensated(), 1));
    }

    @Override
    public StoreClient client(int index) {
      return new SagaDriver(settings, log != null, isolation.stockReads());
    }

    @Override
    public StoreCheckers checkers() {
      SagaDefinition d = settings.definition();
      int charge = d.first(Step.Effect.CHARGE);
      int reserve = d.first(Step.Effect.RESERVE);
      return StoreCheckers.builder()
          .add("atomicity", this::atomicity)
          .add("money-conserved", this::moneyConserved)
          .add("stock-never-negative", () -> new StockNonNegative(ledger.lows().values()))
          .add(
              "no-stuck-sagas",
              () -> new StuckSagas(ledger, d.steps(), sim.nowNanos(), settings.stuckAfterNanos()))
          .add(
              "paid-not-reserved",
              () ->
                  new PaidNotReserved(
                      rows(charge),
                      rows(reserve),
                      ledger,
                      sim.nowNanos() - settings.stuckAfterNanos(),
                      false))
          .add("double-charge", () -> new DoubleCharge(rows(charge)))
          .add("dirty-reads", () -> new DirtyReads(ledger.stockWrites(), ledger.stockReads()))
          .add("lost-updates", () -> new LostUpdates(ledger.stockWrites(), settings.stock()))
          .build();
    }

    private SagaAtomicity atomicity() {
      List<NavigableMap<Long, Books.Row>> all = new ArrayList<>();
      for (int i = 0; i < settings.definition().steps().size(); i++) {
        all.add(rows(i));
      }
      return new SagaAtomicity(
          settings.definition().steps(), all, ledger, sim.nowNanos() - settings.stuckAfterNanos());
    }

    private MoneyConserved moneyConserved() {
      int charge = settings.definition().first(Step.Effect.CHARGE);
      if (charge < 0) {
        return new MoneyConserved("no service", 0, 0, 0);
      }
      String service = serviceOf(charge);
      Disk disk = sim.disk(sim.nodeId(service));
      return new MoneyConserved(
          service, settings.moneyAtStart(), Books.money(disk), Books.number(disk, Books.MERCHANT));
    }

    private String serviceOf(int step) {
      return settings.serviceName(settings.definition().steps().get(step).service());
    }

    /** Step {@code step}'s rows by saga, as its service's disk holds them now (none if -1). */
    private NavigableMap<Long, Books.Row> rows(int step) {
      if (step < 0) {
        return new TreeMap<>();
      }
      return Books.rows(sim.disk(sim.nodeId(serviceOf(step))), step);
    }

    /** The ledger of the run, for tests. */
    Ledger ledger() {
      return ledger;
    }
  }
}
