package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A named predicate over a run's final state and its history, DSLabs style: it returns {@code null}
 * when it holds, or an explanation of how it fails, such as {@code total 990, expected 1000}.
 *
 * @param <S> the type of the final state the invariant inspects
 * @param name a short, stable name, such as {@code money-conserved}
 * @param check the predicate: {@code null} if the invariant holds for the state and history, else a
 *     one-line explanation that names the numbers involved
 */
public record Invariant<S>(String name, BiFunction<? super S, History, String> check) {

  /** Validates the fields: a name that is not blank and a predicate. */
  public Invariant {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an invariant needs a name");
    }
    Objects.requireNonNull(check, "check");
  }

  /** An invariant over the final state alone; the history is ignored. */
  public static <S> Invariant<S> ofState(String name, Function<? super S, String> check) {
    Objects.requireNonNull(check, "check");
    return new Invariant<>(name, (state, history) -> check.apply(state));
  }

  /**
   * Evaluates the invariant: {@code null} if it holds, else its explanation. A predicate that
   * throws counts as failing, with the exception as its explanation.
   */
  public String explain(S state, History history) {
    try {
      return check.apply(state, history);
    } catch (RuntimeException e) {
      return "the check threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
