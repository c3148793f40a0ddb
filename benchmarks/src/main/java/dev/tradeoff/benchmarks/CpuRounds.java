package dev.tradeoff.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** How {@link PholdCpu} and {@link Mm1Cpu} print their measured rounds. */
final class CpuRounds {
  private CpuRounds() {}

  /**
   * The rounds in the order they ran and their median, e.g. {@code "101.2 99.8 100.4 ns/event of
   * thread CPU; median 100.4"} for unit {@code "event"}.
   */
  static String describe(double[] nanosPerUnit, String unit) {
    double[] sorted = nanosPerUnit.clone();
    Arrays.sort(sorted);
    StringBuilder line = new StringBuilder();
    for (double v : nanosPerUnit) {
      line.append(String.format(Locale.ROOT, "%.1f ", v));
    }
    return String.format(
        Locale.ROOT, "%sns/%s of thread CPU; median %.1f", line, unit, sorted[sorted.length / 2]);
  }
}
