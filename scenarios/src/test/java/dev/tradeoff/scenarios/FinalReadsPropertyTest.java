package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.Op;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.FaultSchedule;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.faults.Property;
import dev.tradeoff.faults.Run;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A final read-only phase after the quiet period ({@code workload.finalReads}) keeps a check of
 * what the run ends with meaningful under shrinking: the phase is measured from the run's end, and
 * the shrinker never cuts into the quiet period, so a shrunk case still ends by reading every key
 * after its faults.
 */
class FinalReadsPropertyTest {
  private static final long MS = 1_000_000L;
  private static final long RUN_NANOS = 4_000 * MS;
  private static final long FINAL_READS_NANOS = 600 * MS;

  private static final String BASE =
      """
      {
        "name": "property/final-reads",
        "description": "a leader/follower group whose workload ends with a read-only phase",
        "observe": "nothing",
        "duration": "4s",
        "drain": "0s",
        "network": {"latency": "shifted(0.2ms, exp(0.3ms))"},
        "system": {
          "pattern": "leader-follower", "replicas": 3, "reads": "leader", "failover": true,
          "heartbeat": "20ms", "electionTimeout": "150ms", "monitor": "50ms"
        },
        "workload": {
          "arrivals": {"type": "poisson", "rate": "300/s"},
          "reads": 0.9,
          "keys": {"type": "uniform", "count": 100},
          "timeout": "300ms",
          "finalReads": "600ms"
        },
        "checkers": ["lost-writes"]
      }
      """;

  private static Run<Store> build(Case c, String mode) {
    List<String> sets = new ArrayList<>();
    sets.add("system.mode=" + mode);
    if (mode.equals("async")) {
      sets.add("system.batch=50ms");
    } else {
      sets.add("system.fencing=true");
    }
    sets.add("seed=" + c.seed());
    sets.add("duration=" + Durations.format(c.runNanos()));
    sets.add("workload.clients=" + c.clients());
    sets.add("workload.keys.count=" + c.parameter("keys"));
    ScenarioRunner.Built built =
        ScenarioRunner.build(ScenarioReader.read("property", BASE, sets), "property");
    return Run.of(c, built.simulation(), built.system());
  }

  /**
   * Each read of the final phase returns a written value that no acknowledged write of its key
   * followed (a write invoked after that value's write was acknowledged; an unacknowledged write
   * may land at any time), or nothing when the key has no acknowledged write; null when all do,
   * else the first that does not. Null also when the phase holds no read, which {@link #finalReads}
   * counts.
   */
  static String staleFinalRead(Run<Store> run) {
    History h = run.simulation().history();
    long phase = run.trial().runNanos() - FINAL_READS_NANOS;
    List<Op> ops = h.ops();
    for (Op read : ops) {
      if (read.kind() != OpKind.READ
          || read.status() != OpStatus.OK
          || read.invokeNanos() < phase) {
        continue;
      }
      Op source = null;
      for (Op w : ops) {
        if (w.kind() == OpKind.WRITE && w.key() == read.key() && w.value() == read.result()) {
          source = w;
        }
      }
      for (Op w : ops) {
        boolean acknowledged = w.kind() == OpKind.WRITE && w.status() == OpStatus.OK;
        if (!acknowledged || w.key() != read.key()) {
          continue;
        }
        // An indeterminate (info) write may take effect at any time after its call, even after
        // a later acknowledged write: only an acknowledged one ends when its answer came.
        boolean followed =
            source == null
                ? read.result() == History.NIL
                : source.status() == OpStatus.OK && w.invokeNanos() > source.completeNanos();
        if (followed) {
          return "final read of key "
              + read.key()
              + " at "
              + read.invokeNanos() / MS
              + " ms returned "
              + (source == null ? "nothing" : "the write of " + read.result())
              + ", but the write of "
              + w.value()
              + " was acknowledged at "
              + w.completeNanos() / MS
              + " ms after it";
        }
      }
    }
    return null;
  }

