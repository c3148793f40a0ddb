/**
 * {@code multi-leader}: one leader per region accepts writes and replicates them asynchronously to
 * every other leader, resolving concurrent writes by a {@link
 * dev.tradeoff.patterns.multileader.ConflictPolicy}. The pattern records every accepted write with
 * its causal context ({@link dev.tradeoff.patterns.multileader.Ledger}) so that checkers can count
 * the updates a policy lost ({@link dev.tradeoff.patterns.multileader.LostUpdates}), and measure
 * the conflicts the leaders met (series {@code conflicts/writes}, {@code conflicts/detected}).
 */
package dev.tradeoff.patterns.multileader;
