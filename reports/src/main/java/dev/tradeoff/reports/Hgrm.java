package dev.tradeoff.reports;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/**
 * Writes {@code latency-<kind>.hgrm} files: HdrHistogram's own percentile distribution text, five
 * ticks per half distance, values scaled from nanoseconds to milliseconds, so HdrHistogram's
 * plotter (and every tool that reads {@code .hgrm}) can read them.
 */
public final class Hgrm {
  /** Nanoseconds per millisecond: the output value unit scaling ratio. */
  static final double NANOS_PER_MS = 1e6;

  private Hgrm() {}

  /** The percentile distribution of {@code latencyNanos}, in milliseconds. */
  public static String render(Histogram latencyNanos) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
      // HdrHistogram formats with Locale.US itself, so the text does not follow the default locale.
      latencyNanos.outputPercentileDistribution(out, 5, NANOS_PER_MS);
    }
    // PrintStream.println would follow line.separator; the file's line ends must not.
    return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  /** The file name for an operation kind, e.g. {@code latency-read.hgrm}. */
  public static String fileName(String stem) {
    return "latency-" + stem + ".hgrm";
  }
}