  /** The number of acknowledged reads in the final phase. */
  static long finalReads(Run<Store> run) {
    long phase = run.trial().runNanos() - FINAL_READS_NANOS;
    return run.simulation().history().ops().stream()
        .filter(op -> op.kind() == OpKind.READ && op.status() == OpStatus.OK)
        .filter(op -> op.invokeNanos() >= phase)
        .count();
  }

  private static Property.Builder<Store> property(String name, String mode) {
    return Property.named(name)
        .nemesis(
            NemesisConfig.builder(List.of("db-0", "db-1", "db-2"), RUN_NANOS)
                .kinds(List.of("crash", "partition"))
                .maxDown(1)
                .eventsPerSecond(2, 2)
                .durationNanos(50 * MS, 800 * MS)
                .quietNanos(1_000 * MS) // the final reads sit in its last 600 ms
                .build())
        .system(c -> build(c, mode))
        .clients(4)
        .parameter("keys", 20, 200) // fewer keys overwrite a lost write sooner
        .invariantOn("final reads happen", run -> finalReads(run) > 0 ? null : "no final read")
        .invariantOn(
            "final reads see every acknowledged write", FinalReadsPropertyTest::staleFinalRead)
        .retryFailures(false);
  }

  @Test
  void syncReplicationReadsEveryAcknowledgedWriteAtTheEnd() {
    property("sync: final reads see every acknowledged write", "sync")
        .tries(25)
        .seed(3_000)
        .build()
        .check();
  }

  @Test
  void asyncReplicationsLostWriteShowsInTheFinalReadsAndShrinksKeepingAFaultAndThePhase() {
    Property<Store> property =
        property("async: final reads see every acknowledged write", "async")
            .tries(60)
            .seed(9_000)
            .build();
    AssertionError e = assertThrows(AssertionError.class, property::check);
    String message = e.getMessage();
    System.out.println(message);
    assertTrue(message.contains("invariant \"final reads see every acknowledged write\""), message);
    // the minimal case still has a fault (the loss needs one) and its final reads
    String minimal = PropertyScenario.minimalCase(message);
    assertTrue(PropertyScenario.minimalFaultEvents(message) >= 1, message);
    assertTrue(minimal.contains("holds  \"final reads happen\""), message);
    assertTrue(message.contains("-Dtradeoff.parameters=keys="), message);
  }

  /**
   * A write that timed out while its leader was cut off (info) landed after a later acknowledged
   * write, and the final reads returned it: linearizable, since an indeterminate write may take
   * effect at any time after its call. Before the invariant knew that, base seed 3,000 failed at
   * case 398 of 1,000 with this minimal case.
   */
  @Test
  void anIndeterminateWriteLandingLateIsNotAStaleFinalRead() {
    String json =
        """
        {"schema": "tradeoff.faults/1", "events": [
          {"atNanos": 34472000, "durationNanos": 1000000,
           "fault": {"kind": "partition", "type": "isolate", "node": "db-0", "mode": "HOLD"}},
          {"atNanos": 469534000, "durationNanos": 149937000,
           "fault": {"kind": "partition", "type": "partition",
                     "sides": [["db-0"], ["db-1", "db-2"]], "mode": "DROP"}},
          {"atNanos": 741328000, "durationNanos": 554546000,
           "fault": {"kind": "partition", "type": "isolate", "node": "db-1", "mode": "HOLD"}}]}
        """;
    Case c =
        new Case(
            3_397,
            FaultSchedule.fromJson(json),
            2_457_330_000L,
            4,
            new TreeMap<>(Map.of("keys", 20L)));
    Run<Store> run = build(c, "sync");
    c.schedule().install(run.simulation());
    run.simulation().runUntil(c.runNanos());
    assertTrue(finalReads(run) > 0, "no final read");
    assertNull(staleFinalRead(run));
    assertEquals(
        OpStatus.INFO,
        PropertyScenario.writeEnded(run, 2, 24),
        "the write the final reads return timed out");
  }
}
