package dev.tradeoff.benchmarks;

import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.Backend;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.catalog.PatternCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The catalog's {@code resilience/retry-storm-metastable} on the kernel, built from the catalog's
 * patterns as that scenario builds it: a {@code resilient-client} layer (250 ms attempts, 1 s
 * deadline, 4 attempts, exponential backoff from 10 ms to 200 ms with full jitter) over a one-
 * instance {@code service} (one worker, FIFO queue of 2000, exp(1 ms)), 16 clients at 800 requests
 * per simulated second for 40 simulated seconds, the instance slowed ten times from 10 s to 20 s,
 * then a 2 s drain. After the spike about 3,200 attempts a second keep the instance's queue full.
 * Each invocation is one whole run; {@code events} counts the kernel events it processed, as a
 * throughput per wall second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RetryStormBenchmark {
  private static final long SECOND = 1_000_000_000L;
  private static final long MILLI = 1_000_000L;

  private long seed = 1;

  /** Runs the scenario once; counts its kernel events. */
  @Benchmark
  public void run(Events events) {
    Store system = spec("resilient-client").build(new Config(client()));
    Simulation sim = new Simulation(seed++);
    sim.network().defaultLatency(Distribution.constant(0.5 * MILLI));
    system.addTo(sim);
    new Workload(
            16,
            Arrivals.poisson(800),
            0.5,
            KeyDistribution.uniform(1000),
            List.of(),
            2 * SECOND,
            40 * SECOND,
            system::client)
        .addTo(sim, "clients");
    int svc = sim.nodeId("svc-0");
    sim.runUntil(10 * SECOND);
    sim.slowDown(svc, 10);
    sim.runUntil(20 * SECOND);
    sim.slowDown(svc, 1);
    sim.runUntil(42 * SECOND);
    events.events += sim.eventsProcessed();
  }

  private static PatternSpec spec(String name) {
    return PatternCatalog.find(name).orElseThrow();
  }

  private static Map<String, Object> client() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", "client");
    v.put("attemptTimeout", 250 * MILLI);
    v.put("deadline", SECOND);
    v.put("attempts", 4L);
    v.put("backoff", "exponential");
    v.put("backoffBase", 10 * MILLI);
    v.put("backoffMax", 200 * MILLI);
    v.put("jitter", "full");
    v.put("budget", false);
    v.put("budgetShare", 0.1);
    v.put("budgetBurst", 10L);
    v.put("breaker", false);
    v.put("breakerWindow", 20L);
    v.put("breakerThreshold", 0.5);
    v.put("breakerOpenFor", 5 * SECOND);
    v.put("breakerProbes", 3L);
    v.put("propagateDeadline", true);
    v.put("hedgeDelay", 0L);
    v.put("recoveryWithin", 10 * SECOND);
    v.put("recoveryFrom", 0L);
    v.put("backend", new Backend(spec("service"), new Config(service())));
    return v;
  }

  private static Map<String, Object> service() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", "svc");
    v.put("zone", "dc1");
    v.put("instances", 1L);
    v.put("balancer", "round-robin");
    v.put("concurrency", 1L);
    v.put("queue", 2000L);
    v.put("discipline", "fifo");
    v.put("maxQueueTime", 0L);
    v.put("dropExpired", false);
    v.put("codelTarget", 5 * MILLI);
    v.put("codelInterval", 100 * MILLI);
    v.put("service", Distribution.exponential(MILLI));
    v.put("rateLimit", 0.0);
    v.put("rateBurst", 10L);
    v.put("backendTimeout", SECOND);
    v.put("backend", "none");
    return v;
  }

  /** Kernel events processed, reported as a throughput. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Events {
    public long events;
  }
}
