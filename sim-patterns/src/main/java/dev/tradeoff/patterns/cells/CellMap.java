package dev.tradeoff.patterns.cells;

import java.util.Map;

/**
 * Where each customer lives: the routing table every cell router reads, idealised as a durable
 * directory that reaches every router at once. A customer is a key modulo {@code customers}; its
 * home cell comes from the explicit table, else from a hash of the customer. A customer being moved
 * is <em>locked</em> (routers hold its requests) until the mover flips it to its new cell. The
 * customer's epoch goes up when its drain ends and again when it flips: routers that fence discard
 * answers to requests sent under an older epoch.
 *
 * <p>It also counts each customer's requests in flight, so a move copies only after every request
 * sent to the old cell has been answered, or a drain limit passed; then the move fences the
 * customer, so that an answer arriving after the copy began is not passed on as an acknowledgement.
 */
final class CellMap {
  /** What {@link #route} returns for a locked customer: hold the request. */
  static final int HOLD = -1;

  private final int cells;
  private final int customers;
  private final int[] home;
  private final int[] epoch;
  private final int[] inFlight;
  private final boolean[] locked;

  /** {@code customers} customers over {@code cells} cells, {@code table} overriding the hash. */
  CellMap(int cells, int customers, Map<Integer, Integer> table) {
    this.cells = cells;
    this.customers = customers;
    home = new int[customers];
    epoch = new int[customers];
    inFlight = new int[customers];
    locked = new boolean[customers];
    for (int c = 0; c < customers; c++) {
      home[c] = table.getOrDefault(c, hashCell(c, cells));
    }
  }

  /** The cell a hash router assigns {@code customer} to. */
  static int hashCell(long customer, int cells) {
    return (int) Long.remainderUnsigned(mix(customer), cells);
  }

  /** A 64-bit finaliser (SplitMix64's), spreading consecutive customers over the cells. */
  static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  int cells() {
    return cells;
  }

  int customers() {
    return customers;
  }

  /** The customer of {@code key}. */
  int customer(long key) {
    return (int) Math.floorMod(key, (long) customers);
  }

  /** The cell serving {@code customer} now, or {@link #HOLD}. */
  int route(int customer) {
    return locked[customer] ? HOLD : home[customer];
  }

  /** {@code customer}'s home cell, locked or not. */
  int home(int customer) {
    return home[customer];
  }

  /**
   * How many times {@code customer} has been fenced: once when a move's drain ends, once a flip.
   */
  int epoch(int customer) {
    return epoch[customer];
  }

  boolean locked(int customer) {
    return locked[customer];
  }

  void lock(int customer) {
    locked[customer] = true;
  }

  /**
   * Starts a new epoch for {@code customer} without moving it: routers that fence treat answers to
   * requests sent before as indeterminate.
   */
  void fence(int customer) {
    epoch[customer]++;
  }

  /** Makes {@code to} the home of {@code customer}, unlocked, under a new epoch. */
  void flip(int customer, int to) {
    home[customer] = to;
    epoch[customer]++;
    locked[customer] = false;
  }

  void sent(int customer) {
    inFlight[customer]++;
  }

  void answered(int customer) {
    if (inFlight[customer] > 0) {
      inFlight[customer]--;
    }
  }

  /** Requests for {@code customer} sent and not yet answered. */
  int inFlight(int customer) {
    return inFlight[customer];
  }

  /** Customers whose home is {@code cell} now. */
  int customersIn(int cell) {
    int n = 0;
    for (int h : home) {
      n += h == cell ? 1 : 0;
    }
    return n;
  }
}
