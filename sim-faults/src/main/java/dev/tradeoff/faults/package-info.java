/**
 * Faults as data.
 *
 * <ul>
 *   <li>{@link dev.tradeoff.faults.Fault}: the vocabulary, one small record per fault, naming nodes
 *       and zones by name.
 *   <li>{@link dev.tradeoff.faults.FaultEvent} and {@link dev.tradeoff.faults.FaultSchedule}:
 *       faults placed in time, as a sorted, printable, immutable list.
 *   <li>{@link dev.tradeoff.faults.FaultInjector}: a schedule installed into a simulation, applying
 *       and exactly reverting each event, and recording {@link dev.tradeoff.faults.FaultWindow}s
 *       for reports.
 * </ul>
 *
 * <p>Random nemesis generation, shrinking and the property-test harness come later.
 */
package dev.tradeoff.faults;
