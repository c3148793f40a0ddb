package dev.tradeoff.patterns.quorum;

import dev.tradeoff.core.random.RandomStreams;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The WARS model computed directly, as the PBS paper's own Monte-Carlo simulator does (no messages,
 * no event queue): per trial, N independent (W, A, R, S) draws; the write commits at the W-th
 * smallest W+A; a read issued t later returns from the R replicas with the smallest R+S and is
 * consistent if one of them had the write when the read arrived (W_i ≤ commit + t + R_i). The
 * independent reference the simulated store is checked against.
 */
final class WarsReference {
  private WarsReference() {}

  /** P(consistent) at each delay, from {@code trials} trials each drawing fresh delays. */
  static double[] consistency(
      QuorumWars wars, int n, int r, int w, long[] delaysNanos, int trials, long seed) {
    UniformRandomProvider rng = new RandomStreams(seed).fork("wars-reference");
    ContinuousSampler sw = wars.writeNanos().sampler(rng);
    ContinuousSampler sa = wars.ackNanos().sampler(rng);
    ContinuousSampler sr = wars.readNanos().sampler(rng);
    ContinuousSampler ss = wars.responseNanos().sampler(rng);
    long[] consistent = new long[delaysNanos.length];
    double[] ws = new double[n];
    double[] wa = new double[n];
    double[] rs = new double[n];
    double[] rss = new double[n];
    Integer[] order = new Integer[n];
    for (int trial = 0; trial < trials; trial++) {
      for (int i = 0; i < n; i++) {
        ws[i] = sw.sample();
        wa[i] = ws[i] + sa.sample();
      }
      double[] sortedAcks = wa.clone();
      Arrays.sort(sortedAcks);
      double commit = sortedAcks[w - 1];
      for (int d = 0; d < delaysNanos.length; d++) {
        for (int i = 0; i < n; i++) {
          rs[i] = sr.sample();
          rss[i] = rs[i] + ss.sample();
          order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(rss[a], rss[b]));
        for (int k = 0; k < r; k++) {
          int i = order[k];
          if (ws[i] <= commit + delaysNanos[d] + rs[i]) {
            consistent[d]++;
            break;
          }
        }
      }
    }
    double[] p = new double[delaysNanos.length];
    for (int d = 0; d < p.length; d++) {
      p[d] = (double) consistent[d] / trials;
    }
    return p;
  }
}
