package dev.tradeoff.scenarios;

import dev.tradeoff.core.check.AfterFaults;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.check.HistoryCheckers;
import dev.tradeoff.core.check.Incident;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.json.Json;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.kernel.TraceRecorder;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.faults.FaultEvent;
import dev.tradeoff.faults.FaultInjector;
import dev.tradeoff.faults.FaultSchedule;
import dev.tradeoff.faults.FaultWindow;
import dev.tradeoff.faults.Nemesis;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.reports.ExpectationResult;
import dev.tradeoff.reports.FaultSpan;
import dev.tradeoff.reports.InOrder;
import dev.tradeoff.reports.KernelFigures;
import dev.tradeoff.reports.OperationStats;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.reports.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.HdrHistogram.Histogram;

/**
 * Runs a {@link Scenario}: builds the simulation (network, system, clients, faults), runs it to the
 * end of its drain, applies its checkers to the history and judges its expectations, giving a
 * {@link RunReport}. Deterministic: the same scenario gives an equal report.
 */
public final class ScenarioRunner {
  private ScenarioRunner() {}

  /** A finished run: the report and the simulation, for callers that want more. */
  public record Run(RunReport report, Simulation simulation) {}

  /**
   * Runs {@code scenario}; {@code replay} is the command line that repeats the run, and {@code
   * version} the tool's version.
   */
  public static Run run(Scenario scenario, String replay, String version) {
    return run(scenario, replay, version, null);
  }

  /**
   * {@link #run(Scenario, String, String)}, recording messages into {@code recorder} (when not
   * null) as it goes; the report is the same with or without it.
   */
  public static Run run(Scenario scenario, String replay, String version, TraceRecorder recorder) {
    return run(scenario, replay, version, recorder, InOrder.SAME_THREAD);
  }

  /**
   * {@link #run(Scenario, String, String, TraceRecorder)}, judging the history with the checkers
   * that see nothing but it ({@link HistoryCheckers}) as tasks on {@code checkers} once the
   * simulation has ended, while this thread runs the store's own checkers (they read the final
   * state of its nodes, so they stay on the simulation's thread) and works out the operation
   * figures. Results are gathered in the scenario's order of checkers ({@link InOrder}), so the
   * report, and a failure, are those of {@link InOrder#SAME_THREAD}.
   */
  public static Run run(
      Scenario scenario, String replay, String version, TraceRecorder recorder, Executor checkers) {
    Built built = build(scenario, replay);
    Simulation sim = built.simulation();
    FaultInjector injector = simulate(scenario, sim, recorder);
    History history = sim.history();
    List<FaultWindow> windows = injector.windows(scenario.endNanos());
    InOrder<CheckResult, RuntimeException> judged = new InOrder<>(checkers);
    for (String name : scenario.checkers()) {
      Optional<Checker> own = built.system().checker(name);
      Checker c = own.orElseGet(() -> checker(name));
      if (c instanceof AfterFaults after && !windows.isEmpty()) {
        after.lastFaultEndedAt(windows.stream().mapToLong(FaultWindow::endNanos).max().orElse(0));
      }
      if (c instanceof Incident incident && !windows.isEmpty()) {
        incident.faultsSpanned(
            windows.stream().mapToLong(FaultWindow::startNanos).min().orElse(0),
            windows.stream().mapToLong(FaultWindow::endNanos).max().orElse(0));
      }
      if (own.isPresent()) {
        judged.addHere(() -> c.check(history));
      } else {
        judged.add(() -> c.check(history));
      }
    }
    // Figured here while the checkers run; a checker's failure still comes first, as it did.
    InOrder<Figures, RuntimeException> figured = new InOrder<>(InOrder.SAME_THREAD);
    figured.add(
        () ->
            new Figures(
                KernelFigures.operations(
                    history,
                    sim.metrics(),
                    scenario.warmupNanos(),
                    scenario.durationNanos(),
                    scenario.endNanos()),
                KernelFigures.series(sim.metrics())));
    List<CheckResult> checks = judged.results();
    Figures figures = figured.results().get(0);
    List<OperationStats> operations = figures.operations();
    List<TimeSeries> series = figures.series();
    List<ExpectationResult> expectations = judge(scenario, operations, checks, series);
    RunReport report =
        new RunReport(
            version,
            scenario.name(),
            scenario.description(),
            scenario.observe(),
            scenario.effective(),
            scenario.seed(),
            scenario.endNanos(),
            runHash(sim, history, scenario),
            verdict(expectations),
            expectations,
            operations,
            checks,
            series,
            faults(windows),
            replay,
            Stories.of(sim, checks, scenario.endNanos()));
    return new Run(report, sim);
  }

