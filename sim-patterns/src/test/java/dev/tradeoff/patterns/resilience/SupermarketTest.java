package dev.tradeoff.patterns.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fidelity of the balancer against Mitzenmacher's supermarket model ("The Power of Two Choices in
 * Randomized Load Balancing", IEEE TPDS 2001): n FIFO servers with exponential service at rate 1,
 * Poisson arrivals at rate λn, each sent to one server at random or to the shorter queue of two
 * chosen at random. In equilibrium the share of servers holding at least i requests is λ^i with one
 * choice and λ^(2^i − 1) with two, and the mean time in system is 1/(1 − λ) and Σ_{i≥0} λ^(2^(i+1)
 * − 2) — exactly for one choice (each server is M/M/1), in the limit n → ∞ for two.
 *
 * <p>One client sends everything with no network delay, so its count of requests outstanding per
 * instance is each queue's true length, as the model's dispatcher sees it.
 */
class SupermarketTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;
  private static final int SERVERS = 50;
  private static final double LAMBDA = 0.9;
  private static final long WARMUP_NANOS = 2 * S;
  private static final long END_NANOS = 22 * S;

  /** Samples every instance's occupancy each millisecond from the warm-up to the load's end. */
  private static final class Sampler implements Node {
    private final Simulation sim;
    private final int[] ids;
    final long[] atLeast = new long[12];
    long samples;
    private Context ctx;

    Sampler(Simulation sim, int[] ids) {
      this.sim = sim;
      this.ids = ids;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(WARMUP_NANOS, this);
    }

    @Override
    public void onMessage(int from, Object message) {}

    @Override
    public void onTimer(long timerId, Object payload) {
      if (sim.nowNanos() >= END_NANOS) {
        return; // the load has stopped: the queues drain
      }
      for (int id : ids) {
        int k = ((ServiceNode) sim.nodeInstance(id)).inSystem();
        for (int i = 1; i <= Math.min(k, atLeast.length - 1); i++) {
          atLeast[i]++;
        }
        samples++;
      }
      ctx.setTimer(MS, this);
    }

    double share(int i) {
      return atLeast[i] / (double) samples;
    }
  }

  private record Result(double[] shares, double meanNanos) {}

  private static Result run(String balancer, long seed) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : new Service().params()) {
      values.put(p.name(), p.defaultValue() instanceof Integer i ? (long) i : p.defaultValue());
    }
    values.put("instances", (long) SERVERS);
    values.put("balancer", balancer);
    values.put("queue", 100_000L);
    values.put("maxQueueTime", 0L);
    values.put("dropExpired", false);
    values.put("codelTarget", 5 * MS);
    values.put("codelInterval", 100 * MS);
    values.put("rateLimit", 0.0);
    values.put("backendTimeout", 1_000 * MS);
    values.put("tenantRateLimit", 0.0);
    values.put("limitTarget", 100 * MS);
    values.put("healthInterval", 0L);
    values.put("healthMaxWait", 0L);
    values.put("poisonFrom", 0L);
    values.put("poisonRestart", 0L);
    values.put("service", Distribution.exponential(MS));
    Store service = new Service().build(new Config(values));
    Simulation sim = new Simulation(seed);
    sim.network().defaultLatency(Distribution.constant(0));
    service.addTo(sim);
    int[] ids = new int[SERVERS];
    for (int i = 0; i < SERVERS; i++) {
      ids[i] = sim.nodeId("svc-" + i);
    }
    Sampler sampler = new Sampler(sim, ids);
    sim.addNode(NodeSpec.of("sampler", "dc1", () -> sampler));
    new Workload(
            1,
            Arrivals.poisson(LAMBDA * SERVERS * 1000),
            0.5,
            KeyDistribution.uniform(1000),
            List.of(),
            Long.MAX_VALUE,
            END_NANOS,
            service::client)
        .addTo(sim, "dc1");
    sim.runUntil(END_NANOS + S);
    History h = sim.history();
    double sum = 0;
    long n = 0;
    for (int op = 0; op < h.size(); op++) {
      if (h.invokeNanos(op) >= WARMUP_NANOS && h.status(op) == OpStatus.OK) {
        sum += h.completeNanos(op) - h.invokeNanos(op);
        n++;
      }
    }
    double[] shares = new double[6];
    for (int i = 1; i < shares.length; i++) {
      shares[i] = sampler.share(i);
    }
    return new Result(shares, sum / n);
  }

  @Test
  void oneRandomChoiceGivesLambdaToTheI() {
    Result r = run("random", 1);
    double tolerance = 0.01; // each server is exactly M/M/1
    for (int i = 1; i <= 5; i++) {
      double expected = Math.pow(LAMBDA, i);
      assertEquals(expected, r.shares()[i], tolerance, "share with at least " + i);
    }
    assertEquals(1 / (1 - LAMBDA), r.meanNanos() / MS, 0.5, "mean time in system, ms");
    print("random", r);
  }

  @Test
  void twoChoicesGiveLambdaToTheTwoToTheIMinusOne() {
    Result r = run("two-choices", 1);
    double tolerance = 0.03; // the model is the limit n → ∞; 50 servers sit a little above it
    for (int i = 1; i <= 5; i++) {
      double expected = Math.pow(LAMBDA, Math.pow(2, i) - 1);
      assertEquals(expected, r.shares()[i], tolerance, "share with at least " + i);
    }
    double mean = 0;
    for (int i = 0; i < 10; i++) {
      mean += Math.pow(LAMBDA, Math.pow(2, i + 1) - 2);
    }
    assertEquals(mean, r.meanNanos() / MS, 0.1 * mean, "mean time in system, ms");
    print("two-choices", r);
  }

  @Test
  void joiningTheShortestQueueBeatsTwoChoicesWhichBeatsRandom() {
    double jsq = run("least-outstanding", 2).meanNanos();
    double two = run("two-choices", 2).meanNanos();
    double random = run("random", 2).meanNanos();
    assertTrue(jsq < two && two < random / 3, jsq + " < " + two + " < " + random + " / 3");
  }

  private static void print(String balancer, Result r) {
    StringBuilder sb = new StringBuilder(balancer + ": shares with >= i:");
    for (int i = 1; i <= 5; i++) {
      sb.append(String.format(Locale.ROOT, " %.4f", r.shares()[i]));
    }
    sb.append(String.format(Locale.ROOT, "; mean time in system %.3f ms", r.meanNanos() / MS));
    System.out.println(sb);
  }
}
