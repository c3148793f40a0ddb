package dev.tradeoff.faults;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link Property#check()} did, success included: its outcome, the tries and base seed,
 * the wall time of each try and of shrinking, and the coverage with its labels.
 *
 * <p>Wall times are measurement only: the harness reads the clock around each try and around
 * shrinking, and nothing it decides (cases, verdicts, shrinking, messages) ever depends on them; so
 * every field but the times is deterministic.
 *
 * @param property the property's name
 * @param outcome {@code passed}, or what failed, e.g. {@code failed at try 7 of 50 (seed 1006)}
 * @param passed whether the property passed
 * @param tries how many tries the property was to run
 * @param baseSeed the base seed: try {@code i} (from 0) has seed {@code baseSeed + i}
 * @param tryNanos the wall time of each try that ran, in order
 * @param shrinkRuns how many runs shrinking took; 0 if nothing was shrunk
 * @param shrinkNanos the wall time of shrinking (and of judging every invariant on the failing and
 *     the minimal case); 0 if nothing was shrunk
 * @param coverage fault kinds and labels over the tries that ran
 * @param threads how many threads the tries ran on
 * @param triesWallNanos the wall time from the first try's start to the last one's end; below
 *     {@link #totalTryNanos()} when tries ran on several threads at once
 */
public record Summary(
    String property,
    String outcome,
    boolean passed,
    int tries,
    long baseSeed,
    List<Long> tryNanos,
    int shrinkRuns,
    long shrinkNanos,
    Coverage coverage,
    int threads,
    long triesWallNanos) {
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;

  /** Copies the times. */
  public Summary {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(outcome, "outcome");
    tryNanos = List.copyOf(tryNanos);
    Objects.requireNonNull(coverage, "coverage");
  }

  /** The wall time of every try together. */
  public long totalTryNanos() {
    long total = 0;
    for (long nanos : tryNanos) {
      total += nanos;
    }
    return total;
  }

  /**
   * Three lines, e.g. {@code property "p": passed, 50 of 50 tries, base seed 1000 (one case alone:
   * -Dtradeoff.seed=<seed> -Dtradeoff.tries=1)}, then the wall times (all tries, per try min,
   * median and max; shrinking), then the coverage and labels.
   */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("property \"")
        .append(property)
        .append("\": ")
        .append(outcome)
        .append(", ")
        .append(tryNanos.size())
        .append(" of ")
        .append(tries)
        .append(" tries, base seed ")
        .append(baseSeed)
        .append(" (one case alone: -D")
        .append(Property.SEED_PROPERTY)
        .append("=<seed> -D")
        .append(Property.TRIES_PROPERTY)
        .append("=1)\n  wall time: tries ")
        .append(wall(totalTryNanos()))
        .append(
            threads <= 1 ? "" : " of work on " + threads + " threads in " + wall(triesWallNanos));
    if (!tryNanos.isEmpty()) {
      long[] sorted = tryNanos.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sorted);
      out.append(" (per try: min ")
          .append(wall(sorted[0]))
          .append(", median ")
          .append(wall(sorted[sorted.length / 2]))
          .append(", max ")
          .append(wall(sorted[sorted.length - 1]))
          .append(')');
    }
    out.append("; shrinking ")
        .append(shrinkRuns == 0 ? "none" : shrinkRuns + " runs in " + wall(shrinkNanos))
        .append("\n  ")
        .append(coverage);
    return out.toString();
  }

  /** A wall time to 0.1 ms (1 us below a millisecond): finer digits are noise. */
  private static String wall(long nanos) {
    long step = nanos >= MS ? 100 * US : US;
    return Text.duration(nanos / step * step);
  }
}
