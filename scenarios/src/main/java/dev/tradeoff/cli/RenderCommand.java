package dev.tradeoff.cli;

import dev.tradeoff.reports.ReportFolder;
import dev.tradeoff.reports.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tradeoff render REPORT --out DIR}: writes the report folder a run's {@code report.json}
 * describes, without running anything — the same files, byte for byte, as the run wrote (every file
 * of the folder is drawn from the record {@code report.json} holds). A file that is not a {@code
 * tradeoff.report/1} is refused with one line and exit 64; the exit code is otherwise the run's
 * verdict: 0, 1 or 2.
 */
@Command(
    name = "render",
    header = "Write a run's report folder again from its report.json alone.",
    mixinStandardHelpOptions = true,
    description =
        "Write the report folder (report.json, summary.txt, index.html, charts, .hgrm files) that"
            + " a run's report.json describes, without running it: with the same tradeoff version"
            + " the files equal those the run wrote, byte for byte (history.jsonl and trace files"
            + " next to report.json are copied as they are). Exit 0 when every expectation"
            + " held, 1 when one was violated, 2 when one was undecided.")
final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPORT", description = "A report.json (or its folder).")
  Path input;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description =
          "Report folder to write (not the one read); replaced as a whole (only a folder tradeoff"
              + " wrote, or an empty one; see --force).")
  Path out;

  @Mixin ForceArgs output;

  @Override
  public Integer call() throws IOException {
    Path file = ReportFiles.file(input);
    RunReport report = ReportFiles.read(file);
    ForceArgs.refuseInput(out, file, "the folder being rendered");
    ReportFolder.requireReplaceable(out, output.force);
    // What the run kept beyond its record (its history, a trace) is not drawn from report.json:
    // it travels along as it was, so the rendered folder still equals the run's.
    Map<String, String> extras = new LinkedHashMap<>();
    for (String name : RunCommand.EXTRA_FILES) {
      Path kept = file.resolveSibling(name);
      if (Files.isRegularFile(kept)) {
        extras.put(name, TextFiles.read(kept));
      }
    }
    ReportFolder.write(out, report, extras, output.force);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(ReportFolder.summary(report));
    stdout.println("report: " + out.resolve("index.html"));
    return RunCommand.exitCode(report.verdict());
  }
}
