/** Turning run records into console summaries, JSON, percentile files, charts and HTML. */
package dev.tradeoff.reports;
