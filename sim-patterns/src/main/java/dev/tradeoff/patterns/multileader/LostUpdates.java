package dev.tradeoff.patterns.multileader;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code lost-updates}: acknowledged writes that the conflict policy silently discarded.
 *
 * <p>A write {@code w} acknowledged OK to its client is <em>lost</em> when some other accepted
 * write {@code v} of the same key takes precedence over it under the policy ({@link
 * ConflictPolicy#beats}) although {@code v}'s leader had not applied {@code w} when accepting
 * {@code v} — {@code v} was concurrent with {@code w}, or even causally before it. Such a {@code w}
 * can never again be read once {@code v} is known, although nobody who overwrote it knew it. A
 * write overwritten by a write that had seen it is superseded, not lost. Whether or not {@code v}
 * was acknowledged does not matter: it took effect.
 *
 * <p>Version vectors never lose an update by this definition (only a write that saw another
 * replaces it); LWW loses every concurrent loser and, with clock skew, causally later writes too;
 * the max merge loses the smaller of two concurrent writes. The detail also counts <em>real-time
 * inversions</em>: lost writes beaten by a write acknowledged before they were even invoked — with
 * synchronised clocks LWW has none, so they measure the skew's own damage.
 */
public final class LostUpdates implements Checker {
  private final Ledger ledger;
  private final ConflictPolicy policy;
  private final boolean inversionsOnly;

  private LostUpdates(Ledger ledger, ConflictPolicy policy, boolean inversionsOnly) {
    this.ledger = ledger;
    this.policy = policy;
    this.inversionsOnly = inversionsOnly;
  }

  /** {@code lost-updates}: every lost write, as defined above. */
  public static LostUpdates all(Ledger ledger, ConflictPolicy policy) {
    return new LostUpdates(ledger, policy, false);
  }

  /**
   * {@code inverted-updates}: only the real-time inversions — lost writes beaten by a write
   * acknowledged before they were invoked, which a single linearizable copy could never do.
   */
  public static LostUpdates inversions(Ledger ledger, ConflictPolicy policy) {
    return new LostUpdates(ledger, policy, true);
  }

  @Override
  public String name() {
    return inversionsOnly ? "inverted-updates" : "lost-updates";
  }

  @Override
  public CheckResult check(History history) {
    Long2IntOpenHashMap opOfValue = new Long2IntOpenHashMap();
    opOfValue.defaultReturnValue(-1);
    for (int op = 0; op < history.size(); op++) {
      if (history.kind(op) == OpKind.WRITE) {
        opOfValue.put(history.value(op), op);
      }
    }
    Map<Long, List<Write>> byKey = new TreeMap<>();
    for (Write w : ledger.accepted()) {
      byKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w);
    }
    long checked = 0;
    long lost = 0;
    long inversions = 0;
    List<String> witnesses = new ArrayList<>();
    for (List<Write> writes : byKey.values()) {
      for (Write w : writes) {
        int op = opOfValue.get(w.value());
        if (op < 0 || history.status(op) != OpStatus.OK) {
          continue;
        }
        checked++;
        Write winner = null;
        boolean inverted = false;
        for (Write v : writes) {
          if (v != w && policy.beats(v, w) && !v.covers(w)) {
            int vop = opOfValue.get(v.value());
            boolean before = vop >= 0 && history.completeNanos(vop) < history.invokeNanos(op);
            if (winner == null || before && !inverted) {
              winner = v;
              inverted = before;
            }
            if (inverted) {
              break;
            }
          }
        }
        if (winner == null || inversionsOnly && !inverted) {
          continue;
        }
        lost++;
        if (inverted) {
          inversions++;
        }
        if (witnesses.size() < Ledger.MAX_WITNESSES) {
          witnesses.add(describe(history, op, w, winner, inverted, opOfValue.get(winner.value())));
        }
      }
    }
    String detail =
        checked
            + " acknowledged writes checked under "
            + policy.word()
            + "; "
            + inversions
            + " of the lost writes lost to a write acknowledged before they began";
    long violations = inversionsOnly ? inversions : lost;
    return violations == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), violations, witnesses, detail);
  }

  private String describe(
      History history, int op, Write w, Write winner, boolean inverted, int winnerOp) {
    StringBuilder s =
        new StringBuilder()
            .append("write ")
            .append(w.value())
            .append(" of key ")
            .append(w.key())
            .append(" (op ")
            .append(op)
            .append(" via ")
            .append(ledger.leaderName(w.origin()))
            .append(", stamp ")
            .append(millis(w.stampNanos()))
            .append(") was acknowledged but lost to write ")
            .append(winner.value())
            .append(" via ")
            .append(ledger.leaderName(winner.origin()))
            .append(" (stamp ")
            .append(millis(winner.stampNanos()))
            .append("), whose leader had not seen it");
    if (inverted) {
      long gap = history.invokeNanos(op) - history.completeNanos(winnerOp);
      s.append(", and which was acknowledged ").append(millis(gap)).append(" before it began");
    }
    return s.toString();
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.3fms", nanos / 1e6);
  }
}
