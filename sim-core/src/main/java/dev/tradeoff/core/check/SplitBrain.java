package dev.tradeoff.core.check;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Two leaders accepting writes at the same true time, or storage accepting a stale fencing token,
 * from leadership facts a run records. The history is not read: the facts are given up front.
 *
 * <p><b>Overlapping leaders.</b> Each {@link LeaderTerm} is a leader's tenure in true time, the
 * half-open interval {@code [fromNanos, untilNanos)}, with the number of writes it accepted. Every
 * pair of terms held by <em>different</em> leaders, both with at least one accepted write, whose
 * intervals intersect is one violation. (A term's writes are only counted, not timed, so the check
 * is conservative: it fires when both leaders accepted writes during their tenures and the tenures
 * overlap.) The same leader re-elected in overlapping terms is not split brain.
 *
 * <p><b>Stale fencing tokens.</b> {@link FencedWrite}s are taken per storage in true-time order
 * (ties in the order given). Each write whose token is lower than the highest token that storage
 * had already accepted is one violation; an equal token is the same holder writing again and is
 * fine.
 *
 * <p>The violation count is the sum of both kinds; the witnesses are the first 5, overlapping
 * leaders first.
 */
public final class SplitBrain implements Checker {

  /**
   * A leader's tenure as the run recorded it.
   *
   * @param term the election term
   * @param leader the node that led
   * @param fromNanos true time the tenure began (inclusive)
   * @param untilNanos true time it ended (exclusive); {@link Long#MAX_VALUE} if it never did
   * @param writesAccepted how many writes the leader accepted during the tenure
   */
  public record LeaderTerm(
      long term, String leader, long fromNanos, long untilNanos, long writesAccepted) {

    /** Validates the fields: a leader, an interval that does not end before it begins. */
    public LeaderTerm {
      Objects.requireNonNull(leader, "leader");
      if (untilNanos < fromNanos) {
        throw new IllegalArgumentException("term " + term + " ends before it begins");
      }
      if (writesAccepted < 0) {
        throw new IllegalArgumentException(
            "term " + term + " accepted a negative number of writes");
      }
    }

    private String describe() {
      return "leader "
          + leader
          + " (term "
          + term
          + ", "
          + TimeText.of(fromNanos)
          + ".."
          + until(untilNanos)
          + ", "
          + writesAccepted
          + " writes)";
    }
  }

  /**
   * A write that storage accepted under a fencing token.
   *
   * @param token the fencing token the write carried
   * @param atNanos true time the storage accepted it
   * @param storage the storage node that accepted it
   */
  public record FencedWrite(long token, long atNanos, String storage) {

    /** Validates the fields: a storage name. */
    public FencedWrite {
      Objects.requireNonNull(storage, "storage");
    }
  }

  private final List<LeaderTerm> terms;
  private final List<FencedWrite> fencedWrites;

  private SplitBrain(List<LeaderTerm> terms, List<FencedWrite> fencedWrites) {
    this.terms = List.copyOf(terms);
    this.fencedWrites = List.copyOf(fencedWrites);
  }

  /** Checks both the leadership terms and the fenced writes. */
  public static SplitBrain of(List<LeaderTerm> terms, List<FencedWrite> fencedWrites) {
    return new SplitBrain(terms, fencedWrites);
  }

  /** Checks leadership terms only. */
  public static SplitBrain ofTerms(List<LeaderTerm> terms) {
    return new SplitBrain(terms, List.of());
  }

  /** Checks fenced writes only. */
  public static SplitBrain ofFencedWrites(List<FencedWrite> fencedWrites) {
    return new SplitBrain(List.of(), fencedWrites);
  }

  @Override
  public String name() {
    return "split-brain";
  }

  /** The verdict on the facts given at construction; {@code history} is ignored. */
  @Override
  public CheckResult check(History history) {
    List<String> witnesses = new ArrayList<>();
    List<WitnessRef> refs = new ArrayList<>();
    long violations = overlappingLeaders(witnesses, refs) + staleTokens(witnesses, refs);
    String detail =
        terms.size() + " leadership terms and " + fencedWrites.size() + " fenced writes checked";
    return violations == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), violations, witnesses, refs, detail);
  }

  private long overlappingLeaders(List<String> witnesses, List<WitnessRef> refs) {
    List<LeaderTerm> writing = new ArrayList<>();
    for (LeaderTerm t : terms) {
      if (t.writesAccepted() > 0 && t.fromNanos() < t.untilNanos()) {
        writing.add(t);
      }
    }
    writing.sort(
        Comparator.comparingLong(LeaderTerm::fromNanos).thenComparingLong(LeaderTerm::term));
    long found = 0;
    for (int i = 0; i < writing.size(); i++) {
      LeaderTerm a = writing.get(i);
      for (int j = i + 1; j < writing.size() && writing.get(j).fromNanos() < a.untilNanos(); j++) {
        LeaderTerm b = writing.get(j);
        if (a.leader().equals(b.leader())) {
          continue;
        }
        found++;
        if (witnesses.size() < SessionGuarantees.MAX_WITNESSES) {
          long from = b.fromNanos();
          long until = Math.min(a.untilNanos(), b.untilNanos());
          witnesses.add(
              a.describe()
                  + " and "
                  + b.describe()
                  + " both accepted writes while their tenures overlapped, "
                  + TimeText.of(from)
                  + ".."
                  + until(until));
          refs.add(WitnessRef.during(from, until, a.leader(), b.leader()));
        }
      }
    }
    return found;
  }

  private long staleTokens(List<String> witnesses, List<WitnessRef> refs) {
    List<FencedWrite> ordered = new ArrayList<>(fencedWrites);
    ordered.sort(Comparator.comparingLong(FencedWrite::atNanos)); // stable: ties keep given order
    Map<String, FencedWrite> highest = new TreeMap<>();
    long found = 0;
    for (FencedWrite w : ordered) {
      FencedWrite top = highest.get(w.storage());
      if (top == null || w.token() > top.token()) {
        highest.put(w.storage(), w);
      } else if (w.token() < top.token()) {
        found++;
        if (witnesses.size() < SessionGuarantees.MAX_WITNESSES) {
          witnesses.add(
              "storage "
                  + w.storage()
                  + " accepted stale fencing token "
                  + w.token()
                  + " at "
                  + TimeText.of(w.atNanos())
                  + " after accepting token "
                  + top.token()
                  + " at "
                  + TimeText.of(top.atNanos()));
          refs.add(WitnessRef.during(top.atNanos(), w.atNanos(), w.storage()));
        }
      }
    }
    return found;
  }

  private static String until(long nanos) {
    return nanos == Long.MAX_VALUE ? "end" : TimeText.of(nanos);
  }
}
