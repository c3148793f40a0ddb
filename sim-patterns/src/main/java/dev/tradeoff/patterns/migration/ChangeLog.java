package dev.tradeoff.patterns.migration;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.function.LongSupplier;

/**
 * The legacy system's change stream as change data capture reads it (a binlog, a logical
 * replication slot): each write the legacy system acknowledged, in the order the facades saw the
 * acknowledgements, with the true time it was captured, and the relay's committed position in it.
 * Both are durable — the stream lives with the legacy database, the position in an offsets store —
 * so a relay that crashes resumes where it had committed.
 *
 * <p>Captured at the acknowledgement the facade saw: a write the legacy database applied but whose
 * acknowledgement was lost is not in the stream (a real binlog would hold it), so under message
 * loss the new system can miss a write the legacy one holds; the client got no acknowledgement for
 * it, so no checker holds it against a read.
 */
final class ChangeLog {
  private final LongArrayList keys = new LongArrayList();
  private final LongArrayList values = new LongArrayList();
  private final LongArrayList capturedNanos = new LongArrayList();
  private LongSupplier clock = () -> 0;
  private int relayed;

  /** Reads true time from {@code trueClock} (the simulation's). */
  void clock(LongSupplier trueClock) {
    this.clock = trueClock;
  }

  /** True time now. */
  long nowNanos() {
    return clock.getAsLong();
  }

  void append(long key, long value) {
    keys.add(key);
    values.add(value);
    capturedNanos.add(clock.getAsLong());
  }

  int size() {
    return keys.size();
  }

  long key(int i) {
    return keys.getLong(i);
  }

  long value(int i) {
    return values.getLong(i);
  }

  long capturedNanos(int i) {
    return capturedNanos.getLong(i);
  }

  /** Changes the relay has applied to the new system and committed. */
  int relayed() {
    return relayed;
  }

  void commit(int position) {
    relayed = Math.max(relayed, position);
  }

  /** Changes captured and not yet applied. */
  int backlog() {
    return size() - relayed;
  }

  /** How long the oldest change not yet applied has waited, in ms (0 when caught up). */
  double lagMs() {
    return relayed >= size() ? 0 : (clock.getAsLong() - capturedNanos(relayed)) / 1e6;
  }
}
