package dev.tradeoff.benchmarks;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * M/M/1 on the kernel's CPU model: Poisson arrivals (λ = 1 per unit) as timers of one node, each
 * submitted to the node's single worker with an exponential service time (μ = 1.1), no network hop.
 * The score is customers served per second ({@code customers} aux counter).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MM1Benchmark {
  private static final long UNIT_NANOS = 1_000_000L;
  private static final long WINDOW_NANOS = 100_000 * UNIT_NANOS;

  private Model model;

  /** Builds the queue and runs it past its transient. */
  @Setup(Level.Trial)
  public void setUp() {
    model = new Model();
  }

  /** Serves about 100,000 customers. */
  @Benchmark
  public void run(Customers customers) {
    long before = model.served();
    model.serveAbout100k();
    customers.customers += model.served() - before;
  }

  /** The queue as a simulation of one node, built and run past its transient. */
  static final class Model {
    private final Simulation sim = new Simulation(42);
    private Server server;

    Model() {
      sim.addNode(
          NodeSpec.of("server", "dc", () -> server = new Server())
              .cpu(1, Integer.MAX_VALUE, Distribution.exponential(UNIT_NANOS / 1.1)));
      sim.runFor(10_000 * UNIT_NANOS);
    }

    /** Customers served so far. */
    long served() {
      return server.served;
    }

    /** Runs the simulation for a window in which about 100,000 customers arrive. */
    void serveAbout100k() {
      sim.runFor(WINDOW_NANOS);
    }
  }

  /** Counts customers served, reported as a throughput. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Customers {
    public long customers;
  }

  /** Arrivals by timer into the node's own CPU. */
  static final class Server implements Node {
    private static final Object CUSTOMER = new Object();
    private Context ctx;
    private ContinuousSampler gaps;
    long served;

    @Override
    public void onStart(Context context) {
      ctx = context;
      gaps = ZigguratSampler.Exponential.of(ctx.random(), UNIT_NANOS);
      ctx.setTimer(Math.round(gaps.sample()), null);
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      ctx.process(CUSTOMER);
      ctx.setTimer(Math.round(gaps.sample()), null);
    }

    @Override
    public void onProcessed(Object job) {
      served++;
    }

    @Override
    public void onMessage(int from, Object message) {}
  }
}
