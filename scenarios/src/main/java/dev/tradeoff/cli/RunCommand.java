package dev.tradeoff.cli;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.io.HistoryJsonLines;
import dev.tradeoff.core.kernel.Determinism;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.kernel.TraceRecorder;
import dev.tradeoff.reports.ReportFolder;
import dev.tradeoff.reports.ReportWarmUp;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.reports.TraceLog;
import dev.tradeoff.scenarios.Durations;
import dev.tradeoff.scenarios.Scenario;
import dev.tradeoff.scenarios.ScenarioException;
import dev.tradeoff.scenarios.ScenarioRunner;
import dev.tradeoff.scenarios.SeedRuns;
import dev.tradeoff.scenarios.Stories;
import dev.tradeoff.scenarios.SweepPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tradeoff run NAME|FILE}: runs one scenario, writes its report folder and prints its
 * summary; the exit code is the verdict.
 */
@Command(
    name = "run",
    header = "Run one scenario, write its report folder and print its summary.",
    mixinStandardHelpOptions = true,
    description =
        "Run a scenario (a catalog name from 'tradeoff list', or a scenario file), write its"
            + " report folder and print its summary. Exit 0 when every expectation held, 1 when"
            + " one was violated, 2 when one could not be decided.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioArgs args;

  @Parameters(index = "0", paramLabel = "NAME|FILE", description = "A catalog name or a file.")
  String name;

  @Option(
      names = "--duration",
      paramLabel = "D",
      description = "Simulated time of load, e.g. 30s or 2m (same as --set duration=D).")
  String duration;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Report folder (default: out/<scenario name>); replaced as a whole"
              + " (only a folder tradeoff wrote, or an empty one; see --force).")
  Path out;

  @Mixin ForceArgs output;

  @Option(
      names = "--seeds",
      paramLabel = "A..B",
      description =
          "Run on each of these seeds (a range A..B or a list 1,5,9) and judge every expectation"
              + " on all of them; prints on how many seeds each held and the command that replays"
              + " each seed where it did not. The report folder holds the first seed's run.")
  String seeds;

  @Option(
      names = "--check-determinism",
      description =
          "Run twice with the seed and compare every event and the operation history; report the"
              + " first divergence (exit 70) instead of running once.")
  boolean checkDeterminism;

  @Option(
      names = "--trace",
      paramLabel = "FROM..TO",
      description =
          "Record every message sent or arriving in this window of simulated time (e.g."
              + " 5s..5.2s, at most "
              + TRACE_BUDGET
              + " events) and write it into the report folder as trace.jsonl and"
              + " trace.shiviz.log (ShiViz's format). Recording changes nothing in the run.")
  String trace;

  /** The files a run writes beyond those drawn from report.json, in this order. */
  static final List<String> EXTRA_FILES =
      List.of("history.jsonl", "trace.jsonl", "trace.shiviz.log");

  /** Events {@code --trace} records at most. */
  static final int TRACE_BUDGET = 200_000;

  @Override
  public Integer call() throws IOException {
    List<String> extra = new ArrayList<>();
    if (duration != null) {
      extra.add("duration=" + duration);
    }
    List<String> overrides = args.overrides(extra);
    Scenario scenario = args.scenario(name, overrides);
    ShowConfigCommand.noteRate(spec, scenario);
    String replay = replayCommand(name, scenario, overrides);
    PrintWriter stdout = spec.commandLine().getOut();
    if (checkDeterminism) {
      if (seeds != null) {
        throw new BadInputException("--check-determinism and --seeds: give one of them");
      }
      return determinism(scenario, replay);
    }
    if (seeds != null) {
      return manySeeds(overrides, stdout);
    }
    Path dir = out != null ? out : Path.of("out").resolve(scenario.name());
    ReportFolder.requireReplaceable(dir, output.force);
    TraceRecorder recorder = trace == null ? null : recorder(trace);
    RunReport report = runAndWrite(scenario, replay, recorder, dir);
    stdout.print(ReportFolder.summary(report));
    stdout.println("report: " + dir.resolve("index.html"));
    return exitCode(report.verdict());
  }

  private int manySeeds(List<String> overrides, PrintWriter stdout) throws IOException {
    if (args.seed != null || overrides.stream().anyMatch(o -> o.startsWith("seed="))) {
      throw new BadInputException("--seed (or --set seed=N) and --seeds: give one of them");
    }
    List<Long> list;
    try {
      list = SweepPlan.seeds(seeds);
    } catch (ScenarioException e) {
      throw new BadInputException(e.getMessage());
    }
    Scenario base = args.scenario(name, overrides);
    Path dir = out != null ? out : Path.of("out").resolve(base.name());
    ReportFolder.requireReplaceable(dir, output.force);
    SeedRuns runs =
        SeedRuns.run(
            base::withSeed,
            list,
            seed -> replayCommand(name, seed, overrides),
            TradeoffCli.version());
    // The folder holds the first seed's run, told in full: run it again for its history, its
    // trace and its diagram (the same run: seeds are deterministic).
    Scenario first = base.withSeed(list.get(0));
    String firstReplay = replayCommand(name, list.get(0), overrides);
    TraceRecorder recorder = trace == null ? null : recorder(trace);
    runAndWrite(first, firstReplay, recorder, dir);
    stdout.print(runs.summary());
    stdout.println("report (seed " + list.get(0) + "): " + dir.resolve("index.html"));
    return exitCode(runs.verdict());
  }

  /**
   * Runs {@code scenario} and writes its folder, using every core once the simulation is over: the
   * history's checkers run side by side, then the report's files beside {@code history.jsonl}
   * ({@link ScenarioRunner#run(Scenario, String, String, TraceRecorder, Executor)}, {@link
   * ReportFolder#writeStreamed(Path, RunReport, Map, boolean, Executor)}). Their results are
   * gathered in a fixed order, so the report and the folder are those of a run on one thread. (A
   * sweep keeps one thread per run: it runs several runs at once.)
   */
  private RunReport runAndWrite(Scenario scenario, String replay, TraceRecorder recorder, Path dir)
      throws IOException {
    ExecutorService lanes = afterTheSimulation();
    try {
      ScenarioRunner.Run run =
          ScenarioRunner.run(scenario, replay, TradeoffCli.version(), recorder, lanes);
      RunReport report = Stories.withDiagram(scenario, replay, run.report());
      ReportFolder.writeStreamed(dir, report, extraFiles(run, recorder), output.force, lanes);
      return report;
    } finally {
      lanes.shutdown();
    }
  }

  /** Daemon threads, one a processor (at most four), for {@link #runAndWrite}. */
  static ExecutorService afterTheSimulation() {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    AtomicInteger made = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        task -> {
          Thread t = new Thread(task, "run-after-simulation-" + made.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Starts {@link ReportWarmUp} on a daemon thread, so the report code is loaded and compiled on
   * the second core while the command line is parsed and the simulation runs on this one ({@link
   * TradeoffCli#main} calls it first thing for {@code tradeoff run}). It shares nothing with the
   * run, so the run and its folder are the same with or without it; a process that exits first just
   * drops it.
   */
  static void warmUpReports() {
    Thread warmUp = new Thread(ReportWarmUp::run, "report-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /** A recorder for {@code --trace FROM..TO}. */
  static TraceRecorder recorder(String window) {
    int dots = window.indexOf("..");
    if (dots < 0) {
      throw new BadInputException(
          "--trace: expected FROM..TO, e.g. 5s..5.2s, got \"" + window + "\"");
    }
    long from;
    long to;
    try {
      from = Durations.parseNanos(window.substring(0, dots).trim());
      to = Durations.parseNanos(window.substring(dots + 2).trim());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--trace: " + e.getMessage());
    }
    if (from < 0 || to < from) {
      throw new BadInputException(
          "--trace: FROM must be >= 0 and TO >= FROM, got \"" + window + "\"");
    }
    return new TraceRecorder(from, to, TRACE_BUDGET);
  }

  /**
   * {@code history.jsonl}, and with a recorder {@code trace.jsonl} and {@code trace.shiviz.log}.
   */
  static Map<String, ReportFolder.Content> extraFiles(
      ScenarioRunner.Run run, TraceRecorder recorder) {
    Map<String, ReportFolder.Content> files = new LinkedHashMap<>();
    Simulation sim = run.simulation();
    // Streamed into the folder: the text of a long history would be a copy of it many times over.
    files.put(
        EXTRA_FILES.get(0),
        out -> {
          try {
            HistoryJsonLines.write(sim.history(), out);
          } catch (IllegalArgumentException notRepresentable) {
            // A process that never completed an operation and invoked another: no line order says
            // it. Nothing was written, so the file is empty.
          }
        });
    if (recorder != null) {
      files.put(
          EXTRA_FILES.get(1),
          ReportFolder.Content.text(TraceLog.jsonLines(recorder.events(), sim::nodeName)));
      files.put(
          EXTRA_FILES.get(2),
          ReportFolder.Content.text(TraceLog.shiviz(recorder.events(), sim::nodeName)));
    }
    return files;
  }

  /** The command that repeats a run: the same scenario, seed and overrides. */
  static String replayCommand(String name, Scenario scenario, List<String> overrides) {
    return replayCommand(name, scenario.seed(), overrides);
  }

  /** The command that repeats a run of {@code name} on {@code seed} with {@code overrides}. */
  static String replayCommand(String name, long seed, List<String> overrides) {
    StringBuilder sb = new StringBuilder("./tradeoff run ").append(ScenarioArgs.shellWord(name));
    for (String o : overrides) {
      if (!o.startsWith("seed=")) {
        sb.append(" --set ").append(ScenarioArgs.shellWord(o));
      }
    }
    return sb.append(" --seed ").append(seed).toString();
  }

  /** Runs the scenario twice and compares; each run builds its own system from the scenario. */
  private int determinism(Scenario scenario, String replay) {
    Determinism.Report report =
        Determinism.runTwice(
            seed -> {
              Simulation sim = ScenarioRunner.build(scenario, replay).simulation();
              ScenarioRunner.schedule(scenario).install(sim);
              return sim;
            },
            scenario.seed(),
            scenario.endNanos());
    if (!report.deterministic()) {
      spec.commandLine().getErr().println("tradeoff: " + report);
      return TradeoffCli.EXIT_INTERNAL;
    }
    spec.commandLine().getOut().println(report);
    return 0;
  }

  static int exitCode(Verdict verdict) {
    return switch (verdict) {
      case VALID -> 0;
      case INVALID -> 1;
      case UNKNOWN -> 2;
    };
  }
}
