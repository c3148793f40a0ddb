package dev.tradeoff.patterns.eventsourcing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Disk;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The three checkers on streams written by hand: each fires on exactly the defect it names and is
 * quiet on the sound stream.
 */
class StreamCheckersTest {
  /** A disk that keeps everything, for building a store's files by hand. */
  private static final class MemoryDisk implements Disk {
    private final TreeMap<String, Object> data = new TreeMap<>();

    @Override
    public void put(String key, Object value) {
      data.put(key, value);
    }

    @Override
    public void remove(String key) {
      data.remove(key);
    }

    @Override
    public Object get(String key) {
      return data.get(key);
    }

    @Override
    public NavigableSet<String> keys() {
      return data.navigableKeySet();
    }

    @Override
    public void sync() {}

    @Override
    public int unsyncedWrites() {
      return 0;
    }

    @Override
    public long writes() {
      return data.size();
    }

    @Override
    public long syncs() {
      return 0;
    }

    @Override
    public long lostWrites() {
      return 0;
    }

    @Override
    public List<String> unsyncedKeys() {
      return List.of();
    }
  }

  private final MemoryDisk disk = new MemoryDisk();
  private final History history = new History();
  private final Ledger ledger = new Ledger(() -> 0L);
  private final List<Event> written = new ArrayList<>();

  /** Aggregate 1 gets the values, each decided on the fold of the ones before: a sound stream. */
  private void soundStream(long... values) {
    AggregateState s = AggregateState.EMPTY;
    for (long v : values) {
      s = append(new Event(1, s.version() + 1, v, s, "h-0"), s);
    }
  }

  /** Stores {@code e} at the next position, acknowledges it in the history; returns the fold. */
  private AggregateState append(Event e, AggregateState before) {
    disk.put(StreamLog.eventKey(e.aggregate(), written.size()), e);
    written.add(e);
    int op = history.invoke(0, OpKind.WRITE, e.aggregate(), e.value(), written.size());
    history.complete(op, OpStatus.OK, History.NIL, written.size() + 1);
    ledger.acknowledged(e.aggregate(), e.value(), e.version(), e.handler());
    return before.apply(e);
  }

  private StreamLog log() {
    return StreamLog.read(disk);
  }

  private AggregateState foldOfFirst(int n) {
    return AggregateState.fold(AggregateState.EMPTY, written.subList(0, n));
  }

  @Test
  void aSoundStreamWithASnapshotAndACachePassesAll() {
    soundStream(10, 11, 12, 13);
    disk.put(StreamLog.snapshotKey(1), foldOfFirst(2));
    NavigableMap<Long, AggregateState> cache = new TreeMap<>();
    cache.put(1L, foldOfFirst(3)); // behind the stream: allowed
    assertEquals(Verdict.VALID, new StreamOrder(log(), ledger).check(history).verdict());
    assertEquals(
        Verdict.VALID,
        new AggregateFold(log(), true, new TreeMap<>(java.util.Map.of("h-0", cache)))
            .check(history)
            .verdict());
    assertEquals(Verdict.VALID, new LostEvents(log(), ledger, "store").check(history).verdict());
  }

  @Test
  void aSnapshotTakenBeforeItsEventWasAppliedBreaksTheFold() {
    soundStream(10, 11, 12, 13);
    // The classic bug: the snapshot is labelled version 2 but holds the state before event 2.
    AggregateState before = foldOfFirst(1);
    disk.put(StreamLog.snapshotKey(1), new AggregateState(2, before.value(), before.digest()));
    CheckResult fold = new AggregateFold(log(), true, new TreeMap<>()).check(history);
    assertEquals(Verdict.INVALID, fold.verdict());
    assertTrue(
        fold.witnesses().get(0).startsWith("aggregate 1: loading from its snapshot"),
        fold.toString());
    assertEquals(Verdict.VALID, new StreamOrder(log(), ledger).check(history).verdict());
  }

  @Test
  void aCacheOnAnotherHistoryBreaksTheFold() {
    soundStream(10, 11, 12);
    NavigableMap<Long, AggregateState> cache = new TreeMap<>();
    AggregateState other =
        AggregateState.EMPTY.apply(new Event(1, 1, 99, AggregateState.EMPTY, "x"));
    cache.put(1L, other);
    CheckResult fold =
        new AggregateFold(log(), true, new TreeMap<>(java.util.Map.of("h-1", cache)))
            .check(history);
    assertEquals(Verdict.INVALID, fold.verdict());
    assertTrue(fold.witnesses().get(0).startsWith("h-1 caches aggregate 1"), fold.toString());
  }

  @Test
  void twoEventsOfOneVersionAreAnOrderViolationAndTheSecondALostUpdate() {
    soundStream(10, 11);
    AggregateState at2 = foldOfFirst(2);
    AggregateState at3 = append(new Event(1, 3, 12, at2, "h-0"), at2);
    append(new Event(1, 3, 13, at2, "h-1"), at3); // decided on version 2, like the one before it
    CheckResult order = new StreamOrder(log(), ledger).check(history);
    assertEquals(Verdict.INVALID, order.verdict());
    assertEquals(2, order.violations(), order.toString());
    assertTrue(order.witnesses().get(0).contains("position 4 holds version 3"), order.toString());
    assertTrue(order.witnesses().get(1).contains("writes 13 to aggregate 1"), order.toString());
  }

  @Test
  void anAcknowledgedEventMissingFromTheStreamIsLost() {
    soundStream(10, 11, 12);
    disk.remove(StreamLog.eventKey(1, 2)); // the store forgot the tail it acknowledged
    CheckResult lost = new LostEvents(log(), ledger, "store").check(history);
    assertEquals(Verdict.INVALID, lost.verdict());
    assertEquals(1, lost.violations());
    assertTrue(
        lost.witnesses().get(0).contains("absent from its final stream (2 events)"),
        lost.toString());
    assertEquals(Verdict.VALID, new StreamOrder(log(), ledger).check(history).verdict());
  }
}
