package dev.tradeoff.core.metrics;

import dev.tradeoff.core.history.OpStatus;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * A run's metrics: per operation kind, an {@link OpMetrics}; named {@link Series} cut in intervals
 * of simulated time; and probes, sampled by the kernel at the end of every interval, through which
 * patterns publish figures such as replication lag; and the {@link Timeline} of role changes
 * (leader, lease, crashed, cut off) that the kernel and patterns publish through {@link #state};
 * and the {@link Positions} replicas publish through {@link #applied}. All maps are sorted by name.
 *
 * <p>Interval {@code i} covers true time {@code [i·len, (i+1)·len)}. Probes are sampled by an event
 * at each interval's end; events due at exactly that instant run before or after it in the order
 * they were scheduled, like any other events at one time.
 */
public final class Metrics implements Recorder {
  /** Default interval length: one second of simulated time. */
  public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

  private long intervalNanos = DEFAULT_INTERVAL_NANOS;
  private final TreeMap<String, OpMetrics> ops = new TreeMap<>();
  private final TreeMap<String, Series> series = new TreeMap<>();
  private final TreeMap<String, DoubleSupplier> probes = new TreeMap<>();
  private final Timeline timeline = new Timeline();
  private final Positions positions = new Positions();

  /** Sets the interval length; only before anything was recorded. */
  public void intervalNanos(long nanos) {
    if (nanos <= 0) {
      throw new IllegalArgumentException("interval must be > 0, got " + nanos);
    }
    if (!ops.isEmpty() || !series.isEmpty()) {
      throw new IllegalStateException("interval can only be set before recording");
    }
    intervalNanos = nanos;
  }

  /** Length of one interval. */
  public long intervalNanos() {
    return intervalNanos;
  }

  /** Records a completed operation of {@code kind}. Completions must come in time order. */
  @Override
  public void recordOp(String kind, OpStatus status, long invokeNanos, long completeNanos) {
    op(kind).record(status, completeNanos - invokeNanos, completeNanos);
  }

  /** The metrics of operation kind {@code kind}, created empty if new. */
  public OpMetrics op(String kind) {
    // Called for every completed operation: a plain get first, since computeIfAbsent's capturing
    // lambda was allocated on each call.
    OpMetrics m = ops.get(kind);
    return m != null ? m : ops.computeIfAbsent(kind, k -> new OpMetrics(k, intervalNanos));
  }

  /** Every operation kind's metrics. */
  public NavigableMap<String, OpMetrics> ops() {
    return Collections.unmodifiableNavigableMap(ops);
  }

  /** Records {@code value} in series {@code name} at true time {@code nowNanos}. */
  @Override
  public void gauge(String name, long nowNanos, double value) {
    series(name).record(nowNanos, value);
  }

  @Override
  public void state(String lane, String track, long nowNanos, String state) {
    timeline.state(lane, track, nowNanos, state);
  }

  @Override
  public void state(String lane, String track, long nowNanos, String state, long untilNanos) {
    timeline.state(lane, track, nowNanos, state, untilNanos);
  }

  @Override
  public void applied(String lane, long nowNanos, String unit, long position) {
    positions.applied(lane, nowNanos, unit, position);
  }

  /**
   * How far each node had applied, over time: every position published through {@link #applied}.
   */
  public Positions positions() {
    return positions;
  }

  /** The role timeline: every state published through {@link #state}. */
  public Timeline timeline() {
    return timeline;
  }

  /** The series called {@code name}, created empty if new. */
  public Series series(String name) {
    return series.computeIfAbsent(name, n -> new Series(n, intervalNanos));
  }

  /** Every series. */
  public NavigableMap<String, Series> allSeries() {
    return Collections.unmodifiableNavigableMap(series);
  }

  /**
   * Registers a probe the kernel samples at the end of every interval into series {@code name}; a
   * later registration under the same name replaces it.
   */
  public void probe(String name, DoubleSupplier probe) {
    probes.put(name, probe);
  }

  /** {@link #probe(String, DoubleSupplier)} with the values' unit declared (see {@link #unit}). */
  public void probe(String name, String unit, DoubleSupplier probe) {
    unit(name, unit);
    probe(name, probe);
  }

  /** Declares the unit of series {@code name}'s values, e.g. {@code ms} or {@code req/s}. */
  public void unit(String name, String unit) {
    series(name).unit(unit);
  }

  /** Samples every probe at {@code nowNanos} and closes operation intervals ending by then. */
  public void sampleProbes(long nowNanos) {
    long at = Math.max(0, nowNanos - 1);
    probes.forEach((name, probe) -> gauge(name, at, probe.getAsDouble()));
    ops.values().forEach(op -> op.closeIntervalsBefore(nowNanos));
  }
}
