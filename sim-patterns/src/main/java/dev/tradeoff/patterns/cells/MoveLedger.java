package dev.tradeoff.patterns.cells;

/**
 * The durable state of the scheduled moves, kept outside the {@link Mover} so that a restarted
 * mover knows which moves it finished and which cell a move under way came from.
 */
final class MoveLedger {
  private final int[] from;
  private final boolean[] started;
  private final boolean[] done;
  private long copiedKeys;
  private int finished;

  MoveLedger(int moves) {
    from = new int[moves];
    started = new boolean[moves];
    done = new boolean[moves];
  }

  boolean started(int move) {
    return started[move];
  }

  boolean done(int move) {
    return done[move];
  }

  /** The cell move {@code move} copies from: the one recorded when it started, else {@code now}. */
  int from(int move, int now) {
    return started[move] ? from[move] : now;
  }

  void start(int move, int fromCell) {
    if (!started[move]) {
      started[move] = true;
      from[move] = fromCell;
    }
  }

  void finish(int move) {
    if (!done[move]) {
      done[move] = true;
      finished++;
    }
  }

  void copiedKey() {
    copiedKeys++;
  }

  /** Keys copied so far, over all moves. */
  long copiedKeys() {
    return copiedKeys;
  }

  /** Moves finished so far. */
  int finished() {
    return finished;
  }
}
