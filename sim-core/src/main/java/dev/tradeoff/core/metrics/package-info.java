/** Latency histograms per operation kind and interval series in simulated time. */
package dev.tradeoff.core.metrics;
