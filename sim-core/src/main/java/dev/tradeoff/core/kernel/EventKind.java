package dev.tradeoff.core.kernel;

/** What a processed event was, as {@link Simulation.TraceListener} reports it. */
public enum EventKind {
  /** A message delivered to a node. */
  MESSAGE,
  /** A node's timer fired. */
  TIMER,
  /** A job finished on a node's workers. */
  JOB,
  /** A scheduled kernel action (a fault, a sample, a workload arrival). */
  ACTION,
  /** A node started (or restarted). */
  START,
  /** A node's cache was flushed. */
  CACHE_FLUSH;

  private static final EventKind[] BY_CODE = values();

  /** The kind of the kernel's internal code {@code code} (the ordinal). */
  static EventKind of(int code) {
    return BY_CODE[code];
  }

  /** The kind in lower-case words, e.g. {@code cache flush}. */
  public String words() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
