/**
 * Faults as data.
 *
 * <ul>
 *   <li>{@link dev.tradeoff.faults.Fault}: the vocabulary, one small record per fault, naming nodes
 *       and zones by name.
 *   <li>{@link dev.tradeoff.faults.FaultEvent} and {@link dev.tradeoff.faults.FaultSchedule}:
 *       faults placed in time, as a sorted, printable, immutable list that saves to and loads from
 *       JSON, so a failing schedule can be kept and replayed.
 *   <li>{@link dev.tradeoff.faults.FaultInjector}: a schedule installed into a simulation, applying
 *       and exactly reverting each event, and recording {@link dev.tradeoff.faults.FaultWindow}s
 *       for reports.
 *   <li>{@link dev.tradeoff.faults.Nemesis} and {@link dev.tradeoff.faults.NemesisConfig}: random
 *       schedules from a seed, swarm style: which fault kinds are on, and how often, is itself
 *       drawn per seed, within the caller's bounds (nodes down at once, quiet period, magnitudes).
 *   <li>{@link dev.tradeoff.faults.Shrinker}: the shortest failing run first, then ddmin over the
 *       schedule (fewer events, shorter faults, earlier starts), fewer clients and simpler {@link
 *       dev.tradeoff.faults.Parameter}s, with a memo of tried cases; a case without faults only if
 *       the original fails without faults too.
 *   <li>{@link dev.tradeoff.faults.Property}: the property-test harness, from any JUnit 5 test (no
 *       jqwik) or through the {@code @SimulationProperty} extension ({@code
 *       dev.tradeoff.faults.junit}) — generate cases from seeds, run them on all cores, check
 *       invariants of the typed {@link dev.tradeoff.faults.Run} ({@link
 *       dev.tradeoff.faults.Property.Invariant}, including any tradeoff checker with an explicit
 *       policy for unknown verdicts) and labels, shrink a failure in the simulator's own terms,
 *       judge every invariant on the failing case, and print the seed, the system properties that
 *       replay it and a Maven command for the test's own module, with the original exception as the
 *       cause; failing seeds are saved and tried first next time.
 *   <li>{@link dev.tradeoff.faults.Coverage} and {@link dev.tradeoff.faults.Summary}: what a
 *       property run covered (fault kinds, labels) and did (tries, base seed, wall times), reported
 *       on every run, success included.
 * </ul>
 */
package dev.tradeoff.faults;
