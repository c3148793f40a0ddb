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

/**
 * A property test over simulations, run as an ordinary JUnit test method: {@link #check()} runs
 * {@code tries} cases and throws an {@link AssertionError} on the first failure, after shrinking
 * it.
 *
 * <p>Case {@code i} (from 0) has seed {@code baseSeed + i}, the schedule {@link
 * Nemesis#generate(NemesisConfig, long) Nemesis.generate(config, seed)} and the config's run
 * length. So the case with seed {@code s} is rerun alone by {@code -Dtradeoff.seed=s
 * -Dtradeoff.tries=1}: the system properties {@code tradeoff.seed} and {@code tradeoff.tries}, when
 * set, override the builder's values. A case runs as: {@code simulation.apply(case)} builds a fresh
 * simulation with its nodes (seeded with {@code case.seed()}); the case's schedule is installed;
 * the simulation runs until {@code case.runNanos()}; then each invariant, in the order added, reads
 * the finished simulation. A run that throws fails the built-in invariant {@code "run completes"}.
 *
 * <p>On failure, the failing case is shrunk by the {@link Shrinker} against the same invariant, and
 * the error message holds the property's name, the seed, the invariant's message, the minimal
 * schedule (as text and as JSON for {@link FaultSchedule#fromJson}) and how to replay it: the
 * minimal schedule is saved as a JSON file (under {@code target/tradeoff-failures} by default) and
 * the system properties {@code tradeoff.schedule} (its absolute path), {@code tradeoff.seed},
 * {@code tradeoff.runNanos} and {@code tradeoff.clients} make the test run exactly the minimal case
 * once. They are printed plain (for an IDE's run configuration or any build tool) and inside a
 * Maven command for the module the test class was compiled in ({@code mvn -f <reactor root>/pom.xml
 * -pl <module> -am test ...}, or {@code mvn -f <module>/pom.xml test ...} for a project of its
 * own), detected from the class's location, never assumed. The error's cause is what the run or the
 * check threw, with its stack trace. If every case passes, each minimum share of a fault kind is
 * checked against the {@link Coverage} (a property whose cases seldom partition tests little about
 * partitions).
 *
 * <p>Immutable and deterministic: the same property and system properties give the same cases,
 * verdict and message.
 */
public final class Property {
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

  private static final String RUN_COMPLETES = "run completes";

  /**
   * A named check of a finished simulation.
   *
   * @param name short, stable name, shown in failures
   * @param check what the invariant concludes on a finished simulation
   */
  public record Invariant(String name, Function<Simulation, Outcome> check) {
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

    /** An invariant from a check returning null when it holds, else how it is broken. */
    public static Invariant of(String name, Function<Simulation, String> check) {
      Objects.requireNonNull(check, "check");
      return new Invariant(
          name,
          sim -> {
            String failure = check.apply(sim);
            return failure == null ? Outcome.holds() : Outcome.fails(failure);
          });
    }

    /**
     * A tradeoff {@link Checker} run on the simulation's history, named as the checker: invalid
     * fails the case with the checker's one-line result; unknown does as {@code unknown} says.
     */
    public static Invariant of(Checker checker, Unknown unknown) {
      return of(checker.name(), checker, unknown);
    }

