package dev.tradeoff.benchmarks;

import dev.tradeoff.core.kernel.Simulation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PholdBenchmark}'s model with many logical processes: 65,536 LPs × 16 events, so that each
 * node's objects are out of cache by the time its next event comes. A class of its own so that its
 * population is not crossed with {@link PholdBenchmark}'s (65,536 × 1,024 would not fit the heap).
 * The score is events per second ({@code events} aux counter).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PholdScaleBenchmark {
  @Param({"65536"})
  public int lps;

  @Param({"16"})
  public int eventsPerLp;

  @Param({"0.9"})
  public double remote;

  private Simulation sim;
  private long windowNanos;

  /** Builds the model and runs it past its start-up transient. */
  @Setup(Level.Trial)
  public void setUp() {
    sim = PholdBenchmark.phold(42, lps, eventsPerLp, remote);
    // About 100,000 events per invocation: the population turns over every 1.1 units.
    windowNanos =
        Math.max(1L, (long) (100_000.0 / (lps * eventsPerLp) * 1.1 * PholdBenchmark.UNIT_NANOS));
    sim.runFor(20 * PholdBenchmark.UNIT_NANOS);
  }

  /** Processes one window of simulated time. */
  @Benchmark
  public void run(PholdBenchmark.Events events) {
    long before = sim.eventsProcessed();
    sim.runFor(windowNanos);
    events.events += sim.eventsProcessed() - before;
  }
}
