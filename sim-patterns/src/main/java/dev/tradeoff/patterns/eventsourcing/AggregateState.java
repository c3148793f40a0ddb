package dev.tradeoff.patterns.eventsourcing;

import dev.tradeoff.core.history.History;
import java.util.List;

/**
 * An aggregate's state as a handler rebuilds it: the fold of its events in stream order. The state
 * a read returns is the last applied value (a register); the digest chains every value applied, so
 * two folds are equal only when they applied the same events in the same order — a snapshot that
 * skipped an event, or a cache built on a different history, differs even when its last value is
 * right.
 *
 * @param version the version of the last event applied (0 for a new aggregate)
 * @param value the value of the last event applied ({@link History#NIL} for a new aggregate)
 * @param digest a hash chain over the values applied, in order
 */
record AggregateState(long version, long value, long digest) {
  /** The state of an aggregate without events. */
  static final AggregateState EMPTY = new AggregateState(0, History.NIL, 0x6A09E667F3BCC908L);

  /** This state with {@code event} applied. */
  AggregateState apply(Event event) {
    long h = (digest ^ event.value()) * 0x9E3779B97F4A7C15L;
    return new AggregateState(event.version(), event.value(), Long.rotateLeft(h, 29) + 1);
  }

  /** {@code from} with {@code events} applied in order. */
  static AggregateState fold(AggregateState from, List<Event> events) {
    AggregateState s = from;
    for (Event e : events) {
      s = s.apply(e);
    }
    return s;
  }

  /** A short text for witnesses: version, value and digest. */
  String text() {
    return "version "
        + version
        + " (value "
        + (value == History.NIL ? "nil" : Long.toString(value))
        + String.format(java.util.Locale.ROOT, ", digest %08x)", (int) (digest ^ (digest >>> 32)));
  }
}
