package dev.tradeoff.patterns.multileader;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code lost-updates}: acknowledged writes that are gone.
 *
 * <p>A write {@code w} acknowledged OK to its client is <em>lost</em> when either:
 *
 * <ul>
 *   <li><b>the end state shows it gone</b>: at the end of the run no live leader holds {@code w}
 *       (as a value or a sibling) nor a write of the same key that had seen it ({@link
 *       Write#covers}: {@code w} is in its causal past, so {@code w} was superseded, not lost).
 *       This looks at what the leaders actually hold, so a write dropped by a bug in applying, or
 *       by a crash that lost state, is caught whatever the policy says; or
 *   <li><b>the policy discarded it unseen</b>: some other accepted write {@code v} of the same key
 *       takes precedence over it ({@link ConflictPolicy#beats}) although {@code v}'s leader had not
 *       applied {@code w} when accepting {@code v} — {@code v} was concurrent with {@code w}, or
 *       even causally before it. Such a {@code w} was overwritten by someone who never knew it,
 *       even if a later write, whose leader had applied both, now covers it in the end state.
 *       Whether or not {@code v} was acknowledged does not matter: it took effect.
 * </ul>
 *
 * <p>With a correct leader the second case contains the first under LWW and the merge (the end
 * state's winner beats every write it did not see), and is empty under version vectors (only a
 * write that saw another replaces it), where the end state alone decides. The first witnesses name
 * the policy's winner where there is one, otherwise the end state. LWW loses every concurrent loser
 * and, with clock skew, causally later writes too; the max merge loses the smaller of two
 * concurrent writes. The detail also counts <em>real-time inversions</em>: lost writes beaten by a
 * write acknowledged OK before they were even invoked — with synchronised clocks LWW has none, so
 * they measure the skew's own damage.
 */
public final class LostUpdates implements Checker {
  private final Ledger ledger;
  private final ConflictPolicy policy;
  private final Supplier<List<Write>> held;
  private final boolean inversionsOnly;

  private LostUpdates(
      Ledger ledger, ConflictPolicy policy, Supplier<List<Write>> held, boolean inversionsOnly) {
    this.ledger = ledger;
    this.policy = policy;
    this.held = held;
    this.inversionsOnly = inversionsOnly;
  }

  /**
   * {@code lost-updates}: every lost write, as defined above; {@code held} gives, when checking,
   * every write the live leaders hold at the end of the run.
   */
  public static LostUpdates all(Ledger ledger, ConflictPolicy policy, Supplier<List<Write>> held) {
    return new LostUpdates(ledger, policy, held, false);
  }

  /**
   * {@code inverted-updates}: only the real-time inversions — lost writes beaten by a write
   * acknowledged before they were invoked, which a single linearizable copy could never do.
   */
  public static LostUpdates inversions(
      Ledger ledger, ConflictPolicy policy, Supplier<List<Write>> held) {
    return new LostUpdates(ledger, policy, held, true);
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
    // Looked up by key only, never iterated.
    Long2ObjectOpenHashMap<List<Write>> heldByKey = new Long2ObjectOpenHashMap<>();
    for (Write h : held.get()) {
      List<Write> list = heldByKey.get(h.key());
      if (list == null) {
        list = new ArrayList<>();
        heldByKey.put(h.key(), list);
      }
      list.add(h);
    }
    long checked = 0;
    long lost = 0;
    long goneAtEnd = 0;
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
            boolean before =
                vop >= 0
                    && history.status(vop) == OpStatus.OK
                    && history.completeNanos(vop) < history.invokeNanos(op);
            if (winner == null || before && !inverted) {
              winner = v;
              inverted = before;
            }
            if (inverted) {
              break;
            }
          }
        }
        boolean gone = goneAtEnd(w, heldByKey.get(w.key()));
        if (gone) {
          goneAtEnd++;
        }
        if (winner == null && !gone || inversionsOnly && !inverted) {
          continue;
        }
        lost++;
        if (inverted) {
          inversions++;
        }
        if (witnesses.size() < Ledger.MAX_WITNESSES) {
          witnesses.add(
              winner == null
                  ? describeGone(op, w, heldByKey.get(w.key()))
                  : describe(history, op, w, winner, inverted, opOfValue.get(winner.value())));
        }
      }
    }
    String detail =
        checked
            + " acknowledged writes checked under "
            + policy.word()
            + "; "
            + inversions
            + " of the lost writes lost to a write acknowledged before they began; "
            + goneAtEnd
            + " neither held nor seen by a held write at a live leader at the end";
    long violations = inversionsOnly ? inversions : lost;
    return violations == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), violations, witnesses, detail);
  }

  /** Whether no write in {@code heldOfKey} is {@code w} or had seen it. */
  private static boolean goneAtEnd(Write w, List<Write> heldOfKey) {
    if (heldOfKey != null) {
      for (Write h : heldOfKey) {
        if (h.value() == w.value() || h.covers(w)) {
          return false;
        }
      }
    }
    return true;
  }

  private String describeGone(int op, Write w, List<Write> heldOfKey) {
    StringBuilder s = new StringBuilder();
    appendWrite(s, op, w);
    s.append(
        ") was acknowledged but at the end no live leader holds it or a write that had seen it");
    if (heldOfKey == null) {
      s.append(" (no live leader holds the key)");
    } else {
      s.append(" (held: ");
      TreeSet<Long> values = new TreeSet<>();
      for (Write h : heldOfKey) {
        values.add(h.value());
      }
      s.append(values).append(')');
    }
    return s.toString();
  }

  private void appendWrite(StringBuilder s, int op, Write w) {
    s.append("write ")
        .append(w.value())
        .append(" of key ")
        .append(w.key())
        .append(" (op ")
        .append(op)
        .append(" via ")
        .append(ledger.leaderName(w.origin()))
        .append(", stamp ")
        .append(millis(w.stampNanos()));
  }

  private String describe(
      History history, int op, Write w, Write winner, boolean inverted, int winnerOp) {
    StringBuilder s = new StringBuilder();
    appendWrite(s, op, w);
    s.append(") was acknowledged but lost to write ")
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
