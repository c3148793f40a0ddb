package dev.tradeoff.reports;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * Counts and latency of one kind of operation over a run.
 *
 * @param kind the operation kind, e.g. {@code read}
 * @param count operations invoked
 * @param ok completed OK
 * @param fail completed with a definite failure
 * @param info timed out or ended with an unknown outcome (including still pending at the end)
 * @param throughputPerSec OK completions per simulated second
 * @param latencyNanos latency of OK completions, in nanoseconds (not copied: do not modify)
 * @param allLatencyNanos latency of every operation, in nanoseconds: OK, failed, timed out, and
 *     those still pending when the run ended (counted up to its end) — what a user waited, success
 *     or not; empty when unknown (a report from before tradeoff kept it)
 * @param longestOkGapNanos the longest time without an OK completion of this kind, from the first
 *     counted instant to the end of issuing (so an outage that never ended counts to the end); -1
 *     when unknown
 */
public record OperationStats(
    String kind,
    long count,
    long ok,
    long fail,
    long info,
    double throughputPerSec,
    Histogram latencyNanos,
    Histogram allLatencyNanos,
    long longestOkGapNanos) {
  /** Rejects nulls and negative counts. */
  public OperationStats {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(latencyNanos, "latencyNanos");
    Objects.requireNonNull(allLatencyNanos, "allLatencyNanos");
    if (count < 0 || ok < 0 || fail < 0 || info < 0) {
      throw new IllegalArgumentException(kind + ": negative count");
    }
  }

  /** Stats without the all-operations latency and the longest gap (both unknown). */
  public OperationStats(
      String kind,
      long count,
      long ok,
      long fail,
      long info,
      double throughputPerSec,
      Histogram latencyNanos) {
    this(kind, count, ok, fail, info, throughputPerSec, latencyNanos, new Histogram(3), -1);
  }

  /** Whether the latency of every operation, failed ones included, is known. */
  public boolean hasAllLatency() {
    return allLatencyNanos.getTotalCount() > 0;
  }

  /** Whether any OK completion recorded a latency. */
  public boolean hasLatency() {
    return latencyNanos.getTotalCount() > 0;
  }

  /**
   * The latency at {@code percentile} (0 to 100) in nanoseconds, as HdrHistogram reports it: the
   * highest value equivalent to the recorded one at that rank; 0 when nothing was recorded.
   */
  public long latencyAtPercentileNanos(double percentile) {
    return latencyNanos.getValueAtPercentile(percentile);
  }
}
