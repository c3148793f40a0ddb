package dev.tradeoff.core.check;

import java.util.List;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;

/**
 * What {@link Staleness} measured on one history.
 *
 * @param result the verdict: valid if no read was stale, invalid with the stale reads as witnesses;
 *     it carries {@link #visibility} too ({@link CheckResult#visibility()})
 * @param reads OK reads whose observed version could be placed (the denominator of every rate)
 * @param staleReads reads that saw a version certainly older than a write acknowledged before they
 *     began
 * @param readsByVersionsBehind number of reads per versions-behind count (0 = fresh), ascending
 * @param timeBehindNanos per read, how long before it began its value was first superseded by an
 *     acknowledged write (0 when fresh); owned by this report, do not mutate
 * @param visibility t-visibility, one entry per requested delay, ascending
 */
public record StalenessReport(
    CheckResult result,
    long reads,
    long staleReads,
    SortedMap<Long, Long> readsByVersionsBehind,
    Histogram timeBehindNanos,
    List<Visibility> visibility) {

  /** Copies the collections so the report stays a value. */
  public StalenessReport {
    readsByVersionsBehind =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(readsByVersionsBehind));
    visibility = List.copyOf(visibility);
  }

  /** Stale reads over placeable reads; 0 when there were no reads. */
  public double staleReadRate() {
    return reads == 0 ? 0.0 : (double) staleReads / reads;
  }

  /**
   * t-visibility at one delay.
   *
   * @param delayNanos the delay t
   * @param reads reads that began at least t after some write to their key was acknowledged
   * @param visible those of them that saw the latest such write or a version not certainly older
   */
  public record Visibility(long delayNanos, long reads, long visible) {
    /** Checks {@code 0 <= visible <= reads} and {@code delayNanos >= 0}. */
    public Visibility {
      if (delayNanos < 0 || visible < 0 || visible > reads) {
        throw new IllegalArgumentException(
            "visibility at " + delayNanos + " ns: " + visible + " of " + reads + " reads");
      }
    }

    /** visible / reads; 1 when no read qualified (nothing was missed). */
    public double share() {
      return reads == 0 ? 1.0 : (double) visible / reads;
    }
  }
}
