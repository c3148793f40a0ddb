package dev.tradeoff.benchmarks;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * PHOLD (Fujimoto 1990) written against the public Node API as a user would write it: {@code lps}
 * logical processes start with {@code eventsPerLp} events each; handling an event schedules one
 * more, {@code 0.1 + Exp(1.0)} time units later (a unit is one millisecond here), to a uniformly
 * chosen other LP with probability {@code remote} — a message over a network whose latency model is
 * that distribution — or else to itself, as a timer. The score is events per second ({@code events}
 * aux counter); the population, and so the queue size, stays at {@code lps × eventsPerLp}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PholdBenchmark {
  /** One time unit of the PHOLD model, in nanoseconds. */
  static final long UNIT_NANOS = 1_000_000L;

  @Param({"1024"})
  public int lps;

  // 1,024 × 16 is the classic comparison point; 1,024 × 1,024 keeps a million events pending.
  @Param({"16", "1024"})
  public int eventsPerLp;

  @Param({"0.9"})
  public double remote;

  private Simulation sim;
  private long windowNanos;

  /** Builds the model and runs it past its start-up transient. */
  @Setup(Level.Trial)
  public void setUp() {
    sim = phold(42, lps, eventsPerLp, remote);
    // About 100,000 events per invocation: the population turns over every 1.1 units.
    windowNanos = Math.max(1L, (long) (100_000.0 / (lps * eventsPerLp) * 1.1 * UNIT_NANOS));
    sim.runFor(20 * UNIT_NANOS);
  }

  /** Processes one window of simulated time. */
  @Benchmark
  public void run(Events events) {
    long before = sim.eventsProcessed();
    sim.runFor(windowNanos);
    events.events += sim.eventsProcessed() - before;
  }

  /** Counts processed events, reported as a throughput. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Events {
    public long events;
  }

  /** The PHOLD model as a simulation, ready to run. */
  static Simulation phold(long seed, int lps, int eventsPerLp, double remote) {
    Simulation sim = new Simulation(seed);
    Distribution delay =
        Distribution.shifted(0.1 * UNIT_NANOS, Distribution.exponential(UNIT_NANOS));
    sim.network().defaultLatency(delay);
    for (int i = 0; i < lps; i++) {
      sim.addNode(
          NodeSpec.of("lp-" + i, "lps", () -> new LogicalProcess(lps, eventsPerLp, remote, delay)));
    }
    return sim;
  }

  /** One PHOLD logical process. */
  static final class LogicalProcess implements Node {
    private static final Object EVENT = new Object();
    private final int lps;
    private final int initialEvents;
    private final double remote;
    private final Distribution delay;
    private Context ctx;
    private UniformRandomProvider random;
    private ContinuousSampler localDelay;

    LogicalProcess(int lps, int initialEvents, double remote, Distribution delay) {
      this.lps = lps;
      this.initialEvents = initialEvents;
      this.remote = remote;
      this.delay = delay;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      random = ctx.random();
      localDelay = delay.sampler(random);
      for (int i = 0; i < initialEvents; i++) {
        next();
      }
    }

    @Override
    public void onMessage(int from, Object message) {
      next();
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      next();
    }

    private void next() {
      if (lps > 1 && random.nextDouble() < remote) {
        int target = random.nextInt(lps - 1);
        ctx.send(target >= ctx.self() ? target + 1 : target, EVENT);
      } else {
        ctx.setTimer((long) localDelay.sample(), EVENT);
      }
    }
  }
}
