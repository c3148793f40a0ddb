package dev.tradeoff.patterns.cells;

import dev.tradeoff.patterns.Latencies;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * What the routers saw of each cell, as the cells' monitoring would: requests sent to it and
 * answers OK received from it, counted cumulatively (the rollout controller and the series take
 * differences). Cross-cell reads count for the cell they touched. Also the latencies of the
 * operations answered OK since the series last took them, apart for those that crossed cells.
 */
final class CellTally {
  private final long[] sent;
  private final long[] ok;
  private final LongArrayList crossNanos = new LongArrayList();
  private final LongArrayList homeNanos = new LongArrayList();

  CellTally(int cells) {
    sent = new long[cells];
    ok = new long[cells];
  }

  void countSent(int cell) {
    sent[cell]++;
  }

  void countOk(int cell) {
    ok[cell]++;
  }

  /** Requests sent to {@code cell} so far. */
  long sent(int cell) {
    return sent[cell];
  }

  /** OK answers from {@code cell} so far. */
  long ok(int cell) {
    return ok[cell];
  }

  int cells() {
    return sent.length;
  }

  /** An operation answered OK {@code latencyNanos} after its client sent it. */
  void answeredOk(boolean crossed, long latencyNanos) {
    (crossed ? crossNanos : homeNanos).add(latencyNanos);
  }

  /**
   * The 99th percentile, in ms, of the latencies of operations answered OK since the last call that
   * {@code crossed} cells (or stayed home); NaN if none.
   */
  double p99MsSinceLastSample(boolean crossed) {
    return Latencies.p99AndClear(crossed ? crossNanos : homeNanos) / 1e6;
  }
}
