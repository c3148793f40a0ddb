/** Named random streams forked from a run seed, and distributions as values. */
package dev.tradeoff.core.random;
