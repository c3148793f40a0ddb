/**
 * A partitioned, replicated log in the manner of Kafka, the building block of the event-driven
 * patterns: {@link dev.tradeoff.patterns.log.EventLog} (the pattern {@code log}), {@link
 * dev.tradeoff.patterns.log.BrokerNode} (brokers holding partition replicas), {@link
 * dev.tradeoff.patterns.log.ControllerNode} (leader election, ISR changes and the consumer group
 * coordinator), {@link dev.tradeoff.patterns.log.Producer} (a producer living inside a host node),
 * {@link dev.tradeoff.patterns.log.ConsumerNode} (a member of the consumer group that keeps a
 * materialised view), {@link dev.tradeoff.patterns.log.Subscriptions} (which topic each group
 * reads: the main one or its dead-letter topic), and the checkers {@link
 * dev.tradeoff.patterns.log.LostEvents}, {@link dev.tradeoff.patterns.log.DuplicateDeliveries} and
 * {@link dev.tradeoff.patterns.log.KeyOrder}.
 *
 * <p>Patterns built on the log reach it through three public types only: {@link
 * dev.tradeoff.patterns.log.LogBackbone} (the same cluster, with the group's members handing
 * records to a pattern's {@link dev.tradeoff.patterns.log.RecordHandler}) and {@link
 * dev.tradeoff.patterns.log.Publisher} (a producer inside a pattern's node).
 */
package dev.tradeoff.patterns.log;
