package dev.tradeoff.patterns.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reproduces Bailis et al., "Probabilistically Bounded Staleness for Practical Partial Quorums"
 * (VLDB 2012), Table 4 and section 5.6: for N = 3 and every (R, W), the leaderless store run under
 * each WARS fit must give the published p99.9 read and write latencies and the delay t after which
 * 99.9% of reads are consistent, within the tolerances derived in {@code docs/pbs-reproduction.md}
 * — and must match the WARS model computed directly (no simulator) at every delay of the grid.
 */
class QuorumPbsReproductionTest {
  static final long MS = 1_000_000L;
  static final double TARGET = 0.999;

  /** z for two-sided 99.9% intervals: the chance that any one check fails by noise is 1e-3. */
  static final double Z = 3.29;

  /** The paper's own Monte-Carlo error on a latency percentile, beyond ours (see the doc). */
  static final double PAPER_LATENCY_SLACK = 0.05;

  /**
   * How far below our interval the paper's t may lie. Its estimator (first grid t at which the
   * Monte-Carlo estimate of P reaches 99.9%) is biased early, but every published t already lies
   * inside our interval, so no slack is granted (see the doc).
   */
  static final double PAPER_T_EARLY_SLACK = 0.0;

  /** One row of the paper's Table 4 (N = 3): p99.9 latencies and t for 99.9% consistent reads. */
  record Published(QuorumWars fit, int r, int w, double readMs, double writeMs, double tMs) {}

  static final List<Published> TABLE =
      List.of(
          new Published(QuorumWars.LNKD_SSD, 1, 1, 0.66, 0.66, 1.85),
          new Published(QuorumWars.LNKD_SSD, 1, 2, 0.66, 1.63, 1.79),
          new Published(QuorumWars.LNKD_SSD, 2, 1, 1.63, 0.65, 0),
          new Published(QuorumWars.LNKD_SSD, 2, 2, 1.62, 1.64, 0),
          new Published(QuorumWars.LNKD_SSD, 3, 1, 4.14, 0.65, 0),
          new Published(QuorumWars.LNKD_SSD, 1, 3, 0.65, 4.09, 0),
          new Published(QuorumWars.LNKD_DISK, 1, 1, 0.66, 10.99, 45.5),
          new Published(QuorumWars.LNKD_DISK, 1, 2, 0.65, 20.97, 43.3),
          new Published(QuorumWars.LNKD_DISK, 2, 1, 1.63, 10.9, 13.6),
          new Published(QuorumWars.LNKD_DISK, 2, 2, 1.64, 20.96, 0),
          new Published(QuorumWars.LNKD_DISK, 3, 1, 4.12, 10.89, 0),
          new Published(QuorumWars.LNKD_DISK, 1, 3, 0.65, 112.65, 0),
          new Published(QuorumWars.YMMR, 1, 1, 5.58, 10.83, 1364),
          new Published(QuorumWars.YMMR, 1, 2, 5.61, 427.12, 1352),
          new Published(QuorumWars.YMMR, 2, 1, 32.6, 10.73, 202),
          new Published(QuorumWars.YMMR, 2, 2, 33.18, 428.11, 0),
          new Published(QuorumWars.YMMR, 3, 1, 219.27, 10.79, 0),
          new Published(QuorumWars.YMMR, 1, 3, 5.63, 1870.86, 0));

  /**
   * Paper, section 5.6: "immediately after write commit, LNKD-DISK had only a 43.9% probability".
   */
  static final double DISK_R1W1_AT_ZERO = 0.439;

  static long[] ms(double... values) {
    return Arrays.stream(values).mapToLong(v -> Math.round(v * MS)).toArray();
  }

  static long[] grid(QuorumWars fit, boolean partial) {
    if (!partial) {
      return ms(0, 10); // strict quorums: consistent from the start; measured for latency
    }
    return switch (fit) {
      case LNKD_SSD -> ms(0, .25, .5, .75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 10);
      case LNKD_DISK ->
          ms(0, 2.5, 5, 7.5, 10, 12.5, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 85, 100, 125, 150);
      default ->
          ms(0, 10, 50, 100, 150, 200, 250, 300, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000);
    };
  }

  static int trials(boolean partial) {
    return partial ? 20_000 : 40_000;
  }

  private static final Map<Published, PbsHarness.Result> RUNS = new LinkedHashMap<>();

  static synchronized PbsHarness.Result run(Published p) {
    return RUNS.computeIfAbsent(
        p,
        k -> {
          boolean partial = p.r() + p.w() <= 3;
          return PbsHarness.run(
              Settings.defaults().withQuorum(3, p.r(), p.w()).withWars(p.fit()),
              1,
              50,
              trials(partial),
              grid(p.fit(), partial));
        });
  }

