package dev.tradeoff.faults;

import java.util.List;
import java.util.Objects;

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
 * @param memoHits how many candidates were answered from the memo of cases already tried in this
 *     shrink instead of running the check again; not counted in {@code runs}; {@code >= 0}
 * @param faultFree what shrinking learnt of the original case without faults; decides whether
 *     {@code minimal} may have no faults
 */
public record ShrinkResult(
    Case original,
    Case minimal,
    String failure,
    List<String> steps,
    int runs,
    boolean exhaustedBudget,
    int memoHits,
    FaultFree faultFree) {

  /**
   * Whether the original case without faults (same seed, run length and clients) fails the check.
   * The shrinker runs that case once, the first time a candidate without faults fails, and accepts
   * such a candidate only if the fault-free original fails too: a failure that shows only on a
   * cut-down run without faults is an artefact of shrinking, not the bug the faults found.
   */
  public enum FaultFree {
    /** It fails: the property fails without faults, so the minimal case has none. */
    FAILS,
    /** It passes: every candidate kept at least one fault. */
    PASSES,
    /** Never run, because no candidate without faults failed. */
    UNTRIED
  }

  /** Copies the steps. */
  public ShrinkResult {
    steps = List.copyOf(steps);
    Objects.requireNonNull(faultFree, "faultFree");
    if (memoHits < 0) {
      throw new IllegalArgumentException("shrink result: memoHits must be >= 0, got " + memoHits);
    }
  }

  /** A result without a memo and without a fault-free run (as before either existed). */
  public ShrinkResult(
      Case original,
      Case minimal,
      String failure,
      List<String> steps,
      int runs,
      boolean exhaustedBudget) {
    this(original, minimal, failure, steps, runs, exhaustedBudget, 0, FaultFree.UNTRIED);
  }

  /** Whether the original case fails without faults too; see {@link FaultFree}. */
  public boolean failsWithoutFaults() {
    return faultFree == FaultFree.FAILS;
  }

  /** A short report: the outcome, what the case without faults did, each step, the minimal case. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append("shrunk in ").append(runs).append(" runs");
    if (memoHits > 0) {
      out.append(" (and ")
          .append(memoHits)
          .append(memoHits == 1 ? " repeated candidate" : " repeated candidates")
          .append(" answered from the memo)");
    }
    out.append(exhaustedBudget ? " (exhausted budget: may not be minimal)" : "").append(":\n");
    switch (faultFree) {
      case FAILS ->
          out.append("  the property fails without faults too: the minimal case has none\n");
      case PASSES ->
          out.append(
              "  without faults the case passes, so every candidate kept at least one fault\n");
      case UNTRIED -> {}
    }
    for (String step : steps) {
      out.append("  ").append(step).append('\n');
    }
    out.append("minimal case: ").append(minimal);
    return out.toString();
  }
}
