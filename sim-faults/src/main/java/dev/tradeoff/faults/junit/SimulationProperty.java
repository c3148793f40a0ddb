package dev.tradeoff.faults.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a test method a property over simulations: the method is the invariant, called once per
 * case on the finished run, and broken by any {@link AssertionError} it throws (JUnit's assertions
 * work). The cases come from a {@link dev.tradeoff.faults.Property.Builder} that a method of the
 * test class returns, named by {@link #setup()}: its nemesis, its system (what {@code system(case
 * -> Run.of(...))} builds), its clients, parameters, labels and further invariants.
 *
 * <p>The method takes any of: the {@link dev.tradeoff.faults.Run} (typed: {@code Run<Store>}), the
 * {@link dev.tradeoff.core.kernel.Simulation}, the {@link dev.tradeoff.faults.Case}, the run's
 * system by its type, and JUnit's {@link org.junit.jupiter.api.TestReporter}. A failure is shrunk
 * and reported exactly as {@link dev.tradeoff.faults.Property#check()} reports it, every invariant
 * is evaluated on the failing case, and each try and the {@link dev.tradeoff.faults.Summary} are
 * published through JUnit's report entries (and the summary printed), success included.
 *
 * <pre>{@code
 * static Property.Builder<Store> asyncGroup() {
 *   return Property.named("async group")
 *       .nemesis(NemesisConfig.builder(NODES, RUN_NANOS).kinds(List.of("crash")).build())
 *       .system(c -> { SystemSpec spec = ...; return Run.of(c, sim, store); });
 * }
 *
 * @SimulationProperty(setup = "asyncGroup", tries = 50, seed = 1000)
 * void noAcknowledgedWriteIsLost(Run<Store> run) {
 *   assertEquals(Verdict.VALID, run.system().checker("lost-writes").orElseThrow()
 *       .check(run.simulation().history()).verdict());
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
@ExtendWith(SimulationPropertyExtension.class)
public @interface SimulationProperty {
  /**
   * The method of the test class (static, or an instance method, without parameters) returning the
   * {@code Property.Builder} the cases come from.
   */
  String setup();

  /** How many cases to try; {@code -Dtradeoff.tries} overrides it. */
  int tries() default 100;

  /** The base seed: case {@code i} has seed {@code seed + i}; {@code -Dtradeoff.seed} overrides. */
  long seed() default 1;
}