  private record Figures(List<OperationStats> operations, List<TimeSeries> series) {}

  /**
   * Runs {@code scenario} again with {@code recorder} up to the end of its drain, and no further:
   * no checker, figure or report, for a caller that wants the simulation only, such as the
   * recording behind a report's space-time diagram ({@link Stories#withDiagram}).
   *
   * @return the finished simulation and the hash its report would carry ({@link
   *     RunReport#traceHash})
   */
  static Simulated simulateOnly(Scenario scenario, String replay, TraceRecorder recorder) {
    Simulation sim = build(scenario, replay).simulation();
    simulate(scenario, sim, recorder);
    return new Simulated(sim, runHash(sim, sim.history(), scenario));
  }

  /** A simulation run to its end without being judged, and its report's hash. */
  record Simulated(Simulation simulation, long traceHash) {}

  private static FaultInjector simulate(Scenario scenario, Simulation sim, TraceRecorder recorder) {
    sim.traceRecorder(recorder);
    FaultInjector injector = schedule(scenario).install(sim);
    sim.runUntil(scenario.endNanos());
    return injector;
  }

  /**
   * The hash a report carries: the kernel's event trace, every operation's invocation and outcome
   * (the decisions the run made), and the effective scenario, so two runs of different
   * configurations never share it even when their events coincide.
   */
  static long runHash(Simulation sim, History history, Scenario scenario) {
    long h = mix(sim.traceHash(), history.hash());
    String config = Json.write(scenario.effective());
    for (int i = 0; i < config.length(); i++) {
      h = mix(h, config.charAt(i));
    }
    return h;
  }

  private static long mix(long h, long x) {
    return Long.rotateLeft((h ^ x) * 0x9E3779B97F4A7C15L, 29);
  }

  /**
   * A simulation built from a scenario and the system store it holds: the store's checkers judge
   * what that simulation records.
   */
  public record Built(Simulation simulation, Store system) {}

  /** The simulation of {@code scenario}, built but not run, without faults, with its own store. */
  public static Built build(Scenario scenario, String replay) {
    Store system = scenario.system().build();
    Simulation sim = new Simulation(scenario.seed());
    sim.replayCommand(replay);
    sim.metrics().intervalNanos(scenario.intervalNanos());
    Scenario.NetworkSpec network = scenario.network();
    if (network.defaultLatencyNanos() != null) {
      sim.network().defaultLatency(network.defaultLatencyNanos());
    }
    for (Scenario.Link link : network.links()) {
      sim.network().latency(link.a(), link.b(), link.latencyNanos());
    }
    sim.network().lossRate(network.lossRate());
    sim.network().duplicationRate(network.duplicationRate());
    system.addTo(sim);
    Scenario.WorkloadSpec w = scenario.workload();
    new Workload(
            w.clients(),
            w.arrivals(),
            w.readShare(),
            w.keys(),
            List.of(),
            w.timeoutNanos(),
            scenario.durationNanos(),
            system::client)
        .withQueries(w.queries())
        .withReadsOnlyFrom(
            // measured from the end, so a run cut shorter keeps its whole final phase
            w.finalReadsNanos() == 0
                ? Long.MAX_VALUE
                : Math.max(0, scenario.durationNanos() - w.finalReadsNanos()))
        .addTo(sim, w.zone());
    for (Scenario.NodeLink link : network.nodeLinks()) {
      int from = sim.nodeId(link.from());
      int to = sim.nodeId(link.to());
      if (link.latencyNanos() != null) {
        sim.network().linkLatency(from, to, link.latencyNanos());
      }
      if (!Double.isNaN(link.lossRate())) {
        sim.network().linkLossRate(from, to, link.lossRate());
      }
      if (!Double.isNaN(link.duplicationRate())) {
        sim.network().linkDuplicationRate(from, to, link.duplicationRate());
      }
    }
    return new Built(sim, system);
  }

