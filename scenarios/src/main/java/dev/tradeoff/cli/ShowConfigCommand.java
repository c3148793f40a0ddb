package dev.tradeoff.cli;

import dev.tradeoff.scenarios.Scenario;
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
    Scenario s = args.scenario(scenario, args.overrides(List.of()));
    noteRate(spec, s);
    spec.commandLine().getOut().print(s.json());
    return 0;
  }

  /**
   * Prints on stderr how the workload's total rate was derived, when it was given per client or as
   * daily active users' actions (stdout stays the scenario alone).
   */
  static void noteRate(CommandSpec spec, Scenario s) {
    String note = s.rateNote();
    if (!note.isEmpty()) {
      spec.commandLine().getErr().println("tradeoff: workload.arrivals: " + note);
    }
  }
}
