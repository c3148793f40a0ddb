package dev.tradeoff.patterns.cells;

import dev.tradeoff.core.Release;
import java.util.ArrayList;
import java.util.List;

/**
 * How a new release rolls out over the cells.
 *
 * @param strategy {@code none}, {@code all-at-once}, {@code cell-by-cell} or {@code canary}
 * @param release the new version
 * @param atNanos when the first cell gets it
 * @param stepNanos time between one cell's deploy and the next (cell-by-cell, canary)
 * @param canaryCell the cell a canary starts with
 * @param rollback whether the controller rolls back when the error rate crosses the threshold
 * @param threshold the error rate (share of requests not answered OK) that triggers a rollback
 * @param windowNanos the window the error rate is measured over
 * @param rollbackNanos how long the rollback takes once decided
 * @param target node names (after the cell's prefix) starting with this get the release
 */
record DeployPlan(
    String strategy,
    Release release,
    long atNanos,
    long stepNanos,
    int canaryCell,
    boolean rollback,
    double threshold,
    long windowNanos,
    long rollbackNanos,
    String target) {
  /** The strategies, the first meaning no deploy. */
  static final List<String> STRATEGIES = List.of("none", "all-at-once", "cell-by-cell", "canary");

  boolean deploys() {
    return !strategy.equals("none");
  }

  /** The cells in deploy order: the canary first, then the rest ascending. */
  List<Integer> order(int cells) {
    List<Integer> order = new ArrayList<>();
    int first = strategy.equals("canary") ? canaryCell : 0;
    order.add(first);
    for (int c = 0; c < cells; c++) {
      if (c != first) {
        order.add(c);
      }
    }
    return order;
  }

  /** When the {@code i}-th cell of {@link #order} gets the release. */
  long stepAtNanos(int i) {
    return strategy.equals("all-at-once") ? atNanos : atNanos + i * stepNanos;
  }
}
