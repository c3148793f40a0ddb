package dev.tradeoff.core.metrics;

import dev.tradeoff.core.history.OpStatus;

/**
 * What a node may do with the run's metrics: record what it measured. The controls (interval,
 * probes, sampling) and the collected data stay with the simulation's owner ({@link Metrics}).
 */
public interface Recorder {
  /** Records an operation of {@code kind} that ended with {@code status}, in true time. */
  void recordOp(String kind, OpStatus status, long invokeNanos, long completeNanos);

  /** Records {@code value} in series {@code name} at true time {@code nowNanos}. */
  void gauge(String name, long nowNanos, double value);

  /**
   * Publishes that node {@code lane} is in {@code state} on {@code track} (e.g. {@code role},
   * {@code leader term 2}) from true time {@code nowNanos} on; {@code null} ends the state. See
   * {@link Timeline}: the role timeline a report draws.
   */
  void state(String lane, String track, long nowNanos, String state);

  /**
   * {@link #state(String, String, long, String)} for a state that lapses at true time {@code
   * untilNanos} unless published again before then (a lease: renewed at each confirmation, gone
   * when it runs out, even if its holder is paused and publishes nothing).
   */
  void state(String lane, String track, long nowNanos, String state, long untilNanos);

  /**
   * Publishes that node {@code lane} has applied its writes up to {@code position}, counted in
   * {@code unit} (e.g. {@code log index}), from true time {@code nowNanos} on. Call it whenever the
   * position changes; see {@link Positions}: a report tells from it what the node that answered a
   * read had applied then. Does nothing by default, for recorders that keep no positions.
   */
  default void applied(String lane, long nowNanos, String unit, long position) {}
}
