package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.kernel.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Typed runs, assertions as invariants, labels, generated parameters and tries on threads. */
class TypedPropertyTest {
  /** A system built into a case's simulation: the register and the seed it was built for. */
  record Built(long seed, boolean buggy) {}

  static Property.Builder<Built> typed(String name, boolean buggy) {
    return Property.named(name)
        .nemesis(PropertyTest.NEMESIS)
        .system(c -> Run.of(c, Register.build(c, buggy), new Built(c.seed(), buggy)))
        .seed(1_000)
        .retryFailures(false);
  }

  @Test
  void everyInvariantReadsTheSystemBuiltForItsOwnCaseEvenOnManyThreads() {
    List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    var property =
        typed("each run its own system", false)
            .invariantOn(
                "the system is this case's",
                run -> {
                  seen.add(run.system().seed());
                  return run.system().seed() == run.trial().seed()
                      ? null
                      : "system of seed " + run.system().seed() + " in case " + run.trial().seed();
                })
            .asserting(
                "no acknowledged write lost",
                run -> assertNull(Register.lostAckedWrite(run.simulation())))
            .tries(40)
            .parallelism(4)
            .build();
    Coverage coverage = property.check();
    assertEquals(property.tries(), coverage.cases());
    assertEquals(
        property.tries(), new TreeSet<>(seen).size(), "each case built and judged once: " + seen);
  }

  @Test
  void anAssertingInvariantFailsWithTheAssertionsMessageAndKeepsItAsTheCause() {
    Property<Built> property =
        typed("asserting", true)
            .asserting(
                "acknowledged writes survive",
                run -> assertNull(Register.lostAckedWrite(run.simulation()), "lost"))
            .tries(200)
            .build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    assertTrue(
        e.getMessage().contains("invariant \"acknowledged writes survive\": lost ==> expected"),
        e.getMessage());
    assertInstanceOf(AssertionFailedError.class, e.getCause(), e.getMessage());
  }

