package dev.tradeoff.reports;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.metrics.Metrics;
import dev.tradeoff.core.metrics.OpMetrics;
import dev.tradeoff.core.metrics.Series;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What a finished simulation recorded, turned into the figures a {@link RunReport} holds: the
 * kernel's history and metrics in, {@link OperationStats} and {@link TimeSeries} out. Kept here,
 * next to the files that show them, so the report's shape and its source agree in one place.
 *
 * <p>Deterministic: the operations are in kind-name order, the series in the metrics' own order.
 */
public final class KernelFigures {
  private KernelFigures() {}

  /**
   * Each operation kind's counts and OK latencies. A query's parts count once, as kind {@code
   * query}; throughput is OK completions per second of {@code durationNanos}, the time clients
   * issued operations.
   */
  public static List<OperationStats> operations(
      History history, Metrics metrics, long durationNanos) {
    return operations(history, metrics, 0, durationNanos, durationNanos);
  }

  /**
   * Each operation kind's figures over the operations invoked from {@code warmupNanos} on: counts,
   * OK latencies (from the metrics when nothing is excluded, else from the history), the latency of
   * every operation (a pending one counted up to {@code endNanos}) and the longest time without an
   * OK completion between {@code warmupNanos} and {@code durationNanos}. A query's parts count
   * once, as kind {@code query}; throughput is OK completions per second of the counted issuing
   * time.
   */
  public static List<OperationStats> operations(
      History history, Metrics metrics, long warmupNanos, long durationNanos, long endNanos) {
    // Per kind, by slot (the OpKind's ordinal; queries after them), not by name: a map lookup
    // and a lower-cased name per operation were most of this method's time.
    OpKind[] kinds = OpKind.values();
    int querySlot = kinds.length;
    String[] names = new String[kinds.length + 1];
    for (OpKind k : kinds) {
      names[k.ordinal()] = k.label();
    }
    names[querySlot] = "query";
    long[][] countsBySlot = new long[names.length][]; // count, ok, fail, info
    Histogram[] allBySlot = new Histogram[names.length];
    Histogram[] okBySlot = new Histogram[names.length];
    LongArrayList[] okTimesBySlot = new LongArrayList[names.length];
    for (int op = 0; op < history.size(); op++) {
      int first = history.snapshot(op);
      if (first >= 0 && first != op) {
        continue; // a query's parts count once, as the query
      }
      long invoke = history.invokeNanos(op);
      if (invoke < warmupNanos) {
        continue;
      }
      int slot = first >= 0 ? querySlot : history.kind(op).ordinal();
      if (countsBySlot[slot] == null) {
        countsBySlot[slot] = new long[4];
        allBySlot[slot] = new Histogram(3);
        okBySlot[slot] = new Histogram(3);
        okTimesBySlot[slot] = new LongArrayList();
      }
      long[] c = countsBySlot[slot];
      c[0]++;
      OpStatus status = history.status(op);
      c[1 + status.ordinal()]++;
      long complete = history.completeNanos(op);
      long waited = Math.max(0, Math.min(complete, Math.max(endNanos, invoke)) - invoke);
      allBySlot[slot].recordValue(waited);
      if (status == OpStatus.OK) {
        okBySlot[slot].recordValue(waited);
        okTimesBySlot[slot].add(complete);
      }
    }
    Map<String, long[]> counts = new TreeMap<>(); // kind -> count, ok, fail, info
    Map<String, Histogram> all = new TreeMap<>();
    Map<String, Histogram> okLatency = new TreeMap<>();
    Map<String, LongArrayList> okTimes = new TreeMap<>();
    for (int slot = 0; slot < names.length; slot++) {
      if (countsBySlot[slot] != null) {
        counts.put(names[slot], countsBySlot[slot]);
        all.put(names[slot], allBySlot[slot]);
        if (okTimesBySlot[slot].size() > 0) {
          okLatency.put(names[slot], okBySlot[slot]);
          okTimes.put(names[slot], okTimesBySlot[slot]);
        }
      }
    }
    List<OperationStats> stats = new ArrayList<>();
    double seconds = Math.max(1, durationNanos - warmupNanos) / 1e9;
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long[] c = e.getValue();
      OpMetrics op = metrics.ops().get(e.getKey());
      Histogram latency =
          warmupNanos == 0 && op != null
              ? op.latencyNanos()
              : okLatency.getOrDefault(e.getKey(), new Histogram(3));
      long gap =
          longestGapNanos(
              okTimes.getOrDefault(e.getKey(), new LongArrayList()), warmupNanos, durationNanos);
      stats.add(
          new OperationStats(
              e.getKey(),
              c[0],
              c[1],
              c[2],
              c[3],
              c[1] / seconds,
              latency,
              all.get(e.getKey()),
              gap));
    }
    return stats;
  }

  /** The longest span of {@code [fromNanos, toNanos]} holding none of {@code times}. */
  static long longestGapNanos(LongArrayList times, long fromNanos, long toNanos) {
    long[] sorted = times.toLongArray();
    java.util.Arrays.sort(sorted);
    long longest = 0;
    long last = fromNanos;
    for (long t : sorted) {
      if (t > toNanos) {
        break;
      }
      longest = Math.max(longest, t - last);
      last = Math.max(last, t);
    }
    return Math.max(longest, toNanos - last);
  }

  /**
   * The interval series to chart: per operation kind its p50 and p99 latency (ms, group {@code
   * latency}) and its OK and error rates (ops/s, group {@code throughput}); then every named
   * series, its group the part of its name before the first {@code /} (the whole name when there is
   * none). An interval without data is {@link Double#NaN}.
   */
  public static List<TimeSeries> series(Metrics metrics) {
    List<TimeSeries> series = new ArrayList<>();
    for (OpMetrics op : metrics.ops().values()) {
      int n = op.intervals();
      long[] times = new long[n];
      double[] p50 = new double[n];
      double[] p99 = new double[n];
      double[] ok = new double[n];
      double[] errors = new double[n];
      double perSecond = 1e9 / op.intervalNanos();
      for (int i = 0; i < n; i++) {
        times[i] = (i + 1) * op.intervalNanos();
        p50[i] = op.p50NanosIn(i) < 0 ? Double.NaN : op.p50NanosIn(i) / 1e6;
        p99[i] = op.p99NanosIn(i) < 0 ? Double.NaN : op.p99NanosIn(i) / 1e6;
        ok[i] = op.okIn(i) * perSecond;
        errors[i] = op.errorsIn(i) * perSecond;
      }
      series.add(new TimeSeries("latency", op.kind() + " p50", "ms", times, p50));
      series.add(new TimeSeries("latency", op.kind() + " p99", "ms", times, p99));
      series.add(new TimeSeries("throughput", op.kind() + " ok", "ops/s", times, ok));
      series.add(new TimeSeries("throughput", op.kind() + " errors", "ops/s", times, errors));
    }
    for (Series s : metrics.allSeries().values()) {
      int n = s.intervals();
      long[] times = new long[n];
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        times[i] = (i + 1) * s.intervalNanos();
        values[i] = s.count(i) == 0 ? Double.NaN : s.mean(i);
      }
      String name = s.name();
      int slash = name.indexOf('/');
      String group = slash < 0 ? name : name.substring(0, slash);
      series.add(
          new TimeSeries(
              group, slash < 0 ? name : name.substring(slash + 1), s.unit(), times, values));
    }
    return series;
  }
}
