/**
 * Distributed data patterns as simulated nodes, with config records and named invariants. One
 * sub-package per family; built out by the pattern issues.
 */
package dev.tradeoff.patterns;
