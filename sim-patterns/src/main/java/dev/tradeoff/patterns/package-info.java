/**
 * The patterns a scenario can build: each a {@link dev.tradeoff.patterns.PatternSpec} (name,
 * parameters, validation) that builds a {@link dev.tradeoff.patterns.Store} (nodes plus the client
 * driver), registered in {@link dev.tradeoff.patterns.catalog.PatternCatalog}.
 */
package dev.tradeoff.patterns;
