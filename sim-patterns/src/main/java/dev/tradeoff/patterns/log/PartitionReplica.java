package dev.tradeoff.patterns.log;

import dev.tradeoff.core.Disk;
import dev.tradeoff.patterns.log.LogMessages.Entry;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * One broker's replica of one partition: its log (kept on the broker's {@link Disk}, one key per
 * record, so a crash keeps exactly what was synced), its high watermark, and the idempotence state
 * rebuilt from the log (each producer's last sequence and that record's offset). Role and
 * replication bookkeeping live in {@link BrokerNode}; this class only keeps the log consistent with
 * the disk. Every record carries its producer's id and sequence; only an idempotent log acts on
 * them, but every log knows when a retry landed twice.
 */
final class PartitionReplica {
  private final int partition;
  private final Disk disk;
  private final String keyPrefix;
  private final List<Entry> log = new ArrayList<>();
  private final Long2ObjectOpenHashMap<long[]> producers = new Long2ObjectOpenHashMap<>();
  private long highWatermark;

  /** Partition {@code partition}'s replica, recovered from what {@code disk} holds. */
  PartitionReplica(int partition, Disk disk) {
    this.partition = partition;
    this.disk = disk;
    this.keyPrefix = "p" + pad(partition, 4) + "/";
    for (String key : disk.keys().subSet(keyPrefix, keyPrefix + "~")) {
      Entry e = (Entry) disk.get(key);
      log.add(e);
      remember(e, log.size() - 1);
    }
  }

  int partition() {
    return partition;
  }

  /** Log end offset: the offset the next record will get. */
  long logEnd() {
    return log.size();
  }

  long highWatermark() {
    return highWatermark;
  }

  /** Sets the high watermark, never past the log end. */
  void highWatermark(long hw) {
    highWatermark = Math.min(hw, logEnd());
  }

  Entry entry(long offset) {
    return log.get((int) offset);
  }

  /** The epoch of the record at {@code offset}, 0 before the first record. */
  long epochAt(long offset) {
    return offset < 0 ? 0 : log.get((int) offset).epoch();
  }

  /** The epoch of the last record, 0 for an empty log. */
  long lastEpoch() {
    return epochAt(logEnd() - 1);
  }

  /**
   * One past the last record whose epoch is at most {@code epoch}: where a follower whose last
   * record has that epoch must cut its log (Kafka's OffsetsForLeaderEpoch; epochs ascend in a log).
   */
  long endOffsetForEpoch(long epoch) {
    int lo = 0;
    int hi = log.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (log.get(mid).epoch() <= epoch) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Appends {@code e} and writes it to disk (durable at the broker's next sync). */
  long append(Entry e) {
    long offset = log.size();
    log.add(e);
    disk.put(key(offset), e);
    remember(e, offset);
    return offset;
  }

  /** Cuts the log to its first {@code offset} records, on disk too, and rebuilds idempotence. */
  void truncateTo(long offset) {
    if (offset >= log.size()) {
      return;
    }
    while (log.size() > offset) {
      disk.remove(key(log.size() - 1));
      log.remove(log.size() - 1);
    }
    highWatermark = Math.min(highWatermark, offset);
    producers.clear();
    for (int i = 0; i < log.size(); i++) {
      remember(log.get(i), i);
    }
  }

  /** Records {@code [from, to)} as an array. */
  Entry[] slice(long from, long to) {
    return log.subList((int) from, (int) to).toArray(new Entry[0]);
  }

  /**
   * The offset of producer {@code producerId}'s record {@code sequence} if this log already holds
   * it (a retry), else -1. Producers keep one request in flight per partition, so a retry is of the
   * producer's last sequence or an older one.
   */
  long duplicateOffset(long producerId, long sequence) {
    long[] last = producers.get(producerId);
    if (last == null || sequence > last[0]) {
      return -1;
    }
    // An older sequence is a network duplicate of a request long answered: its reply is stale and
    // the producer ignores it, so the last offset serves.
    return last[1];
  }

  /** The whole log, read-only, for the run's checkers. */
  List<Entry> view() {
    return java.util.Collections.unmodifiableList(log);
  }

  private void remember(Entry e, long offset) {
    producers.put(e.producerId(), new long[] {e.sequence(), offset});
  }

  private String key(long offset) {
    return keyPrefix + pad(offset, 12);
  }

  private static String pad(long n, int width) {
    String s = Long.toString(n);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }
}
