package dev.tradeoff.patterns.migration;

import it.unimi.dsi.fastutil.ints.Int2ByteOpenHashMap;

/**
 * Which system served each client read, as the facade or router recorded it when it sent the read
 * (a shadow read does not count: its answer never reaches the client). Read by {@link StaleReads}
 * to name the system behind a bad read; nothing in the run reads it.
 */
final class Ledger {
  private static final byte NONE = -1;

  private final String[] sides;
  private final Int2ByteOpenHashMap served = new Int2ByteOpenHashMap();

  /** A ledger naming the two sides {@code fromName} and {@code toName}, e.g. legacy and new. */
  Ledger(String fromName, String toName) {
    this.sides = new String[] {fromName, toName};
    served.defaultReturnValue(NONE);
  }

  /** Client read {@code op} was sent to side {@code side}. */
  void served(int op, int side) {
    served.put(op, (byte) side);
  }

  /** The name of the side that served read {@code op}, or {@code "?"} if none was recorded. */
  String side(int op) {
    byte s = served.get(op);
    return s == NONE ? "?" : sides[s];
  }

  /** The name of side {@code side}. */
  String name(int side) {
    return sides[side];
  }
}
