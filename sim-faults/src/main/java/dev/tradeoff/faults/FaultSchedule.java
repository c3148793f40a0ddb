package dev.tradeoff.faults;

import dev.tradeoff.core.kernel.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A fault schedule as data: fault events sorted by {@code atNanos}, events at the same time kept in
 * the order given. Immutable. Built outside any run (by hand, from a file, or by a nemesis from a
 * seed), so it can be saved, shrunk and replayed; {@link #install(Simulation)} puts it into a run.
 *
 * <p>Prints one event per line, e.g.
 *
 * <pre>
 * at 1.200s for 300ms: partition {n1} | {n2,n3}
 * at 5s: crash n2
 * </pre>
 *
 * @param events the events, sorted
 */
public record FaultSchedule(List<FaultEvent> events) {
  private static final FaultSchedule EMPTY = new FaultSchedule(List.of());

  /** Sorts a copy of {@code events}, stably, by time. */
  public FaultSchedule {
    List<FaultEvent> sorted = new ArrayList<>(events.size());
    for (FaultEvent event : events) {
      sorted.add(Objects.requireNonNull(event, "fault schedule: null event"));
    }
    sorted.sort(Comparator.comparingLong(FaultEvent::atNanos)); // List.sort is stable
    events = Collections.unmodifiableList(sorted);
  }

  /** A schedule of {@code events}, sorted. */
  public static FaultSchedule of(FaultEvent... events) {
    return new FaultSchedule(List.of(events));
  }

  /** The schedule without faults. */
  public static FaultSchedule empty() {
    return EMPTY;
  }

  /** A builder that adds events in order. */
  public static Builder builder() {
    return new Builder();
  }

  /** Number of events. */
  public int size() {
    return events.size();
  }

  /** Whether there are no events. */
  public boolean isEmpty() {
    return events.isEmpty();
  }

  /** The kinds of fault this schedule holds, sorted, for coverage statistics. */
  public SortedSet<String> kinds() {
    TreeSet<String> kinds = new TreeSet<>();
    for (FaultEvent event : events) {
      kinds.add(event.fault().kind());
    }
    return Collections.unmodifiableSortedSet(kinds);
  }

  /**
   * Installs this schedule into {@code sim}: see {@link FaultInjector#install(Simulation,
   * FaultSchedule)}.
   */
  public FaultInjector install(Simulation sim) {
    return FaultInjector.install(sim, this);
  }

  /**
   * This schedule as JSON, so that it can be saved and replayed: deterministic text (equal
   * schedules give equal text), one event per line, every {@code long} exact and every {@code
   * double} written so it reads back bit for bit, ending with a newline. {@code
   * fromJson(s.toJson())} equals {@code s}. Format:
   *
   * <pre>
   * {
   *   "schema": "tradeoff.faults/1",
   *   "events": [
   *     {"atNanos": 5000000000, "durationNanos": 0, "fault": {"kind": "crash", "type": "crash", "node": "n2", "loseUnsyncedWrites": true}}
   *   ]
   * }
   * </pre>
   *
   * A fault has its {@link Fault#kind()}, a {@code type} naming its record ({@code crash}, {@code
   * isolate}, {@code one-way-partition}, {@code clog-link}, ...), and one field per record
   * component, named as the component; name sets are sorted arrays, partition modes {@code "DROP"}
   * or {@code "HOLD"}.
   */
  public String toJson() {
    return FaultScheduleJson.write(this);
  }

  /**
   * The schedule that {@code json} (as written by {@link #toJson()}) holds. Strict: malformed JSON,
   * an unknown schema, unknown or missing fields, wrong types, unknown fault types, a kind that
   * does not match its type, and faults or events their constructors reject all throw. Field order
   * and event order are free (events are sorted as by the constructor).
   *
   * @throws IllegalArgumentException with a one-line message naming the JSON path and the
   *     line:column, e.g. {@code events[2].fault.rate: expected a number, got "x" (at 4:71)}
   */
  public static FaultSchedule fromJson(String json) {
    return FaultScheduleJson.read(json);
  }

  @Override
  public String toString() {
    List<String> lines = new ArrayList<>(events.size());
    for (FaultEvent event : events) {
      lines.add(event.toString());
    }
    return String.join("\n", lines);
  }

  /** Collects events for a {@link FaultSchedule}. Not for use after {@link #build()}. */
  public static final class Builder {
    private final List<FaultEvent> events = new ArrayList<>();

    private Builder() {}

    /** Adds {@code fault} at {@code atNanos}, without a duration. */
    public Builder at(long atNanos, Fault fault) {
      events.add(new FaultEvent(atNanos, fault));
      return this;
    }

    /** Adds {@code fault} at {@code atNanos} for {@code durationNanos}. */
    public Builder at(long atNanos, long durationNanos, Fault fault) {
      events.add(new FaultEvent(atNanos, durationNanos, fault));
      return this;
    }

    /** The schedule of every event added, sorted. */
    public FaultSchedule build() {
      return new FaultSchedule(events);
    }
  }
}
