package dev.tradeoff.patterns.migration;

/**
 * What the facades and routers of one migration did, for the series: requests sent to each system,
 * reads served by each, shadow reads and mismatches, dual writes whose second write failed.
 * Measurement only — nothing reads it to decide anything.
 */
final class Tally {
  private final long[] requests = new long[2];
  private final long[] reads = new long[2];
  private long shadowReads;
  private long shadowMismatches;
  private long secondaryFailures;

  void request(int side) {
    requests[side]++;
  }

  void read(int side) {
    reads[side]++;
  }

  void shadowRead(boolean mismatch) {
    shadowReads++;
    shadowMismatches += mismatch ? 1 : 0;
  }

  void secondaryFailed() {
    secondaryFailures++;
  }

  /** Client requests sent to side {@code side} so far. */
  long requests(int side) {
    return requests[side];
  }

  /** Client requests so far. */
  long requests() {
    return requests[0] + requests[1];
  }

  /** Client reads served by side {@code side} so far. */
  long reads(int side) {
    return reads[side];
  }

  /** Client reads so far. */
  long reads() {
    return reads[0] + reads[1];
  }

  /** Shadow reads compared so far. */
  long shadowReads() {
    return shadowReads;
  }

  /** Shadow reads whose value differed from the served one. */
  long shadowMismatches() {
    return shadowMismatches;
  }

  /** Dual writes whose second write failed or went unanswered. */
  long secondaryFailures() {
    return secondaryFailures;
  }
}
