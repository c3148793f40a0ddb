package dev.tradeoff.cli;

import dev.tradeoff.reports.Narrative;
import dev.tradeoff.reports.RunReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tradeoff explain REPORT [--violation K]}: a run's story as text, from its {@code
 * report.json} alone ({@link Narrative#explain}): the verdict line, what each node was over time,
 * the faults, the violations numbered, and violation K told in plain words. Exit 0, or 64 for a
 * file that is not a report or a K out of range.
 */
@Command(
    name = "explain",
    header = "Tell a run's story as text: roles over time, faults and each violation explained.",
    mixinStandardHelpOptions = true,
    description =
        "Print what happened in a run, from its report.json alone: the verdict line, what each"
            + " node was over time (leader and term, lease, crashed, paused, cut off), the fault"
            + " windows, the violations numbered 1..N across the checks, and violation K (default"
            + " 1) in plain words: who did what, which node answered and what it was then, what"
            + " the other nodes were, which faults were in force.")
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPORT", description = "A report.json (or its folder).")
  Path input;

  @Option(
      names = "--violation",
      paramLabel = "K",
      defaultValue = "1",
      description = "Which violation to tell in full, 1..N (default: ${DEFAULT-VALUE}).")
  int violation;

  @Override
  public Integer call() {
    Path file = ReportFiles.file(input);
    RunReport report = ReportFiles.read(file);
    String text;
    try {
      text = Narrative.explain(report, violation);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    spec.commandLine().getOut().print(text);
    return 0;
  }
}
