package dev.tradeoff.cli;

import dev.tradeoff.core.json.Json;
import dev.tradeoff.core.json.JsonException;
import dev.tradeoff.reports.ReportJson;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.scenarios.Scenario;
import dev.tradeoff.scenarios.ScenarioException;
import dev.tradeoff.scenarios.ScenarioReader;
import dev.tradeoff.scenarios.ScenarioRunner;
import dev.tradeoff.scenarios.Stories;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tradeoff replay DIR/report.json}: re-runs the run a report describes, from the effective
 * scenario it embeds, and confirms that the trace hash matches.
 */
@Command(
    name = "replay",
    header = "Re-run the run a report.json describes and confirm its trace hash.",
    mixinStandardHelpOptions = true,
    description =
        "Re-run exactly the run a report.json describes (its embedded scenario and seed) and"
            + " confirm that every field of the report matches the replay (the trace hash, over the"
            + " events, every operation's outcome and the configuration; verdicts; figures; seed;"
            + " tool version); exit 70 naming the first field that differs, else the run's"
            + " verdict (0, 1 or 2).")
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPORT", description = "A report.json (or its folder).")
  Path report;

  @Override
  public Integer call() {
    Path file = ReportFiles.file(report);
    String text = TextFiles.read(file);
    Scenario scenario;
    try {
      Json.Cursor root = Json.parse(text);
      root.field("traceHash").string();
      Json.Cursor embedded = root.field("scenario");
      scenario =
          ScenarioReader.read(file + "#scenario", Json.writePretty(embedded.value()), List.of());
    } catch (JsonException e) {
      throw new BadInputException(e.inFile(file.toString()));
    } catch (ScenarioException e) {
      throw new BadInputException(e.getMessage());
    }
    String replay = "./tradeoff replay " + ScenarioArgs.shellWord(file.toString());
    RunReport again =
        Stories.withDiagram(
            scenario, replay, ScenarioRunner.run(scenario, replay, TradeoffCli.version()).report());
    String actual = String.format(Locale.ROOT, "%016x", again.traceHash());
    String difference =
        ReportDiff.first(Json.parse(text).value(), Json.parse(ReportJson.render(again)).value());
    if (difference != null) {
      spec.commandLine()
          .getErr()
          .println(
              "tradeoff: replay of "
                  + file
                  + " (seed "
                  + scenario.seed()
                  + ") differs from the report: "
                  + difference
                  + " (the report was edited, written by another tradeoff version, or a run is"
                  + " not deterministic)");
      return TradeoffCli.EXIT_INTERNAL;
    }
    spec.commandLine()
        .getOut()
        .println(
            "replayed "
                + scenario.name()
                + " seed "
                + scenario.seed()
                + ": every field of the report matches, trace hash "
                + actual
                + "; verdict "
                + again.verdict().name().toLowerCase(Locale.ROOT));
    return RunCommand.exitCode(again.verdict());
  }
}
