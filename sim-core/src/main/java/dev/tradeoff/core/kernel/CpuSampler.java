package dev.tradeoff.core.kernel;

import dev.tradeoff.core.metrics.Metrics;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the CPU model's running integrals into per-interval gauges: for every node that has taken
 * work, the mean queue length and the share of its workers busy over the interval just closed.
 */
final class CpuSampler {
  private double[] busyAtLastSample = new double[0];
  private double[] queueAtLastSample = new double[0];

  /** Records one closed interval of {@code intervalNanos} ending at {@code nowNanos}. */
  void sample(List<NodeRuntime> nodes, long nowNanos, long intervalNanos, Metrics metrics) {
    if (busyAtLastSample.length < nodes.size()) {
      busyAtLastSample = Arrays.copyOf(busyAtLastSample, nodes.size());
      queueAtLastSample = Arrays.copyOf(queueAtLastSample, nodes.size());
    }
    long at = nowNanos - 1; // the interval's last instant, so the gauge lands in its own interval
    for (NodeRuntime runtime : nodes) {
      CpuStats stats = runtime.cpuStats(nowNanos);
      if (stats.accepted() == 0) {
        continue;
      }
      int id = runtime.id;
      double busy = stats.busyWorkerNanos() - busyAtLastSample[id];
      double waiting = stats.queueLengthNanos() - queueAtLastSample[id];
      busyAtLastSample[id] = stats.busyWorkerNanos();
      queueAtLastSample[id] = stats.queueLengthNanos();
      String name = runtime.spec.name();
      metrics.unit("cpu.queue/" + name, "jobs waiting");
      metrics.unit("cpu.utilisation/" + name, "share busy");
      metrics.gauge("cpu.queue/" + name, at, waiting / intervalNanos);
      metrics.gauge(
          "cpu.utilisation/" + name, at, busy / ((double) stats.workers() * intervalNanos));
    }
  }
}
