package dev.tradeoff.patterns.log;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Growth;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * A built log cluster: brokers, the controller and the consumer group, and the drivers clients use.
 *
 * <p>Series, sampled every metrics interval from the nodes' state (measurement only), for group 0
 * (group g's carry the prefix {@code g<g>-}, as in {@code consumer-lag/g1-events-0}; a group
 * subscribed to the dead-letter topic has {@code consumer-lag/g1-events.dlq-0}): {@code
 * consumer-lag/<topic>-<p>} (records between the group's committed offset and the leader's high
 * watermark), {@code consumer-lag-ms/<topic>-<p>} (how long ago the oldest record past the
 * committed offset was appended, ms), their {@code consumer-lag/total} and {@code
 * consumer-lag-ms/max} over partitions (no value while the controller is down), {@code log/offline}
 * and {@code log/under-replicated} (partitions without a leader, or with an ISR short of the
 * replication factor, in the controller's metadata, dead-letter partition included), and per
 * interval {@code log/redeliveries} (records handled again), {@code log/rebalances}, {@code
 * log/produce-retries}, {@code log/duplicates-appended} (a retried record appended twice), {@code
 * log/duplicates-dropped} (a retry an idempotent leader answered without appending) and {@code
 * log/dead-letters}.
 *
 * <p>Checkers: {@code lost-events} ({@link LostEvents} against {@link FinalLogs}), {@code
 * duplicate-deliveries} ({@link DuplicateDeliveries}) and {@code order} ({@link KeyOrder}), both
 * over the groups' handled records (a dead-letter group's in the dead-letter partition's order).
 *
 * <p>The same cluster serves a pattern built on the log through {@link LogBackbone}: its members
 * then hand records to the pattern's {@link RecordHandler}, and its nodes publish through {@link
 * #producer}.
 */
final class LogCluster implements Store {
  private final LogSettings settings;
  private final IntFunction<RecordHandler> handlers;
  private Simulation sim;
  private LogFacts facts;
  private int[] brokerIds;
  private int controllerId;
  private long producerIds;
  private LongSupplier ids;

  LogCluster(LogSettings settings) {
    this(settings, null);
  }

  /**
   * A cluster whose group members hand records to {@code handlers.apply(member index)}, called once
   * per member incarnation (null: the log's own view).
   */
  LogCluster(LogSettings settings, IntFunction<RecordHandler> handlers) {
    this.settings = settings;
    this.handlers = handlers;
  }

  @Override
  public List<String> nodes() {
    return settings.nodeNames();
  }

  @Override
  public List<String> zones() {
    return List.of(settings.zone());
  }

  @Override
  public void addTo(Simulation simulation) {
    sim = simulation;
    facts = new LogFacts(sim::nowNanos, settings.groups(), settings.totalPartitions());
    LongSupplier ids = () -> ++producerIds; // handed out in event order: deterministic
    brokerIds = new int[settings.brokers()];
    for (int i = 0; i < settings.brokers(); i++) {
      int index = i;
      brokerIds[i] =
          sim.addNode(
              NodeSpec.of(
                      settings.brokerName(i),
                      settings.zone(),
                      () -> new BrokerNode(settings, index, facts))
                  .cpu(settings.workers(), settings.queue(), settings.service()));
    }
    controllerId =
        sim.addNode(
            NodeSpec.of(
                settings.controllerName(),
                settings.zone(),
                () -> new ControllerNode(settings, facts)));
    for (int g = 0; g < settings.groups(); g++) {
      int group = g;
      for (int i = 0; i < settings.consumers(); i++) {
        int index = i;
        sim.addNode(
            NodeSpec.of(
                    settings.consumerName(g, i),
                    settings.zone(),
                    () ->
                        new ConsumerNode(
                            settings,
                            group,
                            index,
                            facts,
                            ids,
                            handlers == null ? null : handlers.apply(index)))
                .cpu(1, 1_000_000, settings.service()));
      }
    }
    this.ids = ids;
    probes();
  }

  private void probes() {
    for (int g = 0; g < settings.groups(); g++) {
      int group = g;
      // Group 0's series carry no group prefix; group g's are prefixed g<g>-.
      String prefix = g == 0 ? "" : LogSettings.groupName(g) + "-";
      for (int p = settings.firstPartition(g); p < settings.endPartition(g); p++) {
        int partition = p;
        String name = prefix + settings.partitionName(p);
        sim.metrics().probe("consumer-lag/" + name, "records", () -> lagRecords(group, partition));
        sim.metrics().probe("consumer-lag-ms/" + name, "ms", () -> lagMs(group, partition));
      }
      sim.metrics()
          .probe("consumer-lag/" + prefix + "total", "records", () -> overPartitions(group, true));
      sim.metrics()
          .probe("consumer-lag-ms/" + prefix + "max", "ms", () -> overPartitions(group, false));
    }
    sim.metrics().probe("log/offline", "partitions", () -> metadataCount(true));
    sim.metrics().probe("log/under-replicated", "partitions", () -> metadataCount(false));
    counter("log/redeliveries", facts::redeliveries);
    counter("log/rebalances", facts::rebalances);
    counter("log/produce-retries", facts::produceRetries);
    counter("log/duplicates-appended", facts::duplicatesAppended);
    counter("log/duplicates-dropped", facts::duplicatesDropped);
    counter("log/dead-letters", facts::deadLetters);
  }

  /** A series of how much {@code total} grew in each interval. */
  private void counter(String name, LongSupplier total) {
    sim.metrics().probe(name, "per interval", Growth.of(total));
  }

  /** Offline or under-replicated partitions as the controller sees them; none while it is down. */
  private double metadataCount(boolean offline) {
    ControllerNode c = controller();
    if (c == null) {
      return Double.NaN;
    }
    return offline ? c.offlinePartitions() : c.underReplicatedPartitions();
  }

  private double overPartitions(int g, boolean sum) {
    double result = 0;
    for (int p = settings.firstPartition(g); p < settings.endPartition(g); p++) {
      double v = sum ? lagRecords(g, p) : lagMs(g, p);
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
      result = sum ? result + v : Math.max(result, v);
    }
    return result;
  }

  /**
   * A new producer with a fresh id, giving a record up {@code deliveryTimeoutNanos} after first
   * sending it; for host nodes of a pattern built on the log. After {@link #addTo}.
   */
  Producer producer(long deliveryTimeoutNanos) {
    return new Producer(settings, facts, ids.getAsLong(), deliveryTimeoutNanos);
  }

  /**
   * The records of topic partition {@code p} at the end (see {@link #finalLog}), empty when no
   * replica is up.
   */
  List<LogMessages.Entry> finalEntries(int p) {
    FinalLogs.Holder h = finalLog(p);
    return h == null ? List.of() : h.log();
  }

  /** What the run recorded (for tests). */
  LogFacts facts() {
    return facts;
  }

  /** The live broker leading {@code p} in the highest epoch, or null. */
  BrokerNode leader(int p) {
    BrokerNode best = null;
    for (int id : brokerIds) {
      if (sim.isUp(id) && sim.nodeInstance(id) instanceof BrokerNode b && b.leads(p)) {
        if (best == null || b.epoch(p) > best.epoch(p)) {
          best = b;
        }
      }
    }
    return best;
  }

  private ControllerNode controller() {
    return sim.isUp(controllerId) ? (ControllerNode) sim.nodeInstance(controllerId) : null;
  }

  private double lagRecords(int g, int p) {
    BrokerNode leader = leader(p);
    ControllerNode c = controller();
    if (leader == null || c == null) {
      return Double.NaN;
    }
    return Math.max(0, leader.replica(p).highWatermark() - c.committed(g, p));
  }

  private double lagMs(int g, int p) {
    BrokerNode leader = leader(p);
    ControllerNode c = controller();
    if (leader == null || c == null) {
      return Double.NaN;
    }
    PartitionReplica log = leader.replica(p);
    long committed = c.committed(g, p);
    if (committed >= log.highWatermark()) {
      return 0;
    }
    return (sim.nowNanos() - log.entry(committed).appendedTrueNanos()) / 1e6;
  }

  @Override
  public StoreClient client(int index) {
    return new LogDriver(settings, facts, ids);
  }

  @Override
  public StoreCheckers checkers() {
    return StoreCheckers.builder()
        .add(
            "lost-events", () -> LostEvents.against(new FinalLogs(settings, facts, this::finalLog)))
        .add("duplicate-deliveries", () -> DuplicateDeliveries.of(facts.deliveries()))
        .add("order", () -> KeyOrder.of(facts.deliveries()))
        .build();
  }

  /**
   * The log of {@code p} at the end as its holder names it: the live leader's, or, when none leads,
   * the most up-to-date live replica's (last epoch, then length) — the one an election would have
   * to pick. Null when no replica is up.
   */
  private FinalLogs.Holder finalLog(int p) {
    BrokerNode holder = leader(p);
    if (holder == null) {
      for (int id : brokerIds) {
        if (sim.isUp(id) && sim.nodeInstance(id) instanceof BrokerNode b && b.replica(p) != null) {
          PartitionReplica r = b.replica(p);
          if (holder == null
              || r.lastEpoch() > holder.replica(p).lastEpoch()
              || (r.lastEpoch() == holder.replica(p).lastEpoch()
                  && r.logEnd() > holder.replica(p).logEnd())) {
            holder = b;
          }
        }
      }
    }
    if (holder == null) {
      return null;
    }
    String name = sim.nodeName(idOf(holder));
    return new FinalLogs.Holder(name, holder.replica(p).view());
  }

  private int idOf(BrokerNode b) {
    for (int id : brokerIds) {
      if (sim.isUp(id) && sim.nodeInstance(id) == b) {
        return id;
      }
    }
    return -1;
  }
}
