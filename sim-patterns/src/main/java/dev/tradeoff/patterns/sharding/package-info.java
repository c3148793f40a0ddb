/**
 * Sharding: {@link dev.tradeoff.patterns.sharding.Sharded} (the {@code sharded} pattern) spreads
 * keys over shards, each an instance of a nested backend system, with client-side routing ({@link
 * dev.tradeoff.patterns.sharding.ShardDriver}), hot-key salting, scatter-gather reads, and a
 * scheduled resize whose moved keys a {@link dev.tradeoff.patterns.sharding.Migrator} copies while
 * a shared {@link dev.tradeoff.patterns.sharding.Topology} tells routers where each key lives.
 */
package dev.tradeoff.patterns.sharding;
