package dev.tradeoff.benchmarks;

import dev.tradeoff.core.kernel.Simulation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link PholdBenchmark}'s model timed by the CPU time of the thread that runs it, in nanoseconds
 * per event. On a small machine shared with builds, CPU time varies less than the wall-clock
 * throughput JMH reports (a busy second core still slows it through the caches they share), so two
 * kernels run alternately a few times each compare in minutes. It leaves out what the JVM does on
 * other threads (collection, compilation), which JMH counts: quote JMH for the figures and use this
 * to choose between changes.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.tradeoff.benchmarks.PholdCpu LPS
 * EVENTS_PER_LP [REMOTE [EVENTS_PER_ROUND [ROUNDS]]]}, defaults {@code 0.9}, {@code 5000000},
 * {@code 5}: runs three rounds to warm up, then prints each measured round's nanoseconds per event
 * and their median.
 */
public final class PholdCpu {
  private static final int WARM_UP_ROUNDS = 3;

  private PholdCpu() {}

  /** Runs the model; see the class comment for the arguments. */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: PholdCpu LPS EVENTS_PER_LP [REMOTE [EVENTS_PER_ROUND [ROUNDS]]]");
      System.exit(64);
    }
    int lps = Integer.parseInt(args[0]);
    int eventsPerLp = Integer.parseInt(args[1]);
    double remote = args.length > 2 ? Double.parseDouble(args[2]) : 0.9;
    long perRound = args.length > 3 ? Long.parseLong(args[3]) : 5_000_000L;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    double[] nanosPerEvent = measure(lps, eventsPerLp, remote, perRound, rounds);
    System.out.printf(
        Locale.ROOT,
        "PHOLD %d x %d, remote %.2f: %s%n",
        lps,
        eventsPerLp,
        remote,
        CpuRounds.describe(nanosPerEvent, "event"));
  }

  /** Nanoseconds of thread CPU per event in each of {@code rounds} rounds after the warm-up. */
  static double[] measure(int lps, int eventsPerLp, double remote, long perRound, int rounds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Simulation sim = PholdBenchmark.phold(42, lps, eventsPerLp, remote);
    long window =
        Math.max(1L, (long) (100_000.0 / (lps * eventsPerLp) * 1.1 * PholdBenchmark.UNIT_NANOS));
    sim.runFor(20 * PholdBenchmark.UNIT_NANOS);
    double[] result = new double[rounds];
    for (int r = -WARM_UP_ROUNDS; r < rounds; r++) {
      long events = sim.eventsProcessed();
      long cpu = threads.getCurrentThreadCpuTime();
      while (sim.eventsProcessed() - events < perRound) {
        sim.runFor(window);
      }
      if (r >= 0) {
        long done = sim.eventsProcessed() - events;
        result[r] = (double) (threads.getCurrentThreadCpuTime() - cpu) / done;
      }
    }
    return result;
  }
}
