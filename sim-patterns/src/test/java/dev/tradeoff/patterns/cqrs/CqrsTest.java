package dev.tradeoff.patterns.cqrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.check.events.Applied;
import dev.tradeoff.core.check.events.Change;
import dev.tradeoff.core.check.events.Published;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The {@code cqrs} pattern records what happened and its checkers judge it: each checker fires on
 * the broken variant and stays quiet on the sound one under the same faults, the recorded facts
 * agree with the disks, and a seed replays byte for byte.
 */
class CqrsTest {
  private static final long MS = CqrsRig.MS;

  /** cqrs-service-0 crashes a dozen times, 200 ms each, at uneven instants. */
  private static final Consumer<Simulation> SERVICE_CRASHES =
      CqrsRig.crashes(
          "cqrs-service-0",
          200,
          2.0,
          2.61,
          3.23,
          3.87,
          4.52,
          5.19,
          5.87,
          6.56,
          7.27,
          7.99,
          8.72,
          9.46);

  /** cqrs-projector-0 crashes at 3 s for 2 s, after applying events it has not committed. */
  private static final Consumer<Simulation> PROJECTOR_CRASH =
      CqrsRig.crashes("cqrs-projector-0", 2_000, 3.0);

  private static CqrsRig run(long seed, Map<String, Object> overrides, Consumer<Simulation> f) {
    Map<String, Object> values = new HashMap<>(Map.of("relayInterval", 10 * MS));
    values.putAll(overrides);
    return CqrsRig.run(seed, 10, 1000, 0.2, values, f);
  }

  private static void assertFires(CqrsRig rig, String checker) {
    CheckResult r = rig.check(checker);
    assertEquals(Verdict.INVALID, r.verdict(), r.toString());
    assertTrue(r.violations() > 0, r.toString());
  }

  private static void assertQuiet(CqrsRig rig, String checker) {
    CheckResult r = rig.check(checker);
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
  }

  @Test
  void aDualWriteLosesWhatItsSendBufferHeldAtACrashAndTheOutboxLosesNothing() {
    for (long seed = 1; seed <= 2; seed++) {
      CqrsRig dual = run(seed, Map.of("publish", "dual-write", "linger", 10 * MS), SERVICE_CRASHES);
      assertFires(dual, "lost-events");
      assertTrue(
          dual.check("lost-events").witnesses().get(0).contains("the log never received it"),
          dual.check("lost-events").toString());
      assertQuiet(dual, "phantom-events");

      CqrsRig outbox = run(seed, Map.of("publish", "outbox"), SERVICE_CRASHES);
      for (String c : List.of("lost-events", "phantom-events", "duplicate-effects")) {
        assertQuiet(outbox, c);
      }
      assertQuiet(outbox, "read-model-convergence");
    }
  }

  /**
   * A seed whose crash falls between publishing a batch and marking it (seeds 1 to 7 crash
   * elsewhere: the window is a few milliseconds of every relay interval).
   */
  private static final long CAUGHT_UNMARKED = 8;

  @Test
  void theOutboxRepublishesABatchACrashCaughtUnmarkedAndTheIdempotentReadModelSkipsIt() {
    CqrsRig outbox = run(CAUGHT_UNMARKED, Map.of("publish", "outbox"), SERVICE_CRASHES);
    List<Published> log = outbox.system.finalLog();
    Set<Long> seen = new HashSet<>();
    long repeats = log.stream().filter(p -> !seen.add(p.eventId())).count();
    assertTrue(repeats > 0, "no event published twice");
    assertEquals(repeats, outbox.system.facts().duplicatesSkipped());
    assertQuiet(outbox, "duplicate-effects");

    // The same duplicates reach a naive read model and are applied again.
    CqrsRig naive =
        run(CAUGHT_UNMARKED, Map.of("publish", "outbox", "consumer", "naive"), SERVICE_CRASHES);
    assertFires(naive, "duplicate-effects");
    assertFires(naive, "read-model-convergence");
  }

  @Test
  void aTailingRelayPublishesAtOnceLosesNothingAndRepublishesWhatItHadNotMarked() {
    Map<String, Object> tailing = Map.of("publish", "outbox", "relay", "tailing");
    CqrsRig tail = run(1, tailing, SERVICE_CRASHES);
    for (String c : List.of("lost-events", "phantom-events", "duplicate-effects")) {
      assertQuiet(tail, c);
    }
    assertQuiet(tail, "read-model-convergence");
    CqrsRig poll = run(1, Map.of("publish", "outbox"), SERVICE_CRASHES);
    // It marks only every relayInterval, so a crash finds more rows published and unmarked.
    assertTrue(
        tail.system.facts().duplicatesSkipped() > poll.system.facts().duplicatesSkipped(),
        tail.system.facts().duplicatesSkipped() + " vs " + poll.system.facts().duplicatesSkipped());
    // And it does not wait for a poll: events show sooner.
    assertTrue(
        visibilityNanos(tail) < visibilityNanos(poll),
        visibilityNanos(tail) + " vs " + visibilityNanos(poll));
  }

  private static double visibilityNanos(CqrsRig rig) {
    return (double) rig.system.facts().visibilityNanos() / rig.system.facts().visibilityCount();
  }

  @Test
  void publishingFirstInventsEventsForChangesTheCrashKeptFromCommitting() {
    CqrsRig first = run(1, Map.of("publish", "dual-write-log-first"), SERVICE_CRASHES);
    assertFires(first, "phantom-events");
    assertQuiet(first, "lost-events");
    Set<Long> committed = new HashSet<>();
    first.system.finalChanges().forEach(c -> committed.add(c.eventId()));
    assertTrue(
        first.system.finalLog().stream().anyMatch(p -> !committed.contains(p.eventId())),
        "no uncommitted event in the log");

    CqrsRig outbox = run(1, Map.of("publish", "outbox"), SERVICE_CRASHES);
    assertQuiet(outbox, "phantom-events");
  }

