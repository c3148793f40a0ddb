/**
 * Cells: {@link dev.tradeoff.patterns.cells.Cells} (the {@code cells} pattern) splits customers
 * over identical, share-nothing cells, each a whole stack built from a nested backend system,
 * behind a thin client-side {@link dev.tradeoff.patterns.cells.CellRouter}. A {@link
 * dev.tradeoff.patterns.cells.Mover} moves customers between cells while traffic runs (drain, copy,
 * flip) through the shared {@link dev.tradeoff.patterns.cells.CellMap}; a {@link
 * dev.tradeoff.patterns.cells.Rollout} deploys a new release cell by cell, all at once or as a
 * canary with automatic rollback. {@link dev.tradeoff.patterns.cells.SingleHome} checks that each
 * customer was served by one cell at a time, from the facts the routers record ({@link
 * dev.tradeoff.patterns.cells.HomeLog}).
 */
package dev.tradeoff.patterns.cells;
