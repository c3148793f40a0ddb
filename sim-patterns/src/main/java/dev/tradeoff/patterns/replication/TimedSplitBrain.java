package dev.tradeoff.patterns.replication;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.check.SplitBrain;
import dev.tradeoff.core.check.SplitBrain.LeaderTerm;
import dev.tradeoff.core.check.WitnessRef;
import dev.tradeoff.core.history.History;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Split brain as the group recorded it, timed to the write: two tenures of different leaders are
 * one violation when each leader acknowledged a write while the other's tenure was open — both
 * accepted writes at the same time. (The general {@link SplitBrain} checker only knows each
 * tenure's write count, so a leader that wrote before a partition and stopped once cut off would
 * count against its successor; the group knows when each write was acknowledged.) Entries stored
 * under a stale term are counted as {@link SplitBrain} counts them.
 */
final class TimedSplitBrain implements Checker {
  private static final int WITNESSES = 5;

  private final Facts facts;
  private final BiPredicate<String, Long> stillLeading;

  TimedSplitBrain(Facts facts, BiPredicate<String, Long> stillLeading) {
    this.facts = facts;
    this.stillLeading = stillLeading;
  }

  @Override
  public String name() {
    return "split-brain";
  }

  @Override
  public CheckResult check(History history) {
    List<LeaderTerm> terms = facts.terms(stillLeading);
    List<String> witnesses = new ArrayList<>();
    List<WitnessRef> refs = new ArrayList<>();
    long violations = 0;
    for (int a = 0; a < terms.size(); a++) {
      for (int b = a + 1; b < terms.size(); b++) {
        LeaderTerm ta = terms.get(a);
        LeaderTerm tb = terms.get(b);
        if (ta.leader().equals(tb.leader())) {
          continue;
        }
        long aInB = within(facts.ackTimes(a), tb);
        long bInA = within(facts.ackTimes(b), ta);
        if (aInB > 0 && bInA > 0) {
          violations++;
          if (witnesses.size() < WITNESSES) {
            witnesses.add(witness(ta, aInB, tb, bInA));
            refs.add(
                WitnessRef.during(
                    Math.max(ta.fromNanos(), tb.fromNanos()),
                    Math.min(ta.untilNanos(), tb.untilNanos()),
                    ta.leader(),
                    tb.leader()));
          }
        }
      }
    }
    CheckResult fencing = SplitBrain.ofFencedWrites(facts.fencedWrites()).check(history);
    violations += fencing.violations();
    for (int i = 0; i < fencing.witnesses().size(); i++) {
      if (witnesses.size() < WITNESSES) {
        witnesses.add(fencing.witnesses().get(i));
        refs.add(fencing.refs().get(i));
      }
    }
    String detail =
        terms.size()
            + " leadership terms and "
            + facts.fencedWrites().size()
            + " stored batches checked";
    return violations == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), violations, witnesses, refs, detail);
  }

  /** How many of {@code times} fall in the tenure {@code t}. */
  private static long within(LongArrayList times, LeaderTerm t) {
    long n = 0;
    for (int i = 0; i < times.size(); i++) {
      long at = times.getLong(i);
      if (at >= t.fromNanos() && at < t.untilNanos()) {
        n++;
      }
    }
    return n;
  }

  private static String witness(LeaderTerm a, long aInB, LeaderTerm b, long bInA) {
    return describe(a)
        + " acknowledged "
        + aInB
        + " writes during the tenure of "
        + describe(b)
        + ", which acknowledged "
        + bInA
        + " during its own: two leaders accepting writes at once";
  }

  /** E.g. {@code leader db-0 (term 1, 0.000 ms..12.001 s)}: times a person reads, not nanos. */
  private static String describe(LeaderTerm t) {
    return "leader "
        + t.leader()
        + " (term "
        + t.term()
        + ", "
        + TimeText.of(t.fromNanos())
        + ".."
        + (t.untilNanos() == Long.MAX_VALUE ? "end" : TimeText.of(t.untilNanos()))
        + ")";
  }
}
