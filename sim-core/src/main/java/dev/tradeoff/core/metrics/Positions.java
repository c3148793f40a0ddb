package dev.tradeoff.core.metrics;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far each node had applied its writes, over true time: the position a replica or cache node
 * publishes through {@link Recorder#applied} as it applies (a log index, a count of writes). A
 * report reads it to say what the node that answered a read had applied at that moment.
 *
 * <p>Contract: per lane, a step function of true time; a position published again unchanged adds
 * nothing; positions may go down (a log cut back). Times must not go backwards per lane. {@link
 * #at} before the first publication is -1. Lanes are sorted by name; nothing hashed is iterated.
 */
public final class Positions {
  /** One lane's steps: parallel times and positions, and what a position counts. */
  private static final class Steps {
    final String unit;
    final LongArrayList times = new LongArrayList();
    final LongArrayList positions = new LongArrayList();

    Steps(String unit) {
      this.unit = unit;
    }
  }

  private final TreeMap<String, Steps> lanes = new TreeMap<>();

  /**
   * Records that {@code lane} had applied up to {@code position} (counted in {@code unit}, e.g.
   * {@code log index}) from {@code nowNanos} on.
   */
  public void applied(String lane, long nowNanos, String unit, long position) {
    Steps s = lanes.get(lane);
    if (s == null) {
      s = new Steps(Objects.requireNonNull(unit, "unit"));
      lanes.put(Objects.requireNonNull(lane, "lane"), s);
    }
    int n = s.times.size();
    if (n > 0 && s.positions.getLong(n - 1) == position) {
      return;
    }
    if (n > 0 && s.times.getLong(n - 1) > nowNanos) {
      throw new IllegalArgumentException("time went backwards on " + lane);
    }
    if (n > 0 && s.times.getLong(n - 1) == nowNanos) {
      s.positions.set(n - 1, position); // several changes at one instant: the last holds
      return;
    }
    s.times.add(nowNanos);
    s.positions.add(position);
  }

  /** The position {@code lane} held at {@code nowNanos}: the last published at or before it. */
  public long at(String lane, long nowNanos) {
    Steps s = lanes.get(lane);
    if (s == null) {
      return -1;
    }
    int lo = 0;
    int hi = s.times.size(); // first index with time > nowNanos
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s.times.getLong(mid) <= nowNanos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? -1 : s.positions.getLong(lo - 1);
  }

  /** What {@code lane}'s positions count ({@code log index}), or null if it published none. */
  public String unit(String lane) {
    Steps s = lanes.get(lane);
    return s == null ? null : s.unit;
  }

  /** The lanes that published a position, sorted. */
  public List<String> lanes() {
    return Collections.unmodifiableList(new ArrayList<>(lanes.keySet()));
  }
}
