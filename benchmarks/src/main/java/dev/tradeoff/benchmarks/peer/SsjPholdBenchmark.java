package dev.tradeoff.benchmarks.peer;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Throughput of SSJ on PHOLD, in processed events per second. Each invocation is one complete,
 * identical run of {@link SsjPhold} with a fixed budget of {@link #EVENTS} events, including SSJ's
 * reset (clearing the previous run's leftover events) and scheduling the initial population. Not
 * final: JMH generates subclasses of {@code @State} benchmark classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SsjPholdBenchmark {

  /** Events per invocation: 64 per initial event at 1024 x 16, so setup stays near 1.5%. */
  static final int EVENTS = 1 << 20;

  @Param("1024")
  int lps;

  @Param("16")
  int eventsPerLp;

  @Param("0.9")
  double remote;

  private SsjPhold model;

  @Setup
  public void setUp() {
    model = new SsjPhold(lps, eventsPerLp, remote);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long phold() {
    return model.run(EVENTS);
  }
}
