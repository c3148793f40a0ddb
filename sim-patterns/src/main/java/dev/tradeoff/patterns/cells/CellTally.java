package dev.tradeoff.patterns.cells;

/**
 * What the routers saw of each cell, as the cells' monitoring would: requests sent to it and
 * answers OK received from it, counted cumulatively (the rollout controller and the series take
 * differences). Cross-cell reads count for the cell they touched.
 */
final class CellTally {
  private final long[] sent;
  private final long[] ok;

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
}
