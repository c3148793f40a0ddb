/**
 * Migrations, built as stacks over two nested systems: {@link
 * dev.tradeoff.patterns.migration.StranglerFig} (the {@code strangler-fig} pattern) moves routes of
 * traffic from a legacy system to a new one on a schedule, the new system fed by change data
 * capture ({@link dev.tradeoff.patterns.migration.CdcRelay}) or by the facade's dual writes, with
 * shadow reads comparing both; {@link dev.tradeoff.patterns.migration.ShardKeyMigration} (the
 * {@code shard-key-migration} pattern) moves data from an old layout to a new one through scheduled
 * phases (dual writes, backfill, verify, flip reads, stop dual writes) run by {@link
 * dev.tradeoff.patterns.migration.Mover}. {@link dev.tradeoff.patterns.migration.StaleReads} (the
 * {@code migration} checker) judges every read both offer against the writes acknowledged before
 * it, naming the system that served it.
 */
package dev.tradeoff.patterns.migration;
