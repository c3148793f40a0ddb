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
 *   <li>{@link dev.tradeoff.faults.Shrinker}: ddmin over a failing schedule (fewer events, shorter
 *       faults, earlier starts), so the failure that remains is the smallest one.
 *   <li>{@link dev.tradeoff.faults.Property}: the property-test harness for JUnit 5 — generate runs
 *       from seeds, check invariants, shrink a failure in the simulator's own terms and print the
 *       seed and the command that replays it.
 * </ul>
 */
package dev.tradeoff.faults;
