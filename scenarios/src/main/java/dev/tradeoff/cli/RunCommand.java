package dev.tradeoff.cli;

import dev.tradeoff.core.Determinism;
import dev.tradeoff.scenarios.Catalog;
import dev.tradeoff.scenarios.Durations;
import dev.tradeoff.scenarios.MmcDemo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tradeoff run NAME}: runs one built-in scenario and prints its summary. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a built-in scenario and print its summary (see 'tradeoff list').")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Scenario name, e.g. mmc.")
  String name;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Run seed; the same seed replays the same run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--duration",
      paramLabel = "D",
      defaultValue = "60s",
      description = "Simulated time of load, e.g. 30s or 2m (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(
      names = "--check-determinism",
      description =
          "Run twice with the seed and compare every event and the operation history; report the"
              + " first divergence (exit 70) instead of the summary.")
  boolean checkDeterminism;

  @Override
  public Integer call() {
    MmcDemo demo =
        Catalog.find(name)
            .orElseThrow(
                () ->
                    new BadInputException(
                        "unknown scenario \""
                            + name
                            + "\"; known: "
                            + String.join(", ", Catalog.all().keySet())));
    long durationNanos;
    try {
      durationNanos = Durations.parseNanos(duration);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--duration: " + e.getMessage());
    }
    if (durationNanos <= 0) {
      throw new BadInputException("--duration: must be > 0, got \"" + duration + "\"");
    }
    if (checkDeterminism) {
      Determinism.Report report =
          Determinism.runTwice(
              s -> demo.build(s, durationNanos), seed, demo.endNanos(durationNanos));
      if (!report.deterministic()) {
        spec.commandLine().getErr().println("tradeoff: " + report);
        return TradeoffCli.EXIT_INTERNAL;
      }
      spec.commandLine().getOut().println(report);
      return 0;
    }
    spec.commandLine().getOut().print(demo.run(seed, durationNanos).summary());
    return 0;
  }
}
