package dev.tradeoff.reports;

import dev.tradeoff.core.check.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What the runs of one parameter point add up to, computed from a {@link SweepReport}'s items alone
 * (so a merged sweep recomputes exactly what one process computed): verdict counts, per operation
 * kind the histogram merged across seeds (lossless {@code Histogram.add}) and the spread of
 * per-seed p99 and throughput, violations per checker, outcomes per expectation.
 *
 * @param index the point's index in the sweep
 * @param values the parameters' values at this point
 * @param runs how many runs (seeds) the report holds for this point
 * @param valid runs whose verdict was valid
 * @param invalid runs whose verdict was invalid
 * @param unknown runs whose verdict was unknown
 * @param operations per operation kind, in name order
 * @param violations total violations per checker, in scenario order
 * @param expectations per expectation text, in scenario order: {held, violated, unknown} run counts
 * @param costPerHour the mean of its runs' price per hour; NaN when any run has no price
 */
public record SweepPoint(
    int index,
    List<String> values,
    int runs,
    int valid,
    int invalid,
    int unknown,
    List<Kind> operations,
    Map<String, Long> violations,
    Map<String, int[]> expectations,
    double costPerHour) {

  /**
   * One operation kind at a point.
   *
   * @param kind the kind
   * @param count operations invoked, summed over seeds
   * @param ok completed OK, summed
   * @param fail failed, summed
   * @param info unknown outcome, summed
   * @param latencyNanos every seed's OK latencies in one histogram
   * @param p99Nanos per-seed p99 (seeds with OK completions only): {min, median, max}, NaN if none
   * @param throughputPerSec per-seed throughput: {min, median, max}
   * @param allLatencyNanos every seed's latencies of all operations (failed and timed-out ones
   *     included) in one histogram; empty when unknown
   * @param longestOkGapNanos the longest time without an OK completion on any seed; -1 when unknown
   */
  public record Kind(
      String kind,
      long count,
      long ok,
      long fail,
      long info,
      Histogram latencyNanos,
      double[] p99Nanos,
      double[] throughputPerSec,
      Histogram allLatencyNanos,
      long longestOkGapNanos) {}

  /** The points the report holds runs of, in index order. */
  public static List<SweepPoint> of(SweepReport report) {
    Map<Integer, List<SweepItem>> byPoint = new TreeMap<>();
    for (SweepItem item : report.items()) {
      byPoint.computeIfAbsent(report.pointOf(item.index()), p -> new ArrayList<>()).add(item);
    }
    List<SweepPoint> points = new ArrayList<>();
    for (Map.Entry<Integer, List<SweepItem>> e : byPoint.entrySet()) {
      points.add(point(e.getKey(), report.pointValues(e.getKey()), e.getValue()));
    }
    return points;
  }

  private static SweepPoint point(int index, List<String> values, List<SweepItem> items) {
    int[] verdicts = new int[3];
    Map<String, List<SweepOp>> kinds = new TreeMap<>();
    Map<String, Long> violations = new LinkedHashMap<>();
    Map<String, int[]> expectations = new LinkedHashMap<>();
    double cost = 0;
    for (SweepItem item : items) {
      cost += item.costPerHour() / items.size(); // NaN from any run without a price stays NaN
      verdicts[item.verdict().ordinal()]++;
      for (SweepOp op : item.operations()) {
        kinds.computeIfAbsent(op.kind(), k -> new ArrayList<>()).add(op);
      }
      for (SweepCheck c : item.checks()) {
        violations.merge(c.name(), c.violations(), Long::sum);
      }
      for (ExpectationResult x : item.expectations()) {
        int slot =
            switch (x.outcome()) {
              case VALID -> 0;
              case INVALID -> 1;
              case UNKNOWN -> 2;
            };
        expectations.computeIfAbsent(x.text(), t -> new int[3])[slot]++;
      }
    }
    List<Kind> ops = new ArrayList<>();
    for (Map.Entry<String, List<SweepOp>> e : kinds.entrySet()) {
      ops.add(kind(e.getKey(), e.getValue()));
    }
    return new SweepPoint(
        index,
        List.copyOf(values),
        items.size(),
        verdicts[Verdict.VALID.ordinal()],
        verdicts[Verdict.INVALID.ordinal()],
        verdicts[Verdict.UNKNOWN.ordinal()],
        List.copyOf(ops),
        violations,
        expectations,
        cost);
  }

  private static Kind kind(String kind, List<SweepOp> ops) {
    Histogram merged = new Histogram(3);
    Histogram all = new Histogram(3);
    long gap = -1;
    long count = 0;
    long ok = 0;
    long fail = 0;
    long info = 0;
    List<Double> p99 = new ArrayList<>();
    List<Double> throughput = new ArrayList<>();
    for (SweepOp op : ops) {
      Histogram h = op.latencyNanos();
      merged.add(h);
      all.add(op.allLatencyNanos());
      gap = Math.max(gap, op.longestOkGapNanos());
      count += op.count();
      ok += op.ok();
      fail += op.fail();
      info += op.info();
      if (h.getTotalCount() > 0) {
        p99.add((double) h.getValueAtPercentile(99));
      }
      throughput.add(op.throughputPerSec());
    }
    return new Kind(kind, count, ok, fail, info, merged, spread(p99), spread(throughput), all, gap);
  }

  /** {min, median, max}; the median of an even count is the mean of the middle two. */
  static double[] spread(List<Double> values) {
    if (values.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int n = v.length;
    double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return new double[] {v[0], median, v[n - 1]};
  }

  /** {@code path=value, …} for this point, e.g. {@code workload.clients=8}. */
  public String label(List<SweepParam> params) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      parts.add(params.get(i).path() + "=" + values.get(i));
    }
    return parts.isEmpty() ? "(base)" : String.join(", ", parts);
  }
}
