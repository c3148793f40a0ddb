package dev.tradeoff.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link MM1Benchmark}'s model timed by the CPU time of the thread that runs it, in nanoseconds per
 * customer served, for the same reason as {@link PholdCpu}: two kernels run alternately compare in
 * minutes on a shared machine. Quote JMH for the figures.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.tradeoff.benchmarks.Mm1Cpu [ROUNDS]},
 * default {@code 7}: runs three rounds of about two million customers to warm up, then prints each
 * measured round's nanoseconds per customer and their median.
 */
public final class Mm1Cpu {
  private static final int WARM_UP_ROUNDS = 3;
  private static final int WINDOWS_PER_ROUND = 20;

  private Mm1Cpu() {}

  /** Runs the model; see the class comment for the argument. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    double[] nanosPerCustomer = measure(rounds);
    System.out.println("M/M/1: " + CpuRounds.describe(nanosPerCustomer, "customer"));
  }

  /** Nanoseconds of thread CPU per customer in each of {@code rounds} rounds after the warm-up. */
  static double[] measure(int rounds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MM1Benchmark.Model model = new MM1Benchmark.Model();
    double[] result = new double[rounds];
    for (int r = -WARM_UP_ROUNDS; r < rounds; r++) {
      long served = model.served();
      long cpu = threads.getCurrentThreadCpuTime();
      for (int w = 0; w < WINDOWS_PER_ROUND; w++) {
        model.serveAbout100k();
      }
      if (r >= 0) {
        result[r] = (double) (threads.getCurrentThreadCpuTime() - cpu) / (model.served() - served);
      }
    }
    return result;
  }
}
