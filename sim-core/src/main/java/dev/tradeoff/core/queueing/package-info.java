/** Closed-form queueing results that simulated figures are checked against. */
package dev.tradeoff.core.queueing;
