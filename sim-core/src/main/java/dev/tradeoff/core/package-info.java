/**
 * What a node sees: the {@link dev.tradeoff.core.Node} contract, the {@link
 * dev.tradeoff.core.Context} it acts through, its {@link dev.tradeoff.core.Disk} and how it is
 * described ({@link dev.tradeoff.core.NodeSpec}). Everything a pattern author writes a node against
 * is here or in {@code metrics.Recorder}; the machinery that runs nodes (virtual time, events,
 * network, clocks, fault verbs) is in {@link dev.tradeoff.core.kernel}.
 */
package dev.tradeoff.core;
