package dev.tradeoff.reports;

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The operation tables of a run, a comparison and a sweep as CSV (RFC 4180, one header line, one
 * line per operation kind), so that every table tradeoff prints can be read by a spreadsheet or
 * pandas: {@code operations.csv}, {@code variants.csv} and {@code points.csv}.
 *
 * <p>Latencies are in milliseconds, of OK completions unless the column says {@code all} (every
 * operation, failed and timed-out ones included, empty when the report does not know them); an
 * undefined value (no OK completion) is an empty cell.
 */
public final class OperationsCsv {
  private static final String KIND_COLUMNS =
      "kind,count,ok,fail,info,availability,ok_per_s,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,"
          + "mean_ms,all_p99_ms";

  private OperationsCsv() {}

  /** A run's operations: one line per kind. */
  public static String run(RunReport r) {
    StringBuilder sb = new StringBuilder(KIND_COLUMNS).append('\n');
    for (OperationStats o : r.operations()) {
      kind(sb, o).append('\n');
    }
    return sb.toString();
  }

  /** A comparison's runs: one line per variant and kind, with the run's verdict and trace hash. */
  public static String variants(Comparison c) {
    StringBuilder sb = new StringBuilder("variant,verdict,trace_hash,").append(KIND_COLUMNS);
    sb.append('\n');
    for (int i = 0; i < c.runs().size(); i++) {
      RunReport r = c.runs().get(i);
      for (OperationStats o : r.operations()) {
        sb.append(DecisionTable.csvCell(c.labels().get(i)))
            .append(',')
            .append(r.verdict().name().toLowerCase(Locale.ROOT))
            .append(',')
            .append(Numbers.hex16(r.traceHash()))
            .append(',');
        kind(sb, o).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * A sweep's points: one line per point and kind, the parameters' values as columns named by their
   * paths, latencies over every seed merged, and the spread of per-seed p99 and throughput.
   */
  public static String points(SweepReport r, List<SweepPoint> points) {
    StringBuilder sb = new StringBuilder("point");
    for (SweepParam p : r.params()) {
      sb.append(',').append(DecisionTable.csvCell(p.path()));
    }
    sb.append(
        ",kind,runs,valid,invalid,unknown,count,ok,fail,info,ok_per_s_median,p50_ms,p99_ms,"
            + "p999_ms,p99_min_ms,p99_median_ms,p99_max_ms,all_p99_ms\n");
    for (SweepPoint p : points) {
      for (SweepPoint.Kind k : p.operations()) {
        sb.append(p.index());
        for (String v : p.values()) {
          sb.append(',').append(DecisionTable.csvCell(v));
        }
        sb.append(',').append(DecisionTable.csvCell(k.kind()));
        for (long n : new long[] {p.runs(), p.valid(), p.invalid(), p.unknown()}) {
          sb.append(',').append(n);
        }
        for (long n : new long[] {k.count(), k.ok(), k.fail(), k.info()}) {
          sb.append(',').append(n);
        }
        sb.append(',').append(number(k.throughputPerSec()[1]));
        for (double q : new double[] {50, 99, 99.9}) {
          sb.append(',').append(ms(k.latencyNanos(), q));
        }
        for (double v : k.p99Nanos()) {
          sb.append(',').append(number(v / 1e6));
        }
        sb.append(',').append(ms(k.allLatencyNanos(), 99)).append('\n');
      }
    }
    return sb.toString();
  }

  private static StringBuilder kind(StringBuilder sb, OperationStats o) {
    sb.append(DecisionTable.csvCell(o.kind()));
    for (long n : new long[] {o.count(), o.ok(), o.fail(), o.info()}) {
      sb.append(',').append(n);
    }
    sb.append(',').append(o.count() == 0 ? "" : number((double) o.ok() / o.count()));
    sb.append(',').append(number(o.throughputPerSec()));
    Histogram h = o.latencyNanos();
    for (double q : new double[] {50, 90, 99, 99.9, 100}) {
      sb.append(',').append(ms(h, q));
    }
    sb.append(',').append(h.getTotalCount() == 0 ? "" : number(h.getMean() / 1e6));
    return sb.append(',').append(ms(o.allLatencyNanos(), 99));
  }

  private static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? "" : number(h.getValueAtPercentile(percentile) / 1e6);
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Numbers.sig6(v) : "";
  }
}
