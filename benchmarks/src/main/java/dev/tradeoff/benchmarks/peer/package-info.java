/**
 * The same models on SSJ (Stochastic Simulation in Java, L'Ecuyer et al.), written the way an SSJ
 * user would write them, so each of our figures is compared with a peer's in the same run.
 */
package dev.tradeoff.benchmarks.peer;
