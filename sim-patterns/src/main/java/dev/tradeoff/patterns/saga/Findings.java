package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.check.CheckResult;
import java.util.ArrayList;
import java.util.List;

/** Violations a saga checker gathers: a count and the first few as witnesses. */
final class Findings {
  private static final int MAX_WITNESSES = 5;

  private final String checker;
  private final List<String> witnesses = new ArrayList<>();
  private long count;

  Findings(String checker) {
    this.checker = checker;
  }

  /** One more violation, described by {@code witness}. */
  void add(String witness) {
    count++;
    if (witnesses.size() < MAX_WITNESSES) {
      witnesses.add(witness);
    }
  }

  /** The verdict: valid with {@code detail} if nothing was found. */
  CheckResult result(String detail) {
    return count == 0
        ? CheckResult.valid(checker, detail)
        : CheckResult.invalid(checker, count, witnesses, detail);
  }
}
