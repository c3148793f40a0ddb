package dev.tradeoff.patterns.eventsourcing;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.check.LostWrites;
import dev.tradeoff.core.history.History;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

/**
 * {@code lost-events}: every command a handler acknowledged must have its event in the final stream
 * of its aggregate, as the event store's disk holds it at the end of the run (after a crash, only
 * what it had synced). Judged one command at a time ({@link LostWrites#against}), so an event that
 * later events buried still counts. Fires when the store acknowledges appends before they are
 * durable and crashes; a handler crash loses nothing acknowledged.
 */
final class LostEvents implements Checker {
  private final LostWrites delegate;

  /**
   * Judges acknowledgements in {@code ledger} against {@code log}, {@code store}'s final streams.
   */
  LostEvents(StreamLog log, Ledger ledger, String store) {
    this.delegate = LostWrites.against(new Record(log, ledger, store));
  }

  @Override
  public String name() {
    return "lost-events";
  }

  @Override
  public CheckResult check(History history) {
    CheckResult r = delegate.check(history);
    return new CheckResult(name(), r.verdict(), r.violations(), r.witnesses(), r.detail());
  }

  /** The final streams as the record of what the store kept. */
  private static final class Record implements LostWrites.Record {
    private final StreamLog log;
    private final Ledger ledger;
    private final String store;
    // Value -> aggregate of every event in a final stream; lookups only.
    private final Long2LongOpenHashMap aggregateOf = new Long2LongOpenHashMap();

    Record(StreamLog log, Ledger ledger, String store) {
      this.log = log;
      this.ledger = ledger;
      this.store = store;
      aggregateOf.defaultReturnValue(Long.MIN_VALUE);
      for (long a : log.aggregates()) {
        for (Event e : log.stream(a)) {
          aggregateOf.put(e.value(), a);
        }
      }
    }

    @Override
    public String source() {
      return store
          + "'s streams at the end, as its disk holds them ("
          + log.events()
          + " events in "
          + log.aggregates().size()
          + " aggregates)";
    }

    @Override
    public boolean acknowledged(long key, long value) {
      return ledger.ack(key, value) != null;
    }

    @Override
    public boolean kept(long key, long value) {
      return aggregateOf.get(value) == key;
    }

    @Override
    public String fate(long key, long value) {
      Ledger.Ack a = ledger.ack(key, value);
      return "acknowledged by "
          + a.handler()
          + " at "
          + TimeText.of(a.atNanos())
          + " as version "
          + a.version()
          + " of aggregate "
          + key
          + ", absent from its final stream ("
          + log.stream(key).size()
          + " events)";
    }
  }
}
