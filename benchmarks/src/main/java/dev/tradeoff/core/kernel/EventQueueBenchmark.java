package dev.tradeoff.core.kernel;

import dev.tradeoff.core.random.RandomStreams;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In the kernel's package, because the queue is package-private: the node-facing API stays narrow.
 *
 * <p>The classic hold model (Jones 1986): a queue of {@code pending} events; each hold pops the
 * earliest and pushes one exponentially later. Score: holds per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EventQueueBenchmark {
  private static final int HOLDS = 10_000;

  @Param({"1000", "100000", "1000000"})
  public int pending;

  private EventQueue queue;
  private ContinuousSampler increments;

  /** Fills the queue. */
  @Setup(Level.Trial)
  public void setUp() {
    increments = ZigguratSampler.Exponential.of(new RandomStreams(42).fork("hold"), 1_000_000);
    queue = new EventQueue();
    for (int i = 0; i < pending; i++) {
      queue.push((long) increments.sample(), i, 0, null);
    }
  }

  /** {@value #HOLDS} hold operations. */
  @Benchmark
  @OperationsPerInvocation(HOLDS)
  public long hold() {
    long last = 0;
    for (int i = 0; i < HOLDS; i++) {
      last = queue.peekTimeNanos();
      long header = queue.pop();
      queue.push(
          last + (long) increments.sample(), header, queue.poppedAux(), queue.poppedPayload());
    }
    return last;
  }
}
