package dev.tradeoff.faults;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one try of a {@link Property} gave, as reported to a case reporter (the JUnit extension
 * publishes one entry per try).
 *
 * @param index the try's index from 0, or -1 for a seed saved by an earlier failure and retried
 *     before the tries
 * @param trial the case
 * @param kinds the fault kinds its schedule holds
 * @param labels the labels it was given, sorted, each once
 * @param failure the first invariant it broke, {@code "name: message"}, or null if it passed
 * @param wallNanos the wall time the try took (measurement only)
 */
public record Tried(
    int index,
    Case trial,
    SortedSet<String> kinds,
    SortedSet<String> labels,
    String failure,
    long wallNanos) {
  /** Copies the sets. */
  public Tried {
    Objects.requireNonNull(trial, "trial");
    kinds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(kinds));
    labels = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(labels));
  }

  /** Whether the case kept every invariant. */
  public boolean passed() {
    return failure == null;
  }

  /** One line, e.g. {@code try 3: seed 1002, 4 fault events (crash, partition); passed}. */
  public String line() {
    return (index < 0 ? "saved seed" : "try " + (index + 1))
        + ": seed "
        + trial.seed()
        + ", "
        + trial.schedule().size()
        + " fault events"
        + (kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")")
        + (trial.parameters().isEmpty() ? "" : ", " + trial.parameters())
        + (labels.isEmpty() ? "" : "; labels " + String.join(", ", List.copyOf(labels)))
        + "; "
        + (failure == null ? "passed" : "FAILED " + failure);
  }
}
