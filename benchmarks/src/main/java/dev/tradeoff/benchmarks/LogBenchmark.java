package dev.tradeoff.benchmarks;

import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.catalog.PatternCatalog;
import dev.tradeoff.patterns.log.LogBenchmarkCounts;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code log} pattern (Kafka's model) on the kernel: 3 brokers, 12 partitions, replication
 * factor 3, acks=all, 3 consumer groups of 3 consumers each, built from the catalog as a scenario
 * builds it, driven by an open-loop workload of writes only (Poisson, {@code rate} per simulated
 * second, for {@code seconds} simulated seconds), no faults. Each invocation builds a fresh
 * simulation, runs the writes and a drain of 5 simulated seconds, and counts the records the
 * producers had acknowledged ({@code produced}, acks=all) and the records the consumers handled
 * ({@code handled}, one per group, so about 3 × produced) as throughputs per wall second; the
 * primary score is invocations per second.
 *
 * <p>Memory: about 570 MB allocated per invocation (200,000 records); runs in a 256 MiB heap, not
 * in 128 MiB. The fork asks for 2 GiB like the other benchmarks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LogBenchmark {
  private static final long SECOND = 1_000_000_000L;
  private static final long MILLI = 1_000_000L;
  private static final long MICRO = 1_000L;
  private static final long DRAIN_NANOS = 5 * SECOND;

  /** Writes per simulated second, over all clients. */
  @Param("5000")
  public double rate;

  /** Simulated seconds of writes: rate × seconds records per invocation. */
  @Param("40")
  public long seconds;

  private long seed = 1;

  /** Builds the log and its workload, runs both to the end of the drain, counts the records. */
  @Benchmark
  public void run(Records records) {
    PatternSpec spec = PatternCatalog.find("log").orElseThrow();
    Config config = new Config(settings());
    String[] problem = spec.validate(config);
    if (problem != null) {
      throw new IllegalStateException(problem[0] + ": " + problem[1]);
    }
    Store system = spec.build(config);
    Simulation sim = new Simulation(seed++);
    system.addTo(sim);
    long issueUntil = seconds * SECOND;
    new Workload(
            12,
            Arrivals.poisson(rate),
            0.0,
            KeyDistribution.uniform(10_000),
            List.of(),
            10 * SECOND,
            issueUntil,
            system::client)
        .addTo(sim, "dc1");
    sim.runUntil(issueUntil + DRAIN_NANOS);
    records.produced += sim.metrics().op("write").ok();
    records.handled += LogBenchmarkCounts.handled(system);
  }

  /** The log's parameters: the catalog's defaults but for the topology, acks and costs. */
  private static Map<String, Object> settings() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", "log");
    v.put("zone", "dc1");
    v.put("topic", "events");
    v.put("brokers", 3L);
    v.put("partitions", 12L);
    v.put("replicationFactor", 3L);
    v.put("acks", "all");
    v.put("minInsync", 1L);
    v.put("uncleanElection", false);
    v.put("idempotent", true);
    v.put("consumers", 3L);
    v.put("groups", 3L);
    v.put("subscribe", ""); // every group reads events
    v.put("commit", "at-least-once");
    v.put("commitInterval", 100 * MILLI);
    v.put("sessionTimeout", SECOND);
    v.put("heartbeat", 100 * MILLI);
    v.put("replicaLagMax", 500 * MILLI);
    v.put("flushInterval", 0L);
    v.put("requestTimeout", 200 * MILLI);
    v.put("retryBackoff", 20 * MILLI);
    v.put("deliveryTimeout", 5 * SECOND);
    v.put("workers", 1L);
    v.put("queue", 100_000L);
    // Cheaper than the catalog's defaults (0.2 ms, 1 ms) so that 5,000 writes/s keep every broker
    // and consumer below saturation: the benchmark measures the kernel, not a backlog.
    v.put("service", Distribution.exponential(50 * MICRO));
    v.put("processCost", 100 * MICRO);
    v.put("restoreCost", 10 * MICRO);
    v.put("pollInterval", 5 * MILLI);
    v.put("maxPollRecords", 100L);
    v.put("poison", 0.0);
    v.put("dlqAttempts", 3L);
    v.put("monitor", 100 * MILLI);
    return v;
  }

  /** Records produced (acknowledged) and handled (summed over groups), reported as throughputs. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Records {
    public long produced;
    public long handled;
  }
}
