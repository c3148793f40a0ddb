package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.queueing.ErlangC;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.SingleNodeStore;
import dev.tradeoff.core.workload.Workload;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CPU model against queueing theory: Erlang-C means and Little's law. */
class QueueingTest {
  private static final long MS = 1_000_000L;
  private static final int BATCHES = 30;
  // Student's t quantile t(0.995; 29 degrees of freedom), for a two-sided 99% interval.
  private static final double T_99_DF29 = 2.756;

  /**
   * Mean waiting time by the method of batch means (Law, Simulation Modeling and Analysis, §9.5.3):
   * after a warm-up, 30 batches of consecutive customers; their means are close to independent, so
   * a t interval on them is a valid 99% confidence interval for Wq.
   */
  @ParameterizedTest(name = "M/M/{0} at ρ = {1}, seed {2}")
  @CsvSource({"1, 0.5, 11", "1, 0.9, 12", "4, 0.5, 13", "4, 0.9, 14"})
  void meanWaitMatchesErlangCWithin99PercentConfidence(int workers, double rho, long seed) {
    double serviceMeanNanos = 1.0 * MS;
    double arrivalsPerNano = rho * workers / serviceMeanNanos;
    int warmUp = 20_000;
    int batchSize = 40_000;
    DoubleArrayList waits = new DoubleArrayList();
    Simulation sim = new Simulation(seed);
    sim.addNode(
        NodeSpec.of(
                "server",
                "dc",
                () -> new PoissonServer(1 / arrivalsPerNano, serviceMeanNanos, waits, warmUp))
            .cpu(workers, Integer.MAX_VALUE, Distribution.constant(0)));
    long customers = warmUp + (long) BATCHES * batchSize;
    sim.runUntil((long) (customers / arrivalsPerNano * 1.05));
    assertTrue(waits.size() >= BATCHES * batchSize, "seed " + seed + ": too few customers");

    double[] batchMeans = new double[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
      double sum = 0;
      for (int i = b * batchSize; i < (b + 1) * batchSize; i++) {
        sum += waits.getDouble(i);
      }
      batchMeans[b] = sum / batchSize;
    }
    double mean = mean(batchMeans);
    double halfWidth = T_99_DF29 * Math.sqrt(variance(batchMeans, mean) / BATCHES);
    double expected =
        new ErlangC(arrivalsPerNano * 1e9, 1e9 / serviceMeanNanos, workers).meanWaitSeconds() * 1e9;
    assertTrue(
        Math.abs(mean - expected) <= halfWidth,
        String.format(
            Locale.ROOT,
            "M/M/%d ρ=%.1f seed %d: Erlang-C Wq %.1f ns outside the 99%% CI %.1f ± %.1f ns;"
                + " replay: mvn -pl sim-core test -Dtest=QueueingTest",
            workers,
            rho,
            seed,
            expected,
            mean,
            halfWidth));
  }

  /**
   * Little's law, L = λW, on figures measured independently: L from the CPU's time integral of jobs
   * in the system, λ and W from the client history (minus the known, constant network round trip).
   */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"21", "22"})
  void littlesLawHoldsOnMeasuredFigures(long seed) {
    long oneWayNanos = 1 * MS;
    Simulation sim = new Simulation(seed);
    sim.network().latency("clients", "dc", Distribution.constant(oneWayNanos));
    sim.addNode(
        NodeSpec.of("server", "dc", SingleNodeStore::new)
            .cpu(2, Integer.MAX_VALUE, Distribution.exponential(1.0 * MS)));
    long issueFor = 20_000 * MS;
    new Workload(
            8,
            Arrivals.poisson(1_500),
            0.5,
            KeyDistribution.uniform(100),
            List.of("server"),
            60_000 * MS,
            issueFor)
        .addTo(sim, "clients");
    long end = issueFor + 2_000 * MS; // the queue drains well within two seconds
    sim.runUntil(end);

    History history = sim.history();
    double latencySum = 0;
    for (int op = 0; op < history.size(); op++) {
      assertEquals(OpStatus.OK, history.status(op), "seed " + seed + ": op " + op);
      latencySum += history.completeNanos(op) - history.invokeNanos(op) - 2 * oneWayNanos;
    }
    double throughputPerNano = history.size() / (double) end;
    double meanResponse = latencySum / history.size();
    double jobsInSystem = sim.cpuStats(sim.nodeId("server")).meanJobsInSystem(end);
    assertTrue(history.size() > 25_000, "seed " + seed + ": only " + history.size() + " ops");
    assertEquals(
        jobsInSystem,
        throughputPerNano * meanResponse,
        jobsInSystem * 1e-6,
        "seed " + seed + ": L vs λW");
  }

  /**
   * Poisson arrivals into the node's own CPU, exponential service, waits recorded after warm-up.
   */
  private static final class PoissonServer implements Node {
    private final double gapMeanNanos;
    private final double serviceMeanNanos;
    private final DoubleArrayList waits;
    private final int warmUp;
    private Context ctx;
    private ContinuousSampler gaps;
    private ContinuousSampler service;
    private int served;

    PoissonServer(double gapMeanNanos, double serviceMeanNanos, DoubleArrayList waits, int warmUp) {
      this.gapMeanNanos = gapMeanNanos;
      this.serviceMeanNanos = serviceMeanNanos;
      this.waits = waits;
      this.warmUp = warmUp;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      gaps = ZigguratSampler.Exponential.of(ctx.random(), gapMeanNanos);
      service = ZigguratSampler.Exponential.of(ctx.random(), serviceMeanNanos);
      ctx.setTimer(Math.round(gaps.sample()), null);
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      long cost = Math.round(service.sample());
      ctx.process(cost, new long[] {ctx.localNanos(), cost});
      ctx.setTimer(Math.round(gaps.sample()), null);
    }

    @Override
    public void onProcessed(Object job) {
      long[] arrivalAndCost = (long[]) job;
      if (served++ >= warmUp) {
        waits.add(ctx.localNanos() - arrivalAndCost[0] - arrivalAndCost[1]);
      }
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  private static double mean(double[] xs) {
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    return sum / xs.length;
  }

  private static double variance(double[] xs, double mean) {
    double sum = 0;
    for (double x : xs) {
      sum += (x - mean) * (x - mean);
    }
    return sum / (xs.length - 1);
  }
}
