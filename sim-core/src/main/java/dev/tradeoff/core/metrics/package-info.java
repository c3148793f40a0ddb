/**
 * Latency histograms per operation kind, interval series in simulated time, and the role {@link
 * dev.tradeoff.core.metrics.Timeline} (leader, lease, crashed, cut off) that the kernel and the
 * patterns publish through {@link dev.tradeoff.core.metrics.Recorder#state}.
 */
package dev.tradeoff.core.metrics;
