package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One run of a sweep: a parameter point and a seed, and what the run measured. Holds only what
 * {@code sweep.json} keeps, so an item read back from the file equals the item that was written.
 *
 * @param index the item's place in the whole sweep: {@code point * seeds + seed position}
 * @param seed the run's seed
 * @param verdict the run's verdict
 * @param traceHash the kernel's trace hash of the run
 * @param operations per operation kind, in name order
 * @param checks each checker's verdict, in scenario order
 * @param expectations each expectation's outcome, in scenario order
 * @param costPerHour the scenario's {@code pricePerNodeHour} times the run's system nodes (as
 *     {@code compare}'s cost row counts them); NaN when the scenario gives no price
 */
public record SweepItem(
    int index,
    long seed,
    Verdict verdict,
    long traceHash,
    List<SweepOp> operations,
    List<SweepCheck> checks,
    List<ExpectationResult> expectations,
    double costPerHour) {

  /** An item of a run without a price: its {@code costPerHour} is NaN. */
  public SweepItem(
      int index,
      long seed,
      Verdict verdict,
      long traceHash,
      List<SweepOp> operations,
      List<SweepCheck> checks,
      List<ExpectationResult> expectations) {
    this(index, seed, verdict, traceHash, operations, checks, expectations, Double.NaN);
  }

  /** Copies the lists and rejects nulls. */
  public SweepItem {
    Objects.requireNonNull(verdict, "verdict");
    operations = List.copyOf(operations);
    checks = List.copyOf(checks);
    expectations = List.copyOf(expectations);
  }

  /** The item for run {@code index} of a sweep, from that run's report. */
  public static SweepItem of(int index, RunReport report) {
    List<SweepOp> ops = new ArrayList<>();
    for (OperationStats op : report.operations()) {
      ops.add(SweepOp.of(op));
    }
    List<SweepCheck> checks = new ArrayList<>();
    for (CheckResult c : report.checks()) {
      checks.add(new SweepCheck(c.checker(), c.verdict(), c.violations()));
    }
    return new SweepItem(
        index,
        report.seed(),
        report.verdict(),
        report.traceHash(),
        ops,
        checks,
        report.expectations(),
        Comparison.costPerHour(report));
  }
}
