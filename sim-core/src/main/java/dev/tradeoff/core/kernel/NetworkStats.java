package dev.tradeoff.core.kernel;

/**
 * Network message counters.
 *
 * @param sent messages handed to the network (a duplicate is not counted again)
 * @param delivered messages handed to a running node
 * @param droppedByLoss messages lost to the loss rate
 * @param droppedByPartition messages lost on a cut link in {@link PartitionMode#DROP} mode
 * @param droppedAtDownNode messages that arrived at a crashed node
 * @param duplicated extra copies created by the duplication rate
 * @param heldNow messages waiting on cut links in {@link PartitionMode#HOLD} mode
 */
public record NetworkStats(
    long sent,
    long delivered,
    long droppedByLoss,
    long droppedByPartition,
    long droppedAtDownNode,
    long duplicated,
    int heldNow) {}
