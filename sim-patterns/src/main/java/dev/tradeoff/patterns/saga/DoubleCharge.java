package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.NavigableMap;

/**
 * {@code double-charge}: no saga's charge was applied more than once, as the accounts service's
 * rows count it (a refund later does not unsee a charge on the customer's statement). Fires when a
 * charge that timed out is retried without an idempotency key and both attempts reach the service.
 */
final class DoubleCharge implements Checker {
  private final NavigableMap<Long, Books.Row> charges;

  /** Judges {@code charges}, the charge step's rows by saga. */
  DoubleCharge(NavigableMap<Long, Books.Row> charges) {
    this.charges = charges;
  }

  @Override
  public String name() {
    return "double-charge";
  }

  @Override
  public CheckResult check(History history) {
    Findings f = new Findings(name());
    for (Books.Row c : charges.values()) {
      if (c.applied() > 1) {
        f.add(
            "saga "
                + c.saga()
                + " charged customer "
                + c.customer()
                + " "
                + c.applied()
                + " times (refunded "
                + c.undone()
                + ")");
      }
    }
    return f.result(charges.size() + " charges");
  }
}
