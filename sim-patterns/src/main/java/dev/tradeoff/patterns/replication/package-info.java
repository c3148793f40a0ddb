/**
 * Leader/follower replication of a log, with failover: {@link
 * dev.tradeoff.patterns.replication.LeaderFollower} (the pattern), {@link
 * dev.tradeoff.patterns.replication.ReplicaNode} (a replica), {@link
 * dev.tradeoff.patterns.replication.LfDriver} (the client driver that routes reads and writes).
 */
package dev.tradeoff.patterns.replication;
