package dev.tradeoff.faults;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.kernel.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A property test over simulations, run as an ordinary JUnit test method ({@link #check()}) or
 * through the JUnit extension ({@code @SimulationProperty}, package {@code
 * dev.tradeoff.faults.junit}): it runs {@code tries} cases and throws an {@link AssertionError} on
 * the first failure, after shrinking it.
 *
 * <p>Case {@code i} (from 0) has seed {@code baseSeed + i}, the schedule {@link
 * Nemesis#generate(NemesisConfig, long) Nemesis.generate(config, seed)}, the config's run length,
 * the builder's client count and each declared {@link Parameter} drawn for that seed. So the case
 * with seed {@code s} is rerun alone by {@code -Dtradeoff.seed=s -Dtradeoff.tries=1}: the system
 * properties {@code tradeoff.seed} and {@code tradeoff.tries}, when set, override the builder's
 * values; {@code -Dtradeoff.seed=random} draws a base seed and prints it. A case runs as: the
 * builder's function builds a fresh {@link Run} (a simulation seeded with {@code case.seed()}, with
 * every node the schedule names, and the system built into it); the case's schedule is installed;
 * the simulation runs until {@code case.runNanos()}; then each label and each invariant, in the
 * order added, reads the finished run. A run that throws fails the built-in invariant {@code "run
 * completes"}.
 *
 * <p>Tries run on {@link Builder#parallelism(int) several threads} (one per processor unless told
 * otherwise, {@code -Dtradeoff.parallelism=N}); each builds its own simulation, and the verdict,
 * coverage and message are those of running the tries one by one in order: the reported failure is
 * always the failing try of lowest index. Seeds that failed before (kept in the failure directory)
 * are tried first, unless {@code tradeoff.seed} is set.
 *
 * <p>On failure, the failing case is shrunk by the {@link Shrinker} against the same invariant, and
 * the error message holds the property's name, the seed, the invariant's message, the minimal case
 * (schedule as text and as JSON for {@link FaultSchedule#fromJson}, run length, clients,
 * parameters), every invariant's verdict on the minimal and on the original case, and how to replay
 * it: the minimal schedule is saved as a JSON file (under {@code target/tradeoff-failures} by
 * default) and the system properties {@code tradeoff.schedule} (its absolute path), {@code
 * tradeoff.seed}, {@code tradeoff.runNanos}, {@code tradeoff.clients} and {@code
 * tradeoff.parameters} make the test run exactly the minimal case once. They are printed plain (for
 * an IDE's run configuration or any build tool) and inside a Maven command for the module the test
 * class was compiled in ({@code mvn -f <reactor root>/pom.xml -pl <module> -am test ...}, or {@code
 * mvn -f <module>/pom.xml test ...} for a project of its own), detected from the class's location,
 * never assumed. The error's cause is what the run or the check threw, with its stack trace. If
 * every case passes, each minimum share of a fault kind or a label is checked against the {@link
 * Coverage} (a property whose cases seldom partition tests little about partitions).
 *
 * <p>Immutable and deterministic: the same property, system properties and saved seeds give the
 * same cases, verdict and message.
 *
 * @param <T> the type of the system its runs hold (see {@link Run})
 */
public final class Property<T> {
  /** System property overriding the number of cases. */
  public static final String TRIES_PROPERTY = "tradeoff.tries";

  /** System property overriding the base seed. */
  public static final String SEED_PROPERTY = "tradeoff.seed";

  /** System property naming a saved schedule file: run exactly that case once, no shrinking. */
  public static final String SCHEDULE_PROPERTY = "tradeoff.schedule";

  /** System property: the run length of the case replayed with {@link #SCHEDULE_PROPERTY}. */
  public static final String RUN_PROPERTY = "tradeoff.runNanos";

  /** System property: the client count of the case replayed with {@link #SCHEDULE_PROPERTY}. */
  public static final String CLIENTS_PROPERTY = "tradeoff.clients";

  /**
   * System property: the parameters of the case replayed with {@link #SCHEDULE_PROPERTY}, as {@code
   * name=value,name=value}.
   */
  public static final String PARAMETERS_PROPERTY = "tradeoff.parameters";

  /** System property overriding the number of threads the tries run on. */
  public static final String PARALLELISM_PROPERTY = "tradeoff.parallelism";

  /** The value of {@link #SEED_PROPERTY} that draws a base seed (printed) for this check. */
  public static final String RANDOM_SEED = "random";

  private static final String RUN_COMPLETES = "run completes";

  /**
   * A named check of a finished run.
   *
   * @param name short, stable name, shown in failures
   * @param check what the invariant concludes on a finished run; an {@link AssertionError} it
   *     throws breaks the invariant with the error's message (JUnit's assertions work), any other
   *     exception breaks it as "the check threw"; either is kept as the failure's cause
   * @param <T> the type of the run's system
   */
  public record Invariant<T>(String name, Function<Run<T>, Outcome> check) {
    /** Validates the fields. */
    public Invariant {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(check, "check");
    }

    /** What a checker's unknown verdict (it ran out of budget) means for the property. */
    public enum Unknown {
      /** The case fails: nothing unproven passes. */
      FAIL,
      /** The case passes: only a proven violation fails it. */
      PASS,
      /**
       * The case passes and is labelled {@code "<checker>: unknown"}, so the coverage says how many
       * cases were left undecided.
       */
      LABEL
    }

    /**
     * What an invariant concluded on one run.
     *
     * @param failure how the run breaks the invariant, or null if it holds
     * @param label a label for the case (counted in the {@link Coverage}), or null
     */
    public record Outcome(String failure, String label) {
      private static final Outcome HOLDS = new Outcome(null, null);

      /** The invariant holds, without a label. */
      public static Outcome holds() {
        return HOLDS;
      }

      /** The invariant is broken, as {@code message} says. */
      public static Outcome fails(String message) {
        return new Outcome(Objects.requireNonNull(message, "message"), null);
      }
    }

    /**
     * An invariant of the finished simulation alone: {@code check} returns null when it holds, else
     * how it is broken.
     */
    public static <T> Invariant<T> of(String name, Function<Simulation, String> check) {
      Objects.requireNonNull(check, "check");
      return on(name, run -> check.apply(run.simulation()));
    }

    /** An invariant of the typed run: {@code check} returns null when it holds, else how not. */
    public static <T> Invariant<T> on(String name, Function<Run<T>, String> check) {
      Objects.requireNonNull(check, "check");
      return new Invariant<>(
          name,
          run -> {
            String failure = check.apply(run);
            return failure == null ? Outcome.holds() : Outcome.fails(failure);
          });
    }

    /**
     * An invariant written with assertions: it holds when {@code assertions} returns, and is broken
     * with the message of the {@link AssertionError} it throws (its stack trace kept as the cause).
     */
    public static <T> Invariant<T> asserting(String name, Consumer<Run<T>> assertions) {
      Objects.requireNonNull(assertions, "assertions");
      return new Invariant<>(
          name,
          run -> {
            assertions.accept(run);
            return Outcome.holds();
          });
    }

    /**
     * A tradeoff {@link Checker} run on the simulation's history, named as the checker: invalid
     * fails the case with the checker's one-line result; unknown does as {@code unknown} says.
     */
    public static <T> Invariant<T> of(Checker checker, Unknown unknown) {
      return of(checker.name(), checker, unknown);
    }

    /** As {@link #of(Checker, Unknown)}, under another name. */
    public static <T> Invariant<T> of(String name, Checker checker, Unknown unknown) {
      return judging(name, run -> checker, unknown);
    }

    /**
     * A checker chosen per run (typically one of the run's system's own checkers, {@code run ->
     * run.system().checker("lost-writes").orElseThrow()}), judged on the simulation's history as
     * {@link #of(Checker, Unknown)} does.
     */
    public static <T> Invariant<T> judging(
        String name, Function<Run<T>, Checker> checker, Unknown unknown) {
      Objects.requireNonNull(checker, "checker");
      Objects.requireNonNull(unknown, "unknown");
      return new Invariant<>(
          name,
          run -> {
            CheckResult result = checker.apply(run).check(run.simulation().history());
            return switch (result.verdict()) {
              case VALID -> Outcome.holds();
              case INVALID -> Outcome.fails(result.toString());
              case UNKNOWN ->
                  switch (unknown) {
                    case FAIL ->
                        Outcome.fails(
                            result + "; an unknown verdict fails this property (Unknown.FAIL)");
                    case PASS -> Outcome.holds();
                    case LABEL -> new Outcome(null, result.checker() + ": unknown");
                  };
            };
          });
    }
  }

  /**
   * A label the property gives each case for which {@code when} holds, counted in the {@link
   * Coverage} (e.g. {@code "failover"}: the case saw a leader change), with an optional minimum
   * share.
   */
  private record Label<T>(String name, Predicate<Run<T>> when) {}

  private final String name;
  private final NemesisConfig nemesis;
  private final Function<Case, Run<T>> build;
  private final List<Label<T>> labels;
  private final List<Invariant<? super T>> invariants;
  private final List<Parameter> parameters;
  private final int tries;
  private final int clients;
  private final long seed;
  private final int parallelism;
  private final SortedMap<String, Double> minShares;
  private final Shrinker shrinker;
  private final String replayTest;
  private final Class<?> replayClass;
  private final Consumer<Summary> reporter;
  private final Consumer<Tried> caseReporter;
  private final Path failureDirectory;
  private final boolean retryFailures;

  @SuppressWarnings("unchecked")
  private Property(Builder<T> b) {
    this.name = b.name;
    this.nemesis = Objects.requireNonNull(b.nemesis, "property: nemesis config not set");
    this.build =
        (Function<Case, Run<T>>) Objects.requireNonNull(b.build, "property: simulation not set");
    if (b.invariants.isEmpty()) {
      throw new IllegalArgumentException("property \"" + b.name + "\": no invariants");
    }
    this.labels = List.copyOf(b.labels);
    this.invariants = List.copyOf(b.invariants);
    this.parameters = List.copyOf(b.parameters.values());
    this.tries = b.tries;
    this.clients = b.clients;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.minShares = new TreeMap<>(b.minShares);
    this.shrinker = b.shrinker;
    this.replayTest = b.replayTest;
    this.replayClass = b.replayClass;
    this.reporter = b.reporter;
    this.caseReporter = b.caseReporter;
    this.failureDirectory = b.failureDirectory;
    this.retryFailures = b.retryFailures;
    for (String labelOrKind : minShares.keySet()) {
      boolean declared = labels.stream().anyMatch(l -> l.name().equals(labelOrKind));
      if (!Fault.KINDS.contains(labelOrKind) && !declared) {
        throw new IllegalArgumentException(
            "property \""
                + name
                + "\": minShare of \""
                + labelOrKind
                + "\", which is neither a fault kind "
                + Fault.KINDS
                + " nor a declared label");
      }
    }
  }

  /** A builder for a property named {@code name}, whose runs' system is the simulation. */
  public static Builder<Simulation> named(String name) {
    return new Builder<>(name);
  }

  /** The property's name. */
  public String name() {
    return name;
  }

  /**
   * The number of cases {@link #check()} runs: one when {@code tradeoff.schedule} replays a saved
   * case, else {@code tradeoff.tries} if set, else the builder's.
   */
  public int tries() {
    String saved = System.getProperty(SCHEDULE_PROPERTY);
    if (saved != null && !saved.isBlank()) {
      return 1;
    }
    String value = System.getProperty(TRIES_PROPERTY);
    if (value == null || value.isBlank()) {
      return tries;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < 1) {
        throw new IllegalArgumentException(TRIES_PROPERTY + " must be >= 1, got " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(TRIES_PROPERTY + " is not an integer: " + value, e);
    }
  }

  /**
   * The base seed: {@code tradeoff.seed} if set, else the builder's. {@code -Dtradeoff.seed=random}
   * draws a new one on each call: {@link #check()} draws once and prints it.
   */
  public long baseSeed() {
    String value = System.getProperty(SEED_PROPERTY);
    if (value == null || value.isBlank()) {
      return seed;
    }
    if (value.trim().equals(RANDOM_SEED)) {
      return Wall.randomSeed();
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SEED_PROPERTY + " is not a long or \"" + RANDOM_SEED + "\": " + value, e);
    }
  }

  /** The number of threads the tries run on: {@code tradeoff.parallelism} if set. */
  public int parallelism() {
    return (int) Math.max(1, longProperty(PARALLELISM_PROPERTY, parallelism));
  }

  /**
   * Case {@code i}: seed {@code base + i}, the nemesis schedule for that seed, full run length, the
   * builder's clients and every parameter drawn for that seed.
   */
  public Case generate(long base, int i) {
    return generateSeed(base + i);
  }

  private Case generateSeed(long caseSeed) {
    TreeMap<String, Long> values = new TreeMap<>();
    for (Parameter parameter : parameters) {
      values.put(parameter.name(), parameter.draw(caseSeed));
    }
    return new Case(
        caseSeed, Nemesis.generate(nemesis, caseSeed), nemesis.runNanos(), clients, values);
  }

  /**
   * Runs every case, shrinks the first failure and throws; else checks coverage. Either way, the
   * builder's reporter gets the run's {@link Summary} just before this returns or throws, and the
   * case reporter each try's {@link Tried}, in order.
   *
   * @return the coverage statistics, when every case passed and every minimum share was met
   * @throws AssertionError on the first failing case (shrunk) or an unmet coverage minimum
   */
  public Coverage check() {
    String saved = System.getProperty(SCHEDULE_PROPERTY);
    if (saved != null && !saved.isBlank()) {
      return replay(Path.of(saved.trim()));
    }
    int n = tries();
    long base = baseSeed();
    if (RANDOM_SEED.equals(String.valueOf(System.getProperty(SEED_PROPERTY)).trim())) {
      reporter.accept(randomSeedNote(base));
    }
    checkZones(build.apply(generate(base, 0)).simulation()); // a config mistake, not a failure
    Tally tally = new Tally();
    SavedSeeds savedSeeds = new SavedSeeds(failureDirectory, name);
    long start = Wall.nanos(); // measurement only: nothing below reads it
    if (retryFailures && System.getProperty(SEED_PROPERTY) == null) {
      for (long earlier : savedSeeds.seeds()) {
        Tried tried = tryCase(-1, generateSeed(earlier));
        caseReporter.accept(tried);
        if (!tried.passed()) {
          tally.wallNanos = Wall.nanos() - start;
          throw failure(tried, n, base, tally, savedSeeds);
        }
        savedSeeds.remove(earlier);
      }
    }
    List<Tried> results =
        Tries.inOrder(n, parallelism(), i -> tryCase(i, generate(base, i)), t -> !t.passed());
    tally.wallNanos = Wall.nanos() - start;
    for (Tried tried : results) {
      caseReporter.accept(tried);
      tally.add(tried);
      if (!tried.passed()) {
        throw failure(tried, n, base, tally, savedSeeds);
      }
    }
    return passed(n, base, tally);
  }

  private Summary randomSeedNote(long base) {
    return new Summary(
        name,
        "-D"
            + SEED_PROPERTY
            + "="
            + RANDOM_SEED
            + " drew base seed "
            + base
            + " (replay: -D"
            + SEED_PROPERTY
            + "="
            + base
            + ")",
        true,
        tries(),
        base,
        List.of(),
        0,
        0,
        new Coverage(name, 0, new TreeMap<>()),
        parallelism(),
        0);
  }

  /** Runs {@code c} as try {@code index}, stopping at its first broken invariant. */
  private Tried tryCase(int index, Case c) {
    long start = Wall.nanos(); // measurement only: nothing below reads it
    Evaluation evaluation = evaluate(c, true);
    long nanos = Wall.nanos() - start;
    Failure first = evaluation.failures().isEmpty() ? null : evaluation.failures().get(0);
    return new Tried(
        index,
        c,
        c.schedule().kinds(),
        new TreeSet<>(evaluation.labels()),
        first == null ? null : first.invariant() + ": " + first.message(),
        nanos);
  }

  /** Fault kinds, labels and wall times over the tries that ran, in order. */
  private final class Tally {
    final TreeMap<String, Integer> kinds = new TreeMap<>();
    final TreeMap<String, Integer> labelCounts = new TreeMap<>();
    final List<Long> nanos = new ArrayList<>();
    int cases;
    long wallNanos;

    Tally() {
      for (String kind : nemesis.kinds()) {
        kinds.put(kind, 0);
      }
    }

    void add(Tried tried) {
      cases++;
      nanos.add(tried.wallNanos());
      for (String kind : tried.kinds()) {
        kinds.merge(kind, 1, Integer::sum);
      }
      for (String label : tried.labels()) {
        labelCounts.merge(label, 1, Integer::sum);
      }
    }

    Coverage coverage() {
      return new Coverage(name, cases, kinds, labelCounts);
    }
  }

  /** Shrinks the failing try, saves its seed, reports the summary and returns the error. */
  private AssertionError failure(Tried tried, int n, long base, Tally tally, SavedSeeds saved) {
    Case c = tried.trial();
    long shrinkStart = Wall.nanos();
    Failure failure = firstFailure(c);
    if (failure == null) {
      throw new IllegalStateException(
          "property \""
              + name
              + "\": seed "
              + c.seed()
              + " failed once and passed when rerun; "
              + "the simulation builder is not deterministic (does it share state between cases?)");
    }
    TreeMap<String, Long> floors = new TreeMap<>();
    for (Parameter parameter : parameters) {
      floors.put(parameter.name(), parameter.min());
    }
    ShrinkResult shrunk = shrinker.shrink(c, sameInvariant(failure.invariant()), floors);
    AssertionError error = failed(c, tried.index(), n, failure, shrunk, saved);
    long shrinkNanos = Wall.nanos() - shrinkStart;
    saved.add(c.seed());
    reporter.accept(
        new Summary(
            name,
            where(tried, n, saved),
            false,
            n,
            base,
            tally.nanos,
            shrunk.runs(),
            shrinkNanos,
            tally.coverage(),
            parallelism(),
            tally.wallNanos));
    return error;
  }

  /** Where the failure was found, e.g. {@code failed at try 7 of 50 (seed 1006)}. */
  private static String where(Tried tried, int n, SavedSeeds saved) {
    return tried.index() < 0
        ? "failed on seed "
            + tried.trial().seed()
            + ", saved by an earlier failure in "
            + saved.file()
            + " and tried first"
        : "failed at try "
            + (tried.index() + 1)
            + " of "
            + n
            + " (seed "
            + tried.trial().seed()
            + ")";
  }

  /** Checks the minimum shares; reports the summary; throws if a share is unmet. */
  private Coverage passed(int n, long base, Tally tally) {
    Coverage coverage = tally.coverage();
    List<String> unmet = new ArrayList<>();
    for (Map.Entry<String, Double> min : minShares.entrySet()) {
      boolean kind = Fault.KINDS.contains(min.getKey());
      double share = kind ? coverage.share(min.getKey()) : coverage.labelShare(min.getKey());
      if (share < min.getValue()) {
        int count =
            (kind ? coverage.casesWithKind() : coverage.casesWithLabel())
                .getOrDefault(min.getKey(), 0);
        unmet.add(
            (kind ? "" : "label ")
                + min.getKey()
                + " occurred in "
                + count
                + " of "
                + n
                + " cases, below the minimum of "
                + Text.percent(min.getValue()));
      }
    }
    reporter.accept(
        new Summary(
            name,
            unmet.isEmpty() ? "passed" : "coverage too low",
            unmet.isEmpty(),
            n,
            base,
            tally.nanos,
            0,
            0,
            coverage,
            parallelism(),
            tally.wallNanos));
    if (!unmet.isEmpty()) {
      throw new AssertionError(
          "property \""
              + name
              + "\" (base seed "
              + base
              + "): coverage too low: "
              + String.join("; ", unmet)
              + "\n"
              + coverage);
    }
    return coverage;
  }

  /**
   * Runs {@code c} once, gives it its labels and evaluates the invariants in the order added: all
   * of them, or up to the first broken one if {@code stopAtFirst}. A run that throws breaks {@code
   * "run completes"} and leaves the invariants unevaluated (there is no finished run to read).
   */
  private Evaluation evaluate(Case c, boolean stopAtFirst) {
    Run<T> run;
    try {
      run = run(c);
    } catch (RuntimeException | AssertionError e) {
      return new Evaluation(List.of(new Failure(RUN_COMPLETES, e.toString(), e)), List.of(), true);
    }
    List<Failure> failures = new ArrayList<>();
    List<String> given = new ArrayList<>();
    for (Label<T> label : labels) {
      try {
        if (label.when().test(run)) {
          given.add(label.name());
        }
      } catch (RuntimeException | AssertionError e) {
        failures.add(new Failure("label " + label.name(), "the label's test threw " + e, e));
        return new Evaluation(failures, given, false);
      }
    }
    for (Invariant<? super T> invariant : invariants) {
      Failure broken = judge(invariant, run, given);
      if (broken != null) {
        failures.add(broken);
        if (stopAtFirst) {
          break;
        }
      }
    }
    return new Evaluation(failures, given, false);
  }

  /** The invariant's failure on {@code run}, or null; adds its label, if any, to {@code given}. */
  @SuppressWarnings("unchecked")
  private static <T> Failure judge(Invariant<? super T> invariant, Run<T> run, List<String> given) {
    Invariant.Outcome outcome;
    Throwable cause = null;
    try {
      // an invariant of a supertype reads the same run: Run is a read-only view
      outcome = ((Invariant<T>) invariant).check().apply(run);
    } catch (AssertionError e) {
      AssertionError broken = single(e);
      outcome =
          Invariant.Outcome.fails(
              broken.getMessage() == null ? broken.toString() : broken.getMessage());
      cause = broken;
    } catch (RuntimeException e) {
      // a broken invariant check is still a failure of this case, to be reported with its seed
      outcome = Invariant.Outcome.fails("the check threw " + e);
      cause = e;
    }
    if (outcome.label() != null) {
      given.add(outcome.label());
    }
    return outcome.failure() == null
        ? null
        : new Failure(invariant.name(), outcome.failure(), cause);
  }

  /**
   * The one assertion inside a JUnit {@code assertAll} that failed alone (opentest4j's
   * MultipleFailuresError keeps each failure as a suppressed exception), so the message is that
   * assertion's, not "Multiple Failures (1 failure)"; else {@code e} itself.
   */
  private static AssertionError single(AssertionError e) {
    Throwable[] inner = e.getSuppressed();
    boolean multiple = e.getClass().getName().equals("org.opentest4j.MultipleFailuresError");
    return multiple && inner.length == 1 && inner[0] instanceof AssertionError only ? only : e;
  }

  /** The first invariant {@code c} breaks, or {@code null}: runs {@code c} once. */
  private Failure firstFailure(Case c) {
    Evaluation evaluation = evaluate(c, true);
    return evaluation.failures().isEmpty() ? null : evaluation.failures().get(0);
  }

  /**
   * One run's verdicts.
   *
   * @param failures the broken invariants, in the order added
   * @param labels the labels the case was given
   * @param threw whether the run itself threw, so no invariant was evaluated
   */
  private record Evaluation(List<Failure> failures, List<String> labels, boolean threw) {}

  /** Every invariant's verdict on {@code c}, one line each, for the failure message. */
  private String everyInvariant(Case c) {
    Evaluation evaluation = evaluate(c, false);
    StringBuilder out = new StringBuilder();
    if (evaluation.threw()
        || evaluation.failures().stream().anyMatch(f -> f.invariant().startsWith("label "))) {
      Failure failure = evaluation.failures().get(0);
      return "  broken \""
          + failure.invariant()
          + "\": "
          + failure.message()
          + "\n"
          + "  (so no other invariant could be evaluated)\n";
    }
    for (Invariant<? super T> invariant : invariants) {
      Failure broken = null;
      for (Failure failure : evaluation.failures()) {
        if (failure.invariant().equals(invariant.name())) {
          broken = failure;
        }
      }
      out.append(broken == null ? "  holds  \"" : "  broken \"")
          .append(invariant.name())
          .append('"')
          .append(broken == null ? "" : ": " + broken.message())
          .append('\n');
    }
    if (!evaluation.labels().isEmpty()) {
      out.append("  labels: ")
          .append(String.join(", ", new TreeSet<>(evaluation.labels())))
          .append('\n');
    }
    return out.toString();
  }

  /** A fresh run of {@code c}, run to its end. */
  private Run<T> run(Case c) {
    Run<T> run = build.apply(c);
    if (!run.trial().equals(c)) {
      throw new IllegalStateException(
          "property \"" + name + "\": the builder returned the run of another case than " + c);
    }
    c.schedule().install(run.simulation());
    run.simulation().runUntil(c.runNanos());
    return run;
  }

  /**
   * A zone outage crashes every node of the zone, so the nemesis's bound on nodes down holds only
   * if its config lists each zone's nodes exactly as the simulation has them.
   */
  private void checkZones(Simulation sim) {
    for (Map.Entry<String, SortedSet<String>> zone : nemesis.zones().entrySet()) {
      TreeSet<String> actual = new TreeSet<>();
      for (int id : sim.nodesInZone(zone.getKey())) {
        actual.add(sim.nodeName(id));
      }
      if (!actual.equals(zone.getValue())) {
        throw new IllegalArgumentException(
            "property \""
                + name
                + "\": the nemesis config puts "
                + zone.getValue()
                + " in zone "
                + zone.getKey()
                + ", but the simulation has "
                + actual
                + " there; a zone outage would crash nodes the bound on nodes down does not count");
      }
    }
  }

  /** Runs the saved case once and fails, unshrunk, if it still breaks an invariant. */
  private Coverage replay(Path file) {
    FaultSchedule schedule;
    try {
      schedule = FaultSchedule.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(SCHEDULE_PROPERTY + ": cannot read " + file, e);
    }
    Case c =
        new Case(
            baseSeed(),
            schedule,
            longProperty(RUN_PROPERTY, nemesis.runNanos()),
            (int) longProperty(CLIENTS_PROPERTY, clients),
            savedParameters());
    long start = Wall.nanos(); // measurement only
    Failure failure = firstFailure(c);
    long nanos = Wall.nanos() - start;
    TreeMap<String, Integer> counts = new TreeMap<>();
    for (String kind : schedule.kinds()) {
      counts.put(kind, 1);
    }
    Coverage coverage = new Coverage(name, 1, counts);
    reporter.accept(
        new Summary(
            name,
            (failure == null ? "passed" : "failed") + " the saved case " + file,
            failure == null,
            1,
            c.seed(),
            List.of(nanos),
            0,
            0,
            coverage,
            1,
            nanos));
    if (failure != null) {
      throw new AssertionError(
          "property \""
              + name
              + "\" failed on the saved case "
              + file
              + " ("
              + c
              + ")\ninvariant \""
              + failure.invariant()
              + "\": "
              + failure.message(),
          failure.cause());
    }
    return coverage;
  }

  /**
   * The parameters of a replayed case: {@code tradeoff.parameters} as {@code name=value,...}, each
   * a declared parameter; those not given are drawn for the replayed seed.
   */
  private TreeMap<String, Long> savedParameters() {
    TreeMap<String, Long> values = new TreeMap<>(generateSeed(baseSeed()).parameters());
    String text = System.getProperty(PARAMETERS_PROPERTY);
    if (text == null || text.isBlank()) {
      return values;
    }
    for (String pair : text.split(",")) {
      String[] parts = pair.trim().split("=", 2);
      if (parts.length != 2 || !values.containsKey(parts[0].trim())) {
        throw new IllegalArgumentException(
            PARAMETERS_PROPERTY
                + ": expected name=value for the declared parameters "
                + values.keySet()
                + ", got \""
                + pair
                + "\"");
      }
      try {
        values.put(parts[0].trim(), Long.parseLong(parts[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            PARAMETERS_PROPERTY + ": " + parts[0].trim() + " is not a whole number: " + parts[1],
            e);
      }
    }
    return values;
  }

  private static long longProperty(String key, long fallback) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not a whole number: " + value, e);
    }
  }

  /** The shrinker's check: {@code c} fails the same invariant (a different one is a new bug). */
  private Shrinker.Check sameInvariant(String invariantName) {
    return c -> {
      Failure failure = firstFailure(c);
      return failure != null && failure.invariant().equals(invariantName)
          ? failure.message()
          : null;
    };
  }

  /**
   * The error for a failing case, shrunk: its cause is what the minimal case threw (else what the
   * original case threw), so a node's exception keeps its stack trace.
   */
  private AssertionError failed(
      Case c, int index, int n, Failure failure, ShrinkResult shrunk, SavedSeeds saved) {
    Failure minimalFailure = firstFailure(shrunk.minimal());
    Throwable cause =
        minimalFailure != null && minimalFailure.cause() != null
            ? minimalFailure.cause()
            : failure.cause();
    return new AssertionError(failureMessage(c, index, n, failure, shrunk, saved), cause);
  }

  private String failureMessage(
      Case c, int index, int n, Failure failure, ShrinkResult shrunk, SavedSeeds saved) {
    Case minimal = shrunk.minimal();
    String where =
        index < 0
            ? " failed on seed "
                + c.seed()
                + ", saved by an earlier failure in "
                + saved.file()
                + " and tried before the "
                + n
                + " tries\n"
            : " failed at case " + (index + 1) + " of " + n + " (seed " + c.seed() + ")\n";
    return "property \""
        + name
        + "\""
        + where
        + "invariant \""
        + failure.invariant()
        + "\": "
        + shrunk.failure()
        + "\n(before shrinking: "
        + failure.message()
        + ")\nminimal schedule (seed "
        + minimal.seed()
        + ", run "
        + Text.duration(minimal.runNanos())
        + (minimal.clients() == 1 ? "" : ", " + minimal.clients() + " clients")
        + (minimal.parameters().isEmpty() ? "" : ", parameters " + minimal.parameters())
        + ", "
        + minimal.schedule().size()
        + " of "
        + c.schedule().size()
        + " events):\n"
        + (minimal.schedule().isEmpty() ? "(no faults)" : minimal.schedule().toString())
        + "\n"
        + shrunk.report()
        + "\nevery invariant on the minimal case:\n"
        + everyInvariant(minimal)
        + "every invariant on the failing case before shrinking (seed "
        + c.seed()
        + "):\n"
        + everyInvariant(c)
        + "minimal schedule as JSON:\n"
        + minimal.schedule().toJson()
        + new FailureReplay(name, failureDirectory, replayTest, replayClass).command(c, minimal);
  }

  /**
   * An invariant a case broke.
   *
   * @param cause what the run or the check threw, kept whole for its stack trace; null if nothing
   */
  private record Failure(String invariant, String message, Throwable cause) {}

  /**
   * Collects a {@link Property}. Defaults: 100 tries, seed 1, one client, one thread per processor,
   * {@link Shrinker#defaults()}, saved failing seeds retried first.
   *
   * @param <T> the type of the system the runs hold: {@link Simulation} from {@link #named}, what
   *     the function given to {@link #system} builds after that
   */
  public static final class Builder<T> {
    private final String name;
    private final List<Invariant<? super T>> invariants = new ArrayList<>();
    private final List<Label<T>> labels = new ArrayList<>();
    private final TreeMap<String, Parameter> parameters = new TreeMap<>();
    private final TreeMap<String, Double> minShares = new TreeMap<>();
    private NemesisConfig nemesis;
    private Function<Case, ? extends Run<?>> build;
    private boolean typed;
    private int tries = 100;
    private int clients = 1;
    private long seed = 1;
    private int parallelism = Tries.processors();
    private Shrinker shrinker = Shrinker.defaults();
    private String replayTest;
    private Class<?> replayClass;
    private Consumer<Summary> reporter = summary -> Wall.print(summary.text());
    private Consumer<Tried> caseReporter = tried -> {};
    private Path failureDirectory = Path.of("target", "tradeoff-failures");
    private boolean retryFailures = true;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** How many clients each case starts with (the shrinker may cut them); 1 by default. */
    public Builder<T> clients(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("property: clients must be >= 1, got " + count);
      }
      this.clients = count;
      return this;
    }

    /** Where schedules come from, and the run length. */
    public Builder<T> nemesis(NemesisConfig config) {
      this.nemesis = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Builds a fresh simulation for a case, seeded with {@code case.seed()} and with every node the
     * schedule names; without installing the schedule or running (the property does both). The
     * runs' system is the simulation itself.
     */
    public Builder<Simulation> simulation(Function<Case, Simulation> simulation) {
      Objects.requireNonNull(simulation, "simulation");
      return system(c -> Run.of(c, simulation.apply(c)));
    }

    /**
     * Builds a fresh {@link Run} for a case — {@code Run.of(case, simulation, system)} — with a
     * simulation as {@link #simulation} says and the system built into it, which typed invariants
     * and labels then read (a pattern's {@code Store} and its checkers, the test author's own
     * nodes). Called before any typed invariant or label is added; may be called from several
     * threads at once, so it must keep nothing mutable between cases.
     *
     * @throws IllegalStateException if a typed invariant or label was added already
     */
    @SuppressWarnings("unchecked")
    public <U> Builder<U> system(Function<Case, Run<U>> builder) {
      Objects.requireNonNull(builder, "builder");
      if (typed) {
        throw new IllegalStateException(
            "property \"" + name + "\": set the system before adding typed invariants or labels");
      }
      this.build = builder;
      // untyped invariants read only the simulation, so they hold for any system type
      return (Builder<U>) this;
    }

    /** Adds an invariant of the finished simulation; they are checked in the order added. */
    public Builder<T> invariant(String invariantName, Function<Simulation, String> check) {
      invariants.add(Invariant.of(invariantName, check));
      return this;
    }

    /**
     * Adds an invariant of the finished, typed run (its system's checkers, its case): {@code check}
     * returns null when it holds, else how it is broken; they are checked in the order added.
     */
    public Builder<T> invariantOn(String invariantName, Function<Run<T>, String> check) {
      return invariant(Invariant.on(invariantName, check));
    }

    /**
     * Adds an invariant, such as {@link Invariant#of(Checker, Invariant.Unknown)} or {@link
     * Invariant#on}; they are checked in the order added.
     */
    public Builder<T> invariant(Invariant<? super T> invariant) {
      invariants.add(Objects.requireNonNull(invariant, "invariant"));
      typed = true;
      return this;
    }

    /**
     * Adds an invariant written with assertions (JUnit's, or any that throw {@link
     * AssertionError}): see {@link Invariant#asserting}.
     */
    public Builder<T> asserting(String invariantName, Consumer<Run<T>> assertions) {
      return invariant(Invariant.asserting(invariantName, assertions));
    }

    /**
     * Labels each case for which {@code when} holds, e.g. {@code label("failover", run ->
     * leaderChanged(run))}; the {@link Coverage} counts them, and {@link #minShare} can demand a
     * share of them.
     */
    public Builder<T> label(String labelName, Predicate<Run<T>> when) {
      Objects.requireNonNull(labelName, "labelName");
      Objects.requireNonNull(when, "when");
      if (labels.stream().anyMatch(l -> l.name().equals(labelName))) {
        throw new IllegalArgumentException("property: label \"" + labelName + "\" added twice");
      }
      labels.add(new Label<>(labelName, when));
      typed = true;
      return this;
    }

    /**
     * Declares a system parameter each case draws in {@code [min, max]} (see {@link Parameter});
     * the builder reads it with {@link Case#parameter(String)}, and shrinking moves it toward
     * {@code min}.
     */
    public Builder<T> parameter(String parameterName, long min, long max) {
      Parameter parameter = new Parameter(parameterName, min, max);
      if (parameters.putIfAbsent(parameterName, parameter) != null) {
        throw new IllegalArgumentException(
            "property: parameter \"" + parameterName + "\" declared twice");
      }
      return this;
    }

    /** The number of cases, {@code >= 1}. */
    public Builder<T> tries(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("property: tries must be >= 1, got " + count);
      }
      this.tries = count;
      return this;
    }

    /** The base seed: case {@code i} has seed {@code seed + i}. */
    public Builder<T> seed(long baseSeed) {
      this.seed = baseSeed;
      return this;
    }

    /**
     * How many threads the tries run on, {@code >= 1}; one per processor by default. The verdict
     * and message do not depend on it.
     */
    public Builder<T> parallelism(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("property: parallelism must be >= 1, got " + threads);
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * Fails the property if {@code kindOrLabel} — a fault kind, or a label added with {@link
     * #label} — occurs in less than {@code share} of the cases.
     */
    public Builder<T> minShare(String kindOrLabel, double share) {
      Objects.requireNonNull(kindOrLabel, "kindOrLabel");
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("property: share must be in [0, 1], got " + share);
      }
      minShares.put(kindOrLabel, share);
      return this;
    }

    /** The shrinker used on a failure. */
    public Builder<T> shrinker(Shrinker s) {
      this.shrinker = Objects.requireNonNull(s, "shrinker");
      return this;
    }

    /**
     * The {@code Class#method} in the replay command; by default the caller of {@link #check()}.
     */
    public Builder<T> replayTest(String classAndMethod) {
      this.replayTest = Objects.requireNonNull(classAndMethod, "classAndMethod");
      return this;
    }

    /**
     * The test method in the replay command, and the class whose location names the Maven module to
     * replay it in; by default the caller of {@link #check()}.
     */
    public Builder<T> replayTest(Class<?> testClass, String method) {
      this.replayClass = Objects.requireNonNull(testClass, "testClass");
      String outer = testClass.getName().substring(testClass.getName().lastIndexOf('.') + 1);
      return replayTest(outer + "#" + Objects.requireNonNull(method, "method"));
    }

    /**
     * Where every run's {@link Summary} goes, success included, just before {@link #check()}
     * returns or throws; by default its {@link Summary#text()} is printed to {@code System.out}.
     */
    public Builder<T> reporter(Consumer<Summary> summaries) {
      this.reporter = Objects.requireNonNull(summaries, "summaries");
      return this;
    }

    /**
     * Sends every {@link Summary} to {@code more} as well as to the reporter set so far (by default
     * the printer).
     */
    public Builder<T> alsoReporter(Consumer<Summary> more) {
      Objects.requireNonNull(more, "more");
      this.reporter = this.reporter.andThen(more);
      return this;
    }

    /** Where each try's {@link Tried} goes, in order; nowhere by default. */
    public Builder<T> caseReporter(Consumer<Tried> tries) {
      this.caseReporter = Objects.requireNonNull(tries, "tries");
      return this;
    }

    /**
     * Where minimal failing schedules and the seeds of failures are saved; {@code
     * target/tradeoff-failures} by default.
     */
    public Builder<T> failureDirectory(Path directory) {
      this.failureDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Whether the seeds of earlier failures (saved in the failure directory) are tried first; yes
     * by default.
     */
    public Builder<T> retryFailures(boolean retry) {
      this.retryFailures = retry;
      return this;
    }

    /** The property. */
    public Property<T> build() {
      return new Property<>(this);
    }
  }
}
