package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Named invariants over one final state and the history, DSLabs style (like its {@code
 * RESULTS_OK}): every invariant is evaluated, in the order given, and each one that fails is a
 * violation whose witness reads {@code invariant NAME: EXPLANATION}, e.g. {@code invariant
 * money-conserved: total 990, expected 1000}.
 *
 * <p>The result is valid when every invariant holds; the violation count is the number of failing
 * invariants, and the witnesses are the first 5 of them. An invariant whose predicate throws fails,
 * with the exception as its explanation.
 *
 * @param <S> the type of the final state
 */
public final class Invariants<S> implements Checker {
  private final S finalState;
  private final List<Invariant<S>> invariants;

  private Invariants(S finalState, List<Invariant<S>> invariants) {
    this.finalState = finalState;
    this.invariants = List.copyOf(invariants);
  }

  /**
   * Checks {@code invariants} against {@code finalState} (which may be {@code null} when every
   * invariant reads only the history). Names must be distinct.
   */
  public static <S> Invariants<S> over(S finalState, List<Invariant<S>> invariants) {
    Objects.requireNonNull(invariants, "invariants");
    if (invariants.stream().map(Invariant::name).distinct().count() != invariants.size()) {
      throw new IllegalArgumentException("invariant names must be distinct");
    }
    return new Invariants<>(finalState, invariants);
  }

  /** Checks the given invariants against {@code finalState}. */
  @SafeVarargs
  public static <S> Invariants<S> over(S finalState, Invariant<S>... invariants) {
    return over(finalState, List.of(invariants));
  }

  @Override
  public String name() {
    return "invariants";
  }

  @Override
  public CheckResult check(History history) {
    long failed = 0;
    List<String> witnesses = new ArrayList<>();
    for (Invariant<S> invariant : invariants) {
      String explanation = invariant.explain(finalState, history);
      if (explanation != null) {
        failed++;
        if (witnesses.size() < SessionGuarantees.MAX_WITNESSES) {
          witnesses.add("invariant " + invariant.name() + ": " + explanation);
        }
      }
    }
    String detail = invariants.size() + " invariants checked";
    return failed == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), failed, witnesses, detail);
  }
}
