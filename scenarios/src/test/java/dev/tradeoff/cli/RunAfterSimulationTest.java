package dev.tradeoff.cli;

import static dev.tradeoff.cli.Folders.files;
import static dev.tradeoff.cli.TradeoffCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.cli.TradeoffCliTest.Outcome;
import dev.tradeoff.core.kernel.TraceRecorder;
import dev.tradeoff.reports.ReportFolder;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.scenarios.Scenario;
import dev.tradeoff.scenarios.ScenarioRunner;
import dev.tradeoff.scenarios.Stories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code tradeoff run} checks the history with several checkers at once and writes {@code
 * history.jsonl} beside the report's files once the simulation is over; the folder and what it
 * prints are byte for byte those of the same run done on one thread, one step after another. The
 * scenarios cover the history's checkers only, the store's own checkers beside them, violations
 * (whose report draws a diagram from a second run) and a trace's extra files.
 */
class RunAfterSimulationTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
    "basics/single-node, 3s, ''",
    "basics/single-node, 2s, 1s..1.01s",
    "saga/choreography, 6s, ''",
    "replication/split-brain-no-fencing, 6s, ''",
    "cache/cache-aside-stale-race, 4s, ''",
  })
  void theFolderIsTheOneWrittenOnOneThread(String name, String duration, String trace)
      throws IOException {
    List<String> overrides = List.of("duration=" + duration, "seed=1");
    Path alone = tmp.resolve("one-thread");
    String summary = oneThread(name, overrides, trace.isEmpty() ? null : trace, alone);

    Path folder = tmp.resolve("run");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run", name, "--duration", duration, "--seed", "1", "--out", folder.toString()));
    if (!trace.isEmpty()) {
      args.addAll(List.of("--trace", trace));
    }
    Outcome run = cli(args.toArray(new String[0]));
    assertTrue(run.code() <= 2, run.describe());
    assertEquals(summary + "report: " + folder.resolve("index.html") + "\n", run.out());
    assertSameFolder(alone, folder);
    assertEquals(!trace.isEmpty(), Files.exists(folder.resolve("trace.jsonl")));
  }

  /** The run as it was done before: every step on this thread, in turn. */
  private static String oneThread(String name, List<String> overrides, String trace, Path dir)
      throws IOException {
    Scenario scenario = ScenarioArgs.read(name, overrides);
    String replay = RunCommand.replayCommand(name, scenario, overrides);
    TraceRecorder recorder = trace == null ? null : RunCommand.recorder(trace);
    ScenarioRunner.Run run = ScenarioRunner.run(scenario, replay, TradeoffCli.version(), recorder);
    RunReport report = Stories.withDiagram(scenario, replay, run.report());
    ReportFolder.writeStreamed(dir, report, RunCommand.extraFiles(run, recorder), false);
    return ReportFolder.summary(report);
  }

  private static void assertSameFolder(Path expected, Path actual) throws IOException {
    assertTrue(files(expected).contains("history.jsonl"), files(expected).toString());
    Folders.assertSameFolder(expected, actual);
  }
}
