package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.History;
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
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code two-phase-commit}: the saga's business work done as one distributed transaction instead —
 * coordinators ({@link CoordinatorNode}) with a log on disk and presumed abort, and participants
 * ({@link ParticipantNode}) that lock the rows they touch from prepare to the decision. Its
 * parameters that the {@code saga} pattern also has mean the same there, and the node names match
 * ({@code <name>-coordinator-<i>}, {@code <name>-<service>}), so one scenario runs either.
 *
 * <p>Series: {@code in-doubt/<name>} (prepared steps awaiting their decision), {@code
 * blocked/<name>} (prepares waiting for a row lock), {@code oldest-lock/<name>} (age of the oldest
 * row lock held, ms), {@code lock-hold/<name>} (mean time the locks released in the interval were
 * held, ms), {@code lock-timeouts/<name>}, {@code committed/<name>} and {@code aborted/<name>} (per
 * second). Checkers: {@code atomicity}, {@code money-conserved}, {@code stock-never-negative},
 * {@code paid-not-reserved}, {@code double-charge}, and those of the decision log if there is one.
 *
 * <p>With a nested {@code decisionLog} system, coordinators keep their decisions there rather than
 * on their own disks (see {@link CoordinatorNode}), and a participant in doubt longer than {@code
 * takeoverAfter} asks the other coordinators, any of which can finish the protocol.
 */
public final class TwoPhaseCommit implements PatternSpec {
  /** The pattern, for the catalog. */
  public TwoPhaseCommit() {}

  @Override
  public String name() {
    return "two-phase-commit";
  }

  @Override
  public String description() {
    return "two-phase commit with presumed abort: locks from prepare to decision, in-doubt"
        + " participants block while the coordinator is down";
  }

  @Override
  public List<Param> params() {
    List<Param> params =
        new ArrayList<>(
            List.of(
                Param.string(
                    "name", "tpc", "node name prefix: <name>-coordinator-<i>, <name>-<service>"),
                Param.integer("coordinators", 1, 1, 64, "coordinators; clients pick one at random"),
                Param.string("zone", "dc1", "the nodes' zone"),
                Param.string(
                    "steps",
                    "order.create, inventory.reserve, payment.charge, shipping.ship",
                    "service.action, … one participant action each (charge moves money, reserve stock)"),
                Param.string(
                    "failures",
                    "auto",
                    "step=probability that its participant votes no, …; auto: 0.05 per charge, reserve")));
    params.addAll(ShopParams.books());
    params.addAll(
        List.of(
            Param.duration("voteTimeout", "1s", 1_000_000, "votes awaited this long, then abort"),
            Param.duration(
                "lockTimeout", "500ms", 1_000_000, "a prepare waits this long for a lock"),
            Param.duration("inquiry", "200ms", 1_000_000, "a participant in doubt asks this often"),
            Param.duration("heuristicAfter", "0s", 0, "0: wait for the decision; else abort alone"),
            Param.duration("commitRetry", "200ms", 1_000_000, "unacknowledged commits resent"),
            Param.optionalSystem(
                "decisionLog",
                "a replicated store for the decisions; none: each coordinator's disk"),
            Param.duration(
                "takeoverAfter",
                "1s",
                1_000_000,
                "with a decision log: in doubt this long, a participant asks the other coordinators"),
            Param.integer("workers", 2, 1, 10_000, "CPU servers per participant"),
            Param.integer("queue", 100_000, 0, 100_000_000, "CPU queue per node"),
            Param.distribution("service", "exp(1ms)", "a participant's CPU per prepare or commit"),
            Param.distribution("coordinatorService", "exp(0.1ms)", "coordinator CPU per message")));
    return params;
  }

  @Override
  public String[] validate(Config c) {
    String[] name = ShopParams.nameProblem(c);
    if (name != null) {
      return name;
    }
    try {
      if (definition(c).pivot() >= 0) {
        return new String[] {
          "steps", "two-phase commit has no pivot (!): every step commits or none does"
        };
      }
    } catch (SagaDefinition.Invalid e) {
      return new String[] {e.param(), e.getMessage()};
    }
    return null;
  }

  private static SagaDefinition definition(Config c) {
    return SagaDefinition.parse(c.string("steps"), "", c.string("failures"));
  }

  @Override
  public Store build(Config c) {
    return new Built(
        new TpcSettings(
            c.string("name"),
            definition(c),
            (int) c.integer("coordinators"),
            c.string("zone"),
            (int) c.integer("customers"),
            c.integer("balance"),
            c.integer("price"),
            (int) c.integer("products"),
            c.integer("stock"),
            c.nanos("voteTimeout"),
            c.nanos("lockTimeout"),
            c.nanos("inquiry"),
            c.nanos("heuristicAfter"),
            c.nanos("commitRetry"),
            c.hasBackend("decisionLog") ? c.backend("decisionLog").build("") : null,
            c.nanos("takeoverAfter"),
            (int) c.integer("workers"),
            (int) c.integer("queue"),
            c.distribution("service"),
            c.distribution("coordinatorService")));
  }

  /** A built system. */
  static final class Built implements Store {
    private final TpcSettings settings;
    private Simulation sim;
    private Ledger ledger;
    private LockStats stats;
    private History decisionHistory;
    private final List<String> services;

    Built(TpcSettings settings) {
      this.settings = settings;
      this.services = settings.definition().services().stream().map(settings::serviceName).toList();
    }

