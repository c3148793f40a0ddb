package dev.tradeoff.patterns.cells;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.function.LongSupplier;

/**
 * The facts the cell routers record for {@link SingleHome} and {@link PerCell}: for every request a
 * router sent to a cell, its history operation, customer, cell, the true times it was sent and
 * answered, and whether the router accepted the answer (a fencing router discards an answer to a
 * request sent before its customer's latest fence: a move's drain ending, or its flip). True time,
 * from the kernel: a router's local clock may drift.
 */
final class HomeLog {
  /** Answered time of a request never answered. */
  static final long UNANSWERED = Long.MAX_VALUE;

  private final IntArrayList op = new IntArrayList();
  private final IntArrayList customer = new IntArrayList();
  private final IntArrayList cell = new IntArrayList();
  private final LongArrayList sentNanos = new LongArrayList();
  private final LongArrayList answeredNanos = new LongArrayList();
  private final IntArrayList accepted = new IntArrayList();
  private LongSupplier clock = () -> 0;

  /** Reads true time from {@code trueClock} (the simulation's). */
  void clock(LongSupplier trueClock) {
    clock = trueClock;
  }

  /** Records that request {@code operation} of {@code customerId} went to {@code cellId}. */
  int sent(int operation, int customerId, int cellId) {
    op.add(operation);
    customer.add(customerId);
    cell.add(cellId);
    sentNanos.add(clock.getAsLong());
    answeredNanos.add(UNANSWERED);
    accepted.add(0);
    return op.size() - 1;
  }

  /** Records the answer to fact {@code fact}, accepted by its router or discarded. */
  void answered(int fact, boolean wasAccepted) {
    answeredNanos.set(fact, clock.getAsLong());
    accepted.set(fact, wasAccepted ? 1 : 0);
  }

  int size() {
    return op.size();
  }

  int op(int fact) {
    return op.getInt(fact);
  }

  int customer(int fact) {
    return customer.getInt(fact);
  }

  int cell(int fact) {
    return cell.getInt(fact);
  }

  long sentNanos(int fact) {
    return sentNanos.getLong(fact);
  }

  long answeredNanos(int fact) {
    return answeredNanos.getLong(fact);
  }

  boolean accepted(int fact) {
    return accepted.getInt(fact) == 1;
  }
}
