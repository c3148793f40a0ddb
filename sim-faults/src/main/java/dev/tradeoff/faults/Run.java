package dev.tradeoff.faults;

import dev.tradeoff.core.kernel.Simulation;
import java.util.Objects;

/**
 * One case of a {@link Property} as its invariants see it: the case, the simulation built for it,
 * and what else the builder built into that simulation (a pattern's {@code Store}, the test
 * author's own system), typed, so an invariant reaches the system's checkers without a shared
 * field. A builder returns the run before it has run; the property installs the case's schedule,
 * runs the simulation to the case's end and then hands the same run to every invariant.
 *
 * <p>Each case gets its own run, built afresh; cases may be built and run on several threads at
 * once, so a builder must keep nothing mutable between cases.
 *
 * @param trial the case this run is of
 * @param simulation the simulation, seeded with {@code trial.seed()}, holding every node the
 *     schedule names
 * @param system what the builder built into the simulation; the simulation itself when there is
 *     nothing else
 * @param <T> the system's type
 */
public record Run<T>(Case trial, Simulation simulation, T system) {
  /** Validates the fields. */
  public Run {
    Objects.requireNonNull(trial, "trial");
    Objects.requireNonNull(simulation, "simulation");
    Objects.requireNonNull(system, "system");
  }

  /** The run of {@code trial} in {@code simulation}, with {@code system} built into it. */
  public static <T> Run<T> of(Case trial, Simulation simulation, T system) {
    return new Run<>(trial, simulation, system);
  }

  /** The run of {@code trial} whose system is the simulation itself. */
  public static Run<Simulation> of(Case trial, Simulation simulation) {
    return new Run<>(trial, simulation, simulation);
  }
}
