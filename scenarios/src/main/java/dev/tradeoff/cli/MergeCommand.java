package dev.tradeoff.cli;

import dev.tradeoff.reports.ReportFolder;
import dev.tradeoff.reports.SweepFolder;
import dev.tradeoff.reports.SweepItem;
import dev.tradeoff.reports.SweepJson;
import dev.tradeoff.reports.SweepReport;
import dev.tradeoff.reports.SweepSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tradeoff merge DIR… --out DIR}: combines the folders of every shard of one sweep into the
 * folder the unsharded sweep writes, byte for byte (histograms travel losslessly in {@code
 * sweep.json}, and every aggregate is recomputed from the runs). Refuses, with one line and exit
 * 64, shards of different sweeps, a shard given twice and a missing shard. The exit code is then
 * the sweep's: 0, 1 or 2.
 */
@Command(
    name = "merge",
    header = "Merge the shards of a sweep into the unsharded result.",
    mixinStandardHelpOptions = true,
    description =
        "Merge the folders (or sweep.json files) of every shard of one sweep into the folder the"
            + " unsharded sweep would write. Exit 0 when every run was valid, 1 when one was"
            + " invalid, 2 when one was unknown.")
final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "Shard folders written by 'tradeoff sweep --shard i/N', or their sweep.json.")
  List<Path> inputs = new ArrayList<>();

  @Mixin ForceArgs output;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Merged sweep folder (default: out/<scenario>-sweep); replaced as a whole"
              + " (only a folder tradeoff wrote, or an empty one; see --force).")
  Path out;

  @Override
  public Integer call() throws IOException {
    TreeMap<Integer, Path> byIndex = new TreeMap<>();
    List<SweepReport> shards = new ArrayList<>();
    SweepReport first = null;
    Path firstPath = null;
    int count = 0;
    for (Path input : inputs) {
      Path file = Files.isDirectory(input) ? input.resolve("sweep.json") : input;
      SweepReport shard = read(file);
      SweepReport.Shard s = shard.shard() == null ? new SweepReport.Shard(0, 1) : shard.shard();
      if (first == null) {
        first = shard;
        firstPath = file;
        count = s.count();
      } else {
        String difference = difference(first, shard);
        if (difference == null && s.count() != count) {
          difference = "shard count " + count + " vs " + s.count();
        }
        if (difference != null) {
          throw new BadInputException(
              firstPath + " and " + file + " are not shards of one sweep: " + difference);
        }
      }
      Path previous = byIndex.put(s.index(), file);
      if (previous != null) {
        throw new BadInputException("shard " + s + " given twice: " + previous + " and " + file);
      }
      shards.add(shard);
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!byIndex.containsKey(i)) {
        missing.add(i + "/" + count);
      }
    }
    if (!missing.isEmpty()) {
      throw new BadInputException(
          "missing "
              + (missing.size() == 1 ? "shard " : "shards ")
              + String.join(", ", missing)
              + " of "
              + count);
    }
    List<SweepItem> items = new ArrayList<>();
    for (SweepReport s : shards) {
      items.addAll(s.items());
    }
    items.sort((a, b) -> Integer.compare(a.index(), b.index()));
    SweepReport merged;
    try {
      merged =
          new SweepReport(
              first.toolVersion(),
              first.scenarioName(),
              first.scenario(),
              first.sets(),
              first.params(),
              first.seeds(),
              null,
              items);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("cannot merge: " + e.getMessage());
    }
    Path dir = out != null ? out : Path.of("out").resolve(merged.scenarioName() + "-sweep");
    for (Path input : inputs) {
      Path file = Files.isDirectory(input) ? input.resolve("sweep.json") : input;
      ForceArgs.refuseInput(dir, file, "one of the shards being merged");
    }
    ReportFolder.requireReplaceable(dir, output.force);
    SweepFolder.write(dir, merged, output.force);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(SweepSummary.render(merged));
    stdout.println("report: " + dir.resolve("index.html"));
    return SweepCommand.exitCode(merged);
  }

  private static SweepReport read(Path file) {
    String text = TextFiles.read(file);
    try {
      return SweepJson.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file + ": " + e.getMessage());
    }
  }

  /** What makes {@code b} part of another sweep than {@code a}, or null when nothing does. */
  private static String difference(SweepReport a, SweepReport b) {
    if (!a.toolVersion().equals(b.toolVersion())) {
      return "tool version " + a.toolVersion() + " vs " + b.toolVersion();
    }
    if (!a.scenarioName().equals(b.scenarioName())) {
      return "scenario " + a.scenarioName() + " vs " + b.scenarioName();
    }
    if (!a.sets().equals(b.sets())) {
      return "--set " + a.sets() + " vs " + b.sets();
    }
    if (!a.scenario().equals(b.scenario())) {
      return "the base scenarios differ";
    }
    if (!a.params().equals(b.params())) {
      return "the --param lists differ";
    }
    if (!Objects.equals(a.seeds(), b.seeds())) {
      return "the seeds differ";
    }
    return null;
  }
}
