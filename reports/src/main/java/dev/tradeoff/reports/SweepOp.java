package dev.tradeoff.reports;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One operation kind in one run of a sweep: counts, throughput and the latency histogram, encoded
 * losslessly so shards written on different machines merge into exactly the histogram one machine
 * would have built.
 *
 * <p>Contract: {@code throughputPerSec} is kept at the six significant digits {@code sweep.json}
 * writes, so a value read back from the file equals the value that was written, and aggregates
 * computed after a merge equal those computed in one process. {@code histogram} is encoded by
 * {@link HistogramCodec}: HdrHistogram's uncompressed V2 encoding in base64, a function of the
 * counts alone.
 *
 * @param kind the operation kind, e.g. {@code read}
 * @param count operations invoked
 * @param ok completed OK
 * @param fail completed with a definite failure
 * @param info ended with an unknown outcome
 * @param throughputPerSec OK completions per simulated second, rounded to six significant digits
 * @param histogram the latency of OK completions in nanoseconds, encoded as above
 * @param allHistogram the latency of every operation, failed and timed-out ones included (see
 *     {@link OperationStats#allLatencyNanos}), encoded as above; empty when unknown
 * @param longestOkGapNanos see {@link OperationStats#longestOkGapNanos}; -1 when unknown
 */
public record SweepOp(
    String kind,
    long count,
    long ok,
    long fail,
    long info,
    double throughputPerSec,
    String histogram,
    String allHistogram,
    long longestOkGapNanos) {

  /** Rejects nulls and rounds the throughput. */
  public SweepOp {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(histogram, "histogram");
    Objects.requireNonNull(allHistogram, "allHistogram");
    String rounded = Numbers.sig6(throughputPerSec);
    throughputPerSec = rounded == null ? Double.NaN : Double.parseDouble(rounded);
  }

  /** An operation kind without the all-operations latency and the longest gap (unknown). */
  public SweepOp(
      String kind, long count, long ok, long fail, long info, double throughputPerSec, String h) {
    this(kind, count, ok, fail, info, throughputPerSec, h, "", -1);
  }

  /** A fresh copy of the all-operations latency histogram; empty when unknown. */
  public Histogram allLatencyNanos() {
    return allHistogram.isEmpty() ? new Histogram(3) : HistogramCodec.decode(allHistogram, kind);
  }

  /** The kind's stats from a run, with its histogram encoded. */
  public static SweepOp of(OperationStats op) {
    return new SweepOp(
        op.kind(),
        op.count(),
        op.ok(),
        op.fail(),
        op.info(),
        op.throughputPerSec(),
        encode(op.latencyNanos()),
        op.hasAllLatency() ? encode(op.allLatencyNanos()) : "",
        op.longestOkGapNanos());
  }

  /** A fresh copy of the latency histogram, in nanoseconds. */
  public Histogram latencyNanos() {
    return HistogramCodec.decode(histogram, kind);
  }

  /** {@code latencyNanos} in the encoding {@link #histogram} holds ({@link HistogramCodec}). */
  public static String encode(Histogram latencyNanos) {
    return HistogramCodec.encode(latencyNanos);
  }
}
