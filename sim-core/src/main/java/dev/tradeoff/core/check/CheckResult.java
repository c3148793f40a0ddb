package dev.tradeoff.core.check;

import java.util.List;
import java.util.Objects;

/**
 * A checker's verdict on one history.
 *
 * @param checker the checker's name, e.g. {@code linearizability}
 * @param verdict valid, invalid or unknown
 * @param violations how many violations were found (0 unless invalid)
 * @param witnesses the first few violations in plain words, each naming the operations involved
 * @param detail one line about how the verdict was reached (e.g. states explored, or why unknown)
 */
public record CheckResult(
    String checker, Verdict verdict, long violations, List<String> witnesses, String detail) {

  /** Validates the fields: only an invalid result has violations and witnesses. */
  public CheckResult {
    Objects.requireNonNull(checker, "checker");
    Objects.requireNonNull(verdict, "verdict");
    witnesses = List.copyOf(witnesses);
    Objects.requireNonNull(detail, "detail");
    if ((verdict == Verdict.INVALID) != (violations > 0)) {
      throw new IllegalArgumentException(
          checker + ": an invalid result needs violations, and only an invalid one");
    }
  }

  /** A valid result. */
  public static CheckResult valid(String checker, String detail) {
    return new CheckResult(checker, Verdict.VALID, 0, List.of(), detail);
  }

  /** An invalid result with {@code violations} violations, the first of them as witnesses. */
  public static CheckResult invalid(
      String checker, long violations, List<String> witnesses, String detail) {
    return new CheckResult(checker, Verdict.INVALID, violations, witnesses, detail);
  }

  /** An unknown result: the budget ran out, as {@code reason} says. */
  public static CheckResult unknown(String checker, String reason) {
    return new CheckResult(checker, Verdict.UNKNOWN, 0, List.of(), reason);
  }

  /** One line: the checker, the verdict, and the first witness or the detail. */
  @Override
  public String toString() {
    String verdictText = verdict.name().toLowerCase(java.util.Locale.ROOT);
    String rest =
        witnesses.isEmpty() ? detail : violations + " violations; first: " + witnesses.get(0);
    return checker + ": " + verdictText + " (" + rest + ")";
  }
}
