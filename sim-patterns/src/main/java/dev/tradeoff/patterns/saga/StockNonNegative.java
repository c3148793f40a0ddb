package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.Collection;

/**
 * {@code stock-never-negative}: no product's stock went below zero at any moment of the run (the
 * lowest level each product reached, as the inventory service wrote it). Fires when reservations
 * are taken without checking stock ({@code stockCheck} off); the witness names the product, its
 * lowest level, when, and the saga whose reservation took it there.
 */
final class StockNonNegative implements Checker {
  private final Collection<Ledger.Low> lows;

  /** Judges the lowest levels {@code lows}. */
  StockNonNegative(Collection<Ledger.Low> lows) {
    this.lows = lows;
  }

  @Override
  public String name() {
    return "stock-never-negative";
  }

  @Override
  public CheckResult check(History history) {
    Findings f = new Findings(name());
    for (Ledger.Low low : lows) {
      if (low.units() < 0) {
        f.add(
            "product "
                + low.product()
                + " at "
                + low.service()
                + " fell to "
                + low.units()
                + " units at "
                + TimeText.of(low.atNanos())
                + " (reservation of saga "
                + low.saga()
                + ")");
      }
    }
    return f.result(lows.size() + " products moved");
  }
}
