package dev.tradeoff.patterns.eventsourcing;

import dev.tradeoff.core.Disk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The event store's layout on its {@link Disk}, and the streams read back from it: events under
 * {@code e/<aggregate>/<position>}, the latest snapshot under {@code s/<aggregate>}. Keys sort by
 * aggregate, then position, so a scan of the disk's sorted keys rebuilds every stream in order. The
 * store recovers from it, and the checkers read the final streams from it — what the store holds at
 * the end of the run (after a crash, only what it had synced), not what any node believes.
 */
final class StreamLog {
  private final NavigableMap<Long, List<Event>> streams;
  private final NavigableMap<Long, AggregateState> snapshots;

  private StreamLog(
      NavigableMap<Long, List<Event>> streams, NavigableMap<Long, AggregateState> snapshots) {
    this.streams = streams;
    this.snapshots = snapshots;
  }

  /** The key of the event at {@code position} (0-based) of {@code aggregate}'s stream. */
  static String eventKey(long aggregate, int position) {
    return String.format(Locale.ROOT, "e/%016x/%010d", aggregate ^ Long.MIN_VALUE, position);
  }

  /** The key of {@code aggregate}'s snapshot. */
  static String snapshotKey(long aggregate) {
    return String.format(Locale.ROOT, "s/%016x", aggregate ^ Long.MIN_VALUE);
  }

  /** Every stream and snapshot on {@code disk}. */
  static StreamLog read(Disk disk) {
    NavigableMap<Long, List<Event>> streams = new TreeMap<>();
    NavigableMap<Long, AggregateState> snapshots = new TreeMap<>();
    for (String key : disk.keys()) {
      Object v = disk.get(key);
      if (key.startsWith("e/")) {
        Event e = (Event) v;
        streams.computeIfAbsent(e.aggregate(), a -> new ArrayList<>()).add(e);
      } else if (key.startsWith("s/")) {
        long aggregate = Long.parseUnsignedLong(key.substring(2), 16) ^ Long.MIN_VALUE;
        snapshots.put(aggregate, (AggregateState) v);
      }
    }
    return new StreamLog(streams, snapshots);
  }

  /**
   * The events a load from {@code snapshot} replays: those of {@code stream} whose version is above
   * the snapshot's, in stream order — every event when {@code snapshot} is null. With versions
   * checked, positions are versions, so they are the stream's tail.
   */
  static List<Event> after(List<Event> stream, AggregateState snapshot, boolean versionsChecked) {
    if (snapshot == null) {
      return stream;
    }
    if (versionsChecked) {
      int from = (int) Math.min(snapshot.version(), stream.size());
      return stream.subList(from, stream.size());
    }
    List<Event> tail = new ArrayList<>();
    for (Event e : stream) {
      if (e.version() > snapshot.version()) {
        tail.add(e);
      }
    }
    return tail;
  }

  /** The aggregates that have events or a snapshot, ascending. */
  List<Long> aggregates() {
    TreeSet<Long> all = new TreeSet<>(streams.keySet());
    all.addAll(snapshots.keySet());
    return List.copyOf(all);
  }

  /** {@code aggregate}'s events in stream order (empty if none). */
  List<Event> stream(long aggregate) {
    return Collections.unmodifiableList(streams.getOrDefault(aggregate, List.of()));
  }

  /** {@code aggregate}'s snapshot, or null. */
  AggregateState snapshot(long aggregate) {
    return snapshots.get(aggregate);
  }

  /** Events in every stream. */
  long events() {
    long n = 0;
    for (List<Event> s : streams.values()) {
      n += s.size();
    }
    return n;
  }

  /** Snapshots held. */
  int snapshots() {
    return snapshots.size();
  }
}
