/**
 * Faults as data: the fault vocabulary, fault schedules, random nemesis generation, shrinking and
 * the property-test harness. Built out by the faults issue; empty until then.
 */
package dev.tradeoff.faults;
