package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.json.Json.Obj;
import java.util.List;
import java.util.Objects;

/**
 * Everything a report shows about one run, gathered after the run ends. It holds no wall-clock
 * field, so two runs of the same scenario and seed give equal reports and byte-identical files.
 *
 * @param toolVersion the tradeoff version that ran it
 * @param scenarioName the scenario's name, e.g. {@code replication/read-replica-lag}
 * @param description one line on what the scenario is
 * @param observe what a reader should look for in the report
 * @param scenario the effective scenario (after defaults and overrides), as the scenario reader
 *     parsed it: it travels parsed and is written, never parsed again
 * @param seed the run's seed
 * @param durationNanos simulated time the run covered
 * @param traceHash the kernel's trace hash (see {@code Simulation.traceHash()})
 * @param verdict {@link Verdict#VALID} when every expectation held, {@link Verdict#INVALID} when
 *     one was violated, {@link Verdict#UNKNOWN} when one could not be decided (and none was
 *     violated)
 * @param expectations each expectation with its outcome, in scenario order
 * @param operations per operation kind, in name order
 * @param checks each checker's result, in scenario order
 * @param series interval data for the charts, in the order to draw them
 * @param faults the fault windows, by start time
 * @param replayCommand the command line that re-runs exactly this run
 * @param story what happened, to whom: role timeline, placed witnesses, space-time diagram
 */
public record RunReport(
    String toolVersion,
    String scenarioName,
    String description,
    String observe,
    Obj scenario,
    long seed,
    long durationNanos,
    long traceHash,
    Verdict verdict,
    List<ExpectationResult> expectations,
    List<OperationStats> operations,
    List<CheckResult> checks,
    List<TimeSeries> series,
    List<FaultSpan> faults,
    String replayCommand,
    Story story) {

  /** Copies the lists and rejects nulls. */
  public RunReport {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(scenarioName, "scenarioName");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(observe, "observe");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(replayCommand, "replayCommand");
    expectations = List.copyOf(expectations);
    operations = List.copyOf(operations);
    checks = List.copyOf(checks);
    series = List.copyOf(series);
    faults = List.copyOf(faults);
    Objects.requireNonNull(story, "story");
  }

  /** A report with nothing to tell beyond its figures ({@link Story#EMPTY}). */
  public RunReport(
      String toolVersion,
      String scenarioName,
      String description,
      String observe,
      Obj scenario,
      long seed,
      long durationNanos,
      long traceHash,
      Verdict verdict,
      List<ExpectationResult> expectations,
      List<OperationStats> operations,
      List<CheckResult> checks,
      List<TimeSeries> series,
      List<FaultSpan> faults,
      String replayCommand) {
    this(
        toolVersion,
        scenarioName,
        description,
        observe,
        scenario,
        seed,
        durationNanos,
        traceHash,
        verdict,
        expectations,
        operations,
        checks,
        series,
        faults,
        replayCommand,
        Story.EMPTY);
  }

  /** This report with {@code newStory}. */
  public RunReport withStory(Story newStory) {
    return new RunReport(
        toolVersion,
        scenarioName,
        description,
        observe,
        scenario,
        seed,
        durationNanos,
        traceHash,
        verdict,
        expectations,
        operations,
        checks,
        series,
        faults,
        replayCommand,
        newStory);
  }
}
