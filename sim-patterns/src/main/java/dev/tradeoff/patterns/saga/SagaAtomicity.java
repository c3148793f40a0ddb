package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.List;
import java.util.NavigableMap;

/**
 * {@code atomicity} for sagas — all or compensated: at the end, each saga started at least the
 * stuck bound before it has every step applied exactly once (it completed) or none standing (every
 * step it did was undone), as the services' rows hold them. Steps before the pivot that have no
 * compensation are left out: nothing can undo them. A saga left half done (forgotten by an
 * orchestrator without a durable log), or with a step applied twice (a retry without idempotency
 * keys), is a violation, its witness naming each step's standing applications. The saga's
 * counterpart of two-phase commit's {@link Atomicity}, under the same name so one scenario judges
 * either pattern.
 */
final class SagaAtomicity implements Checker {
  private final List<Step> steps;
  private final List<NavigableMap<Long, Books.Row>> rows;
  private final Ledger ledger;
  private final long cutoffNanos;

  /**
   * Judges the sagas in {@code ledger} started by {@code cutoffNanos} against {@code rows}, each
   * step's rows by saga.
   */
  SagaAtomicity(
      List<Step> steps, List<NavigableMap<Long, Books.Row>> rows, Ledger ledger, long cutoffNanos) {
    this.steps = steps;
    this.rows = rows;
    this.ledger = ledger;
    this.cutoffNanos = cutoffNanos;
  }

  @Override
  public String name() {
    return "atomicity";
  }

  @Override
  public CheckResult check(History history) {
    Findings f = new Findings(name());
    long judged = 0;
    int pivot = pivot();
    for (Ledger.Trace t : ledger.sagas().values()) {
      if (t.startNanos > cutoffNanos) {
        continue;
      }
      judged++;
      boolean all = true;
      boolean none = true;
      for (int i = 0; i < steps.size(); i++) {
        int net = net(i, t.saga);
        all &= net == 1;
        if (steps.get(i).compensatable() || i >= pivot) {
          none &= net == 0;
        }
      }
      if (!all && !none) {
        f.add("saga " + t.saga + ": " + standing(t.saga));
      }
    }
    return f.result(judged + " sagas judged");
  }

  private int pivot() {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).pivot()) {
        return i;
      }
    }
    return 0; // no pivot: every step must be undone
  }

  private int net(int step, long saga) {
    Books.Row r = rows.get(step).get(saga);
    return r == null ? 0 : r.net();
  }

  private String standing(long saga) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(steps.get(i).name()).append(" ×").append(net(i, saga));
    }
    return b.append(" standing").toString();
  }
}
