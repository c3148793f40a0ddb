package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import java.util.BitSet;

/**
 * God's view of what a {@link Service}'s outages cost its customers other than the poison pills
 * (the "others"): who is cut off (every instance of theirs down), and, from the run's history, who
 * saw a failed operation and what share of operations failed. A customer's operations are those
 * whose key modulo {@code tenants} is the customer; an operation failed if it did not end OK
 * ({@code fail} or {@code info}).
 *
 * <p>Cut-off is judged whenever it is asked (each metrics interval) and right after each poison
 * crash, so an outage of several instances that ends between two asks is missed.
 */
final class BlastRadius {
  private final Assignment assignment;
  private final int poisonTenants;
  private final Simulation sim;
  private final int[] ids;
  private final int others;
  // Customers ever cut off, and when first.
  private final BitSet everCutOff = new BitSet();
  private final long[] firstCutOffNanos;
  private int cutOffNow;
  // History scan: operations before `cursor` are counted, and those after it in `counted`.
  private final BitSet counted = new BitSet();
  private final BitSet failedCustomers = new BitSet();
  private int cursor;
  private long scannedAtNanos = -1;
  private long completed;
  private long failed;

  BlastRadius(Assignment assignment, int poisonTenants, Simulation sim, int[] ids) {
    this.assignment = assignment;
    this.poisonTenants = poisonTenants;
    this.sim = sim;
    this.ids = ids.clone();
    this.others = assignment.tenants() - poisonTenants;
    this.firstCutOffNanos = new long[assignment.tenants()];
  }

  /** Judges now who is cut off. */
  void judge() {
    boolean[] up = new boolean[ids.length];
    for (int i = 0; i < ids.length; i++) {
      up[i] = sim.isUp(ids[i]);
    }
    int cut = 0;
    for (int c = poisonTenants; c < assignment.tenants(); c++) {
      if (allDown(assignment.set(c), up)) {
        cut++;
        if (!everCutOff.get(c)) {
          everCutOff.set(c);
          firstCutOffNanos[c] = sim.nowNanos();
        }
      }
    }
    cutOffNow = cut;
  }

  private static boolean allDown(int[] set, boolean[] up) {
    for (int i : set) {
      if (up[i]) {
        return false;
      }
    }
    return true;
  }

  /** The share of the others cut off now. */
  double cutOffShare() {
    judge();
    return share(cutOffNow);
  }

  /** The share of the others who saw at least one failed operation so far. */
  double customersFailedShare() {
    scan();
    return share(failedCustomers.cardinality());
  }

  /** The others' operations completed so far. */
  long completed() {
    scan();
    return completed;
  }

  /** The others' operations completed so far that did not end OK. */
  long failed() {
    scan();
    return failed;
  }

  private double share(int customers) {
    return others == 0 ? 0 : (double) customers / others;
  }

  /** Counts the operations completed since the last scan (once per instant). */
  private void scan() {
    long now = sim.nowNanos();
    if (now == scannedAtNanos) {
      return;
    }
    scannedAtNanos = now;
    History h = sim.history();
    int size = h.size();
    for (int op = cursor; op < size; op++) {
      if (!counted.get(op) && h.completeNanos(op) != Long.MAX_VALUE) {
        counted.set(op);
        count(h, op);
      }
    }
    while (cursor < size && counted.get(cursor)) {
      counted.clear(cursor);
      cursor++;
    }
  }

  private void count(History h, int op) {
    int tenant = (int) Math.floorMod(h.key(op), (long) assignment.tenants());
    if (tenant < poisonTenants) {
      return;
    }
    completed++;
    if (h.status(op) != OpStatus.OK) {
      failed++;
      failedCustomers.set(tenant);
    }
  }

  /** The {@code cut-off} checker over what was judged in the run. */
  CutOff cutOffChecker() {
    judge();
    return new CutOff(assignment, poisonTenants, everCutOff, firstCutOffNanos);
  }
}