  /** The fixed schedule plus, if the scenario has a nemesis, what it draws from the seed. */
  public static FaultSchedule schedule(Scenario scenario) {
    List<FaultEvent> events = new ArrayList<>(scenario.schedule());
    if (scenario.nemesis() != null) {
      events.addAll(Nemesis.generate(scenario.nemesis(), scenario.seed()).events());
    }
    return new FaultSchedule(events);
  }

  private static Checker checker(String name) {
    return HistoryCheckers.create(name)
        .orElseThrow(() -> new IllegalStateException("no checker " + name));
  }

  private static List<ExpectationResult> judge(
      Scenario scenario,
      List<OperationStats> operations,
      List<CheckResult> checks,
      List<TimeSeries> series) {
    List<ExpectationResult> results = new ArrayList<>();
    for (Expectation e : scenario.expectations()) {
      if (e.aboutSeries()) {
        results.add(SeriesMeasure.judge(e, series));
        continue;
      }
      Double observed = observe(e, operations, checks);
      if (observed == null) {
        results.add(
            new ExpectationResult(
                e.text(), Verdict.UNKNOWN, e.measure() + "(" + e.argument() + ") unknown"));
      } else {
        results.add(
            new ExpectationResult(
                e.text(),
                e.holds(observed) ? Verdict.VALID : Verdict.INVALID,
                e.describe(observed) + okOnly(e, operations)));
      }
    }
    return results;
  }

  /**
   * For a latency measure of a kind some of whose operations failed or timed out, a note that the
   * figure leaves them out, so a held {@code p99(read) < 10ms} does not hide reads that never came
   * back; empty otherwise.
   */
  private static String okOnly(Expectation e, List<OperationStats> operations) {
    if (!Expectation.LATENCY.contains(e.measure())) {
      return "";
    }
    for (OperationStats s : operations) {
      long errors = s.fail() + s.info();
      if (s.kind().equals(e.argument()) && errors > 0) {
        return String.format(
            Locale.ROOT,
            " (of OK %ss only: %d of %d failed or timed out)",
            s.kind(),
            errors,
            s.count());
      }
    }
    return "";
  }

  /** The measured value, or null when it cannot be decided. */
  private static Double observe(
      Expectation e, List<OperationStats> operations, List<CheckResult> checks) {
    if (e.aboutChecker()) {
      for (CheckResult c : checks) {
        if (c.checker().equals(e.argument())) {
          return c.verdict() == Verdict.UNKNOWN ? null : (double) c.violations();
        }
      }
      return null;
    }
    OperationStats s =
        operations.stream().filter(o -> o.kind().equals(e.argument())).findFirst().orElse(null);
    if (s == null) {
      return Expectation.COUNTS.contains(e.measure()) ? 0.0 : null;
    }
    Histogram h = s.latencyNanos();
    if (Expectation.LATENCY.contains(e.measure()) && h.getTotalCount() == 0) {
      return null;
    }
    return switch (e.measure()) {
      case "p50" -> (double) h.getValueAtPercentile(50);
      case "p90" -> (double) h.getValueAtPercentile(90);
      case "p99" -> (double) h.getValueAtPercentile(99);
      case "p999" -> (double) h.getValueAtPercentile(99.9);
      case "max" -> (double) h.getMaxValue();
      case "mean" -> h.getMean();
      case "count" -> (double) s.count();
      case "ok" -> (double) s.ok();
      case "fail" -> (double) s.fail();
      case "info" -> (double) s.info();
      case "errors" -> (double) (s.fail() + s.info());
      case "throughput" -> s.throughputPerSec();
      case Expectation.AVAILABILITY -> s.count() == 0 ? null : (double) s.ok() / s.count();
      default -> throw new IllegalStateException(e.measure());
    };
  }

  private static Verdict verdict(List<ExpectationResult> expectations) {
    boolean unknown = false;
    for (ExpectationResult r : expectations) {
      if (r.outcome() == Verdict.INVALID) {
        return Verdict.INVALID;
      }
      unknown |= r.outcome() == Verdict.UNKNOWN;
    }
    return unknown ? Verdict.UNKNOWN : Verdict.VALID;
  }

  // FaultWindow is sim-faults' type, which reports does not see (its arrows point at sim-core
  // only).
  private static List<FaultSpan> faults(List<FaultWindow> windows) {
    List<FaultSpan> spans = new ArrayList<>();
    for (FaultWindow w : windows) {
      spans.add(new FaultSpan(w.description(), w.startNanos(), w.endNanos()));
    }
    return spans;
  }
}
