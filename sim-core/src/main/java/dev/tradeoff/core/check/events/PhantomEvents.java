package dev.tradeoff.core.check.events;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events that announce something that did not happen: a change whose transaction rolled back after
 * the event went out, or an event whose content differs from the change it names.
 *
 * <p>Every event id that the {@code log} holds or a consumer {@code applied} is checked against the
 * committed change of that id: it is a <em>phantom</em> when there is no such change, or when some
 * log record or application of it carries another aggregate, version or value than the change. One
 * violation per event id, however many copies or applications show it. Witnesses are the first 5
 * phantom event ids in ascending order; an uncommitted event's names what its first log copy (else
 * its first application) announces and where it was first logged and applied; a differing event's
 * names its first differing log copy (else application) beside the committed change. The history
 * given to {@link #check} is ignored.
 */
public final class PhantomEvents implements Checker {
  private final Map<Long, Change> committed;
  private final List<Published> log;
  private final List<Applied> applied;

  private PhantomEvents(Map<Long, Change> committed, List<Published> log, List<Applied> applied) {
    this.committed = committed;
    this.log = log;
    this.applied = applied;
  }

  /** Checks what the {@code log} holds and consumers {@code applied} against {@code committed}. */
  public static PhantomEvents of(
      List<Change> committed, List<Published> log, List<Applied> applied) {
    return new PhantomEvents(
        Facts.byEventId(Facts.copy(committed, "committed")),
        Facts.copy(log, "log"),
        Facts.copy(applied, "applied"));
  }

  @Override
  public String name() {
    return "phantom-events";
  }

  /** Where one event id was seen: its first log copy and application, and the first that lie. */
  private static final class Seen {
    Published copy;
    Applied application;
    Published lyingCopy;
    Applied lyingApplication;

    boolean lies() {
      return lyingCopy != null || lyingApplication != null;
    }
  }

  @Override
  public CheckResult check(History history) {
    Map<Long, Seen> seen = new TreeMap<>();
    for (Published p : log) {
      Seen s = seen.computeIfAbsent(p.eventId(), id -> new Seen());
      s.copy = s.copy == null ? p : s.copy;
      Change c = committed.get(p.eventId());
      if (s.lyingCopy == null && c != null && !same(c, p.aggregate(), p.version(), p.value())) {
        s.lyingCopy = p;
      }
    }
    for (Applied a : applied) {
      Seen s = seen.computeIfAbsent(a.eventId(), id -> new Seen());
      s.application = s.application == null ? a : s.application;
      Change c = committed.get(a.eventId());
      if (s.lyingApplication == null
          && c != null
          && !same(c, a.aggregate(), a.version(), a.value())) {
        s.lyingApplication = a;
      }
    }
    long found = 0;
    List<String> witnesses = new ArrayList<>();
    for (Map.Entry<Long, Seen> e : seen.entrySet()) {
      Change c = committed.get(e.getKey());
      Seen s = e.getValue();
      if (c != null && !s.lies()) {
        continue;
      }
      found++;
      if (witnesses.size() < Facts.MAX_WITNESSES) {
        witnesses.add(
            c == null
                ? witness(e.getKey(), s.copy, s.application, null)
                : s.lyingCopy != null
                    ? witness(e.getKey(), s.lyingCopy, null, c)
                    : witness(e.getKey(), null, s.lyingApplication, c));
      }
    }
    String detail =
        seen.size()
            + " events logged or applied, checked against "
            + committed.size()
            + " committed changes";
    return Facts.result(name(), found, witnesses, detail);
  }

  private static boolean same(Change c, long aggregate, long version, long value) {
    return c.aggregate() == aggregate && c.version() == version && c.value() == value;
  }

  /** What {@code copy} (else {@code application}) announces, where it was seen, and {@code c}. */
  private static String witness(long eventId, Published copy, Applied application, Change c) {
    StringBuilder b = new StringBuilder("event ").append(eventId).append(" announces ");
    if (copy != null) {
      b.append(content(copy.aggregate(), copy.version(), copy.value()));
    } else {
      b.append(content(application.aggregate(), application.version(), application.value()));
    }
    b.append(" (");
    if (copy != null) {
      b.append("in the log at ").append(Facts.where(copy));
    }
    if (copy != null && application != null) {
      b.append("; ");
    }
    if (application != null) {
      b.append("applied by ")
          .append(application.consumer())
          .append(" at ")
          .append(Facts.at(application.appliedNanos()));
    }
    b.append("), but ");
    return c == null
        ? b.append("no change with that event id was committed").toString()
        : b.append("the committed change is ")
            .append(content(c.aggregate(), c.version(), c.value()))
            .toString();
  }

  private static String content(long aggregate, long version, long value) {
    return "aggregate " + aggregate + " v" + version + " = " + value;
  }
}
