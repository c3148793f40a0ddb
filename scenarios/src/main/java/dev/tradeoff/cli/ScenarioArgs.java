package dev.tradeoff.cli;

import dev.tradeoff.scenarios.Scenario;
import dev.tradeoff.scenarios.ScenarioCatalog;
import dev.tradeoff.scenarios.ScenarioException;
import dev.tradeoff.scenarios.ScenarioReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options shared by every command that reads a scenario: {@code --set} overrides and {@code
 * --seed}, and the resolution of {@code NAME|FILE} (a catalog name first, then a file).
 */
final class ScenarioArgs {
  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description =
          "Override a field of the scenario, e.g. --set workload.clients=16 or --set"
              + " faults.schedule[0].at=5s; may be repeated, later ones win.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The run's seed (same as --set seed=N); the same seed replays the same run.")
  Long seed;

  @Option(
      names = "--max-operations",
      paramLabel = "N",
      description =
          "Refuse a scenario expected to start more operations than this (default: 20000000;"
              + " a run keeps every operation in memory).")
  Long maxOperations;

  /** Reads {@code nameOrFile} with the overrides, within this command's operation budget. */
  Scenario scenario(String nameOrFile, List<String> overrides) {
    return read(nameOrFile, overrides, maxOperations());
  }

  /** The operation budget: {@code --max-operations}, or the reader's default. */
  long maxOperations() {
    if (maxOperations != null && maxOperations < 1) {
      throw new BadInputException("--max-operations: must be >= 1, got " + maxOperations);
    }
    return maxOperations == null ? ScenarioReader.DEFAULT_MAX_OPERATIONS : maxOperations;
  }

  /** The overrides in the order they apply: --set ones, then --seed. */
  List<String> overrides(List<String> extra) {
    List<String> all = new ArrayList<>(sets);
    all.addAll(extra);
    if (seed != null) {
      all.add("seed=" + seed);
    }
    return all;
  }

  /** Reads {@code nameOrFile} with the overrides; bad input becomes a one-line error. */
  static Scenario read(String nameOrFile, List<String> overrides) {
    return read(nameOrFile, overrides, ScenarioReader.DEFAULT_MAX_OPERATIONS);
  }

  private static Scenario read(String nameOrFile, List<String> overrides, long maxOperations) {
    String[] sourceAndText = load(nameOrFile);
    try {
      return ScenarioReader.read(sourceAndText[0], sourceAndText[1], overrides, maxOperations);
    } catch (ScenarioException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /** {@code {source, text}} of a catalog scenario or a file. */
  static String[] load(String nameOrFile) {
    var shipped = ScenarioCatalog.text(nameOrFile);
    if (shipped.isPresent()) {
      return new String[] {ScenarioCatalog.source(nameOrFile), shipped.get()};
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isRegularFile(file)) {
      List<String> known = new ArrayList<>(ScenarioCatalog.names());
      throw new BadInputException(
          "unknown scenario \""
              + nameOrFile
              + "\": neither a catalog name nor a file; known: "
              + String.join(", ", known));
    }
    return new String[] {nameOrFile, TextFiles.read(file)};
  }

  /** A shell word for {@code text}: as is when safe, else in single quotes. */
  static String shellWord(String text) {
    return text.matches("[A-Za-z0-9_./:=,+@%-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
