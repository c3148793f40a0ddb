package dev.tradeoff.faults;

import java.util.List;

/**
 * What a {@link Shrinker} found.
 *
 * @param original the failing case shrinking started from
 * @param minimal the smallest failing case found; fails the check (never a passing case), and is
 *     {@code original} when nothing could be cut
 * @param failure the check's failure message for {@code minimal}
 * @param steps one human-readable line per accepted step, in order, e.g. {@code removed 9 of 20
 *     events (11 left)}
 * @param runs how many times the check was run, including the first run of {@code original}
 * @param exhaustedBudget whether shrinking stopped because it ran out of runs, so {@code minimal}
 *     may not be minimal
 */
public record ShrinkResult(
    Case original,
    Case minimal,
    String failure,
    List<String> steps,
    int runs,
    boolean exhaustedBudget) {

  /** Copies the steps. */
  public ShrinkResult {
    steps = List.copyOf(steps);
  }

  /** A short report: the outcome, each step, and the minimal case. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append("shrunk in ")
        .append(runs)
        .append(" runs")
        .append(exhaustedBudget ? " (exhausted budget: may not be minimal)" : "")
        .append(":\n");
    for (String step : steps) {
      out.append("  ").append(step).append('\n');
    }
    out.append("minimal case: ").append(minimal);
    return out.toString();
  }
}