    /** As {@link #of(Checker, Unknown)}, under another name. */
    public static Invariant of(String name, Checker checker, Unknown unknown) {
      Objects.requireNonNull(checker, "checker");
      Objects.requireNonNull(unknown, "unknown");
      return new Invariant(
          name,
          sim -> {
            CheckResult result = checker.check(sim.history());
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

  private final String name;
  private final NemesisConfig nemesis;
  private final Function<Case, Simulation> simulation;
  private final List<Invariant> invariants;
  private final int tries;
  private final int clients;
  private final long seed;
  private final SortedMap<String, Double> minShares;
  private final Shrinker shrinker;
  private final String replayTest;
  private final Consumer<Summary> reporter;
  private final Path failureDirectory;

  private Property(Builder b) {
    this.name = b.name;
    this.nemesis = Objects.requireNonNull(b.nemesis, "property: nemesis config not set");
    this.simulation = Objects.requireNonNull(b.simulation, "property: simulation not set");
    if (b.invariants.isEmpty()) {
      throw new IllegalArgumentException("property \"" + b.name + "\": no invariants");
    }
    this.invariants = List.copyOf(b.invariants);
    this.tries = b.tries;
    this.clients = b.clients;
    this.seed = b.seed;
    this.minShares = new TreeMap<>(b.minShares);
    this.shrinker = b.shrinker;
    this.replayTest = b.replayTest;
    this.reporter = b.reporter;
    this.failureDirectory = b.failureDirectory;
  }

  /** A builder for a property named {@code name}. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /** The property's name. */
  public String name() {
    return name;
  }

  /** The number of cases to run: {@code tradeoff.tries} if set, else the builder's. */
  public int tries() {
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

  /** The base seed: {@code tradeoff.seed} if set, else the builder's. */
  public long baseSeed() {
    String value = System.getProperty(SEED_PROPERTY);
    if (value == null || value.isBlank()) {
      return seed;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SEED_PROPERTY + " is not a long: " + value, e);
    }
  }

  /** Case {@code i}: seed {@code base + i}, the nemesis schedule for that seed, full run length. */
  public Case generate(long base, int i) {
    long caseSeed = base + i;
    return new Case(caseSeed, Nemesis.generate(nemesis, caseSeed), nemesis.runNanos(), clients);
  }

  /**
   * Runs every case, shrinks the first failure and throws; else checks coverage. Either way, the
   * builder's reporter gets the run's {@link Summary} just before this returns or throws.
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
    checkZones(simulation.apply(generate(base, 0))); // a config mistake, not a failing case
    TreeMap<String, Integer> counts = new TreeMap<>();
    for (String kind : nemesis.kinds()) {
      counts.put(kind, 0);
    }
    TreeMap<String, Integer> labels = new TreeMap<>();
    List<Long> tryNanos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Case c = generate(base, i);
      for (String kind : c.schedule().kinds()) {
        counts.merge(kind, 1, Integer::sum);
      }
      long start = Wall.nanos(); // measurement only: nothing below reads it
      Evaluation evaluation = evaluate(c, true);
      tryNanos.add(Wall.nanos() - start);
      for (String label : new TreeSet<>(evaluation.labels())) {
        labels.merge(label, 1, Integer::sum);
      }
      if (!evaluation.failures().isEmpty()) {
        Failure failure = evaluation.failures().get(0);
        long shrinkStart = Wall.nanos();
        ShrinkResult shrunk = shrinker.shrink(c, sameInvariant(failure.invariant()));
        AssertionError error = failed(c, i, n, failure, shrunk);
        long shrinkNanos = Wall.nanos() - shrinkStart;
        String outcome = "failed at try " + (i + 1) + " of " + n + " (seed " + c.seed() + ")";
        reporter.accept(
            new Summary(
                name,
                outcome,
                false,
                n,
                base,
                tryNanos,
                shrunk.runs(),
                shrinkNanos,
                new Coverage(name, i + 1, counts, labels)));
        throw error;
      }
    }
    Coverage coverage = new Coverage(name, n, counts, labels);
    List<String> unmet = new ArrayList<>();
    for (Map.Entry<String, Double> min : minShares.entrySet()) {
      if (coverage.share(min.getKey()) < min.getValue()) {
        unmet.add(
            min.getKey()
                + " occurred in "
                + coverage.casesWithKind().getOrDefault(min.getKey(), 0)
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
            tryNanos,
            0,
            0,
            coverage));
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
   * Runs {@code c} once and evaluates the invariants in the order added: all of them, or up to the
   * first broken one if {@code stopAtFirst}. A run that throws breaks {@code "run completes"} and
   * leaves the invariants unevaluated (there is no finished simulation to read).
   */
  private Evaluation evaluate(Case c, boolean stopAtFirst) {
    Simulation sim;
    try {
      sim = run(c);
    } catch (RuntimeException | AssertionError e) {
      return new Evaluation(List.of(new Failure(RUN_COMPLETES, e.toString(), e)), List.of(), true);
    }
    List<Failure> failures = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Invariant invariant : invariants) {
      Invariant.Outcome outcome;
      Throwable cause = null;
      try {
        outcome = invariant.check().apply(sim);
      } catch (RuntimeException | AssertionError e) {
        // a broken invariant check is still a failure of this case, to be reported with its seed
        outcome = Invariant.Outcome.fails("the check threw " + e);
        cause = e;
      }
      if (outcome.label() != null) {
        labels.add(outcome.label());
      }
      if (outcome.failure() != null) {
        failures.add(new Failure(invariant.name(), outcome.failure(), cause));
        if (stopAtFirst) {
          break;
        }
      }
    }
    return new Evaluation(failures, labels, false);
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
   * @param labels the labels the invariants gave the case
   * @param threw whether the run itself threw, so no invariant was evaluated
   */
  private record Evaluation(List<Failure> failures, List<String> labels, boolean threw) {}

  /** Every invariant's verdict on {@code c}, one line each, for the failure message. */
  private String everyInvariant(Case c) {
    Evaluation evaluation = evaluate(c, false);
    StringBuilder out = new StringBuilder();
    if (evaluation.threw()) {
      Failure failure = evaluation.failures().get(0);
      return "  broken \""
          + failure.invariant()
          + "\": "
          + failure.message()
          + "\n"
          + "  (the run threw, so no other invariant could be evaluated)\n";
    }
    for (Invariant invariant : invariants) {
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
    return out.toString();
  }

  /** A fresh simulation of {@code c}, run to its end. */
  private Simulation run(Case c) {
    Simulation sim = simulation.apply(c);
    c.schedule().install(sim);
    sim.runUntil(c.runNanos());
    return sim;
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
            (int) longProperty(CLIENTS_PROPERTY, clients));
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
            coverage));
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

  /**
   * Saves the minimal schedule for the replay command; a failure to save is reported, not fatal.
   */
  private String save(Case minimal) {
    String file = name.replaceAll("[^A-Za-z0-9._-]+", "-") + "-seed-" + minimal.seed() + ".json";
    Path path = failureDirectory.resolve(file);
    try {
      Files.createDirectories(failureDirectory);
      Files.writeString(path, minimal.schedule().toJson(), StandardCharsets.UTF_8);
      return path.toAbsolutePath().toString();
    } catch (IOException e) {
      return null;
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
  private AssertionError failed(Case c, int index, int n, Failure failure, ShrinkResult shrunk) {
    Failure minimalFailure = firstFailure(shrunk.minimal());
    Throwable cause =
        minimalFailure != null && minimalFailure.cause() != null
            ? minimalFailure.cause()
            : failure.cause();
    return new AssertionError(failureMessage(c, index, n, failure, shrunk), cause);
  }

  private String failureMessage(Case c, int index, int n, Failure failure, ShrinkResult shrunk) {
    Case minimal = shrunk.minimal();
    Caller caller = caller();
    String test = replayTest != null ? replayTest : caller.test();
    return "property \""
        + name
        + "\" failed at case "
        + (index + 1)
        + " of "
        + n
        + " (seed "
        + c.seed()
        + ")\ninvariant \""
        + failure.invariant()
        + "\": "
        + shrunk.failure()
        + "\n(before shrinking: "
        + failure.message()
        + ")\nminimal schedule (seed "
        + minimal.seed()
        + ", run "
        + Text.duration(minimal.runNanos())
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
        + replayCommand(test, caller.testClass(), c, minimal);
  }

  /**
   * Two ways to replay: the plain system properties (for an IDE's run configuration or any build
   * tool), and a Maven command for the module the test class was found in, if one was.
   */
  private String replayCommand(String test, Class<?> testClass, Case original, Case minimal) {
    String saved = save(minimal);
    // with nowhere to save the minimal case, rerunning the original case shrinks it again, the
    // same way
    String properties =
        saved == null
            ? "-D" + SEED_PROPERTY + "=" + original.seed() + " -D" + TRIES_PROPERTY + "=1"
            : "-D"
                + SEED_PROPERTY
                + "="
                + minimal.seed()
                + " -D"
                + RUN_PROPERTY
                + "="
                + minimal.runNanos()
                + " -D"
                + CLIENTS_PROPERTY
                + "="
                + minimal.clients()
                + " -D"
                + SCHEDULE_PROPERTY
                + "="
                + saved;
    Path module = Replay.moduleOf(testClass);
    String maven =
        module == null
            ? "replay with Maven: no Maven module found for "
                + test
                + "; run it with the system properties above"
            : "replay with Maven (module "
                + module
                + ", found from the test class's location; runs from any directory):\n  "
                + Replay.maven(module, test, properties);
    return "\nreplay "
        + test
        + " with these system properties (an IDE run configuration, or any build tool):\n  "
        + properties
        + "\n"
        + maven;
  }

  /**
   * The test that called {@link #check()}, for the replay command: the innermost caller in a class
   * named {@code *Test}, {@code *Tests} or {@code *IT}, outside lambdas (JUnit's {@code
   * assertThrows} may sit in between), else the direct caller.
   */
  private static Caller caller() {
    List<StackWalker.StackFrame> frames =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(s -> s.filter(f -> !f.getClassName().equals(Property.class.getName())).toList());
    for (StackWalker.StackFrame frame : frames) {
      String cls = simpleName(frame.getClassName());
      boolean test = cls.endsWith("Test") || cls.endsWith("Tests") || cls.endsWith("IT");
      if (test && !frame.getMethodName().startsWith("lambda$")) {
        return new Caller(cls + "#" + frame.getMethodName(), frame.getDeclaringClass());
      }
    }
    if (frames.isEmpty()) {
      return new Caller("<TestClass>#<method>", null);
    }
    StackWalker.StackFrame first = frames.get(0);
    return new Caller(
        simpleName(first.getClassName()) + "#" + first.getMethodName(), first.getDeclaringClass());
  }

  /** The test method as Surefire's {@code -Dtest} wants it, and its class (null if unknown). */
  private record Caller(String test, Class<?> testClass) {}

  /**
   * The class name without its package; nested classes keep {@code Outer$Inner}, as Surefire wants.
   */
  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /**
   * An invariant a case broke.
   *
   * @param cause what the run or the check threw, kept whole for its stack trace; null if nothing
   */
  private record Failure(String invariant, String message, Throwable cause) {}

  /** Collects a {@link Property}. Defaults: 100 tries, seed 1, {@link Shrinker#defaults()}. */
  public static final class Builder {
    private final String name;
    private final List<Invariant> invariants = new ArrayList<>();
    private final TreeMap<String, Double> minShares = new TreeMap<>();
    private NemesisConfig nemesis;
    private Function<Case, Simulation> simulation;
    private int tries = 100;
    private int clients = 1;
    private long seed = 1;
    private Shrinker shrinker = Shrinker.defaults();
    private String replayTest;
    private Consumer<Summary> reporter = summary -> Wall.print(summary.text());
    private Path failureDirectory = Path.of("target", "tradeoff-failures");

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** How many clients each case starts with (the shrinker may cut them); 1 by default. */
    public Builder clients(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("property: clients must be >= 1, got " + count);
      }
      this.clients = count;
      return this;
    }

    /** Where schedules come from, and the run length. */
    public Builder nemesis(NemesisConfig config) {
      this.nemesis = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Builds a fresh simulation for a case, seeded with {@code case.seed()} and with every node the
     * schedule names; without installing the schedule or running (the property does both).
     */
    public Builder simulation(Function<Case, Simulation> build) {
      this.simulation = Objects.requireNonNull(build, "build");
      return this;
    }

    /** Adds an invariant; they are checked in the order added. */
    public Builder invariant(String invariantName, Function<Simulation, String> check) {
      invariants.add(Invariant.of(invariantName, check));
      return this;
    }

    /**
     * Adds an invariant, such as {@link Invariant#of(Checker, Invariant.Unknown)}; they are checked
     * in the order added.
     */
    public Builder invariant(Invariant invariant) {
      invariants.add(Objects.requireNonNull(invariant, "invariant"));
      return this;
    }

    /** The number of cases, {@code >= 1}. */
    public Builder tries(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("property: tries must be >= 1, got " + count);
      }
      this.tries = count;
      return this;
    }

    /** The base seed: case {@code i} has seed {@code seed + i}. */
    public Builder seed(long baseSeed) {
      this.seed = baseSeed;
      return this;
    }

    /** Fails the property if {@code kind} occurs in less than {@code share} of the cases. */
    public Builder minShare(String kind, double share) {
      if (!Fault.KINDS.contains(kind)) {
        throw new IllegalArgumentException(
            "property: unknown fault kind \"" + kind + "\"; known: " + Fault.KINDS);
      }
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("property: share must be in [0, 1], got " + share);
      }
      minShares.put(kind, share);
      return this;
    }

    /** The shrinker used on a failure. */
    public Builder shrinker(Shrinker s) {
      this.shrinker = Objects.requireNonNull(s, "shrinker");
      return this;
    }

    /**
     * The {@code Class#method} in the replay command; by default the caller of {@link #check()}.
     */
    public Builder replayTest(String classAndMethod) {
      this.replayTest = Objects.requireNonNull(classAndMethod, "classAndMethod");
      return this;
    }

    /**
     * Where every run's {@link Summary} goes, success included, just before {@link #check()}
     * returns or throws; by default its {@link Summary#text()} is printed to {@code System.out}.
     */
    public Builder reporter(Consumer<Summary> summaries) {
      this.reporter = Objects.requireNonNull(summaries, "summaries");
      return this;
    }

    /** Where minimal failing schedules are saved; {@code target/tradeoff-failures} by default. */
    public Builder failureDirectory(Path directory) {
      this.failureDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The property. */
    public Property build() {
      return new Property(this);
    }
  }
}
