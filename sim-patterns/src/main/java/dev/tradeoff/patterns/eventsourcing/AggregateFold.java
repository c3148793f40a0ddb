package dev.tradeoff.patterns.eventsourcing;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * {@code aggregate-fold}: after the run, the state a handler would load for each aggregate is a
 * fold of the aggregate's final stream in order. Two paths are checked:
 *
 * <ul>
 *   <li>the store's load path: the latest snapshot plus the events the store returns after it must
 *       fold to the same state as every event from the start (when there is a snapshot);
 *   <li>each live handler's cache: an aggregate cached at version {@code v} must equal the fold of
 *       the stream's first {@code v} events — a cache may be behind, never on another history.
 * </ul>
 *
 * <p>One violation per aggregate whose snapshot path differs, and per cached state that differs.
 * Fires when snapshots or caches were built on a history the stream does not hold: racing appends
 * without expected-version checks, or a store that lost acknowledged events.
 */
final class AggregateFold implements Checker {
  private static final int MAX_WITNESSES = 10;

  private final StreamLog log;
  private final boolean versionsChecked;
  private final SortedMap<String, NavigableMap<Long, AggregateState>> caches;

  /**
   * Judges {@code log}, the final streams, as a store that does ({@code versionsChecked}) or does
   * not check versions serves them, and {@code caches}, by live handler name.
   */
  AggregateFold(
      StreamLog log,
      boolean versionsChecked,
      SortedMap<String, NavigableMap<Long, AggregateState>> caches) {
    this.log = log;
    this.versionsChecked = versionsChecked;
    this.caches = caches;
  }

  @Override
  public String name() {
    return "aggregate-fold";
  }

  @Override
  public CheckResult check(History history) {
    TreeSet<Long> aggregates = new TreeSet<>(log.aggregates());
    caches.values().forEach(c -> aggregates.addAll(c.keySet()));
    long violations = 0;
    long snapshots = 0;
    long cached = 0;
    List<String> witnesses = new ArrayList<>();
    for (long a : aggregates) {
      List<Event> stream = log.stream(a);
      AggregateState[] prefix = new AggregateState[stream.size() + 1];
      prefix[0] = AggregateState.EMPTY;
      for (int i = 0; i < stream.size(); i++) {
        prefix[i + 1] = prefix[i].apply(stream.get(i));
      }
      AggregateState full = prefix[stream.size()];
      AggregateState snapshot = log.snapshot(a);
      if (snapshot != null) {
        snapshots++;
        AggregateState loaded =
            AggregateState.fold(snapshot, StreamLog.after(stream, snapshot, versionsChecked));
        if (!loaded.equals(full)) {
          violations++;
          add(
              witnesses,
              "aggregate "
                  + a
                  + ": loading from its snapshot at "
                  + snapshot.text()
                  + " gives "
                  + loaded.text()
                  + ", but the fold of its "
                  + stream.size()
                  + " events in order is "
                  + full.text());
        }
      }
      for (Map.Entry<String, NavigableMap<Long, AggregateState>> c : caches.entrySet()) {
        AggregateState state = c.getValue().get(a);
        if (state == null) {
          continue;
        }
        cached++;
        long v = state.version();
        if (v > stream.size() || !prefix[(int) v].equals(state)) {
          violations++;
          add(
              witnesses,
              c.getKey()
                  + " caches aggregate "
                  + a
                  + " at "
                  + state.text()
                  + ", but "
                  + (v > stream.size()
                      ? "its stream has only " + stream.size() + " events"
                      : "the fold of its first " + v + " events is " + prefix[(int) v].text()));
        }
      }
    }
    String detail =
        aggregates.size()
            + " aggregates: "
            + snapshots
            + " loaded from their snapshot and "
            + cached
            + " cached states on "
            + caches.size()
            + " live handlers compared with the fold of their stream";
    return violations == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), violations, witnesses, detail);
  }

  private static void add(List<String> witnesses, String w) {
    if (witnesses.size() < MAX_WITNESSES) {
      witnesses.add(w);
    }
  }
}
