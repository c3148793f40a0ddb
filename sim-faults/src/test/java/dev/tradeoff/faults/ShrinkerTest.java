package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
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
    // Shortest run first: the run's tail, then its head, are cut before any other pass runs.
    assertTrue(result.steps().get(0).startsWith("cut the run from 10s to "), report);
    assertTrue(result.steps().get(1).startsWith("cut the run's head: "), report);
    assertTrue(!result.exhaustedBudget(), report);
    // The register loses nothing without faults, so no fault-free candidate ever failed.
    assertEquals(ShrinkResult.FaultFree.UNTRIED, result.faultFree(), report);
    System.out.println(report); // the shrunk schedule, for the record

    // Replays on a fresh simulation, also after a JSON round trip.
    FaultSchedule replayed = FaultSchedule.fromJson(minimal.schedule().toJson());
    Case replay = new Case(minimal.seed(), replayed, minimal.runNanos());
    assertNotNull(Register.lostAckedWrite(Register.run(replay, true)), report);
    // And the fixed register survives the same schedule: the failure is the bug, not the faults.
    assertNull(Register.lostAckedWrite(Register.run(replay, false)), report);
  }

  @Test
  void twoPausesThatTouchAreMergedIntoOneWhenNeitherAloneFails() {
    // Fails only when n2 is paused for a whole second without a break: removing either of the two
    // pauses makes it pass, so only merging them shrinks the schedule.
    Shrinker.Check longPause =
        Shrinker.Check.of(
            c ->
                c.schedule().events().stream()
                        .anyMatch(
                            e ->
                                e.fault().equals(new NodeFault.Pause("n2"))
                                    && e.durationNanos() >= 1_000 * MS)
                    || pausedWithoutBreak(c) >= 1_000 * MS);
    FaultSchedule twoPauses =
        new FaultSchedule(
            List.of(
                new FaultEvent(200 * MS, 600 * MS, new NodeFault.Pause("n2")),
                new FaultEvent(800 * MS, 600 * MS, new NodeFault.Pause("n2")),
                new FaultEvent(900 * MS, 300 * MS, new NodeFault.Pause("n1"))));
    ShrinkResult result = Shrinker.defaults().shrink(new Case(7, twoPauses, RUN_NANOS), longPause);
    List<FaultEvent> left = result.minimal().schedule().events();
    assertEquals(1, left.size(), result.report());
    assertEquals(new NodeFault.Pause("n2"), left.get(0).fault(), result.report());
    assertTrue(left.get(0).durationNanos() >= 1_000 * MS, result.report());
    assertTrue(
        result.steps().stream().anyMatch(s -> s.startsWith("merged two \"pause n2\" events")),
        result.report());
  }

  /** The longest stretch in which n2 is paused by one pause or by pauses that touch. */
  private static long pausedWithoutBreak(Case c) {
    long best = 0;
    long start = -1;
    long end = -1;
    for (FaultEvent e : c.schedule().events()) {
      if (!e.fault().equals(new NodeFault.Pause("n2")) || !e.isReverted()) {
        continue;
      }
      if (start >= 0 && e.atNanos() <= end) {
        end = Math.max(end, e.endNanos());
      } else {
        start = e.atNanos();
        end = e.endNanos();
      }
      best = Math.max(best, end - start);
    }
    return best;
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
    // The prefix pass goes first: its shortest failing run keeps the first event, which goes later.
    assertTrue(result.steps().get(0).startsWith("cut the run from 10s to "), result.report());
    assertTrue(result.steps().contains("removed all 1 events (0 left)"), result.report());
    assertTrue(result.failsWithoutFaults(), result.report());
  }

  @Test
  void aCheckThatFailsWithoutFaultsAtAnyLengthShrinksToNoFaultsAndSaysSo() {
    Case original = failingCase().withClients(3);
    Recording always = new Recording(Shrinker.Check.of(c -> true));
    ShrinkResult result = Shrinker.defaults().shrink(original, always);
    Case minimal = result.minimal();
    assertEquals(0, minimal.schedule().size(), result.report());
    assertEquals(Shrinker.defaults().minRunNanos(), minimal.runNanos(), result.report());
    assertEquals(1, minimal.clients(), result.report());
    assertEquals(ShrinkResult.FaultFree.FAILS, result.faultFree(), result.report());
    assertTrue(
        result
            .report()
            .contains("the property fails without faults too: the minimal case has none"),
        result.report());
    // The fault-free original was run once, to decide: same seed, run length and clients.
    assertTrue(
        always.cases.contains(original.withSchedule(FaultSchedule.empty())), result.report());
  }

  @Test
  void aCheckThatFailsWithoutFaultsOnlyOnShortRunsIsNotShrunkToNoFaults() {
    Case original = failingCase();
    // Fails when n2 crashes, and also on any run shorter than 2 s, faults or not: the second is
    // what a final-state check does when a cut run ends before the system settles.
    Shrinker.Check shortOrCrash =
        Shrinker.Check.of(
            c ->
                c.runNanos() < 2_000 * MS
                    || c.schedule().events().stream()
                        .anyMatch(e -> e.fault().equals(Fault.crash("n2"))));
    ShrinkResult result = Shrinker.defaults().shrink(original, shortOrCrash);
    Case minimal = result.minimal();
    assertEquals(1, minimal.schedule().size(), result.report());
    assertEquals(Fault.crash("n2"), minimal.schedule().events().get(0).fault(), result.report());
    assertEquals(ShrinkResult.FaultFree.PASSES, result.faultFree(), result.report());
    assertTrue(
        result
            .report()
            .contains("without faults the case passes, so every candidate kept at least one fault"),
        result.report());

    // Without the rule (the order before it), the artefact wins: a short run without faults.
    ShrinkResult before =
        Shrinker.defaults().shrink(original, shortOrCrash, Shrinker.Plan.BEFORE_SHORTEST_RUN_FIRST);
    assertEquals(0, before.minimal().schedule().size(), before.report());
  }

  @Test
  void theMemoAnswersRepeatedCandidatesWithoutRunningThemAndChangesNothing() {
    Case original = failingCase();
    Recording withMemo = new Recording(BUGGY);
    ShrinkResult memo = Shrinker.defaults().shrink(original, withMemo);
    ShrinkResult plain = Shrinker.defaults().shrink(original, BUGGY, Shrinker.Plan.WITHOUT_MEMO);

    assertTrue(memo.memoHits() > 0, memo.report());
    assertEquals(plain.minimal(), memo.minimal(), memo.report());
    assertEquals(plain.steps(), memo.steps(), memo.report());
    assertEquals(plain.failure(), memo.failure(), memo.report());
    // Every candidate the memo answered would have been one more run.
    assertEquals(plain.runs(), memo.runs() + memo.memoHits(), memo.report());
    assertTrue(memo.report().contains(memo.memoHits() + " repeated candidates"), memo.report());
    // With the memo no case runs twice, and each run is counted (the original's too).
    assertEquals(memo.runs(), withMemo.cases.size(), memo.report());
    assertEquals(withMemo.cases.size(), new HashSet<>(withMemo.cases).size(), memo.report());
  }

  @Test
  void shortestRunFirstTakesFewerAndShorterRunsThanTheOrderBefore() {
    Case original = failingCase();
    Recording now = new Recording(BUGGY);
    Recording before = new Recording(BUGGY);
    ShrinkResult fast = Shrinker.defaults().shrink(original, now);
    ShrinkResult slow =
        Shrinker.defaults().shrink(original, before, Shrinker.Plan.BEFORE_SHORTEST_RUN_FIRST);
    String both = "now: " + fast.report() + "\nbefore: " + slow.report();

    // Measured on this case: 130 runs (and 24 memo answers) now, 604 before.
    assertTrue(2 * fast.runs() <= slow.runs(), both);
    // Runs cost about their simulated length; measured: 223 s simulated in all now, 2573 s before.
    assertTrue(8 * now.simulatedNanos() <= before.simulatedNanos(), both);
    // The same essence either way.
    for (ShrinkResult r : List.of(fast, slow)) {
      assertEquals(Set.of("crash", "partition"), r.minimal().schedule().kinds(), both);
      assertEquals(2, r.minimal().schedule().size(), both);
    }
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
  void neverTriesARunThatEndsInsideAFaultOrItsQuietPeriod() {
    Case original = failingCase();
    long quiet = original.runNanos() - lastEnd(original);
    // Fails whenever n2 crashes at all; a shorter run would keep failing, but must not be tried
    // below the end of the crash plus the original's quiet period.
    Shrinker.Check crashesN2 =
        Shrinker.Check.of(
            c -> c.schedule().events().stream().anyMatch(e -> e.fault().equals(Fault.crash("n2"))));
    Recording recording = new Recording(crashesN2);
    ShrinkResult result = Shrinker.defaults().shrink(original, recording);
    Case minimal = result.minimal();
    assertTrue(
        minimal.runNanos() >= lastEnd(minimal) + quiet,
        "run "
            + minimal.runNanos()
            + " ends before the crash's end plus the quiet period "
            + quiet
            + ": "
            + result.report());
    // Nor did any candidate with faults, the shortest-prefix ones included.
    for (Case tried : recording.cases) {
      assertTrue(
          tried.schedule().isEmpty() || tried.runNanos() >= lastEnd(tried) + quiet,
          "tried " + tried + "\n" + result.report());
    }
  }

  /** A check that records every case it runs, in order. */
  private static final class Recording implements Shrinker.Check {
    final Shrinker.Check check;
    final List<Case> cases = new ArrayList<>();

    Recording(Shrinker.Check check) {
      this.check = check;
    }

    @Override
    public String failure(Case c) {
      cases.add(c);
      return check.failure(c);
    }

    /** The simulated time of every run: what a run costs, about. */
    long simulatedNanos() {
      return cases.stream().mapToLong(Case::runNanos).sum();
    }
  }

  private static long lastEnd(Case c) {
    return c.schedule().events().stream().mapToLong(FaultEvent::endNanos).max().orElse(0);
  }
}
