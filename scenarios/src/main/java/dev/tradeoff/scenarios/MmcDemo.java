package dev.tradeoff.scenarios;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.CpuStats;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.OpMetrics;
import dev.tradeoff.core.queueing.ErlangC;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.SingleNodeStore;
import dev.tradeoff.core.workload.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A built-in demo: one store node with {@code workers} workers and exponential service at {@code
 * servicePerSecond} each, under Poisson load at {@code arrivalsPerSecond} from eight client
 * sessions one constant millisecond away. The summary sets the measured figures beside Erlang-C.
 *
 * @param name catalog name
 * @param description one line for the catalog
 * @param workers number of workers c
 * @param arrivalsPerSecond offered load λ
 * @param servicePerSecond service rate μ of one worker
 */
public record MmcDemo(
    String name,
    String description,
    int workers,
    double arrivalsPerSecond,
    double servicePerSecond) {

  private static final long MS = 1_000_000L;
  private static final long ONE_WAY_NANOS = 1 * MS;
  private static final int CLIENTS = 8;

  /** The demo's queue model. */
  public ErlangC theory() {
    return new ErlangC(arrivalsPerSecond, servicePerSecond, workers);
  }

  /**
   * Runs the demo for {@code loadNanos} of load, plus a drain of a hundred mean response times, and
   * returns the summary.
   */
  public Result run(long seed, long loadNanos) {
    Simulation sim = build(seed, loadNanos);
    long end = endNanos(loadNanos);
    sim.runUntil(end);
    return new Result(this, seed, loadNanos, end, sim, sim.cpuStats(sim.nodeId("server")));
  }

  /** The demo's simulation, built but not run. */
  public Simulation build(long seed, long loadNanos) {
    Simulation sim = new Simulation(seed);
    sim.replayCommand(
        String.format(
            Locale.ROOT,
            "./tradeoff run %s --seed %d --duration %s",
            name,
            seed,
            Durations.format(loadNanos)));
    sim.network().latency("clients", "dc", Distribution.constant(ONE_WAY_NANOS));
    sim.addNode(
        NodeSpec.of("server", "dc", SingleNodeStore::new)
            .cpu(workers, Integer.MAX_VALUE, Distribution.exponential(1e9 / servicePerSecond)));
    new Workload(
            CLIENTS,
            Arrivals.poisson(arrivalsPerSecond),
            0.9,
            KeyDistribution.zipf(1_000, 0.99),
            List.of("server"),
            Long.MAX_VALUE,
            loadNanos)
        .addTo(sim, "clients");
    return sim;
  }

  /** When a run with {@code loadNanos} of load ends: after a drain of a hundred mean responses. */
  public long endNanos(long loadNanos) {
    long drain = Math.max(1_000 * MS, (long) (100 * theory().meanResponseSeconds() * 1e9));
    return loadNanos + drain;
  }

  /** A finished run of the demo. */
  public static final class Result {
    private final MmcDemo demo;
    private final long seed;
    private final long loadNanos;
    private final long endNanos;
    private final Simulation sim;
    private final CpuStats cpu;

    Result(MmcDemo demo, long seed, long loadNanos, long endNanos, Simulation sim, CpuStats cpu) {
      this.demo = demo;
      this.seed = seed;
      this.loadNanos = loadNanos;
      this.endNanos = endNanos;
      this.sim = sim;
      this.cpu = cpu;
    }

    /** The simulation after the run. */
    public Simulation simulation() {
      return sim;
    }

    /** Measured utilisation over the load window's worth of busy time. */
    public double utilisation() {
      return cpu.busyWorkerNanos() / ((double) cpu.workers() * loadNanos);
    }

    /** Measured mean wait in the queue, Wq = Lq / λ, in seconds. */
    public double meanWaitSeconds() {
      return cpu.queueLengthNanos() / cpu.completed() / 1e9;
    }

    /** Measured share of jobs that had to wait. */
    public double probabilityOfWait() {
      return (double) cpu.waited() / cpu.completed();
    }

    /** Measured latency of successful operations of every kind, in nanoseconds. */
    public Histogram latencyNanos() {
      Histogram all = new Histogram(3);
      for (Map.Entry<String, OpMetrics> op : sim.metrics().ops().entrySet()) {
        all.add(op.getValue().latencyNanos());
      }
      return all;
    }

    /** The human-readable summary. */
    public String summary() {
      ErlangC theory = demo.theory();
      Histogram latency = latencyNanos();
      long ops = latency.getTotalCount();
      StringBuilder out = new StringBuilder();
      line(out, "tradeoff %s: %s", demo.name(), demo.description());
      line(
          out,
          "  λ = %,.0f/s Poisson from %d clients, c = %d workers, μ = %,.0f/s each, ρ = %.3f",
          demo.arrivalsPerSecond(),
          CLIENTS,
          demo.workers(),
          demo.servicePerSecond(),
          theory.utilisation());
      line(
          out,
          "  seed %d, %.0f s of load (+%.1f s drain), %,d operations, %,d events",
          seed,
          loadNanos / 1e9,
          (endNanos - loadNanos) / 1e9,
          ops,
          sim.eventsProcessed());
      line(out, "");
      line(out, "  %-26s %12s %12s", "server", "measured", "Erlang-C");
      row(out, "utilisation", utilisation(), theory.utilisation(), "%12.3f");
      row(out, "P(wait)", probabilityOfWait(), theory.probabilityOfWait(), "%12.3f");
      row(
          out,
          "mean wait Wq (ms)",
          meanWaitSeconds() * 1e3,
          theory.meanWaitSeconds() * 1e3,
          "%12.3f");
      double rtt = 2 * ONE_WAY_NANOS;
      line(out, "");
      line(out, "  response time minus the 2 ms network round trip:");
      row(
          out,
          "mean (ms)",
          (latency.getMean() - rtt) / 1e6,
          theory.meanResponseSeconds() * 1e3,
          "%12.3f");
      for (double p : new double[] {50, 90, 99, 99.9}) {
        row(
            out,
            String.format(Locale.ROOT, "p%s (ms)", p == 99.9 ? "99.9" : String.valueOf((int) p)),
            (latency.getValueAtPercentile(p) - rtt) / 1e6,
            theory.responsePercentileSeconds(p) * 1e3,
            "%12.3f");
      }
      line(out, "  %-26s %12.3f", "max (ms)", (latency.getMaxValue() - rtt) / 1e6);
      line(out, "");
      line(out, "  trace hash %016x", sim.traceHash());
      line(out, "  replay: %s", sim.replayCommand());
      return out.toString();
    }

    private static void row(
        StringBuilder out, String label, double measured, double theory, String f) {
      line(out, "  %-26s " + f + " " + f, label, measured, theory);
    }

    private static void line(StringBuilder out, String format, Object... args) {
      out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
  }
}
