package dev.tradeoff.patterns.regions;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the run did, in true time, for the checkers: every write a gateway acknowledged (by whom,
 * under which epoch, when), every write each region's stack applied (as its own driver acknowledged
 * it to the gateway), and the traffic manager's decisions. God's view: nodes write it, none reads
 * it.
 */
final class RegionFacts {
  /**
   * A write a gateway acknowledged to its client.
   *
   * @param region the acknowledging region
   * @param epoch the slot's epoch the gateway believed it owned
   */
  record Ack(long key, long value, int slot, int region, long epoch, long nanos) {}

  /** A region made owner of a slot by the traffic manager, and when. */
  private record Promotion(long nanos, int region) {}

  /** A traffic-manager decision: region {@code region} declared down (or back up) at a time. */
  record Event(long nanos, String text) {}

  private final List<String> regionNames;
  private final Long2ObjectOpenHashMap<Ack> acks = new Long2ObjectOpenHashMap<>();
  private final List<Ack> ackOrder = new ArrayList<>();
  private final LongOpenHashSet[] applied;
  private final List<Event> events = new ArrayList<>();
  private final Long2ObjectOpenHashMap<Promotion> promotions = new Long2ObjectOpenHashMap<>();
  private LongSupplier clock = () -> 0;
  private long refused;

  RegionFacts(List<String> regionNames) {
    this.regionNames = List.copyOf(regionNames);
    applied = new LongOpenHashSet[regionNames.size()];
    for (int r = 0; r < applied.length; r++) {
      applied[r] = new LongOpenHashSet();
    }
  }

  void clock(LongSupplier trueNanos) {
    clock = trueNanos;
  }

  long now() {
    return clock.getAsLong();
  }

  String regionName(int r) {
    return regionNames.get(r);
  }

  void acknowledged(long key, long value, int slot, int region, long epoch) {
    Ack a = new Ack(key, value, slot, region, epoch, now());
    acks.put(value, a);
    ackOrder.add(a);
  }

  void apply(int region, long value) {
    applied[region].add(value);
  }

  void refusedStale() {
    refused++;
  }

  void event(String text) {
    eventAt(now(), text);
  }

  /** Records a decision about an earlier instant, keeping the events in time order. */
  void eventAt(long nanos, String text) {
    int i = events.size();
    while (i > 0 && events.get(i - 1).nanos() > nanos) {
      i--;
    }
    events.add(i, new Event(nanos, text));
  }

  void promoted(int slot, long epoch, int region) {
    promotions.put(slotEpoch(slot, epoch), new Promotion(now(), region));
  }

  private static long slotEpoch(int slot, long epoch) {
    return ((long) slot << 40) | epoch;
  }

  /** The region promoted owner of {@code slot} under {@code epoch}, or -1. */
  int promoted(int slot, long epoch) {
    Promotion p = promotions.get(slotEpoch(slot, epoch));
    return p == null ? -1 : p.region();
  }

  /** When the traffic manager promoted an owner of {@code slot} under {@code epoch}, or MAX. */
  long promotedNanos(int slot, long epoch) {
    Promotion p = promotions.get(slotEpoch(slot, epoch));
    return p == null ? Long.MAX_VALUE : p.nanos();
  }

  /** The gateway acknowledgement of the write of {@code value}, or null. */
  Ack ack(long value) {
    return acks.get(value);
  }

  /** Every acknowledgement, in the order they happened. */
  List<Ack> acks() {
    return ackOrder;
  }

  /** Whether region {@code region}'s stack applied the write of {@code value}. */
  boolean hasApplied(int region, long value) {
    return applied[region].contains(value);
  }

  /** Replicated writes refused as stale: their epoch was older than the receiver's. */
  long refused() {
    return refused;
  }

  /** The traffic manager's decisions, in order. */
  List<Event> events() {
    return events;
  }
}
