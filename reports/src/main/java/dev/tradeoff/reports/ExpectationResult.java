package dev.tradeoff.reports;

import dev.tradeoff.core.check.Verdict;
import java.util.Objects;

/**
 * One expectation of a scenario and how it came out.
 *
 * @param text the expectation as the scenario wrote it, e.g. {@code p99(read) < 50ms}
 * @param outcome {@link Verdict#VALID} held, {@link Verdict#INVALID} violated, {@link
 *     Verdict#UNKNOWN} could not be decided (a checker answered unknown, or no data)
 * @param observed the measured left-hand side in words, e.g. {@code p99(read) = 12.4ms}
 */
public record ExpectationResult(String text, Verdict outcome, String observed) {
  /** Rejects nulls. */
  public ExpectationResult {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(observed, "observed");
  }

  /** Whether the expectation held. */
  public boolean held() {
    return outcome == Verdict.VALID;
  }
}
