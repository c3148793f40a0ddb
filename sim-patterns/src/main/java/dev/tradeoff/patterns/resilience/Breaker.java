package dev.tradeoff.patterns.resilience;

/**
 * A circuit breaker in the manner of Resilience4j's count-based one. Closed, it lets every call
 * through and remembers the outcomes of the last {@code window} calls; when the window is full and
 * at least {@code threshold} of them failed, it opens. Open, it refuses every call for {@code
 * openNanos}, then turns half-open: it lets {@code probes} calls through, closes (with an empty
 * window) when they all succeed, and opens again at the first failure. Outcomes of calls let
 * through before it opened are ignored while it is open. Time is the host's local clock.
 */
final class Breaker {
  /** Its states. */
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int window;
  private final double threshold;
  private final long openNanos;
  private final int probes;
  private final boolean[] failed;
  private int filled;
  private int next;
  private int failures;
  private State state = State.CLOSED;
  private long openedAtNanos;
  private int probesLeft;
  private int probeSuccesses;
  private long opened;

  /** A closed breaker; see the class comment for the parameters. */
  Breaker(int window, double threshold, long openNanos, int probes) {
    if (window < 1 || !(threshold > 0 && threshold <= 1) || openNanos < 0 || probes < 1) {
      throw new IllegalArgumentException(
          "breaker: window >= 1, threshold in (0, 1], open time >= 0, probes >= 1");
    }
    this.window = window;
    this.threshold = threshold;
    this.openNanos = openNanos;
    this.probes = probes;
    this.failed = new boolean[window];
  }

  /** Whether a call may go out at local time {@code nowNanos}; a half-open probe is taken. */
  boolean allow(long nowNanos) {
    if (state == State.OPEN && nowNanos - openedAtNanos >= openNanos) {
      state = State.HALF_OPEN;
      probesLeft = probes;
      probeSuccesses = 0;
    }
    if (state == State.HALF_OPEN) {
      if (probesLeft == 0) {
        return false;
      }
      probesLeft--;
      return true;
    }
    return state == State.CLOSED;
  }

  /** Records a call's outcome at local time {@code nowNanos}. */
  void record(boolean ok, long nowNanos) {
    switch (state) {
      case CLOSED -> remember(!ok, nowNanos);
      case HALF_OPEN -> {
        if (!ok) {
          open(nowNanos);
        } else if (++probeSuccesses >= probes) {
          close();
        }
      }
      case OPEN -> {}
    }
  }

  private void remember(boolean failure, long nowNanos) {
    if (filled == window) {
      failures -= failed[next] ? 1 : 0;
    } else {
      filled++;
    }
    failed[next] = failure;
    failures += failure ? 1 : 0;
    next = (next + 1) % window;
    if (filled == window && failures >= threshold * window) {
      open(nowNanos);
    }
  }

  private void open(long nowNanos) {
    state = State.OPEN;
    openedAtNanos = nowNanos;
    opened++;
  }

  private void close() {
    state = State.CLOSED;
    filled = 0;
    next = 0;
    failures = 0;
  }

  /** The state as of the last call or outcome. */
  State state() {
    return state;
  }

  /** How many times it opened. */
  long opened() {
    return opened;
  }
}