  @Test
  void simulatorMatchesTheWarsModelComputedDirectly() {
    List<String> failures = new ArrayList<>();
    int refTrials = 100_000;
    for (Published p : TABLE) {
      PbsHarness.Result sim = run(p);
      double[] ref =
          WarsReference.consistency(p.fit(), 3, p.r(), p.w(), sim.delaysNanos, refTrials, 7);
      for (int i = 0; i < ref.length; i++) {
        double pooled =
            (sim.consistent[i] + ref[i] * refTrials) / (double) (sim.reads[i] + refTrials);
        double sd = Math.sqrt(pooled * (1 - pooled) * (1.0 / sim.reads[i] + 1.0 / refTrials));
        // 4.5 sd: about 1e-5 false-alarm chance per point over ~150 points.
        if (Math.abs(sim.consistency(i) - ref[i]) > 4.5 * sd + 1e-12) {
          failures.add(
              String.format(
                  Locale.ROOT,
                  "%s R=%d W=%d t=%.2fms: simulated %.5f, model %.5f (sd %.5f)",
                  p.fit().word(),
                  p.r(),
                  p.w(),
                  sim.delaysNanos[i] / 1e6,
                  sim.consistency(i),
                  ref[i],
                  sd));
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void reproducesThePublishedTable() {
    List<String> failures = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    for (Published p : TABLE) {
      PbsHarness.Result sim = run(p);
      failures.addAll(compare(p, sim));
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.4f | %.5f | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) |%n",
              p.fit().word(),
              p.r(),
              p.w(),
              sim.consistencyAt(0),
              sim.consistencyAt(10 * MS),
              sim.delayForNanos(TARGET) / 1e6,
              p.tMs(),
              PbsHarness.Result.percentile(sim.readLatencies, TARGET) / 1e6,
              p.readMs(),
              PbsHarness.Result.percentile(sim.writeLatencies, TARGET) / 1e6,
              p.writeMs()));
    }
    System.out.print(table);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void diskReadsRightAfterCommitAreConsistentLessThanHalfTheTime() {
    PbsHarness.Result sim = run(TABLE.get(6));
    double p = sim.consistencyAt(0);
    double sd = Math.sqrt(p * (1 - p) / sim.reads[0]);
    // Our binomial error plus 1 point for the paper's (rounded, Monte-Carlo) figure.
    assertEquals(DISK_R1W1_AT_ZERO, p, Z * sd + 0.01);
  }

  @Test
  void theToleranceRejectsTheWrongModel() {
    // The SSD run judged against the disk row, and a strict quorum against a partial one's t: both
    // must fail, or the tolerances are too loose to mean anything.
    Published disk = TABLE.get(6);
    assertFalse(compare(disk, run(TABLE.get(0))).isEmpty());
    Published ymmrPartial = TABLE.get(14);
    Published ymmrStrictAsPartial =
        new Published(QuorumWars.YMMR, 3, 1, ymmrPartial.readMs(), 10.79, ymmrPartial.tMs());
    assertFalse(compare(ymmrStrictAsPartial, run(TABLE.get(16))).isEmpty());
  }

  /** Every way {@code sim} disagrees with the published row {@code p}, beyond tolerance. */
  static List<String> compare(Published p, PbsHarness.Result sim) {
    List<String> failures = new ArrayList<>();
    String row = p.fit().word() + " R=" + p.r() + " W=" + p.w() + ": ";
    checkPercentile(row + "read p99.9", sim.readLatencies, p.readMs(), failures);
    checkPercentile(row + "write p99.9", sim.writeLatencies, p.writeMs(), failures);
    int n = (int) sim.reads[0];
    // The interval of t: where the estimated curve crosses 99.9% ± Z binomial sd.
    double sd = Math.sqrt(TARGET * (1 - TARGET) / n);
    double early = sim.delayForNanos(TARGET - Z * sd);
    double late = sim.delayForNanos(Math.min(1.0, TARGET + Z * sd));
    if (Double.isNaN(early) || Double.isNaN(late)) {
      // The curve never crossed the interval inside the grid: nothing was compared, which must
      // not pass as agreement.
      failures.add(
          row
              + "t for 99.9% consistent reads: the grid ends before the curve crosses "
              + (Double.isNaN(early) ? "the lower" : "the upper")
              + " bound; extend the grid");
      return failures;
    }
    double lowMs = early / 1e6 * (1 - PAPER_T_EARLY_SLACK);
    double highMs = late / 1e6;
    if (p.tMs() < lowMs - 1e-9 || p.tMs() > highMs + 1e-9) {
      failures.add(
          String.format(
              Locale.ROOT,
              "%st for 99.9%% consistent reads: published %.2f ms outside [%.2f, %.2f] ms",
              row,
              p.tMs(),
              lowMs,
              highMs));
    }
    return failures;
  }

  /**
   * The published p99.9 must lie in the distribution-free 99.9% confidence interval of our
   * percentile (order statistics: ranks n·q ± Z·sqrt(n·q·(1-q))), widened by the paper's slack.
   */
  static void checkPercentile(String what, LongArrayList values, double ms, List<String> out) {
    long[] sorted = values.toLongArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    double center = n * TARGET;
    double spread = Z * Math.sqrt(n * TARGET * (1 - TARGET));
    int lo = Math.max(0, (int) Math.floor(center - spread) - 1);
    int hi = Math.min(n - 1, (int) Math.ceil(center + spread) - 1);
    double lowMs = sorted[lo] / 1e6 * (1 - PAPER_LATENCY_SLACK);
    double highMs = sorted[hi] / 1e6 * (1 + PAPER_LATENCY_SLACK);
    if (ms < lowMs || ms > highMs) {
      out.add(
          String.format(
              Locale.ROOT,
              "%s: published %.2f ms outside [%.2f, %.2f] ms (%d samples)",
              what,
              ms,
              lowMs,
              highMs,
              n));
    }
  }
}
