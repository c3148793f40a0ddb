package dev.tradeoff.patterns.cqrs;

/**
 * A database row for one aggregate: its version and value, and in the read model how many event
 * effects it absorbed. Immutable, as disk values must be.
 *
 * @param version the aggregate's version (0: never written)
 * @param value its value
 * @param events effects absorbed (read model only; 0 in a service's database)
 */
record Row(long version, long value, long events) {
  /** The row of an aggregate never written. */
  static final Row NONE = new Row(0, dev.tradeoff.core.history.History.NIL, 0);
}
