package dev.tradeoff.scenarios;

import dev.tradeoff.cli.TradeoffCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a command costs once the JVM that runs it is warm, as a JVM kept running between commands
 * would see it (docs/resident.md; this runs no client and no warm-up): runs one command line {@code
 * TIMES} times in this JVM, its output discarded, and prints each run's wall time and exit code,
 * then the median and range of the runs after the first {@code SKIP}.
 *
 * <p>{@code java -XX:+UseParallelGC -cp scenarios/target/tradeoff.jar:scenarios/target/test-classes
 * dev.tradeoff.scenarios.RepeatedRuns TIMES SKIP ARGS...}, after {@code mvn -B -DskipTests package
 * -pl scenarios -am} (which compiles the tests too).
 */
public final class RepeatedRuns {
  private RepeatedRuns() {}

  /** Runs the command line; see the class comment for the arguments. */
  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: RepeatedRuns TIMES SKIP ARGS...");
      System.exit(64);
    }
    int times = Integer.parseInt(args[0]);
    int skip = Integer.parseInt(args[1]);
    if (times <= skip || skip < 0) {
      System.err.println("RepeatedRuns: TIMES must exceed SKIP, and SKIP must be >= 0");
      System.exit(64);
    }
    String[] command = Arrays.copyOfRange(args, 2, args.length);
    double[] seconds = new double[times];
    for (int i = 0; i < times; i++) {
      long start = System.nanoTime();
      int code =
          TradeoffCli.execute(
              command, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
      seconds[i] = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "run %d: %.3f s, exit code %d%n", i + 1, seconds[i], code);
    }
    double[] warm = Arrays.copyOfRange(seconds, skip, times);
    Arrays.sort(warm);
    double median =
        warm.length % 2 == 1
            ? warm[warm.length / 2]
            : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
    System.out.printf(
        Locale.ROOT,
        "runs %d to %d: median %.3f s, %.3f to %.3f s%n",
        skip + 1,
        times,
        median,
        warm[0],
        warm[warm.length - 1]);
  }
}
