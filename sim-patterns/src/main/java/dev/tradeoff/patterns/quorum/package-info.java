/**
 * The leaderless quorum pattern ({@code leaderless}): Dynamo-style replication where a client-side
 * coordinator sends every request to all N replicas and answers after W write acks or R read
 * replies, with optional read repair, anti-entropy, and sloppy quorums with hinted handoff, and the
 * WARS latency model of Bailis et al. (VLDB 2012) to reproduce their PBS results.
 *
 * <p>Entry point: {@link dev.tradeoff.patterns.quorum.Leaderless}.
 */
package dev.tradeoff.patterns.quorum;
