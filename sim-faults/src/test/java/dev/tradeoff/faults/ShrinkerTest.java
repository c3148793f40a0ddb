package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
  static final long MS = 1_000_000L;
  static final long RUN_NANOS = 10_000 * MS;

  static final NemesisConfig NEMESIS =
      NemesisConfig.builder(Register.NODES, RUN_NANOS)
          .quietNanos(1_000 * MS)
          .kinds(List.of("crash", "partition"))
          .maxDown(2)
          .eventsPerSecond(2.2, 2.2)
          .durationNanos(10 * MS, 1_000 * MS)
          .kindOffProbability(0)
          .build();

  static final Shrinker.Check BUGGY = c -> Register.lostAckedWrite(Register.run(c, true));

  private static Case failingCase;

  /** The first seed from 1 whose nemesis schedule has exactly 20 events and fails (cached). */
  static synchronized Case failingCase() {
    if (failingCase == null) {
      failingCase = searchFailingCase();
    }
    return failingCase;
  }

  private static Case searchFailingCase() {
    for (long seed = 1; seed <= 2_000; seed++) {
      FaultSchedule schedule = Nemesis.generate(NEMESIS, seed);
      if (schedule.size() != 20) {
        continue;
      }
      Case c = new Case(seed, schedule, RUN_NANOS);
      if (BUGGY.failure(c) != null) {
        return c;
      }
    }
    throw new AssertionError("no failing 20-event schedule in seeds 1..2000");
  }

  @Test
  void plantedBugShrinksToCrashOfN2AndAPartition() {
    Case original = failingCase();
    ShrinkResult result = Shrinker.defaults().shrink(original, BUGGY);
    Case minimal = result.minimal();
    String report = "original " + original + "\n" + result.report();

    assertEquals(2, minimal.schedule().size(), report);
    assertEquals(Set.of("crash", "partition"), minimal.schedule().kinds(), report);
    boolean crashesN2 =
        minimal.schedule().events().stream()
            .anyMatch(e -> e.fault() instanceof NodeFault.Crash crash && crash.node().equals("n2"));
    assertTrue(crashesN2, report);
    assertTrue(minimal.runNanos() < original.runNanos(), report);
    assertTrue(result.steps().get(0).startsWith("removed "), report);
    assertTrue(!result.exhaustedBudget(), report);
    System.out.println(report); // the shrunk schedule, for the record

    // Replays on a fresh simulation, also after a JSON round trip.
    FaultSchedule replayed = FaultSchedule.fromJson(minimal.schedule().toJson());
    Case replay = new Case(minimal.seed(), replayed, minimal.runNanos());
    assertNotNull(Register.lostAckedWrite(Register.run(replay, true)), report);
    // And the fixed register survives the same schedule: the failure is the bug, not the faults.
    assertNull(Register.lostAckedWrite(Register.run(replay, false)), report);
  }

  @Test
  void sameInputGivesSameOutput() {
    Case original = failingCase();
    ShrinkResult a = Shrinker.defaults().shrink(original, BUGGY);
    ShrinkResult b = Shrinker.defaults().shrink(original, BUGGY);
    assertEquals(a, b);
  }

  @Test
  void rejectsACaseThatDoesNotFail() {
    Case passing = new Case(1, FaultSchedule.empty(), RUN_NANOS);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Shrinker.defaults().shrink(passing, BUGGY));
    assertTrue(e.getMessage().contains("does not fail"), e.getMessage());
  }

  @Test
  void exhaustedBudgetIsReportedAndResultStillFails() {
    Case original = failingCase();
    ShrinkResult result = Shrinker.defaults().withMaxRuns(5).shrink(original, BUGGY);
    assertTrue(result.exhaustedBudget(), result.report());
    assertEquals(5, result.runs());
    assertTrue(result.report().contains("exhausted budget"), result.report());
    assertNotNull(BUGGY.failure(result.minimal()), result.report());
  }

  @Test
  void neverReturnsAPassingCase() {
    // A check that fails only for an odd number of events: not monotone, so most cuts pass.
    Case original = failingCase();
    Shrinker.Check odd = Shrinker.Check.of(c -> c.schedule().size() % 2 == 1 || c.seed() < 0);
    Case withOdd =
        original.withSchedule(new FaultSchedule(original.schedule().events().subList(0, 19)));
    ShrinkResult result = Shrinker.defaults().shrink(withOdd, odd);
    assertNotNull(odd.failure(result.minimal()));
    assertEquals(1, result.minimal().schedule().size(), result.report());
  }

  @Test
  void shrinksAFailureWithoutFaultsToNoEventsAndAShortRun() {
    Case original = failingCase();
    // Fails whenever the run is at least 1 s long, faults or not.
    Shrinker.Check longRun = Shrinker.Check.of(c -> c.runNanos() >= 1_000 * MS);
    ShrinkResult result = Shrinker.defaults().shrink(original, longRun);
    assertEquals(0, result.minimal().schedule().size(), result.report());
    long runNanos = result.minimal().runNanos();
    assertTrue(runNanos >= 1_000 * MS && runNanos < 1_000 * MS + 10_000, result.report());
    assertEquals(0, runNanos % 1_000, "whole microseconds: " + result.report());
    assertEquals("removed all 20 events (0 left)", result.steps().get(0));
  }

  @Test
  void cutsTheWorkloadToTheFewestClientsThatStillFail() {
    Case original = failingCase().withClients(40);
    // Fails with at least 7 clients and at least one crash of n2: both must survive shrinking.
    Shrinker.Check crowded =
        Shrinker.Check.of(
            c ->
                c.clients() >= 7
                    && c.schedule().events().stream()
                        .anyMatch(e -> e.fault().equals(Fault.crash("n2"))));
    ShrinkResult result = Shrinker.defaults().shrink(original, crowded);
    assertEquals(7, result.minimal().clients(), result.report());
    assertEquals(1, result.minimal().schedule().size(), result.report());
    assertTrue(result.steps().contains("cut the workload from 40 to 7 clients"), result.report());
    assertNotNull(crowded.failure(result.minimal()));
  }

  @Test
  void neverCutsTheRunInsideAFaultOrItsQuietPeriod() {
    Case original = failingCase();
    long quiet = original.runNanos() - lastEnd(original);
    // Fails whenever n2 crashes at all; a shorter run would keep failing, but must not be tried
    // below the end of the crash plus the original's quiet period.
    Shrinker.Check crashesN2 =
        Shrinker.Check.of(
            c -> c.schedule().events().stream().anyMatch(e -> e.fault().equals(Fault.crash("n2"))));
    ShrinkResult result = Shrinker.defaults().shrink(original, crashesN2);
    Case minimal = result.minimal();
    assertTrue(
        minimal.runNanos() >= lastEnd(minimal) + quiet,
        "run "
            + minimal.runNanos()
            + " ends before the crash's end plus the quiet period "
            + quiet
            + ": "
            + result.report());
  }

  private static long lastEnd(Case c) {
    return c.schedule().events().stream().mapToLong(FaultEvent::endNanos).max().orElse(0);
  }
}
