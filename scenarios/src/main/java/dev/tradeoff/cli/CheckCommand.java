package dev.tradeoff.cli;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Linearizability;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.io.HistoryFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tradeoff check}: the linearizability verdict on history files, no scenario needed. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Check history files (Jepsen log, Knossos EDN or tradeoff JSON lines) for"
            + " linearizability; exit 0 valid, 1 invalid, 2 unknown.")
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      defaultValue = "register",
      description = "register, cas-register or kv (default: ${DEFAULT-VALUE}).")
  String model;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files.")
  List<Path> files;

  @Override
  public Integer call() {
    Linearizability.Model chosen = model(model);
    boolean invalid = false;
    boolean unknown = false;
    for (Path file : files) {
      CheckResult result = Linearizability.check(read(file), chosen);
      spec.commandLine().getOut().println(file + ": " + result);
      invalid |= result.verdict() == Verdict.INVALID;
      unknown |= result.verdict() == Verdict.UNKNOWN;
    }
    return invalid ? 1 : unknown ? 2 : 0;
  }

  private static Linearizability.Model model(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "register" -> Linearizability.Model.REGISTER;
      case "cas-register" -> Linearizability.Model.CAS_REGISTER;
      case "kv" -> Linearizability.Model.KV;
      default ->
          throw new BadInputException(
              "--model: expected register, cas-register or kv, got \"" + name + "\"");
    };
  }

  private static History read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage());
    }
    try {
      return HistoryFormat.detect(file.toString(), text).read(file.toString(), text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }
}
