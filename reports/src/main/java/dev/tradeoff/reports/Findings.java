package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two halves of a report's verdict line, kept apart because they judge different things: what
 * the scenario <em>expected</em> (its expectations, which decide the verdict and the exit code),
 * and what the checkers <em>found</em> in the system. A scenario that demonstrates split brain
 * expects a split-brain violation, so its verdict is valid while its system is not; a line that
 * printed only {@code VALID} would read as "the system is fine".
 *
 * <p>Contract: plain ASCII, a function of the report alone.
 */
final class Findings {
  private Findings() {}

  /**
   * What the expectations came to, with counts: {@code expectations held (2/2)}, {@code
   * expectations violated (1/3), 1 undecided}, {@code expectations undecided (1/3)} or {@code no
   * expectations stated}. The fraction is the expectations in that state over all of them.
   */
  static String expectations(List<ExpectationResult> es) {
    if (es.isEmpty()) {
      return "no expectations stated";
    }
    long violated = es.stream().filter(e -> e.outcome() == Verdict.INVALID).count();
    long unknown = es.stream().filter(e -> e.outcome() == Verdict.UNKNOWN).count();
    int n = es.size();
    if (violated > 0) {
      return "expectations violated ("
          + violated
          + "/"
          + n
          + ")"
          + (unknown > 0 ? ", " + unknown + " undecided" : "");
    }
    if (unknown > 0) {
      return "expectations undecided (" + unknown + "/" + n + ")";
    }
    return "expectations held (" + n + "/" + n + ")";
  }

  /**
   * What the checkers found, one phrase per check in report order, e.g. {@code the system: split
   * brain, not linearizable, 0 lost writes}; empty when the run had no checks.
   */
  static String system(List<CheckResult> checks) {
    if (checks.isEmpty()) {
      return "";
    }
    List<String> phrases = new ArrayList<>();
    for (CheckResult c : checks) {
      phrases.add(phrase(c));
    }
    return "the system: " + String.join(", ", phrases);
  }

  /** Whether a checker found a violation in the system. */
  static boolean systemViolated(List<CheckResult> checks) {
    return checks.stream().anyMatch(c -> c.verdict() == Verdict.INVALID);
  }

  /**
   * One check in words. Checkers that count things (lost writes, stale reads) give the count, even
   * when it is 0; checkers of a property name the property or its absence; an unknown verdict is
   * {@code <checker> undecided}; a checker this table does not know reads {@code <checker> ok} or
   * {@code <checker>: N violations}.
   */
  static String phrase(CheckResult c) {
    String name = c.checker();
    if (c.verdict() == Verdict.UNKNOWN) {
      return name + " undecided";
    }
    boolean bad = c.verdict() == Verdict.INVALID;
    long n = c.violations();
    return switch (name) {
      case "linearizability" -> bad ? "not linearizable" : "linearizable";
      case "split-brain" -> bad ? "split brain" : "no split brain";
      case "convergence" -> bad ? "replicas diverged" : "replicas converged";
      case "lost-writes" -> count(n, "lost write", "lost writes");
      case "staleness" -> count(n, "stale read", "stale reads");
      case "lost-updates" -> count(n, "lost update", "lost updates");
      case "inverted-updates" -> count(n, "inverted update", "inverted updates");
      case "duplicate-effects" -> count(n, "duplicate effect", "duplicate effects");
      case "read-your-writes",
          "monotonic-reads",
          "monotonic-writes",
          "writes-follow-reads",
          "consistent-prefix" ->
          bad ? name + " violated (" + n + ")" : name + " held";
      default -> bad ? name + ": " + count(n, "violation", "violations") : name + " ok";
    };
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** {@code text} with its first letter upper-case, for a heading. */
  static String capitalised(String text) {
    return text.isEmpty()
        ? text
        : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }
}