  @Test
  void oneFailureInsideAssertAllReadsAsThatFailure() {
    Property<Built> property =
        typed("assertAll", true)
            .asserting(
                "acknowledged writes survive",
                run ->
                    org.junit.jupiter.api.Assertions.assertAll(
                        () -> assertTrue(run.system().buggy()),
                        () -> assertNull(Register.lostAckedWrite(run.simulation()), "lost")))
            .tries(200)
            .build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    assertTrue(
        e.getMessage().contains("invariant \"acknowledged writes survive\": lost ==> expected"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("Multiple Failures"), e.getMessage());
    assertInstanceOf(AssertionFailedError.class, e.getCause(), e.getMessage());
  }

  @Test
  void labelsAreCountedAndAMinimumShareOfALabelIsEnforced() {
    Property<Built> plain = typed("sizes", false).invariantOn("holds", run -> null).build();
    int[] sizes = new int[30];
    for (int i = 0; i < 30; i++) {
      sizes[i] = plain.generate(1_000, i).schedule().size();
    }
    int median = java.util.Arrays.stream(sizes).sorted().toArray()[15];
    int expected = (int) java.util.Arrays.stream(sizes).filter(n -> n > median).count();
    assertTrue(expected > 0 && expected < 30, "the label must split the cases: " + expected);

    List<Summary> summaries = new ArrayList<>();
    String label = "over " + median + " faults";
    Property.Builder<Built> builder =
        typed("labels", false)
            .label(label, run -> run.trial().schedule().size() > median)
            .invariantOn("holds", run -> null)
            .tries(30)
            .reporter(summaries::add);
    Coverage coverage = builder.build().check();
    assertEquals(expected, coverage.casesWithLabel().getOrDefault(label, 0));
    assertTrue(
        summaries.get(0).text().contains("labels: " + label + " " + expected),
        summaries.get(0).text());

    AssertionError unmet =
        assertThrows(AssertionError.class, builder.minShare(label, 1.0).build()::check);
    assertTrue(
        unmet
            .getMessage()
            .contains(
                "label "
                    + label
                    + " occurred in "
                    + expected
                    + " of 30 cases, below the minimum of 100%"),
        unmet.getMessage());
  }

  @Test
  void aMinimumShareOfAnUndeclaredLabelIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                typed("x", false)
                    .invariantOn("holds", r -> null)
                    .minShare("failover", 0.5)
                    .build());
    assertTrue(
        e.getMessage().contains("\"failover\", which is neither a fault kind"), e.getMessage());
  }

  @Test
  void theSystemIsSetBeforeTypedInvariants() {
    Property.Builder<Simulation> b =
        Property.named("x").nemesis(PropertyTest.NEMESIS).simulation(c -> Register.build(c, false));
    b.invariantOn("typed", run -> null);
    assertThrows(
        IllegalStateException.class,
        () -> b.system(c -> Run.of(c, Register.build(c, false), "other")));
  }

  @Test
  void parametersAreDrawnPerSeedInRangeAndIndependentlyOfEachOther() {
    Property<Built> one =
        typed("p", false).parameter("replicas", 3, 5).invariantOn("holds", r -> null).build();
    Property<Built> two =
        typed("p", false)
            .parameter("replicas", 3, 5)
            .parameter("timeoutMs", 10, 1_000)
            .invariantOn("holds", r -> null)
            .build();
    TreeSet<Long> values = new TreeSet<>();
    for (int i = 0; i < 60; i++) {
      Case a = one.generate(7, i);
      Case b = two.generate(7, i);
      assertEquals(a.parameter("replicas"), b.parameter("replicas"), "seed " + a.seed());
      assertEquals(a.schedule(), b.schedule(), "parameters leave schedules alone");
      assertTrue(b.parameter("timeoutMs") >= 10 && b.parameter("timeoutMs") <= 1_000);
      values.add(a.parameter("replicas"));
      assertEquals(a, one.generate(7, i), "deterministic");
    }
    assertEquals(List.of(3L, 4L, 5L), List.copyOf(values));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> one.generate(7, 0).parameter("keys"));
    assertTrue(e.getMessage().contains("declares [replicas]"), e.getMessage());
  }

  @Test
  void aFailingCasesParametersAreInItsMessageAndReplayCommand() {
    Property<Built> property =
        typed("parameters in the message", true)
            .parameter("replicas", 3, 5)
            .invariant("acknowledged writes survive", Register::lostAckedWrite)
            .tries(200)
            .build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    assertTrue(e.getMessage().contains("-Dtradeoff.parameters=replicas="), e.getMessage());
  }

  @Test
  void aFailingCasesParametersShrinkTowardTheirMinimum() {
    Property<Built> property =
        typed("parameters shrink", false)
            .parameter("replicas", 1, 100)
            .invariantOn(
                "fewer than 17 replicas, or no crash",
                run ->
                    run.trial().parameter("replicas") >= 17
                            && run.trial().schedule().kinds().contains("crash")
                        ? "replicas " + run.trial().parameter("replicas")
                        : null)
            .tries(50)
            .build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    String message = e.getMessage();
    assertTrue(message.contains("parameters {replicas=17}"), message);
    assertTrue(message.contains("moved parameter replicas from "), message);
    assertTrue(message.contains(" to 17\n"), message);
    assertTrue(message.contains("-Dtradeoff.parameters=replicas=17 "), message);
  }

  @Test
  void triesOnManyThreadsGiveTheVerdictMessageAndCoverageOfOneThread() {
    List<String> messages = new ArrayList<>();
    for (int threads : new int[] {1, 3}) {
      Property<Built> property =
          typed("buggy on threads", true)
              .invariant("acknowledged writes survive", Register::lostAckedWrite)
              .tries(200)
              .parallelism(threads)
              .build();
      messages.add(assertThrows(AssertionError.class, property::check).getMessage());
    }
    assertEquals(messages.get(0), messages.get(1));
    Coverage one =
        typed("fixed", false)
            .invariant("acknowledged writes survive", Register::lostAckedWrite)
            .tries(30)
            .parallelism(1)
            .build()
            .check();
    Coverage three =
        typed("fixed", false)
            .invariant("acknowledged writes survive", Register::lostAckedWrite)
            .tries(30)
            .parallelism(3)
            .build()
            .check();
    assertEquals(one, three);
  }

  @Test
  void aRandomSeedIsDrawnOnceAndPrinted() {
    List<Summary> summaries = new ArrayList<>();
    String before = System.getProperty(Property.SEED_PROPERTY);
    System.setProperty(Property.SEED_PROPERTY, Property.RANDOM_SEED);
    try {
      typed("random seed", false)
          .invariant("acknowledged writes survive", Register::lostAckedWrite)
          .tries(3)
          .reporter(summaries::add)
          .build()
          .check();
    } finally {
      if (before == null) {
        System.clearProperty(Property.SEED_PROPERTY);
      } else {
        System.setProperty(Property.SEED_PROPERTY, before);
      }
    }
    assertEquals(2, summaries.size(), summaries.toString());
    long drawn = summaries.get(1).baseSeed();
    assertEquals(drawn, summaries.get(0).baseSeed());
    assertTrue(
        summaries
            .get(0)
            .outcome()
            .contains("drew base seed " + drawn + " (replay: -Dtradeoff.seed=" + drawn),
        summaries.get(0).outcome());
  }
}
