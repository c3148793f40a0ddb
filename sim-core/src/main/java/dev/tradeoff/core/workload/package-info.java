/**
 * Client workloads: arrival processes, key distributions, client sessions that record a history,
 * and a single-node reference store.
 *
 * <p>Each client draws its arrivals, keys and operation kinds from streams of its own ({@code
 * Context.random("arrivals")}, {@code "keys"}, {@code "operations"}) and leaves the node's own
 * stream to its driver, so variants of a seed that differ only in what a driver decides (routing,
 * retries) issue the same operations at the same instants: paired variants, common random numbers.
 */
package dev.tradeoff.core.workload;
