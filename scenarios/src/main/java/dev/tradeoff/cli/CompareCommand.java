package dev.tradeoff.cli;

import dev.tradeoff.reports.Comparison;
import dev.tradeoff.reports.ReportFolder;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.scenarios.Scenario;
import dev.tradeoff.scenarios.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tradeoff compare NAME|FILE --variant …}: runs the scenario once per variant, on the same
 * seed, workload and fault schedule, and reports them side by side.
 */
@Command(
    name = "compare",
    header = "Run a scenario once per variant and report the runs side by side.",
    mixinStandardHelpOptions = true,
    description =
        "Run a scenario once per --variant (same seed, workload and faults; each variant is one"
            + " or more PATH=VALUE overrides separated by ';') and write the runs side by side:"
            + " a decision table (availability, latency of all and of OK operations, stale reads,"
            + " read-your-writes violations, lost writes, RTO and RPO; best of each row marked),"
            + " the side-by-side table, overlaid charts and each run's report. Exit 0 when every"
            + " variant held its"
            + " expectations, 1 when one was violated, 2 when one was undecided.")
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioArgs args;

  @Parameters(index = "0", paramLabel = "NAME|FILE", description = "A catalog name or a file.")
  String name;

  @Option(
      names = "--variant",
      paramLabel = "PATH=VALUE[;PATH=VALUE…]",
      required = true,
      description =
          "A variant, e.g. --variant 'system.workers=1' --variant 'system.workers=4;"
              + "system.queue=50'; give at least two.")
  List<String> variants;

  @Mixin ForceArgs output;

  @Mixin TableFormat format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Comparison folder (default: out/<scenario name>-compare); replaced whole"
              + " (only a folder tradeoff wrote, or an empty one; see --force).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (variants.size() < 2) {
      throw new BadInputException("--variant: give at least two variants to compare");
    }
    List<Scenario> scenarios = new ArrayList<>();
    List<String> replays = new ArrayList<>();
    for (String variant : variants) {
      List<String> overrides = args.overrides(List.of());
      // The variant's overrides come after --set, and --seed after both, so it pins the seed.
      overrides.addAll(overrides.size() - (args.seed == null ? 0 : 1), split(variant));
      scenarios.add(args.scenario(name, overrides));
      replays.add(RunCommand.replayCommand(name, scenarios.get(scenarios.size() - 1), overrides));
    }
    Path dir = out != null ? out : Path.of("out").resolve(scenarios.get(0).name() + "-compare");
    ReportFolder.requireReplaceable(dir, output.force);
    List<RunReport> runs = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      runs.add(
          ScenarioRunner.run(scenarios.get(i), replays.get(i), TradeoffCli.version()).report());
    }
    Comparison comparison = new Comparison(scenarios.get(0).name(), variants, runs);
    comparison.write(dir, output.force);
    PrintWriter stdout = spec.commandLine().getOut();
    switch (format.format) {
      case CSV -> stdout.print(comparison.decision().csv());
      case JSON -> stdout.print(comparison.json());
      case TEXT -> {
        stdout.print(comparison.summary());
        stdout.println("report: " + dir.resolve("index.html"));
      }
    }
    return RunCommand.exitCode(comparison.verdict());
  }

  private static List<String> split(String variant) {
    List<String> parts = new ArrayList<>();
    for (String part : Arrays.asList(variant.split(";"))) {
      if (!part.isBlank()) {
        parts.add(part.trim());
      }
    }
    if (parts.isEmpty()) {
      throw new BadInputException("--variant: empty variant \"" + variant + "\"");
    }
    return parts;
  }
}