    @Override
    public List<String> nodes() {
      List<String> all = new ArrayList<>();
      for (int i = 0; i < settings.coordinators(); i++) {
        all.add(settings.coordinatorName(i));
      }
      all.addAll(services);
      if (settings.decisionLog() != null) {
        all.addAll(settings.decisionLog().nodes());
      }
      return all;
    }

    @Override
    public List<String> zones() {
      List<String> zones = new ArrayList<>(List.of(settings.zone()));
      if (settings.decisionLog() != null) {
        for (String z : settings.decisionLog().zones()) {
          if (!zones.contains(z)) {
            zones.add(z);
          }
        }
      }
      return zones;
    }

    @Override
    public void addTo(Simulation simulation) {
      sim = simulation;
      ledger = new Ledger(sim::nowNanos);
      decisionHistory = new History();
      stats = new LockStats();
      for (int i = 0; i < settings.coordinators(); i++) {
        int index = i;
        sim.addNode(
            NodeSpec.of(
                    settings.coordinatorName(i),
                    settings.zone(),
                    () -> new CoordinatorNode(settings, index, ledger, stats, decisionHistory))
                .cpu(1, settings.queue(), settings.coordinatorService()));
      }
      for (String s : services) {
        sim.addNode(
            NodeSpec.of(s, settings.zone(), () -> new ParticipantNode(settings, ledger, stats))
                .cpu(settings.workers(), settings.queue(), settings.service()));
      }
      if (settings.decisionLog() != null) {
        settings.decisionLog().addTo(sim);
      }
      probes();
    }

    private void probes() {
      String n = settings.name();
      long interval = sim.metrics().intervalNanos();
      sim.metrics().probe("in-doubt/" + n, "steps", stats::inDoubt);
      sim.metrics().probe("blocked/" + n, "prepares", () -> sum(ParticipantNode::blocked));
      sim.metrics()
          .probe("oldest-lock/" + n, "ms", () -> max(ParticipantNode::oldestLockNanos) / 1e6);
      sim.metrics()
          .probe("lock-hold/" + n, "ms", Growth.ratio(stats::heldNanos, stats::released, 1e-6));
      sim.metrics()
          .probe("lock-timeouts/" + n, "/s", Growth.perSecond(stats::lockTimeouts, interval));
      sim.metrics().probe("committed/" + n, "/s", Growth.perSecond(stats::committed, interval));
      sim.metrics().probe("aborted/" + n, "/s", Growth.perSecond(stats::aborted, interval));
    }

    private long sum(java.util.function.ToLongFunction<ParticipantNode> f) {
      long total = 0;
      for (ParticipantNode p : live()) {
        total += f.applyAsLong(p);
      }
      return total;
    }

    private long max(java.util.function.ToLongFunction<ParticipantNode> f) {
      long most = 0;
      for (ParticipantNode p : live()) {
        most = Math.max(most, f.applyAsLong(p));
      }
      return most;
    }

    /**
     * The participants running now, in service order: up, and started (a restart sampled at its own
     * instant may have no instance yet).
     */
    private List<ParticipantNode> live() {
      List<ParticipantNode> out = new ArrayList<>();
      for (String s : services) {
        int id = sim.nodeId(s);
        if (sim.isUp(id) && sim.nodeInstance(id) instanceof ParticipantNode p) {
          out.add(p);
        }
      }
      return out;
    }

    @Override
    public StoreClient client(int index) {
      return new TpcDriver(settings);
    }

    @Override
    public StoreCheckers checkers() {
      SagaDefinition d = settings.definition();
      int charge = d.first(Step.Effect.CHARGE);
      int reserve = d.first(Step.Effect.RESERVE);
      StoreCheckers.Builder table = StoreCheckers.builder();
      if (settings.decisionLog() != null) {
        StoreCheckers log = settings.decisionLog().checkers();
        for (String name : log.names()) {
          table.add(name, () -> log.create(name).orElseThrow().judging(decisionHistory));
        }
      }
      return table
          .add("atomicity", this::atomicity)
          .add("money-conserved", this::moneyConserved)
          .add("stock-never-negative", () -> new StockNonNegative(ledger.lows().values()))
          .add(
              "paid-not-reserved",
              () -> new PaidNotReserved(rows(charge), rows(reserve), ledger, sim.nowNanos(), true))
          .add("double-charge", () -> new DoubleCharge(rows(charge)))
          .build();
    }

    private Atomicity atomicity() {
      List<String> nodes = new ArrayList<>();
      List<NavigableMap<String, ParticipantNode.Entry>> disks = new ArrayList<>();
      for (Step s : settings.definition().steps()) {
        String node = settings.serviceName(s.service());
        nodes.add(node);
        disks.add(ParticipantNode.entries(sim.disk(sim.nodeId(node))));
      }
      return new Atomicity(settings.definition().steps(), nodes, disks);
    }

    private MoneyConserved moneyConserved() {
      int charge = settings.definition().first(Step.Effect.CHARGE);
      if (charge < 0) {
        return new MoneyConserved("no service", 0, 0, 0);
      }
      String node = serviceOf(charge);
      var disk = sim.disk(sim.nodeId(node));
      return new MoneyConserved(
          node,
          settings.customers() * settings.balance(),
          Books.money(disk),
          Books.number(disk, Books.MERCHANT));
    }

    private String serviceOf(int step) {
      return settings.serviceName(settings.definition().steps().get(step).service());
    }

    private NavigableMap<Long, Books.Row> rows(int step) {
      return step < 0 ? new TreeMap<>() : Books.rows(sim.disk(sim.nodeId(serviceOf(step))), step);
    }

    /** What the run recorded about locks and doubt, for tests. */
    LockStats stats() {
      return stats;
    }
  }
}
