package dev.tradeoff.faults;

/**
 * The harness's only contact with the world outside a run: the wall clock that measures tries and
 * shrinking for a {@link Summary}, the entropy behind {@code -Dtradeoff.seed=random} (a base seed
 * that is printed, so the tries it gave can be replayed), and the default printer of summaries. The
 * determinism check (forbidden APIs, see sim-faults/pom.xml) skips this class alone, on purpose: no
 * simulation, case, verdict or failure message ever reads what it returns.
 */
final class Wall {
  private Wall() {}

  /** The wall clock, in nanoseconds from an arbitrary origin: for measuring durations only. */
  static long nanos() {
    return System.nanoTime();
  }

  /** A base seed drawn from the operating system's entropy, for {@code tradeoff.seed=random}. */
  static long randomSeed() {
    // a positive seed reads better in a replay command
    return new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
  }

  /** Prints {@code text} on its own line to standard output. */
  static void print(String text) {
    System.out.println(text);
  }
}
