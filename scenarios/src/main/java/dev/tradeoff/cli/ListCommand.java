package dev.tradeoff.cli;

import dev.tradeoff.scenarios.Scenario;
import dev.tradeoff.scenarios.ScenarioCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tradeoff list}: the built-in catalog. */
@Command(
    name = "list",
    header = "List the built-in scenarios with one-line descriptions.",
    mixinStandardHelpOptions = true,
    description = "List the built-in scenarios with one-line descriptions.")
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (String name : ScenarioCatalog.names()) {
      Scenario s = ScenarioArgs.read(name, List.of());
      out.printf("%-28s %s%n", name, s.description());
    }
    return 0;
  }
}