  @Test
  void aNaiveReadModelAppliesTheEventsAProjectorCrashRedeliversAndAnIdempotentOneSkipsThem() {
    Map<String, Object> slowCommits = Map.of("commitInterval", 1_000 * MS);
    Map<String, Object> naive = new HashMap<>(slowCommits);
    naive.put("consumer", "naive");
    CqrsRig broken = run(1, naive, PROJECTOR_CRASH);
    assertFires(broken, "duplicate-effects");
    assertFires(broken, "read-model-convergence");
    assertFires(broken, "aggregate-order"); // the replay took rows back to older versions
    assertEquals(0, broken.system.facts().duplicatesSkipped());

    CqrsRig sound = run(1, slowCommits, PROJECTOR_CRASH);
    for (String c :
        List.of("duplicate-effects", "read-model-convergence", "aggregate-order", "lost-events")) {
      assertQuiet(sound, c);
    }
    assertTrue(sound.system.facts().duplicatesSkipped() > 0, "nothing was redelivered");
  }

  @Test
  void eventsKeyedByEventIdArriveOutOfOrderAndAVersionGuardKeepsRowsFromGoingBack() {
    Map<String, Object> byEvent = Map.of("partitionKey", "event", "projectors", 3L);
    CqrsRig overwrite = CqrsRig.run(1, 8, 1000, 0.2, byEvent, sim -> {});
    assertFires(overwrite, "aggregate-order");

    Map<String, Object> guarded = new HashMap<>(byEvent);
    guarded.put("apply", "version-guard");
    CqrsRig guard = CqrsRig.run(1, 8, 1000, 0.2, guarded, sim -> {});
    assertQuiet(guard, "aggregate-order");
    assertQuiet(guard, "read-model-convergence");
    // An event the guard absorbed reached the read model: delivered, not lost.
    assertTrue(guard.system.reached().size() > guard.system.applied().size());
    assertQuiet(guard, "lost-events");

    CqrsRig byAggregate = CqrsRig.run(1, 8, 1000, 0.2, Map.of("projectors", 3L), sim -> {});
    assertQuiet(byAggregate, "aggregate-order");
    assertQuiet(byAggregate, "read-model-convergence");
  }

  @Test
  void readsWaitForTheClientsVersionOrGoToTheWriteModelWhileAProjectorIsSlow() {
    Consumer<Simulation> slow =
        sim ->
            sim.schedule(
                3_000 * MS,
                () -> {
                  int id = sim.nodeId("cqrs-projector-0");
                  sim.pause(id, 3_000 * MS);
                });
    CqrsRig none = CqrsRig.run(1, 8, slow, "none");
    assertEquals(Verdict.INVALID, none.history("read-your-writes").verdict());

    for (String mode : List.of("wait-for-version", "write-model")) {
      CqrsRig ryw = CqrsRig.run(1, 8, slow, mode);
      CheckResult r = ryw.history("read-your-writes");
      assertEquals(Verdict.VALID, r.verdict(), mode + ": " + r);
    }
  }

  @Test
  void theRecordedFactsAgreeWithTheDatabasesAndTheLog() {
    CqrsRig rig = run(1, Map.of("publish", "outbox"), SERVICE_CRASHES);
    CqrsSystem s = rig.system;
    // Every committed change the clients saw acknowledged is in a service's database.
    assertTrue(s.finalChanges().size() >= rig.count(OpKind.WRITE, OpStatus.OK));
    // Versions per aggregate run 1, 2, … n in commit order.
    Map<Long, Long> last = new TreeMap<>();
    for (Change c : s.finalChanges()) {
      assertEquals(last.getOrDefault(c.aggregate(), 0L) + 1, c.version(), c.toString());
      last.put(c.aggregate(), c.version());
    }
    // The read model's rows count exactly the effects recorded, and show the last one applied.
    Map<Long, Long> effects = new TreeMap<>();
    Map<Long, Long> lastValue = new TreeMap<>();
    for (Applied a : s.applied()) {
      effects.merge(a.aggregate(), 1L, Long::sum);
      lastValue.put(a.aggregate(), a.value());
    }
    s.readRows()
        .forEach(
            (aggregate, row) -> {
              assertEquals(effects.get(aggregate), row.events(), "aggregate " + aggregate);
              assertEquals(lastValue.get(aggregate), row.value(), "aggregate " + aggregate);
              assertEquals(last.get(aggregate), row.version(), "aggregate " + aggregate);
            });
    assertEquals(last.keySet(), s.readRows().keySet());
    // The staleness measurement covers every committed change.
    CheckResult staleness = rig.check("read-model-staleness");
    assertEquals(Verdict.VALID, staleness.verdict());
    assertTrue(
        staleness.detail().startsWith(s.finalChanges().size() + " changes"), staleness.detail());
    assertNotEquals(List.of(), staleness.visibility());
  }

  @Test
  void aSeedReplaysTheSameRunAndTheSameVerdicts() {
    Map<String, Object> o = Map.of("publish", "dual-write", "consumer", "naive");
    CqrsRig a = run(7, o, SERVICE_CRASHES);
    CqrsRig b = run(7, o, SERVICE_CRASHES);
    assertEquals(a.sim.traceHash(), b.sim.traceHash());
    assertEquals(a.sim.history().hash(), b.sim.history().hash());
    for (String c : a.system.checkerNames()) {
      assertEquals(a.check(c).toString(), b.check(c).toString(), c);
    }
    assertEquals(a.system.finalLog(), b.system.finalLog());
  }
}
