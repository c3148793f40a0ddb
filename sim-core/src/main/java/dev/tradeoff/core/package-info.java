/**
 * What a node sees: the {@link dev.tradeoff.core.Node} contract, the {@link
 * dev.tradeoff.core.Context} it acts through, its {@link dev.tradeoff.core.Disk} and how it is
 * described ({@link dev.tradeoff.core.NodeSpec}), and the {@link dev.tradeoff.core.Release} it runs
 * (a deployed version, which may be a fault). Everything a pattern author writes a node against is
 * here or in {@code metrics.Recorder}; the machinery that runs nodes (virtual time, events,
 * network, clocks, fault verbs) is in {@link dev.tradeoff.core.kernel}.
 */
package dev.tradeoff.core;
