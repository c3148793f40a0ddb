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
 * @param visibility t-visibility, one point per delay t ascending, for a checker that measures it
 *     ({@link Staleness}); empty for every other checker. Carried as data, not only as text, so a
 *     report can print it as a table and write it to JSON.
 * @param refs what each witness names as data (operations, time, nodes), one per witness in the
 *     same order, or empty when the checker gives only text
 */
public record CheckResult(
    String checker,
    Verdict verdict,
    long violations,
    List<String> witnesses,
    String detail,
    List<StalenessReport.Visibility> visibility,
    List<WitnessRef> refs) {

  /**
   * Validates the fields: only an invalid result has violations and witnesses; visibility points
   * come in strictly ascending delay; refs are absent or one per witness.
   */
  public CheckResult {
    Objects.requireNonNull(checker, "checker");
    Objects.requireNonNull(verdict, "verdict");
    witnesses = List.copyOf(witnesses);
    Objects.requireNonNull(detail, "detail");
    visibility = List.copyOf(visibility);
    refs = List.copyOf(refs);
    if (!refs.isEmpty() && refs.size() != witnesses.size()) {
      throw new IllegalArgumentException(
          checker + ": " + refs.size() + " refs for " + witnesses.size() + " witnesses");
    }
    if ((verdict == Verdict.INVALID) != (violations > 0)) {
      throw new IllegalArgumentException(
          checker + ": an invalid result needs violations, and only an invalid one");
    }
    for (int i = 1; i < visibility.size(); i++) {
      if (visibility.get(i).delayNanos() <= visibility.get(i - 1).delayNanos()) {
        throw new IllegalArgumentException(checker + ": visibility delays must ascend");
      }
    }
  }

  /** A result without witness refs. */
  public CheckResult(
      String checker,
      Verdict verdict,
      long violations,
      List<String> witnesses,
      String detail,
      List<StalenessReport.Visibility> visibility) {
    this(checker, verdict, violations, witnesses, detail, visibility, List.of());
  }

  /** A result without t-visibility, as every checker but staleness gives. */
  public CheckResult(
      String checker, Verdict verdict, long violations, List<String> witnesses, String detail) {
    this(checker, verdict, violations, witnesses, detail, List.of());
  }

  /** This result with {@code visibility} (ascending delays) attached. */
  public CheckResult withVisibility(List<StalenessReport.Visibility> visibility) {
    return new CheckResult(checker, verdict, violations, witnesses, detail, visibility, refs);
  }

  /** This result with {@code newRefs}, one per witness, attached. */
  public CheckResult withRefs(List<WitnessRef> newRefs) {
    return new CheckResult(checker, verdict, violations, witnesses, detail, visibility, newRefs);
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

  /**
   * An invalid result whose witnesses come with {@code refs}, one per witness, saying as data what
   * each names.
   */
  public static CheckResult invalid(
      String checker,
      long violations,
      List<String> witnesses,
      List<WitnessRef> refs,
      String detail) {
    return new CheckResult(
        checker, Verdict.INVALID, violations, witnesses, detail, List.of(), refs);
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
