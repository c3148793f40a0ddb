package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code lost-updates}: no write of a product's stock was computed from a value that another saga
 * had changed since it was read. Such a write overwrites the other saga's reservation: the unit it
 * took goes back on the shelf though its order stands. The witness is the interleaving: the read,
 * the other saga's write, the overwriting write. Fires when the inventory service reads the stock
 * when a request arrives and writes it after the request's CPU time ({@code
 * stockUpdate=read-then-write}) and two reservations of one product overlap; quiet with commutative
 * updates or a re-read before the write.
 */
final class LostUpdates implements Checker {
  private final List<Ledger.StockWrite> writes;
  private final long initialStock;

  /** Judges {@code writes}, in the order they happened; every product starts at {@code stock}. */
  LostUpdates(List<Ledger.StockWrite> writes, long initialStock) {
    this.writes = writes;
    this.initialStock = initialStock;
  }

  @Override
  public String name() {
    return "lost-updates";
  }

  @Override
  public CheckResult check(History history) {
    TreeMap<Long, Ledger.StockWrite> last = new TreeMap<>();
    Findings f = new Findings(name());
    for (Ledger.StockWrite w : writes) {
      Ledger.StockWrite before = last.put(w.product(), w);
      long standing = before == null ? initialStock : before.written();
      if (w.base() != standing && before != null) {
        f.add(
            "product "
                + w.product()
                + ": saga "
                + w.saga()
                + " read "
                + w.base()
                + " units at "
                + TimeText.of(w.readNanos())
                + ", saga "
                + before.saga()
                + " wrote "
                + before.written()
                + " at "
                + TimeText.of(before.atNanos())
                + ", saga "
                + w.saga()
                + " wrote "
                + w.written()
                + " at "
                + TimeText.of(w.atNanos())
                + " over it: saga "
                + before.saga()
                + "'s update is lost");
      }
    }
    return f.result(writes.size() + " stock writes");
  }
}
