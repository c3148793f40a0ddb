package dev.tradeoff.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tradeoff show-config NAME|FILE}: the effective scenario after defaults and overrides. */
@Command(
    name = "show-config",
    header = "Print the effective scenario after defaults and overrides.",
    mixinStandardHelpOptions = true,
    description =
        "Print the effective scenario (every default filled in, every --set applied) as JSON;"
            + " the output is itself a valid scenario file.")
final class ShowConfigCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioArgs args;

  @Parameters(index = "0", paramLabel = "NAME|FILE", description = "A catalog name or a file.")
  String scenario;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(args.scenario(scenario, args.overrides(List.of())).json());
    return 0;
  }
}
