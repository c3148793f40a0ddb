package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.reports.ExpectationResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Read routing with passive health ({@code suspectAfter}): after a follower crashes, reads routed
 * to any replica stop timing out against it within about {@code suspectAfter}, while without health
 * they keep timing out until the run ends.
 */
class ReadHealthTest {
  private static final String NAME = "replication/read-replica-lag";
  private static final long CRASH_NANOS = 3_000_000_000L;

  /** Reads invoked from 1 s after the crash on that ended info (timed out). */
  private static long readsTimedOutLongAfterTheCrash(String reads, String suspectAfter) {
    List<String> sets =
        new ArrayList<>(
            List.of(
                "duration=8s",
                "checkers=[]",
                "expectations=[]",
                "workload.timeout=500ms",
                "system.reads=" + reads,
                "system.suspectAfter=" + suspectAfter,
                "faults.schedule=[{\"at\": \"3s\", \"fault\": {\"type\": \"crash\", \"node\":"
                    + " \"db-2\", \"loseUnsyncedWrites\": false}}]"));
    Scenario s =
        ScenarioReader.read(
            ScenarioCatalog.source(NAME), ScenarioCatalog.text(NAME).orElseThrow(), sets);
    History h = ScenarioRunner.run(s, "test", "test").simulation().history();
    long timedOut = 0;
    for (int op = 0; op < h.size(); op++) {
      if (h.kind(op) == OpKind.READ
          && h.invokeNanos(op) > CRASH_NANOS + 1_000_000_000L
          && h.status(op) == OpStatus.INFO) {
        timedOut++;
      }
    }
    return timedOut;
  }

  @Test
  void withoutHealthReadsKeepTimingOutAgainstACrashedReplica() {
    // A third of the reads invoked in the last 4 s go to db-2 and time out: about 850.
    long blind = readsTimedOutLongAfterTheCrash("any", "0s");
    assertTrue(blind > 600, "timed-out reads without health: " + blind);
  }

  @Test
  void withHealthOnlyProbesReachTheCrashedReplica() {
    for (String reads : List.of("any", "session")) {
      // 8 clients probe db-2 once each 200 ms over 4 s: at most 8 * 21 probes time out.
      long healthy = readsTimedOutLongAfterTheCrash(reads, "200ms");
      assertTrue(healthy <= 8 * 21, reads + ": timed-out reads with health: " + healthy);
    }
  }

  @Test
  void aHeldOkLatencyBoundSaysWhatItLeftOutAndAvailabilityCatchesTheTimeouts() {
    List<String> sets =
        List.of(
            "duration=8s",
            "checkers=[]",
            "expectations=[\"p99(read) < 10ms\", \"availability(read) > 99%\","
                + " \"availability(write) >= 0.99\"]",
            "workload.timeout=500ms",
            "faults.schedule=[{\"at\": \"3s\", \"fault\": {\"type\": \"crash\", \"node\":"
                + " \"db-2\", \"loseUnsyncedWrites\": false}}]");
    Scenario s =
        ScenarioReader.read(
            ScenarioCatalog.source(NAME), ScenarioCatalog.text(NAME).orElseThrow(), sets);
    List<ExpectationResult> e = ScenarioRunner.run(s, "test", "test").report().expectations();
    assertEquals(Verdict.VALID, e.get(0).outcome(), e.get(0).observed());
    assertTrue(
        e.get(0)
            .observed()
            .matches(
                "p99\\(read\\) = [0-9.]+ms \\(of OK reads only: \\d+ of \\d+ failed or timed out\\)"),
        e.get(0).observed());
    assertEquals(Verdict.INVALID, e.get(1).outcome(), e.get(1).observed());
    // a third of the reads of the last 5 s of 8 go to the crashed db-2: about 21% never come back
    double percent =
        Double.parseDouble(
            e.get(1).observed().replaceAll("availability\\(read\\) = ([0-9.]+)%", "$1"));
    assertTrue(percent > 70 && percent < 85, e.get(1).observed());
    assertEquals(
        Verdict.VALID, e.get(2).outcome(), "writes go to the leader: " + e.get(2).observed());
  }
}
