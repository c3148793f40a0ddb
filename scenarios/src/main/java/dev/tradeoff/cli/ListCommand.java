package dev.tradeoff.cli;

import dev.tradeoff.scenarios.Catalog;
import dev.tradeoff.scenarios.MmcDemo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tradeoff list}: the built-in catalog. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the built-in scenarios with one-line descriptions.")
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    for (MmcDemo demo : Catalog.all().values()) {
      spec.commandLine().getOut().printf("%-12s %s%n", demo.name(), demo.description());
    }
    return 0;
  }
}
