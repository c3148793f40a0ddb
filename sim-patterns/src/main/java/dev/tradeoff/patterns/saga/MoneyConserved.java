package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;

/**
 * {@code money-conserved}: the money in every account (customers and merchant) at the end of the
 * run, as the accounts service's disk holds it, equals the money at the start. A charge moves money
 * and a refund moves it back, each in one local transaction, so nothing a saga does creates or
 * destroys money; it fires when a charge's debit and credit are separate transactions and a crash
 * falls between them ({@code atomicCharge} off).
 */
final class MoneyConserved implements Checker {
  private final String service;
  private final long startUnits;
  private final long endUnits;
  private final long merchantUnits;

  /**
   * Judges {@code endUnits} (the sum at the end, of which the merchant holds {@code merchantUnits})
   * held by {@code service} against {@code startUnits}.
   */
  MoneyConserved(String service, long startUnits, long endUnits, long merchantUnits) {
    this.service = service;
    this.startUnits = startUnits;
    this.endUnits = endUnits;
    this.merchantUnits = merchantUnits;
  }

  @Override
  public String name() {
    return "money-conserved";
  }

  @Override
  public CheckResult check(History history) {
    Findings f = new Findings(name());
    if (endUnits != startUnits) {
      f.add(
          "the accounts at "
              + service
              + " hold "
              + endUnits
              + " at the end ("
              + merchantUnits
              + " of it the merchant's), "
              + startUnits
              + " at the start: "
              + Math.abs(startUnits - endUnits)
              + (endUnits < startUnits ? " lost" : " created"));
    }
    return f.result("money at " + service + ": " + startUnits + " at the start, " + endUnits);
  }
}
