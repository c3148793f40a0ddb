package dev.tradeoff.patterns.log;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.patterns.log.LogMessages.Entry;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The logs the partitions hold at the end of a run and what the groups handled, as {@link
 * LostEvents} judges each acknowledged event (and, when a group reads the dead-letter topic, each
 * dead letter) against: built once, after the run.
 */
final class FinalLogs implements LostEvents.Record {
  /** A partition's final log and the broker holding it. */
  record Holder(String broker, List<Entry> log) {}

  private final LogSettings settings;
  private final LogFacts facts;
  private final Long2LongOpenHashMap[] offsets;
  private final String[] holders;
  private final Map<Long, Delivery> deadLetters = new LinkedHashMap<>(); // first sending of each

  FinalLogs(LogSettings settings, LogFacts facts, IntFunction<Holder> logOf) {
    this.settings = settings;
    this.facts = facts;
    // The dead-letter partition's log is read only when a group must handle it.
    int n = settings.hasDeadLetterGroup() ? settings.totalPartitions() : settings.partitions();
    offsets = new Long2LongOpenHashMap[n];
    holders = new String[n];
    for (int p = 0; p < n; p++) {
      offsets[p] = new Long2LongOpenHashMap();
      offsets[p].defaultReturnValue(-1);
      Holder h = logOf.apply(p);
      holders[p] = h == null ? null : h.broker();
      if (h != null) {
        List<Entry> log = h.log();
        for (int i = 0; i < log.size(); i++) {
          offsets[p].putIfAbsent(log.get(i).value(), i);
        }
      }
    }
    if (settings.hasDeadLetterGroup()) {
      for (Delivery d : facts.deliveries()) {
        if (d.deadLettered()) {
          deadLetters.putIfAbsent(d.value(), d);
        }
      }
    }
  }

  @Override
  public String source() {
    StringBuilder s = new StringBuilder("the final logs (");
    for (int p = 0; p < holders.length; p++) {
      s.append(p == 0 ? "" : ", ")
          .append(settings.partitionName(p))
          .append(" on ")
          .append(holders[p] == null ? "no live replica" : holders[p]);
    }
    return s.append(facts.groups() == 1 ? ") and the group's" : ") and the groups'")
        .append(" handled records")
        .toString();
  }

  @Override
  public boolean acknowledged(long key, long value) {
    return facts.ackOf(value) != null;
  }

  @Override
  public String acknowledgement(long value) {
    LogFacts.Ack a = facts.ackOf(value);
    return "acknowledged by "
        + a.broker()
        + " as leader of partition "
        + a.partition()
        + " in epoch "
        + a.epoch()
        + " at offset "
        + a.offset()
        + " at "
        + TimeText.of(a.trueNanos());
  }

  @Override
  public int partition(long key) {
    return settings.partitionOf(key);
  }

  @Override
  public long finalOffset(int partition, long value) {
    return offsets[partition].get(value);
  }

  @Override
  public int groups() {
    return facts.groups();
  }

  @Override
  public long reach(int group, int partition) {
    return facts.reach(group, partition);
  }

  @Override
  public int timesHandled(int group, long value) {
    return facts.timesDelivered(group, value);
  }

  @Override
  public boolean readsTopic(int group) {
    return !settings.readsDeadLetters(group);
  }

  @Override
  public long[] deadLetters() {
    return deadLetters.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public String deadLettering(long value) {
    Delivery d = deadLetters.get(value);
    return "dead-lettered by group g"
        + d.group()
        + " from "
        + d.where().replace(" (dead-lettered)", "");
  }

  @Override
  public int deadLetterPartition() {
    return settings.dlqPartition();
  }
}
