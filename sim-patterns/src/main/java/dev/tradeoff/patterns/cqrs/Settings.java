package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.random.Distribution;
import java.util.ArrayList;
import java.util.List;

/**
 * The knobs of a CQRS system, read from the scenario (the log's own are in its {@link
 * dev.tradeoff.patterns.log.LogBackbone}).
 *
 * @param name node name prefix
 * @param zone the zone of every node
 * @param services write-model services; aggregate k belongs to service k mod services
 * @param workers CPU servers per service
 * @param queue CPU queue per service
 * @param service a service's CPU time to validate a command or serve a read
 * @param publish how a service announces a committed change
 * @param relay how the outbox relay finds new rows
 * @param relayIntervalNanos how often the polling relay polls, or the tailing relay marks
 * @param relayBatch most outbox rows one poll publishes
 * @param lingerNanos dual write: how long an event waits in the service's send buffer
 * @param partitionKey what a record is keyed (partitioned) by
 * @param projectors members of the projector group
 * @param consumer whether projectors skip events already applied
 * @param apply how the read model applies an event to its row
 * @param applyTimeoutNanos how long a projector waits for the read model before asking again
 * @param readModelWorkers CPU servers of the read model
 * @param readModelService the read model's CPU time per transaction or query
 * @param readYourWrites how a client's reads see its own commands
 * @param waitTimeoutNanos wait-for-version: how long the read model holds a read
 * @param ownWritesWindowNanos write-model: how long after a command its key's reads go to the
 *     service
 * @param settleNanos changes committed within this much of the run's end are pending: the lost
 *     events and staleness checkers do not judge them unless they became visible
 * @param database the store holding the services' tables, or null: each service's own disk
 * @param databaseTimeoutNanos with a database: how long a service waits for an answer
 * @param aggregates with a database: aggregates {@code 0 … aggregates-1} a restarted relay scans
 *     for changes not yet published
 */
record Settings(
    String name,
    String zone,
    int services,
    int workers,
    int queue,
    Distribution service,
    Publish publish,
    Relay relay,
    long relayIntervalNanos,
    int relayBatch,
    long lingerNanos,
    PartitionKey partitionKey,
    int projectors,
    ConsumerMode consumer,
    ApplyMode apply,
    long applyTimeoutNanos,
    int readModelWorkers,
    Distribution readModelService,
    ReadYourWrites readYourWrites,
    long waitTimeoutNanos,
    long ownWritesWindowNanos,
    long settleNanos,
    dev.tradeoff.patterns.Store database,
    long databaseTimeoutNanos,
    int aggregates) {

  /** How a service announces a committed change. */
  enum Publish {
    /** The change and an outbox row in one transaction; a relay publishes the row later. */
    OUTBOX,
    /** Commit, then produce: a crash or a given-up produce between the two loses the event. */
    DUAL_WRITE,
    /** Produce, commit after the ack: a crash between the two leaves a phantom event. */
    DUAL_WRITE_LOG_FIRST
  }

  /** How the outbox relay finds rows to publish. */
  enum Relay {
    /** It reads up to a batch of unpublished rows every relay interval. */
    POLLING,
    /**
     * It follows the database's change stream: each row is published as it commits, and the
     * acknowledged ones are marked every relay interval.
     */
    TAILING
  }

  /** What a log record is keyed by, and so which partition it goes to. */
  enum PartitionKey {
    /** The aggregate: one aggregate's events share a partition, in order. */
    AGGREGATE,
    /** The event's id: one aggregate's events spread over partitions. */
    EVENT
  }

  /** Whether a projector's transaction skips an event already applied. */
  enum ConsumerMode {
    /** A processed-event table updated in the same transaction as the effect. */
    IDEMPOTENT,
    /** No such table: a redelivered event is applied again. */
    NAIVE
  }

  /** How the read model applies an event to its row. */
  enum ApplyMode {
    /** The event's value and version replace the row's. */
    OVERWRITE,
    /** An event older than the row's version is absorbed without effect. */
    VERSION_GUARD
  }

  /** How a client's reads see its own commands. */
  enum ReadYourWrites {
    /** Reads go to the read model as they are. */
    NONE,
    /** A read carries the version the client's last command on the key returned, and waits. */
    WAIT_FOR_VERSION,
    /** Reads of keys the client wrote recently go to the owning service's database. */
    WRITE_MODEL
  }

  /** Service {@code i}'s node name. */
  String serviceName(int i) {
    return name + "-service-" + i;
  }

  /** The read model's node name. */
  String readModelName() {
    return name + "-readmodel";
  }

  /** The service owning aggregate {@code key}. */
  int serviceOf(long key) {
    return (int) Math.floorMod(key, (long) services);
  }

  /** Whether projectors skip redelivered events. */
  boolean idempotent() {
    return consumer == ConsumerMode.IDEMPOTENT;
  }

  /** The services' and the read model's names, in creation order. */
  List<String> ownNodes() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      names.add(serviceName(i));
    }
    names.add(readModelName());
    return names;
  }
}
