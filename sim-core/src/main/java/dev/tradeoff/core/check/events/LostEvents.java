package dev.tradeoff.core.check.events;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Committed state changes whose event no consumer ever applied: the write model moved on and the
 * rest of the system never heard of it (a dual write that crashed between the database and the log,
 * a record the log dropped, a consumer that skipped it).
 *
 * <p>A committed change is <em>lost</em> when no {@link Applied} carries its event id. A change
 * committed at or after {@code judgedBeforeNanos} and not yet applied is <em>pending</em>: the run
 * ended before it could have arrived, so it is counted in the detail and not judged ({@code
 * Long.MAX_VALUE} judges every change). One violation per lost change; its witness says the
 * aggregate, version, commit time, and whether the log holds the event (at which partitions and
 * offsets, in log order) or never received it. Witnesses are the first 5 lost changes in order of
 * commit time (ties: event id). The history given to {@link #check} is ignored.
 */
public final class LostEvents implements Checker {
  private final List<Change> committed;
  private final List<Published> log;
  private final List<Applied> applied;
  private final long judgedBeforeNanos;

  private LostEvents(
      List<Change> committed, List<Published> log, List<Applied> applied, long judgedBeforeNanos) {
    this.committed = committed;
    this.log = log;
    this.applied = applied;
    this.judgedBeforeNanos = judgedBeforeNanos;
  }

  /**
   * Judges {@code committed} (event ids unique) against what consumers {@code applied}, naming the
   * {@code log}'s copies in witnesses; changes committed at or after {@code judgedBeforeNanos} and
   * not applied are pending.
   */
  public static LostEvents of(
      List<Change> committed, List<Published> log, List<Applied> applied, long judgedBeforeNanos) {
    List<Change> changes = Facts.copy(committed, "committed");
    Facts.byEventId(changes);
    return new LostEvents(
        changes, Facts.copy(log, "log"), Facts.copy(applied, "applied"), judgedBeforeNanos);
  }

  @Override
  public String name() {
    return "lost-events";
  }

  @Override
  public CheckResult check(History history) {
    TreeSet<Long> appliedIds = new TreeSet<>();
    for (Applied a : applied) {
      appliedIds.add(a.eventId());
    }
    Map<Long, List<Published>> copies = new TreeMap<>();
    for (Published p : log) {
      copies.computeIfAbsent(p.eventId(), id -> new ArrayList<>()).add(p);
    }
    List<Change> byCommit = new ArrayList<>(committed);
    byCommit.sort(
        Comparator.comparingLong(Change::committedNanos).thenComparingLong(Change::eventId));
    long delivered = 0;
    long pending = 0;
    long lost = 0;
    List<String> witnesses = new ArrayList<>();
    for (Change c : byCommit) {
      if (appliedIds.contains(c.eventId())) {
        delivered++;
      } else if (c.committedNanos() >= judgedBeforeNanos) {
        pending++;
      } else {
        lost++;
        if (witnesses.size() < Facts.MAX_WITNESSES) {
          witnesses.add(witness(c, copies.get(c.eventId())));
        }
      }
    }
    String detail =
        committed.size()
            + " committed changes: "
            + delivered
            + " applied, "
            + lost
            + " lost, "
            + pending
            + " pending"
            + (judgedBeforeNanos == Long.MAX_VALUE
                ? ""
                : " (committed at or after " + Facts.at(judgedBeforeNanos) + ", not yet applied)");
    return Facts.result(name(), lost, witnesses, detail);
  }

  private static String witness(Change c, List<Published> copies) {
    String fate =
        copies == null
            ? "the log never received it"
            : "the log holds it at "
                + copies.stream().map(Facts::where).collect(Collectors.joining(", "));
    return Facts.change(c.eventId(), c.aggregate(), c.version())
        + ", committed at "
        + Facts.at(c.committedNanos())
        + ", was never applied: "
        + fate;
  }
}
