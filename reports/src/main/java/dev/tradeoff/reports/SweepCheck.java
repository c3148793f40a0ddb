package dev.tradeoff.reports;

import dev.tradeoff.core.check.Verdict;
import java.util.Objects;

/**
 * One checker's verdict in one run of a sweep (the witnesses stay with a single run's report).
 *
 * @param name the checker, e.g. {@code linearizability}
 * @param verdict its verdict
 * @param violations violations found
 */
public record SweepCheck(String name, Verdict verdict, long violations) {
  /** Rejects nulls. */
  public SweepCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(verdict, "verdict");
  }
}
