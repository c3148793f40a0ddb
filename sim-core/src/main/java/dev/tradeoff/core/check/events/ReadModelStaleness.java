package dev.tradeoff.core.check.events;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.check.StalenessReport;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How long the read model lagged the write model: for each committed change, the time from its
 * commit until the read model first reflected it.
 *
 * <p>A change is <em>visible</em> from the first application (smallest {@code appliedNanos}) of its
 * event id or of a higher version of the same aggregate (a newer version supersedes it); its delay
 * is that time minus {@code committedNanos}, or 0 if the read model showed it or a newer version
 * before the commit was durable. A change never visible is not visible at any delay. With {@code
 * judgedBeforeNanos}, a change committed at or after it and never visible is <em>pending</em>: it
 * is counted in the detail and left out of every other figure.
 *
 * <p>The detail gives the count of changes, the p50, p99 and max delay among visible ones (nearest
 * rank over the exact delays) and how many never became visible. The result carries t-visibility,
 * one point per requested delay t ascending: the changes judged, and how many became visible within
 * t. Without a bound the verdict is always valid (a measurement); with {@code boundNanos}, each
 * change visible later than the bound, or never, is one violation, and the witnesses are the first
 * 5 in order of commit time (ties: event id). The history given to {@link #check} is ignored.
 */
public final class ReadModelStaleness implements Checker {
  private final List<Change> committed;
  private final List<Applied> applied;
  private final long[] delaysNanos;
  private final long boundNanos;
  private final long judgedBeforeNanos;

  private ReadModelStaleness(
      List<Change> committed,
      List<Applied> applied,
      long[] delaysNanos,
      long boundNanos,
      long judgedBeforeNanos) {
    this.committed = committed;
    this.applied = applied;
    this.delaysNanos = delaysNanos;
    this.boundNanos = boundNanos;
    this.judgedBeforeNanos = judgedBeforeNanos;
  }

  /**
   * Measures every change, reporting t-visibility at {@code delaysNanos} (each ≥ 0); never fails.
   */
  public static ReadModelStaleness of(
      List<Change> committed, List<Applied> applied, List<Long> delaysNanos) {
    return build(committed, applied, delaysNanos, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * As {@link #of(List, List, List)}, failing each change not visible within {@code boundNanos}.
   */
  public static ReadModelStaleness of(
      List<Change> committed, List<Applied> applied, List<Long> delaysNanos, long boundNanos) {
    if (boundNanos < 0) {
      throw new IllegalArgumentException("bound must be >= 0 ns, got " + boundNanos);
    }
    return build(committed, applied, delaysNanos, boundNanos, Long.MAX_VALUE);
  }

  /**
   * As {@link #of(List, List, List, long)}, leaving out changes committed at or after {@code
   * judgedBeforeNanos} that never became visible (pending: the run ended first); {@code
   * Long.MAX_VALUE} bound means no bound.
   */
  public static ReadModelStaleness of(
      List<Change> committed,
      List<Applied> applied,
      List<Long> delaysNanos,
      long boundNanos,
      long judgedBeforeNanos) {
    if (boundNanos < 0) {
      throw new IllegalArgumentException("bound must be >= 0 ns, got " + boundNanos);
    }
    return build(committed, applied, delaysNanos, boundNanos, judgedBeforeNanos);
  }

  private static ReadModelStaleness build(
      List<Change> committed,
      List<Applied> applied,
      List<Long> delaysNanos,
      long boundNanos,
      long judgedBeforeNanos) {
    List<Change> changes = Facts.copy(committed, "committed");
    Facts.byEventId(changes);
    long[] delays =
        Facts.copy(delaysNanos, "delaysNanos").stream()
            .mapToLong(Long::longValue)
            .sorted()
            .distinct()
            .toArray();
    for (long d : delays) {
      if (d < 0) {
        throw new IllegalArgumentException("delay must be >= 0 ns, got " + d);
      }
    }
    return new ReadModelStaleness(
        changes, Facts.copy(applied, "applied"), delays, boundNanos, judgedBeforeNanos);
  }

  @Override
  public String name() {
    return "read-model-staleness";
  }

  @Override
  public CheckResult check(History history) {
    Map<Long, Applied> firstOfEvent = new TreeMap<>();
    // aggregate -> version -> the first application of that version or any higher one.
    Map<Long, NavigableMap<Long, Applied>> firstFrom = new TreeMap<>();
    for (Applied a : applied) {
      firstOfEvent.merge(a.eventId(), a, ReadModelStaleness::earlier);
      firstFrom
          .computeIfAbsent(a.aggregate(), k -> new TreeMap<>())
          .merge(a.version(), a, ReadModelStaleness::earlier);
    }
    for (NavigableMap<Long, Applied> versions : firstFrom.values()) {
      Applied first = null;
      for (Map.Entry<Long, Applied> e : versions.descendingMap().entrySet()) {
        first = first == null ? e.getValue() : earlier(first, e.getValue());
        e.setValue(first);
      }
    }
    List<Change> byCommit = new ArrayList<>(committed);
    byCommit.sort(
        Comparator.comparingLong(Change::committedNanos).thenComparingLong(Change::eventId));
    long[] delays = new long[byCommit.size()];
    int visible = 0;
    long never = 0;
    long pending = 0;
    long late = 0;
    List<String> witnesses = new ArrayList<>();
    for (Change c : byCommit) {
      Applied shown = firstOfEvent.get(c.eventId());
      NavigableMap<Long, Applied> versions = firstFrom.get(c.aggregate());
      Map.Entry<Long, Applied> newer = versions == null ? null : versions.higherEntry(c.version());
      if (newer != null) {
        shown = shown == null ? newer.getValue() : earlier(shown, newer.getValue());
      }
      if (shown == null && c.committedNanos() >= judgedBeforeNanos) {
        pending++;
        continue;
      }
      long delay =
          shown == null ? Long.MAX_VALUE : Math.max(0, shown.appliedNanos() - c.committedNanos());
      if (shown == null) {
        never++;
      } else {
        delays[visible++] = delay;
      }
      if (delay > boundNanos) {
        late++;
        if (witnesses.size() < Facts.MAX_WITNESSES) {
          witnesses.add(witness(c, shown, delay));
        }
      }
    }
    long[] sorted = Arrays.copyOf(delays, visible);
    Arrays.sort(sorted);
    long judged = visible + never;
    List<StalenessReport.Visibility> points = new ArrayList<>();
    for (long t : delaysNanos) {
      points.add(new StalenessReport.Visibility(t, judged, countAtMost(sorted, t)));
    }
    return Facts.result(name(), late, witnesses, detail(judged, sorted, never, pending))
        .withVisibility(points);
  }

  private static Applied earlier(Applied a, Applied b) {
    return b.appliedNanos() < a.appliedNanos() ? b : a;
  }

  private String detail(long judged, long[] sorted, long never, long pending) {
    StringBuilder b =
        new StringBuilder().append(judged).append(judged == 1 ? " change" : " changes");
    if (sorted.length > 0) {
      b.append(", visible after p50 ")
          .append(Facts.at(rank(sorted, 50)))
          .append(", p99 ")
          .append(Facts.at(rank(sorted, 99)))
          .append(", max ")
          .append(Facts.at(sorted[sorted.length - 1]));
    }
    b.append("; ").append(never).append(" never visible");
    if (judgedBeforeNanos != Long.MAX_VALUE) {
      b.append(", ")
          .append(pending)
          .append(" pending (committed at or after ")
          .append(Facts.at(judgedBeforeNanos))
          .append(")");
    }
    if (boundNanos != Long.MAX_VALUE) {
      b.append("; bound ").append(Facts.at(boundNanos));
    }
    return b.toString();
  }

  /** Nearest rank: the smallest delay at least {@code percent}% of the sorted delays reach. */
  private static long rank(long[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  private static long countAtMost(long[] sorted, long t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static String witness(Change c, Applied shown, long delay) {
    String head =
        Facts.change(c.eventId(), c.aggregate(), c.version())
            + ", committed at "
            + Facts.at(c.committedNanos());
    if (shown == null) {
      return head + ", never became visible in the read model";
    }
    return head
        + ", became visible after "
        + Facts.at(delay)
        + " (at "
        + Facts.at(shown.appliedNanos())
        + ", when "
        + shown.consumer()
        + " applied v"
        + shown.version()
        + ", event "
        + shown.eventId()
        + ")";
  }
}
