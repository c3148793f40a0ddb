package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code dirty-reads}: no client read of a product's stock counted a reservation that its saga
 * later released. A saga's local transactions commit one by one, so between a reservation and its
 * compensation the reserved stock is visible to everyone; a read in that window saw a state that
 * never stood. The witness is the interleaving: the reservation, the read, the release. Fires on
 * stock reads without a semantic lock whenever a saga compensates a reservation; quiet with the
 * lock, which refuses reads of a product while a reservation on it is pending.
 */
final class DirtyReads implements Checker {
  private final List<Ledger.StockWrite> writes;
  private final List<Ledger.StockRead> reads;

  /** A reservation later released: when it was written and when released. */
  private record Window(long saga, long reservedNanos, long releasedNanos) {}

  /** Judges {@code reads} against the reservations and releases in {@code writes}. */
  DirtyReads(List<Ledger.StockWrite> writes, List<Ledger.StockRead> reads) {
    this.writes = writes;
    this.reads = reads;
  }

  @Override
  public String name() {
    return "dirty-reads";
  }

  @Override
  public CheckResult check(History history) {
    TreeMap<Long, List<Window>> windows = windows();
    Findings f = new Findings(name());
    for (Ledger.StockRead r : reads) {
      for (Window w : windows.getOrDefault(r.product(), List.of())) {
        if (w.reservedNanos() <= r.atNanos() && r.atNanos() < w.releasedNanos()) {
          f.add(
              "read of product "
                  + r.product()
                  + " at "
                  + TimeText.of(r.atNanos())
                  + " returned "
                  + r.units()
                  + " units, counting saga "
                  + w.saga()
                  + "'s reservation (written at "
                  + TimeText.of(w.reservedNanos())
                  + "), released at "
                  + TimeText.of(w.releasedNanos())
                  + " when the saga compensated");
          break;
        }
      }
    }
    return f.result(reads.size() + " stock reads");
  }

  /** Per product, the windows between a reservation and its release, by saga. */
  private TreeMap<Long, List<Window>> windows() {
    TreeMap<Long, TreeMap<Long, Long>> reserved = new TreeMap<>();
    TreeMap<Long, List<Window>> out = new TreeMap<>();
    for (Ledger.StockWrite w : writes) {
      TreeMap<Long, Long> bySaga = reserved.computeIfAbsent(w.product(), p -> new TreeMap<>());
      if (w.delta() < 0) {
        bySaga.putIfAbsent(w.saga(), w.atNanos());
      } else if (bySaga.containsKey(w.saga())) {
        out.computeIfAbsent(w.product(), p -> new ArrayList<>())
            .add(new Window(w.saga(), bySaga.remove(w.saga()), w.atNanos()));
      }
    }
    return out;
  }
}
