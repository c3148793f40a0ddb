/**
 * The deterministic kernel: {@link dev.tradeoff.core.Simulation} (virtual time, events, fault
 * verbs), the {@link dev.tradeoff.core.Node} contract and its {@link dev.tradeoff.core.Context},
 * the {@link dev.tradeoff.core.Network}, local clocks, disks and the CPU model.
 */
package dev.tradeoff.core;
