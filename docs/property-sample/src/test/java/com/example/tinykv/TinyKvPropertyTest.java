package com.example.tinykv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Linearizability;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.faults.NodeFault;
import dev.tradeoff.faults.Property;
import dev.tradeoff.faults.Run;
import dev.tradeoff.faults.junit.SimulationProperty;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TinyKv under power losses. Found: acknowledging a write before the disk sync loses it when the
 * power goes, and the harness shrinks a random schedule down to that one crash. Fixed: syncing
 * first keeps every read linearizable under the same faults.
 */
class TinyKvPropertyTest {
  private static final long MS = 1_000_000L;

  /** Crashes (power losses or process crashes) and restarts of the store, at random. */
  private static NemesisConfig crashes() {
    return NemesisConfig.builder(List.of("kv"), 3_000 * MS)
        .kinds(List.of("crash"))
        .maxDown(1)
        .eventsPerSecond(1, 3)
        .durationNanos(20 * MS, 300 * MS)
        .quietNanos(500 * MS)
        .build();
  }

  private static Property.Builder<TinyKvRuns.Setup> tinyKv(boolean syncBeforeAck) {
    return Property.named(syncBeforeAck ? "tinykv, sync before ack" : "tinykv, ack before sync")
        .nemesis(crashes())
        .system(c -> TinyKvRuns.build(c, syncBeforeAck))
        .clients(3)
        .label(
            "power lost",
            run ->
                run.trial().schedule().events().stream()
                    .anyMatch(e -> e.fault() instanceof NodeFault.Crash c && c.loseUnsyncedWrites()));
  }

  /** The setup of the fixed store, for the property below. */
  static Property.Builder<TinyKvRuns.Setup> fixed() {
    return tinyKv(true).minShare("power lost", 0.3);
  }

  /** The fixed store: every history is linearizable, whatever the crashes. */
  @SimulationProperty(setup = "fixed", tries = 40, seed = 100)
  void readsAreLinearizableUnderPowerLoss(Run<TinyKvRuns.Setup> run) {
    CheckResult result =
        Linearizability.check(run.simulation().history(), Linearizability.Model.KV);
    assertEquals(Verdict.VALID, result.verdict(), result.toString());
  }

  /** The bug as first written: found, and shrunk to the one power loss that shows it. */
  @Test
  void ackingBeforeTheSyncLosesWritesOnPowerLoss() {
    Property<TinyKvRuns.Setup> buggy =
        tinyKv(false)
            .invariant(
                "linearizable",
                sim -> {
                  CheckResult r = Linearizability.check(sim.history(), Linearizability.Model.KV);
                  return r.verdict() == Verdict.INVALID ? r.toString() : null;
                })
            .tries(40)
            .seed(100)
            .retryFailures(false) // this test reads where the failure was found
            .build();
    AssertionError e = assertThrows(AssertionError.class, buggy::check);
    String message = e.getMessage();
    System.out.println(message); // what a test author reads when the property fails
    // a power loss (not a process crash, which keeps unsynced writes) is all it takes
    String minimal = message.substring(message.indexOf("minimal case:"));
    assertTrue(minimal.contains(", 1 fault events:"), message);
    assertTrue(minimal.contains(": crash kv\n"), message);
    assertTrue(message.contains("-Dtradeoff.schedule="), message);
  }
}
