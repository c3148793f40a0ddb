package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.Locale;
import java.util.NavigableMap;

/**
 * {@code paid-not-reserved}: at the end, no saga has a charge standing (applied more often than
 * refunded, as the accounts service's rows hold it) without a reservation standing (as the
 * inventory service's rows hold it). Sagas younger than the stuck bound are excused. Fires when a
 * retried charge is applied twice without idempotency keys and the second attempt's refusal makes
 * the orchestrator release the stock of an order the customer paid for.
 */
final class PaidNotReserved implements Checker {
  private final NavigableMap<Long, Books.Row> charges;
  private final NavigableMap<Long, Books.Row> reservations;
  private final Ledger ledger;
  private final long cutoffNanos;
  private final boolean transactions;

  /**
   * Judges the charge rows against the reservation rows, by saga, for sagas started before {@code
   * cutoffNanos}; with {@code transactions} they are two-phase-commit transactions and witnesses
   * say so (committed, aborted).
   */
  PaidNotReserved(
      NavigableMap<Long, Books.Row> charges,
      NavigableMap<Long, Books.Row> reservations,
      Ledger ledger,
      long cutoffNanos,
      boolean transactions) {
    this.charges = charges;
    this.reservations = reservations;
    this.ledger = ledger;
    this.cutoffNanos = cutoffNanos;
    this.transactions = transactions;
  }

  private String ending(Ledger.Trace t) {
    if (t == null) {
      return "";
    }
    if (!transactions) {
      return "; the saga ended " + t.phase.name().toLowerCase(Locale.ROOT);
    }
    return switch (t.phase) {
      case COMPLETED -> "; the coordinator committed it";
      case COMPENSATED -> "; the coordinator aborted it";
      default -> "; its coordinator never decided";
    };
  }

  @Override
  public String name() {
    return "paid-not-reserved";
  }

  @Override
  public CheckResult check(History history) {
    Findings f = new Findings(name());
    long paid = 0;
    for (Books.Row c : charges.values()) {
      Ledger.Trace t = ledger.sagas().get(c.saga());
      if (c.net() <= 0 || (t != null && t.startNanos > cutoffNanos)) {
        continue;
      }
      paid++;
      Books.Row r = reservations.get(c.saga());
      if (r == null || r.net() <= 0) {
        f.add(
            (transactions ? "transaction " : "saga ")
                + c.saga()
                + ": customer "
                + c.customer()
                + " charged "
                + c.applied()
                + "× (refunded "
                + c.undone()
                + "), product "
                + c.product()
                + (r == null
                    ? " never reserved"
                    : " reserved " + r.applied() + "× and released " + r.undone() + "×")
                + ending(t));
      }
    }
    return f.result(paid + " sagas with a charge standing");
  }
}
