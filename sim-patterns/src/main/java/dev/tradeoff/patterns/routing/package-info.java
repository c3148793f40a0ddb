/**
 * Key-to-shard routing shared by the sharding and caching patterns: {@link
 * dev.tradeoff.patterns.routing.KeyRouter} with hash-mod-N, key ranges and consistent hashing with
 * virtual nodes.
 */
package dev.tradeoff.patterns.routing;
