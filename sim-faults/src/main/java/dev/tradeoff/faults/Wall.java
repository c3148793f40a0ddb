package dev.tradeoff.faults;

/**
 * The harness's only contact with the world outside a run: the wall clock that measures tries and
 * shrinking for a {@link Summary}, and the default printer of summaries. The determinism check
 * (forbidden APIs, see sim-faults/pom.xml) skips this class alone, on purpose: no simulation, case,
 * verdict or failure message ever reads what it returns.
 */
final class Wall {
  private Wall() {}

  /** The wall clock, in nanoseconds from an arbitrary origin: for measuring durations only. */
  static long nanos() {
    return System.nanoTime();
  }

  /** Prints {@code text} on its own line to standard output. */
  static void print(String text) {
    System.out.println(text);
  }
}
