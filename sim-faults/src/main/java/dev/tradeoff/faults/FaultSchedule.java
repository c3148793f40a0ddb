package dev.tradeoff.faults;

import dev.tradeoff.core.Simulation;
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
