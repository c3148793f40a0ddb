package dev.tradeoff.cli;

import dev.tradeoff.scenarios.Scenario;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tradeoff validate FILE…}: checks scenario files without running them. */
@Command(
    name = "validate",
    header = "Check scenario files without running them.",
    mixinStandardHelpOptions = true,
    description =
        "Check scenario files (or catalog names) without running them: one line per file, 'ok'"
            + " or the error; exit 0 when all are valid, 64 otherwise.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "NAME|FILE", description = "Scenario files or names.")
  List<String> scenarios;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean bad = false;
    for (String s : scenarios) {
      try {
        Scenario scenario = ScenarioArgs.read(s, List.of());
        out.println("ok: " + s + " (" + scenario.name() + ")");
      } catch (BadInputException e) {
        err.println("tradeoff: " + e.getMessage());
        bad = true;
      }
    }
    return bad ? TradeoffCli.EXIT_BAD_INPUT : 0;
  }
}
