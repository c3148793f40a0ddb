package dev.tradeoff.cli;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.check.Linearizability;
import dev.tradeoff.core.check.SessionGuarantees;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.io.HistoryFormat;
import dev.tradeoff.scenarios.Durations;
import java.nio.file.Path;
import java.util.ArrayList;
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
    header = "Check history files for linearizability (and session guarantees).",
    mixinStandardHelpOptions = true,
    description =
        "Check history files (Jepsen log, Knossos EDN or tradeoff JSON lines) for"
            + " linearizability (and, with --sessions, session guarantees). Each file is"
            + " checked on its own: an unreadable file, or one with no operations, gets a"
            + " one-line error and the others are still checked. Exit 64 if any file was bad"
            + " input; otherwise 1 if any verdict is invalid, else 2 if any is unknown, else 0.")
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      defaultValue = "register",
      description =
          "register, cas-register or kv; kv checks each key as a cas-register, a list (integer"
              + " appends) or a string register (string values: put, append concatenates, get)"
              + " (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--time-limit",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description =
          "Wall-clock budget per file for the linearizability search, e.g. 500ms or 2m;"
              + " past it the verdict is unknown (default: ${DEFAULT-VALUE}).")
  String timeLimit;

  @Option(
      names = "--max-configurations",
      paramLabel = "N",
      defaultValue = "2000000",
      description =
          "Search steps per file before the verdict is unknown; unlike the time limit, the"
              + " same on every machine (default: ${DEFAULT-VALUE}).")
  long maxConfigurations;

  @Option(
      names = "--sessions",
      description =
          "Also check read-your-writes, monotonic reads, monotonic writes, writes-follow-reads"
              + " and consistent prefix (per process); unknown when a key's written values"
              + " repeat, since which write a read saw cannot be told.")
  boolean sessions;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files.")
  List<Path> files;

  @Override
  public Integer call() {
    List<Checker> checkers = checkers();
    boolean badInput = false;
    boolean invalid = false;
    boolean unknown = false;
    for (Path file : files) {
      History history;
      try {
        history = read(file);
      } catch (BadInputException e) {
        // One bad file must not hide the verdicts on the others; it decides the exit code.
        spec.commandLine().getErr().println("tradeoff: " + e.getMessage());
        badInput = true;
        continue;
      }
      for (Checker checker : checkers) {
        CheckResult result = checker.check(history);
        spec.commandLine().getOut().println(file + ": " + result);
        invalid |= result.verdict() == Verdict.INVALID;
        unknown |= result.verdict() == Verdict.UNKNOWN;
      }
    }
    // Bad input wins: a verdict over only some of the files cannot speak for the whole batch.
    return badInput ? TradeoffCli.EXIT_BAD_INPUT : invalid ? 1 : unknown ? 2 : 0;
  }

  private List<Checker> checkers() {
    long limitNanos = parseLimit(timeLimit);
    if (maxConfigurations < 1) {
      throw new BadInputException(
          "--max-configurations: must be at least 1, got " + maxConfigurations);
    }
    List<Checker> checkers = new ArrayList<>();
    // The wall clock is read here, in the CLI, never inside sim-core.
    checkers.add(
        new Linearizability(model(model), maxConfigurations)
            .timeLimited(System::nanoTime, limitNanos));
    if (sessions) {
      checkers.addAll(SessionGuarantees.all());
    }
    return checkers;
  }

  private static long parseLimit(String text) {
    long nanos;
    try {
      nanos = Durations.parseNanos(text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--time-limit: " + e.getMessage());
    }
    if (nanos <= 0) {
      throw new BadInputException("--time-limit: must be > 0, got \"" + text + "\"");
    }
    return nanos;
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
    String text = TextFiles.read(file);
    History history;
    try {
      history = HistoryFormat.detect(file.toString(), text).read(file.toString(), text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    if (history.size() == 0) {
      // An empty history is trivially linearizable, but a file without one operation was almost
      // certainly not the history meant (wrong file, or lines of another format).
      throw new BadInputException(
          file
              + ": no operations found: expected Jepsen log lines (INFO jepsen.util - 0 :invoke"
              + " :read nil), EDN op maps ({:process 0, :type :invoke, …}) or JSON lines");
    }
    return history;
  }
}
