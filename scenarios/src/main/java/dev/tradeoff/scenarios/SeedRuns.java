package dev.tradeoff.scenarios;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.reports.ExpectationResult;
import dev.tradeoff.reports.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * One scenario run on several seeds, each expectation judged on every one: a claim a scenario makes
 * must hold on all of them, not only on the seed it ships with.
 *
 * @param name the scenario's name
 * @param seeds the seeds, in the order they ran
 * @param tallies one per expectation, in the scenario's order
 * @param first the report of the first seed's run
 */
public record SeedRuns(String name, List<Long> seeds, List<Tally> tallies, RunReport first) {

  /** What one expectation gave on one seed. */
  public record Outcome(long seed, Verdict verdict, String observed, String replay) {}

  /** One expectation over every seed. */
  public record Tally(String expectation, List<Outcome> outcomes) {
    /** How many seeds it held on. */
    public long held() {
      return outcomes.stream().filter(o -> o.verdict() == Verdict.VALID).count();
    }

    /** Invalid if violated on any seed, else unknown if undecided on any, else valid. */
    public Verdict verdict() {
      return SeedRuns.worst(outcomes.stream().map(Outcome::verdict).toList());
    }
  }

  /**
   * Runs the scenario {@code read} gives for each of {@code seeds} (for example {@code
   * scenario::withSeed}); {@code replay} is the command that repeats a seed's run.
   */
  public static SeedRuns run(
      LongFunction<Scenario> read, List<Long> seeds, LongFunction<String> replay, String version) {
    List<List<Outcome>> outcomes = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    RunReport first = null;
    String name = null;
    for (long seed : seeds) {
      Scenario scenario = read.apply(seed);
      String command = replay.apply(seed);
      RunReport report = ScenarioRunner.run(scenario, command, version).report();
      if (first == null) {
        first = report;
        name = scenario.name();
        for (ExpectationResult e : report.expectations()) {
          texts.add(e.text());
          outcomes.add(new ArrayList<>());
        }
      }
      List<ExpectationResult> results = report.expectations();
      for (int i = 0; i < results.size(); i++) {
        ExpectationResult e = results.get(i);
        outcomes.get(i).add(new Outcome(seed, e.outcome(), e.observed(), command));
      }
    }
    List<Tally> tallies = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      tallies.add(new Tally(texts.get(i), List.copyOf(outcomes.get(i))));
    }
    return new SeedRuns(name, List.copyOf(seeds), List.copyOf(tallies), first);
  }

  /** Over every expectation and seed: invalid, else unknown, else valid. */
  public Verdict verdict() {
    return worst(tallies.stream().map(Tally::verdict).toList());
  }

  private static Verdict worst(List<Verdict> verdicts) {
    if (verdicts.contains(Verdict.INVALID)) {
      return Verdict.INVALID;
    }
    return verdicts.contains(Verdict.UNKNOWN) ? Verdict.UNKNOWN : Verdict.VALID;
  }

  /**
   * A few lines: per expectation, on how many seeds it held, and for each seed where it did not,
   * what was observed and the command that replays that run.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(name).append(" on ").append(seeds.size()).append(" seeds\n");
    for (Tally t : tallies) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  [%sheld on %d/%d]  %s%n",
              switch (t.verdict()) {
                case VALID -> "";
                case INVALID -> "VIOLATED, ";
                case UNKNOWN -> "undecided, ";
              },
              t.held(),
              t.outcomes().size(),
              t.expectation()));
      for (Outcome o : t.outcomes()) {
        if (o.verdict() != Verdict.VALID) {
          sb.append("             seed ")
              .append(o.seed())
              .append(o.verdict() == Verdict.INVALID ? " violated: " : " undecided: ")
              .append(o.observed())
              .append("  (")
              .append(o.replay())
              .append(")\n");
        }
      }
    }
    long all = tallies.stream().filter(t -> t.verdict() == Verdict.VALID).count();
    sb.append("verdict   ")
        .append(
            switch (verdict()) {
              case VALID -> "every expectation held on every seed";
              case INVALID -> "an expectation was violated on some seed";
              case UNKNOWN -> "an expectation could not be decided on some seed";
            })
        .append(" (")
        .append(all)
        .append('/')
        .append(tallies.size())
        .append(" held on all)\n");
    return sb.toString();
  }
}
