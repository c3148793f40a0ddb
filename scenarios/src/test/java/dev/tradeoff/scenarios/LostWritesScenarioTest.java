package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code lost-writes} judges every acknowledged write, so a lost write that a later write of the
 * same key overwrote is still lost; correct stores under the same faults stay quiet.
 */
class LostWritesScenarioTest {
  private static String text(String name) throws IOException {
    try (InputStream in =
        LostWritesScenarioTest.class.getResourceAsStream("/catalog/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static CheckResult lostWrites(String name, long seed, String... sets) throws IOException {
    return lostWritesOf(name, text(name), seed, sets);
  }

  private static CheckResult lostWritesOf(String name, String text, long seed, String... sets) {
    List<String> overrides = new ArrayList<>(List.of(sets));
    overrides.add("seed=" + seed);
    Scenario s = ScenarioReader.read(name, text, overrides);
    return ScenarioRunner.run(s, "test", "test").report().checks().stream()
        .filter(c -> c.checker().equals("lost-writes"))
        .findFirst()
        .orElseThrow();
  }

  private static String replay(String name, long seed, String... sets) {
    return "./tradeoff run " + name + " --seed " + seed + " --set " + String.join(" --set ", sets);
  }

  @Test
  void writesAcknowledgedByADeposedLeaderAreLostThoughLaterWritesOverwroteTheirKeys()
      throws IOException {
    for (long seed = 1; seed <= 3; seed++) {
      CheckResult r = lostWrites("replication/split-brain-no-fencing", seed);
      // 20 keys and hundreds of writes per key: a final-state comparison saw none of these.
      assertTrue(
          r.violations() > 300, replay("replication/split-brain-no-fencing", seed) + ": " + r);
      assertTrue(
          r.witnesses().get(0).contains("acknowledged by db-0 as leader of term 1"), r.toString());
    }
  }

  @Test
  void asyncFailoverLosesWritesEvenWhenFewKeysAreOverwrittenOften() throws IOException {
    for (long seed = 1; seed <= 3; seed++) {
      CheckResult r =
          lostWrites("replication/async-failover-data-loss", seed, "workload.keys.count=20");
      assertTrue(
          r.violations() > 0,
          replay("replication/async-failover-data-loss", seed, "workload.keys.count=20")
              + ": "
              + r);
    }
  }

  @Test
  void aWriteBehindCrashLosesTheUnflushedWritesOfFewKeys() throws IOException {
    for (long seed = 1; seed <= 3; seed++) {
      CheckResult r = lostWrites("cache/write-behind-loss", seed, "workload.keys.count=50");
      assertTrue(
          r.violations() > 100,
          replay("cache/write-behind-loss", seed, "workload.keys.count=50") + ": " + r);
      assertTrue(r.witnesses().get(0).contains("write-behind cache"), r.toString());
    }
  }

  @Test
  void correctStoresUnderTheSameFaultsLoseNothing() throws IOException {
    for (long seed = 1; seed <= 3; seed++) {
      // A fenced leader acknowledges only what a majority holds; sync replication likewise.
      assertEquals(
          Verdict.VALID,
          lostWrites("replication/split-brain-fencing", seed).verdict(),
          "seed " + seed);
      assertEquals(
          Verdict.VALID,
          lostWrites(
                  "replication/async-failover-data-loss",
                  seed,
                  "workload.keys.count=20",
                  "system.mode=sync")
              .verdict(),
          "seed " + seed);
      // The same cache stalled instead of crashed keeps its memory, and flushes it afterwards.
      String stalled =
          text("cache/write-behind-loss")
              .replaceAll(
                  "\\{\"at\": \"5.5s\".*\n.*\n",
                  "{\"at\": \"5.5s\", \"duration\": \"500ms\","
                      + " \"fault\": {\"type\": \"pause\", \"node\": \"cache-0\"}}\n");
      assertTrue(stalled.contains("pause") && !stalled.contains("restart"), stalled);
      assertEquals(
          Verdict.VALID,
          lostWritesOf("cache/write-behind-loss", stalled, seed, "workload.keys.count=50")
              .verdict(),
          "seed " + seed);
    }
  }
}
