/**
 * Client workloads: arrival processes, key distributions, client sessions that record a history,
 * and a single-node reference store.
 */
package dev.tradeoff.core.workload;
