package dev.tradeoff.benchmarks.peer;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of SSJ on an M/M/1 queue (lambda 1, mu 1.1), in customers served per second; each
 * customer costs two events (arrival and departure). Each invocation is one complete, identical run
 * of {@link SsjMM1} serving {@link #CUSTOMERS} customers from an empty system. Not final: JMH
 * generates subclasses of {@code @State} benchmark classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SsjMM1Benchmark {

  static final int CUSTOMERS = 1 << 20;

  private SsjMM1 model;

  @Setup
  public void setUp() {
    model = new SsjMM1();
  }

  @Benchmark
  @OperationsPerInvocation(CUSTOMERS)
  public void mm1(Blackhole bh) {
    bh.consume(model.run(CUSTOMERS));
    bh.consume(model.meanWait());
  }
}
