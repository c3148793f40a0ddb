package dev.tradeoff.cli;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.reports.ReportFolder;
import dev.tradeoff.reports.SweepDecision;
import dev.tradeoff.reports.SweepFolder;
import dev.tradeoff.reports.SweepItem;
import dev.tradeoff.reports.SweepJson;
import dev.tradeoff.reports.SweepPoint;
import dev.tradeoff.reports.SweepReport;
import dev.tradeoff.reports.SweepSummary;
import dev.tradeoff.scenarios.ScenarioException;
import dev.tradeoff.scenarios.SweepPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tradeoff sweep NAME|FILE --param PATH=V1,V2 --seeds A..B}: runs every parameter point with
 * every seed on local cores (or one shard's share of them), writes the sweep folder and prints its
 * summary. Every point is validated before anything runs. The exit code is the worst verdict: 0
 * every run valid, 1 one invalid, 2 one unknown and none invalid.
 */
@Command(
    name = "sweep",
    header = "Run a parameter range x seeds on all cores, or one shard of it.",
    mixinStandardHelpOptions = true,
    description =
        "Run a scenario over a parameter range x seeds on all local cores (or one shard of it with"
            + " --shard i/N, to merge later with 'tradeoff merge') and write the sweep folder:"
            + " sweep.json, summary.txt (with a decision table per point), decision.csv,"
            + " points.csv, index.html, charts, merged .hgrm per point. Exit 0 when"
            + " every run was valid, 1 when one was invalid, 2 when one was unknown.")
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Whether the user sits at a terminal, where progress redraws one line. */
  boolean console = System.console() != null;

  @Parameters(index = "0", paramLabel = "NAME|FILE", description = "A catalog name or a file.")
  String name;

  @Option(
      names = "--param",
      paramLabel = "PATH=V1,V2,...",
      description =
          "A field to sweep and its values, e.g. --param workload.clients=4,8,16; commas inside"
              + " (), [], {} or quotes do not split. Repeat for a cartesian product (the first"
              + " varies slowest).")
  List<String> params = new ArrayList<>();

  @Option(
      names = "--seeds",
      paramLabel = "A..B|S1,S2",
      defaultValue = "1..5",
      description =
          "Seeds to run every point with: a range A..B or a list (default: ${DEFAULT-VALUE}).")
  String seeds;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "Override a field of the scenario for every run, before the --param values.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--jobs",
      paramLabel = "K",
      description = "Runs at once (default: the available processors). Does not change results.")
  Integer jobs;

  @Option(
      names = "--shard",
      paramLabel = "i/N",
      description =
          "Run only shard i of N (0-based): the runs whose index is i modulo N. Merge the N"
              + " shard folders with 'tradeoff merge'.")
  String shard;

  @Option(
      names = "--no-progress",
      description =
          "Print no progress on stderr (default: a bar on a terminal, else a line per 10%%).")
  boolean noProgress;

  @Mixin ForceArgs output;

  @Mixin TableFormat format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Sweep folder (default: out/<scenario>-sweep, or out/<scenario>-sweep.shard-<i>-of-<N>"
              + " for a shard); replaced as a whole (only a folder tradeoff wrote, or an empty one; see --force).")
  Path out;

  @Override
  public Integer call() throws IOException {
    int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    if (threads < 1) {
      throw new BadInputException("--jobs " + threads + ": must be >= 1");
    }
    SweepPlan plan;
    SweepReport.Shard share;
    try {
      share = shard == null ? null : SweepPlan.shard(shard);
      List<Long> seedList = SweepPlan.seeds(seeds);
      var params = SweepPlan.params(this.params);
      String[] sourceAndText = ScenarioArgs.load(name);
      plan = new SweepPlan(name, sourceAndText[0], sourceAndText[1], sets, params, seedList);
    } catch (ScenarioException e) {
      throw new BadInputException(e.getMessage());
    }
    if (share != null && share.count() == 1) {
      share = null; // shard 0/1 is the whole sweep, and must write the same files as one
    }
    Path dir = out;
    if (dir == null) {
      String folder = plan.base().name() + "-sweep";
      if (share != null) {
        folder += ".shard-" + share.index() + "-of-" + share.count();
      }
      dir = Path.of("out").resolve(folder);
    }
    ReportFolder.requireReplaceable(dir, output.force);
    int total = plan.items(share).size();
    if (total == 0) {
      throw new BadInputException(
          "--shard "
              + shard
              + ": this shard is empty: the sweep has only "
              + plan.items(null).size()
              + " runs, so shards "
              + plan.items(null).size()
              + " and up get none; use fewer shards");
    }
    Progress progress =
        new Progress(spec.commandLine().getErr(), total, !noProgress, !noProgress && console);
    SweepReport report = plan.run(share, threads, TradeoffCli.version(), progress::done);
    progress.finish();
    SweepFolder.write(dir, report, output.force);
    PrintWriter stdout = spec.commandLine().getOut();
    switch (format.format) {
      case CSV -> stdout.print(SweepDecision.of(report, SweepPoint.of(report)).csv());
      case JSON -> stdout.print(SweepJson.render(report));
      case TEXT -> {
        stdout.print(SweepSummary.render(report));
        stdout.println("report: " + dir.resolve("index.html"));
      }
    }
    return exitCode(report);
  }

  /** 1 if a run was invalid, else 2 if one was unknown, else 0. */
  static int exitCode(SweepReport report) {
    boolean unknown = false;
    for (SweepItem item : report.items()) {
      if (item.verdict() == Verdict.INVALID) {
        return 1;
      }
      unknown |= item.verdict() == Verdict.UNKNOWN;
    }
    return unknown ? 2 : 0;
  }

  /**
   * Progress on stderr, never in files: on a terminal one line redrawn in place ({@code
   * [#####.....] 12/40 runs}); otherwise a plain line each time another tenth of the runs is done.
   */
  static final class Progress {
    private static final int BAR = 30;
    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private final boolean terminal;
    private int shownTenths;

    Progress(PrintWriter err, int total, boolean enabled, boolean terminal) {
      this.err = err;
      this.total = total;
      this.enabled = enabled && total > 0;
      this.terminal = terminal;
    }

    synchronized void done(int runs) {
      if (!enabled) {
        return;
      }
      if (terminal) {
        int filled = (int) ((long) runs * BAR / total);
        err.print(
            "\r["
                + "#".repeat(filled)
                + ".".repeat(BAR - filled)
                + "] "
                + runs
                + "/"
                + total
                + " runs");
        err.flush();
        return;
      }
      int tenths = (int) ((long) runs * 10 / total);
      if (tenths > shownTenths || runs == total) {
        shownTenths = Math.max(tenths, shownTenths);
        err.println("sweep: " + runs + "/" + total + " runs done");
        err.flush();
      }
    }

    synchronized void finish() {
      if (enabled && terminal) {
        err.println();
        err.flush();
      }
    }
  }
}
