package dev.tradeoff.cli;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.ShrinkResult;
import dev.tradeoff.faults.Shrinker;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.scenarios.Scenario;
import dev.tradeoff.scenarios.ScenarioException;
import dev.tradeoff.scenarios.ScenarioReader;
import dev.tradeoff.scenarios.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tradeoff shrink NAME|FILE --seed N}: looks for a run that violates an expectation (trying
 * seeds N, N+1, …), then shrinks it — fewer fault events, shorter faults, earlier starts, a shorter
 * run, fewer clients — and writes the smallest failing case as a scenario file with an explicit
 * fault schedule (a nemesis, if any, is replaced by the events it drew).
 */
@Command(
    name = "shrink",
    header = "Find a failing seed and shrink it to a minimal scenario file.",
    mixinStandardHelpOptions = true,
    description =
        "Search seeds from --seed for a run whose verdict is invalid, shrink its fault schedule,"
            + " run length and client count while it still fails, and write the minimal scenario"
            + " file. Exit 1 when a failing case was found and written, 0 when none was found.")
final class ShrinkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioArgs args;

  @Parameters(index = "0", paramLabel = "NAME|FILE", description = "A catalog name or a file.")
  String name;

  @Option(
      names = "--tries",
      paramLabel = "K",
      defaultValue = "20",
      description = "Seeds to try before giving up (default: ${DEFAULT-VALUE}).")
  int tries;

  @Option(
      names = "--max-runs",
      paramLabel = "R",
      defaultValue = "300",
      description = "Most runs the shrinker may spend (default: ${DEFAULT-VALUE}).")
  int maxRuns;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the minimal scenario (default: out/<name>-minimal.json).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (tries < 1 || maxRuns < 1) {
      throw new BadInputException("--tries and --max-runs must be at least 1");
    }
    String[] source = ScenarioArgs.load(name);
    List<String> base = new ArrayList<>(args.sets);
    long first = args.seed == null ? 1 : args.seed;
    PrintWriter stdout = spec.commandLine().getOut();
    Scenario read = read(source, base, List.of("seed=" + first), args.maxOperations());
    for (long seed = first; seed < first + tries; seed++) {
      Scenario scenario = read.withSeed(seed);
      if (fails(scenario)) {
        stdout.println("seed " + seed + " fails; shrinking");
        return shrink(scenario, stdout);
      }
    }
    stdout.println("no failing run in " + tries + " seeds from " + first + ": nothing to shrink");
    return 0;
  }

  private int shrink(Scenario failing, PrintWriter stdout) throws IOException {
    Case original =
        new Case(
            failing.seed(),
            ScenarioRunner.schedule(failing),
            failing.durationNanos(),
            failing.workload().clients());
    Shrinker.Check check =
        c -> {
          try {
            return fails(as(failing, c)) ? "an expectation was violated" : null;
          } catch (ScenarioException e) {
            return null; // a cut the format rejects (e.g. a fault after the end) does not fail
          }
        };
    ShrinkResult result = Shrinker.defaults().withMaxRuns(maxRuns).shrink(original, check);
    Scenario minimal = as(failing, result.minimal());
    Path file = out != null ? out : Path.of("out").resolve(minimal.name() + "-minimal.json");
    writeAtomically(file, minimal.json());
    String report = result.report();
    stdout.print(report.endsWith("\n") ? report : report + "\n");
    stdout.println("minimal scenario: " + file);
    stdout.println("run it: ./tradeoff run " + ScenarioArgs.shellWord(file.toString()));
    return 1;
  }

  /** The scenario turned into case {@code c}: its seed, length, clients and explicit faults. */
  private static Scenario as(Scenario scenario, Case c) {
    return scenario
        .withSeed(c.seed())
        .withOnlySchedule(List.of())
        .withDurationNanos(c.runNanos())
        .withClients(c.clients())
        .withOnlySchedule(c.schedule().events());
  }

  private static Scenario read(
      String[] source, List<String> base, List<String> extra, long maxOperations) {
    List<String> overrides = new ArrayList<>(base);
    overrides.addAll(extra);
    try {
      return ScenarioReader.read(source[0], source[1], overrides, maxOperations);
    } catch (ScenarioException e) {
      if (extra.size() == 1) {
        throw new BadInputException(e.getMessage()); // the user's own scenario is bad
      }
      throw e;
    }
  }

  private static boolean fails(Scenario scenario) {
    RunReport report = ScenarioRunner.run(scenario, "shrink", TradeoffCli.version()).report();
    return report.verdict() == Verdict.INVALID;
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
