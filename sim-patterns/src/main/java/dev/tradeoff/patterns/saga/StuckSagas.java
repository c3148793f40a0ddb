package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.List;
import java.util.Locale;

/**
 * {@code no-stuck-sagas}: every saga started at least the bound before the end of the run ended,
 * completed or compensated. A scenario leaves a quiet period after its faults heal longer than the
 * bound, so a saga still open at the end is stuck, not slow; the witness names it, its last phase
 * and step. Fires when the orchestrator keeps its saga log in memory and crashes ({@code
 * durableLog} off).
 */
final class StuckSagas implements Checker {
  private final Ledger ledger;
  private final List<Step> steps;
  private final long endNanos;
  private final long boundNanos;

  /**
   * Judges the sagas in {@code ledger} at {@code endNanos}, excusing those younger than the bound.
   */
  StuckSagas(Ledger ledger, List<Step> steps, long endNanos, long boundNanos) {
    this.ledger = ledger;
    this.steps = steps;
    this.endNanos = endNanos;
    this.boundNanos = boundNanos;
  }

  @Override
  public String name() {
    return "no-stuck-sagas";
  }

  @Override
  public CheckResult check(History history) {
    Findings f = new Findings(name());
    long judged = 0;
    for (Ledger.Trace t : ledger.sagas().values()) {
      if (t.startNanos > endNanos - boundNanos) {
        continue;
      }
      judged++;
      if (!t.phase.ended()) {
        f.add(
            "saga "
                + t.saga
                + " (customer "
                + t.customer
                + ", product "
                + t.product
                + ") started at "
                + TimeText.of(t.startNanos)
                + ", last step "
                + steps.get(t.step).name()
                + " ("
                + t.phase.name().toLowerCase(Locale.ROOT)
                + "), still open at the end ("
                + TimeText.of(endNanos)
                + ")");
      }
    }
    return f.result(
        judged + " sagas started before " + TimeText.of(endNanos - boundNanos) + " judged");
  }
}
