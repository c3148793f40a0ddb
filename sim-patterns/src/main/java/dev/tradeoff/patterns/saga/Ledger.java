package dev.tradeoff.patterns.saga;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * What a run recorded from outside the system's logic, for series and checkers: each saga's start,
 * its latest phase and step as the orchestrator moved it, and its end; the lowest stock each
 * product reached. Nodes report to it; it never steers them, and it outlives their crashes, so a
 * saga an orchestrator forgot is still here, at the step it was forgotten.
 */
final class Ledger {
  /** Where a saga is. */
  enum Phase {
    /** Running its steps forward. */
    FORWARD,
    /** Undoing its steps in reverse order. */
    COMPENSATING,
    /** Every step done. */
    COMPLETED,
    /** Every step done so far was undone. */
    COMPENSATED;

    /** Whether the saga has ended. */
    boolean ended() {
      return this == COMPLETED || this == COMPENSATED;
    }
  }

  /** A saga as the ledger last saw it. */
  static final class Trace {
    final long saga;
    final long customer;
    final long product;
    final long startNanos;
    Phase phase = Phase.FORWARD;
    int step;
    long endNanos = -1;
    // The steps whose compensation it started, in the order it started them.
    final java.util.List<Integer> compensations = new java.util.ArrayList<>();

    Trace(long saga, long customer, long product, long startNanos) {
      this.saga = saga;
      this.customer = customer;
      this.product = product;
      this.startNanos = startNanos;
    }
  }

  /**
   * The lowest stock a product reached.
   *
   * @param service the service that holds it
   * @param product the product
   * @param units its stock then
   * @param saga the saga whose step brought it there
   * @param atNanos when, in true time
   */
  record Low(String service, long product, long units, long saga, long atNanos) {}

  /**
   * A write of a product's stock by a step of a saga.
   *
   * @param product the product
   * @param saga the saga
   * @param base the stock the write was computed from
   * @param written the stock written
   * @param readNanos when the base was read
   * @param atNanos when it was written
   */
  record StockWrite(
      long product, long saga, long base, long written, long readNanos, long atNanos) {
    /** Units it moved: -1 for a reservation, +1 for a release. */
    long delta() {
      return written - base;
    }
  }

  /**
   * A client's read of a product's stock as the inventory service served it.
   *
   * @param product the product
   * @param units what it returned
   * @param atNanos when
   */
  record StockRead(long product, long units, long atNanos) {}

  private final java.util.List<StockWrite> stockWrites = new java.util.ArrayList<>();
  private final java.util.List<StockRead> stockReads = new java.util.ArrayList<>();
  private long refusedReads;
  private final LongSupplier trueNanos;
  private final TreeMap<Long, Trace> sagas = new TreeMap<>();
  private final TreeMap<Long, Low> lows = new TreeMap<>();
  private long forward;
  private long compensating;
  private long completed;
  private long compensated;
  private long retries;
  private long endedNanos;

  Ledger(LongSupplier trueNanos) {
    this.trueNanos = trueNanos;
  }

  /** True time now (measurement only). */
  long nowNanos() {
    return trueNanos.getAsLong();
  }

  /** The orchestrator started saga {@code saga}; false if it had started before. */
  boolean started(long saga, long customer, long product) {
    if (sagas.containsKey(saga)) {
      return false;
    }
    sagas.put(saga, new Trace(saga, customer, product, nowNanos()));
    forward++;
    return true;
  }

  /** The orchestrator moved saga {@code saga} to {@code phase} at step {@code step}. */
  void moved(long saga, Phase phase, int step) {
    Trace t = sagas.get(saga);
    if (t == null || t.phase.ended()) {
      return;
    }
    count(t.phase, -1);
    count(phase, 1);
    t.phase = phase;
    t.step = step;
    if (phase == Phase.COMPENSATING) {
      t.compensations.add(step);
    }
    if (phase.ended()) {
      t.endNanos = nowNanos();
      endedNanos += t.endNanos - t.startNanos;
    }
  }

  /**
   * Choreography: a service committed a transition of saga {@code saga} to {@code phase} at {@code
   * step}; recorded only if it moves the saga on (forward to a later step, into compensation, down
   * to an earlier step, or to an end), since a redelivered event may repeat an old transition.
   */
  void advanced(long saga, Phase phase, int step) {
    Trace t = sagas.get(saga);
    if (t == null || t.phase.ended()) {
      return;
    }
    boolean on =
        phase.ended()
            || (t.phase == Phase.FORWARD && (phase == Phase.COMPENSATING || step > t.step))
            || (t.phase == Phase.COMPENSATING && phase == Phase.COMPENSATING && step < t.step);
    if (on) {
      moved(saga, phase, step);
    }
  }

  private void count(Phase p, long d) {
    switch (p) {
      case FORWARD -> forward += d;
      case COMPENSATING -> compensating += d;
      case COMPLETED -> completed += d;
      case COMPENSATED -> compensated += d;
    }
  }

  /** {@code service} set {@code product}'s stock to {@code units} in a step of {@code saga}. */
  void stock(String service, long product, long units, long saga) {
    Low low = lows.get(product);
    if (low == null || units < low.units()) {
      lows.put(product, new Low(service, product, units, saga, nowNanos()));
    }
  }

  /** The inventory service wrote {@code product}'s stock for {@code saga} (measurement only). */
  void stockWrite(long product, long saga, long base, long written, long readNanos) {
    stockWrites.add(new StockWrite(product, saga, base, written, readNanos, nowNanos()));
  }

  /** A client read {@code units} of {@code product}'s stock. */
  void stockRead(long product, long units) {
    stockReads.add(new StockRead(product, units, nowNanos()));
  }

  /** A client's stock read was refused by a semantic lock. */
  void readRefused() {
    refusedReads++;
  }

  /** Stock reads refused so far. */
  long refusedReads() {
    return refusedReads;
  }

  /** Every stock write, in the order they happened. */
  java.util.List<StockWrite> stockWrites() {
    return Collections.unmodifiableList(stockWrites);
  }

  /** Every stock read served, in the order they happened. */
  java.util.List<StockRead> stockReads() {
    return Collections.unmodifiableList(stockReads);
  }

  /** Every saga started, by id. */
  NavigableMap<Long, Trace> sagas() {
    return Collections.unmodifiableNavigableMap(sagas);
  }

  /** Each product's lowest stock, by product (products never moved are absent). */
  NavigableMap<Long, Low> lows() {
    return Collections.unmodifiableNavigableMap(lows);
  }

  /** The orchestrator sent a step again (after a timeout or a refusal past the pivot). */
  void retried() {
    retries++;
  }

  /** Time from start to end of every saga ended so far, summed, in true nanoseconds. */
  long endedNanos() {
    return endedNanos;
  }

  /** Step requests sent again so far. */
  long retries() {
    return retries;
  }

  /** Sagas running forward now. */
  long forward() {
    return forward;
  }

  /** Sagas compensating now. */
  long compensating() {
    return compensating;
  }

  /** Sagas completed so far. */
  long completed() {
    return completed;
  }

  /** Sagas compensated so far. */
  long compensated() {
    return compensated;
  }
}
