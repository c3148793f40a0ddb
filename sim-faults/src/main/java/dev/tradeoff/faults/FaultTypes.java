package dev.tradeoff.faults;

import dev.tradeoff.faults.Fault.DurationRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every fault record, registered once: its {@code type} in files, its {@code kind} in statistics
 * and shading, and whether it lasts. The JSON codecs, {@link Fault#KINDS}, {@link Fault#kind()} and
 * {@link Fault#durationRule()} all read this table, so a new fault is a record plus one line here
 * (a test fails for a record of {@link Fault} that is missing).
 */
final class FaultTypes {
  /**
   * One fault record.
   *
   * @param record its class
   * @param type its name in scenario and schedule files, e.g. {@code one-way-partition}
   * @param kind its family, e.g. {@code partition}
   * @param rule whether it lasts
   */
  record Entry(Class<? extends Fault> record, String type, String kind, DurationRule rule) {}

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry(Fault.Crash.class, "crash", "crash", DurationRule.OPTIONAL),
          new Entry(Fault.Restart.class, "restart", "restart", DurationRule.NONE),
          new Entry(Fault.Pause.class, "pause", "pause", DurationRule.REQUIRED),
          new Entry(Fault.Isolate.class, "isolate", "partition", DurationRule.OPTIONAL),
          new Entry(Fault.Partition.class, "partition", "partition", DurationRule.OPTIONAL),
          new Entry(
              Fault.OneWayPartition.class, "one-way-partition", "partition", DurationRule.OPTIONAL),
          new Entry(Fault.Bridge.class, "bridge", "partition", DurationRule.OPTIONAL),
          new Entry(Fault.Heal.class, "heal", "heal", DurationRule.NONE),
          new Entry(Fault.ClogLink.class, "clog-link", "clog", DurationRule.OPTIONAL),
          new Entry(Fault.ClogNode.class, "clog-node", "clog", DurationRule.OPTIONAL),
          new Entry(Fault.UnclogLink.class, "unclog-link", "unclog", DurationRule.NONE),
          new Entry(Fault.UnclogNode.class, "unclog-node", "unclog", DurationRule.NONE),
          new Entry(Fault.PacketLoss.class, "loss", "loss", DurationRule.OPTIONAL),
          new Entry(Fault.Duplication.class, "duplicate", "duplicate", DurationRule.OPTIONAL),
          new Entry(
              Fault.LatencySpike.class, "latency-spike", "latency-spike", DurationRule.OPTIONAL),
          new Entry(Fault.ClockSkew.class, "clock-skew", "clock-skew", DurationRule.OPTIONAL),
          new Entry(Fault.ClockDrift.class, "clock-drift", "clock-drift", DurationRule.OPTIONAL),
          new Entry(Fault.ClockJump.class, "clock-jump", "clock-jump", DurationRule.NONE),
          new Entry(Fault.SlowNode.class, "slow-node", "slow-node", DurationRule.OPTIONAL),
          new Entry(Fault.ZoneOutage.class, "zone-outage", "zone-outage", DurationRule.OPTIONAL),
          new Entry(Fault.CacheFlush.class, "cache-flush", "cache-flush", DurationRule.NONE));

  // Looked up by class only; iteration goes through ENTRIES, in the order above.
  private static final Map<Class<? extends Fault>, Entry> BY_RECORD = byRecord();

  private FaultTypes() {}

  private static Map<Class<? extends Fault>, Entry> byRecord() {
    Map<Class<? extends Fault>, Entry> map = new LinkedHashMap<>();
    for (Entry e : ENTRIES) {
      map.put(e.record(), e);
    }
    return Collections.unmodifiableMap(map);
  }

  /** Every entry, in a fixed order. */
  static List<Entry> all() {
    return ENTRIES;
  }

  /** The entry of {@code record}; throws if it was never registered. */
  static Entry of(Class<? extends Fault> record) {
    Entry e = BY_RECORD.get(record);
    if (e == null) {
      throw new IllegalStateException(record.getSimpleName() + " is not registered in FaultTypes");
    }
    return e;
  }

  /** Every kind, sorted. */
  static SortedSet<String> kinds() {
    SortedSet<String> kinds = new TreeSet<>();
    for (Entry e : ENTRIES) {
      kinds.add(e.kind());
    }
    return Collections.unmodifiableSortedSet(kinds);
  }

  /** The record classes, in order (for tests). */
  static List<Class<? extends Fault>> records() {
    List<Class<? extends Fault>> records = new ArrayList<>();
    ENTRIES.forEach(e -> records.add(e.record()));
    return records;
  }
}
