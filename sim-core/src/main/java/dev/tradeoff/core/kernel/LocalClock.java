package dev.tradeoff.core.kernel;

/**
 * A node's local clock: {@code local = true × (1 + drift) + offset}, piecewise, so changing the
 * drift or jumping keeps the reading continuous up to the jump.
 *
 * <p>Timers are measured by the node's oscillator: a local delay {@code d} lasts {@code d / (1 +
 * drift)} of true time, using the drift in force when the timer is set. Jumps move the reading but
 * not pending timers, as with a monotonic clock under a wall-clock step.
 */
public final class LocalClock {
  private long trueBaseNanos;
  private long localBaseNanos;
  private double drift;

  LocalClock() {}

  /** The reading at true time {@code trueNanos} (not before the last change). */
  public long localNanos(long trueNanos) {
    long elapsed = trueNanos - trueBaseNanos;
    return localBaseNanos + (drift == 0 ? elapsed : Math.round(elapsed * (1 + drift)));
  }

  /** Current drift rate: {@code 0.1} runs 10% fast, {@code -0.1} 10% slow. */
  public double drift() {
    return drift;
  }

  /** Sets the drift from true time {@code trueNanos} on; must be greater than {@code -1}. */
  public void setDrift(long trueNanos, double newDrift) {
    if (!(newDrift > -1) || !Double.isFinite(newDrift)) {
      throw new IllegalArgumentException("drift must be finite and > -1, got " + newDrift);
    }
    rebase(trueNanos);
    drift = newDrift;
  }

  /**
   * Steps the reading by {@code deltaNanos} (negative steps go back) at true time {@code
   * trueNanos}.
   */
  public void jump(long trueNanos, long deltaNanos) {
    rebase(trueNanos);
    localBaseNanos += deltaNanos;
  }

  /** The offset of the reading from true time at {@code trueNanos}. */
  public long offsetNanos(long trueNanos) {
    return localNanos(trueNanos) - trueNanos;
  }

  /** True time that {@code localDelayNanos} of this clock lasts, at the current drift. */
  long trueDelayNanos(long localDelayNanos) {
    if (drift == 0) {
      return localDelayNanos;
    }
    return (long) Math.ceil(localDelayNanos / (1 + drift));
  }

  private void rebase(long trueNanos) {
    if (trueNanos < trueBaseNanos) {
      throw new IllegalArgumentException(
          "clock change at true time "
              + trueNanos
              + " precedes the last change at "
              + trueBaseNanos
              + "; pass the current time");
    }
    localBaseNanos = localNanos(trueNanos);
    trueBaseNanos = trueNanos;
  }
}
