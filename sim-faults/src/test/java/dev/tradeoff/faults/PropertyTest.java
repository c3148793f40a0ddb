package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.kernel.SimulationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PropertyTest {
  static final long MS = 1_000_000L;

  static final NemesisConfig NEMESIS =
      NemesisConfig.builder(Register.NODES, 2_000 * MS)
          .quietNanos(200 * MS)
          .kinds(List.of("crash", "partition"))
          .maxDown(2)
          .eventsPerSecond(5, 10)
          .kindOffProbability(0.2)
          .durationNanos(10 * MS, 500 * MS)
          .build();

  static Property.Builder<Simulation> register(String name, boolean buggy) {
    return Property.named(name)
        .nemesis(NEMESIS)
        .simulation(c -> Register.build(c, buggy))
        .invariant("acknowledged writes survive", Register::lostAckedWrite)
        .seed(1_000)
        // these tests read where a failure was found; SavedSeedsTest covers the head start
        .retryFailures(false);
  }

  @Test
  void correctRegisterPasses() {
    var property =
        register("register keeps acknowledged writes", false)
            .tries(50)
            .minShare("partition", 0.2)
            .minShare("crash", 0.2)
            .build();
    Coverage coverage = property.check();
    assertEquals(property.tries(), coverage.cases());
    assertEquals(List.of("crash", "partition"), List.copyOf(coverage.casesWithKind().keySet()));
    assertTrue(coverage.share("partition") >= 0.2, coverage.toString());
    System.out.println(coverage);
  }

  @Test
  void plantedBugFailsWithSeedMinimalScheduleAndReplayCommand() {
    Property<Simulation> property =
        register("buggy register keeps acknowledged writes", true).tries(200).build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    String message = e.getMessage();
    System.out.println(message);

    Matcher seed = Pattern.compile("\\(seed (-?\\d+)\\)").matcher(message);
    assertTrue(seed.find(), message);
    long failingSeed = Long.parseLong(seed.group(1));
    assertTrue(message.contains("property \"buggy register keeps acknowledged writes\""), message);
    assertTrue(message.contains("invariant \"acknowledged writes survive\": "), message);
    assertTrue(message.contains("acknowledged writes lost"), message);
    assertTrue(message.contains("crash n2"), message);
    String test = "PropertyTest#plantedBugFailsWithSeedMinimalScheduleAndReplayCommand";
    String properties =
        "-Dtradeoff.seed="
            + failingSeed
            + " -Dtradeoff.runNanos=(\\d+) -Dtradeoff.clients=(\\d+) -Dtradeoff.schedule=(\\S+)";
    // the plain system properties, for an IDE or any build tool ...
    Matcher replayLine =
        Pattern.compile(
                "replay "
                    + test
                    + " with these system properties \\(.*\\):\n  "
                    + properties
                    + "\n")
            .matcher(message);
    assertTrue(replayLine.find(), message);
    assertTrue(Path.of(replayLine.group(3)).isAbsolute(), message);
    // ... and a Maven command for the module this test runs in (Surefire's working directory),
    // naming the reactor's pom by absolute path so it runs from anywhere
    Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    String maven =
        "mvn -f "
            + module.getParent().resolve("pom.xml")
            + " -pl "
            + module.getFileName()
            + " -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest="
            + test
            + " -Dtradeoff.seed="
            + failingSeed
            + " ";
    assertTrue(message.contains("replay with Maven (module " + module + ","), message);
    assertTrue(message.contains("\n  " + maven), message);

    // The JSON in the message replays the failure on a fresh simulation.
    int json = message.indexOf("as JSON:\n") + "as JSON:\n".length();
    FaultSchedule minimal =
        FaultSchedule.fromJson(message.substring(json, message.indexOf("\nreplay ")));
    assertEquals(2, minimal.size(), message);
    Matcher run = Pattern.compile("minimal schedule \\(seed -?\\d+, run ([^,]+),").matcher(message);
    assertTrue(run.find(), message);
    Case replay = new Case(failingSeed, minimal, NEMESIS.runNanos());
    assertNotNull(Register.lostAckedWrite(Register.run(replay, true)), message);

    // The replay command's settings run exactly the saved minimal case, once, and it fails.
    String before = withProperties(Long.toString(failingSeed), "1");
    try {
      System.setProperty(Property.RUN_PROPERTY, replayLine.group(1));
      System.setProperty(Property.CLIENTS_PROPERTY, replayLine.group(2));
      System.setProperty(Property.SCHEDULE_PROPERTY, replayLine.group(3));
      AssertionError again = assertThrows(AssertionError.class, property::check);
      assertTrue(again.getMessage().contains("failed on the saved case"), again.getMessage());
      assertTrue(
          again.getMessage().contains("invariant \"acknowledged writes survive\""),
          again.getMessage());
      // the fixed register passes the same saved case, the one case a replay runs
      Property<Simulation> fixed = register("fixed register", false).build();
      assertEquals(1, fixed.tries());
      assertEquals(fixed.tries(), fixed.check().cases());
    } finally {
      System.clearProperty(Property.RUN_PROPERTY);
      System.clearProperty(Property.CLIENTS_PROPERTY);
      System.clearProperty(Property.SCHEDULE_PROPERTY);
      restore(before);
    }
  }

  @Test
  void unreachableCoverageMinimumFails() {
    Property<Simulation> property =
        register("register keeps acknowledged writes", false)
            .tries(20)
            .minShare("partition", 0.999)
            .build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    assertTrue(e.getMessage().contains("coverage too low: partition occurred in"), e.getMessage());
    assertTrue(e.getMessage().contains("below the minimum of 99.9%"), e.getMessage());
    assertTrue(e.getMessage().contains("coverage of \"register keeps"), e.getMessage());
  }

  @Test
  void systemPropertiesOverrideTriesAndSeed() {
    Property<Simulation> property =
        register("register keeps acknowledged writes", false).tries(50).build();
    String before = withProperties("77", "3");
    try {
      assertEquals(3, property.tries());
      assertEquals(77, property.baseSeed());
      assertEquals(3, property.check().cases());
      assertEquals(78, property.generate(property.baseSeed(), 1).seed());
    } finally {
      restore(before);
    }
    assertEquals(50, property.tries());
    assertEquals(1_000, property.baseSeed());
  }

  @Test
  void aPassingRunReportsItsSummary() {
    List<Summary> summaries = new ArrayList<>();
    Coverage coverage =
        register("register keeps acknowledged writes", false)
            .tries(10)
            .reporter(summaries::add)
            .build()
            .check();
    assertEquals(1, summaries.size());
    Summary summary = summaries.get(0);
    assertTrue(summary.passed());
    assertEquals("passed", summary.outcome());
    assertEquals(10, summary.tries());
    assertEquals(1_000, summary.baseSeed());
    assertEquals(10, summary.tryNanos().size());
    assertTrue(summary.tryNanos().stream().allMatch(nanos -> nanos > 0), summary.text());
    assertEquals(0, summary.shrinkRuns());
    assertEquals(coverage, summary.coverage());
    String text = summary.text();
    assertTrue(
        text.startsWith(
            "property \"register keeps acknowledged writes\": passed, 10 of 10 tries, base seed"
                + " 1000 (one case alone: -Dtradeoff.seed=<seed> -Dtradeoff.tries=1)\n"
                + "  wall time: tries "),
        text);
    assertTrue(text.contains("(per try: min "), text);
    assertTrue(text.contains("; shrinking none\n  " + coverage), text);
  }

  @Test
  void aFailingRunReportsItsSummaryWithTheShrinkingTime() {
    List<Summary> summaries = new ArrayList<>();
    Property<Simulation> property =
        register("buggy register keeps acknowledged writes", true)
            .tries(200)
            .reporter(summaries::add)
            .build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    assertEquals(1, summaries.size());
    Summary summary = summaries.get(0);
    assertTrue(!summary.passed());
    Matcher at =
        Pattern.compile("failed at try (\\d+) of 200 \\(seed (\\d+)\\)").matcher(summary.outcome());
    assertTrue(at.matches(), summary.outcome());
    int tries = Integer.parseInt(at.group(1));
    assertTrue(e.getMessage().contains("(seed " + at.group(2) + ")"), e.getMessage());
    assertEquals(tries, summary.tryNanos().size());
    assertEquals(tries, summary.coverage().cases());
    assertTrue(summary.shrinkRuns() > 1 && summary.shrinkNanos() > 0, summary.text());
    assertTrue(
        summary.text().contains("; shrinking " + summary.shrinkRuns() + " runs in "),
        summary.text());
    // the times are measurement only: the same run again gives the same summary otherwise
    List<Summary> again = new ArrayList<>();
    AssertionError second =
        assertThrows(
            AssertionError.class,
            register("buggy register keeps acknowledged writes", true)
                    .tries(200)
                    .reporter(again::add)
                    .build()
                ::check);
    assertEquals(e.getMessage(), second.getMessage());
    Summary other = again.get(0);
    assertEquals(summary.outcome(), other.outcome());
    assertEquals(summary.shrinkRuns(), other.shrinkRuns());
    assertEquals(summary.coverage(), other.coverage());
  }

  @Test
  void sameSeedsGiveTheSameVerdictAndCoverage() {
    Property<Simulation> property =
        register("register keeps acknowledged writes", false).tries(10).build();
    assertEquals(property.check(), property.check());
  }

  @Test
  void aRunThatThrowsFailsRunCompletes() {
    Property<Simulation> property =
        Property.named("throws")
            .nemesis(NEMESIS)
            .simulation(
                c -> {
                  Simulation sim = Register.build(c, false);
                  sim.schedule(
                      5 * MS,
                      () -> {
                        throw new IllegalStateException("boom");
                      });
                  return sim;
                })
            .invariant("never checked", sim -> null)
            .tries(1)
            .build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    assertTrue(e.getMessage().contains("invariant \"run completes\""), e.getMessage());
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
    // what the run threw is the cause (the kernel's SimulationException, naming where), and the
    // node's own exception below it keeps the stack trace of where it was thrown
    assertInstanceOf(SimulationException.class, e.getCause());
    IllegalStateException cause =
        assertInstanceOf(IllegalStateException.class, e.getCause().getCause());
    assertEquals("boom", cause.getMessage());
    assertTrue(
        Arrays.stream(cause.getStackTrace())
            .anyMatch(f -> f.getClassName().equals(PropertyTest.class.getName())),
        Arrays.toString(cause.getStackTrace()));
  }

  @Test
  void aZoneWithNodesTheNemesisDoesNotKnowIsRefusedUpFront() {
    NemesisConfig zoned =
        NemesisConfig.builder(Register.NODES, 2_000 * MS)
            .zone("z", Register.NODES)
            .kinds(List.of("crash"))
            .maxDown(2)
            .build();
    Property<Simulation> property =
        Property.named("zones")
            .nemesis(zoned)
            .simulation(
                c -> {
                  Simulation sim = Register.build(c, false);
                  sim.addNode(
                      dev.tradeoff.core.NodeSpec.of(
                          "observer",
                          "z",
                          () ->
                              new dev.tradeoff.core.Node() {
                                @Override
                                public void onStart(dev.tradeoff.core.Context ctx) {}

                                @Override
                                public void onMessage(int from, Object message) {}
                              }));
                  return sim;
                })
            .invariant("anything", sim -> null)
            .tries(1)
            .build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, property::check);
    assertTrue(e.getMessage().contains("observer"), e.getMessage());
  }

  @Test
  void anInvariantThatThrowsIsReportedAsItsFailureWithTheSeed() {
    Property<Simulation> property =
        Property.named("throwing invariant")
            .nemesis(NEMESIS)
            .simulation(c -> Register.build(c, false))
            .invariant(
                "reads a node",
                sim -> {
                  throw new NullPointerException("no instance");
                })
            .tries(1)
            .build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    assertTrue(e.getMessage().contains("invariant \"reads a node\""), e.getMessage());
    assertTrue(e.getMessage().contains("the check threw"), e.getMessage());
    assertEquals(
        "no instance", assertInstanceOf(NullPointerException.class, e.getCause()).getMessage());
    assertTrue(e.getMessage().contains("(seed 1)"), e.getMessage());
  }

  /** Sets both properties; returns the previous values, joined, for {@link #restore}. */
  private static String withProperties(String seed, String tries) {
    String before =
        System.getProperty(Property.SEED_PROPERTY)
            + "\n"
            + System.getProperty(Property.TRIES_PROPERTY);
    System.setProperty(Property.SEED_PROPERTY, seed);
    System.setProperty(Property.TRIES_PROPERTY, tries);
    return before;
  }

  private static void restore(String before) {
    String[] values = before.split("\n", -1);
    restore(Property.SEED_PROPERTY, values[0]);
    restore(Property.TRIES_PROPERTY, values[1]);
  }

  private static void restore(String key, String value) {
    if (value.equals("null")) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
