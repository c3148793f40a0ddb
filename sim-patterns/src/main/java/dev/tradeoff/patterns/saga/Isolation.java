package dev.tradeoff.patterns.saga;

/**
 * How an orchestrated saga's services isolate concurrent sagas over shared rows (a saga has no
 * isolation of its own: its local transactions commit one by one, so others see its intermediate
 * states). Stock is the shared row here: every saga for a product reserves from it.
 *
 * @param stockReads whether clients' reads ask for a product's stock (instead of a balance): the
 *     reads that can see a reservation a saga will release (a dirty read)
 * @param update how a reservation writes the stock
 * @param semanticLock whether a reservation marks the product PENDING until its saga passes the
 *     pivot (or is compensated), and reads respect the mark: refused while any is pending; a lock
 *     held past the inquiry interval is asked about again (see {@link ServiceNode}), so a lost
 *     confirmation only delays its release
 */
record Isolation(boolean stockReads, Update update, boolean semanticLock) {
  /** The defaults: balance reads, commutative updates, no lock. */
  static final Isolation NONE = new Isolation(false, Update.COMMUTATIVE, false);

  /** How a reservation writes the stock. */
  enum Update {
    /** {@code stock -= 1} at commit: concurrent reservations cannot overwrite each other. */
    COMMUTATIVE,
    /**
     * The stock read when the request arrives, {@code read - 1} written once its CPU time is spent:
     * a reservation committed in between is overwritten (a lost update).
     */
    READ_THEN_WRITE,
    /** As read-then-write, but re-read before writing and recomputed when the row changed. */
    REREAD
  }
}
