package dev.tradeoff.cli;

import static dev.tradeoff.cli.Folders.assertSameFolder;
import static dev.tradeoff.cli.TradeoffCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.cli.TradeoffCliTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script the Kubernetes Indexed Job and the Slurm array run ({@code
 * docs/distributed/sweep-shard.sh}): 16 shards of a tiny sweep as 16 local processes, one per shard
 * as on 16 pods or array tasks, then its merge step, give byte for byte the folder of the same
 * sweep run unsharded in one process.
 */
class DistributedSweepScriptTest {
  private static final Path SCRIPT = Path.of("..", "docs", "distributed", "sweep-shard.sh");
  private static final int SHARDS = 16;

  /** 2 points x 8 seeds of a half-second run: one run per shard. */
  private static final List<String> SWEEP =
      List.of(
          "basics/single-node",
          "--set",
          "duration=500ms",
          "--set",
          "workload.arrivals.rate=200/s",
          "--set",
          "expectations=[\"violations(linearizability) == 0\"]",
          "--param",
          "workload.clients=2,4",
          "--seeds",
          "1..8",
          "--jobs",
          "1");

  @TempDir Path dir;

  @Test
  void sixteenShardsThroughTheScriptMergeIntoTheUnshardedSweep() throws Exception {
    Path whole = dir.resolve("whole");
    List<String> args = new ArrayList<>(List.of("sweep"));
    args.addAll(SWEEP);
    args.addAll(List.of("--out", whole.toString(), "--no-progress"));
    Outcome unsharded = cli(args.toArray(new String[0]));
    assertEquals(0, unsharded.code(), unsharded.describe());

    Path results = dir.resolve("results");
    List<Step> shards = new ArrayList<>();
    for (int i = 0; i < SHARDS; i++) {
      List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "run"));
      command.addAll(SWEEP);
      shards.add(script(command, results, Map.of("SHARD_INDEX", Integer.toString(i))));
    }
    for (int i = 0; i < SHARDS; i++) {
      assertEquals(0, shards.get(i).exitCode(), "shard " + i + ": " + shards.get(i).log());
    }
    Step merge = script(List.of("bash", SCRIPT.toString(), "merge"), results, Map.of());
    assertEquals(0, merge.exitCode(), merge.log());
    assertSameFolder(whole, results.resolve("merged"));
  }

  @Test
  void aMissingShardIndexIsRefusedWithExitSixtyFour() throws Exception {
    Step step = script(List.of("bash", SCRIPT.toString(), "run", "mm1"), dir, Map.of());
    assertEquals(64, step.exitCode());
    assertTrue(step.log().contains("SHARD_INDEX is not set"), step.log());
  }

  /** A started step of the script and the file its output goes to. */
  private record Step(Process process, Path logFile) {
    int exitCode() throws InterruptedException {
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "a step did not end within 120 s");
      return process.exitValue();
    }

    String log() throws IOException {
      return Files.readString(logFile);
    }
  }

  /** Starts the script as a pod or array task would, tradeoff being this JVM's classpath. */
  private Step script(List<String> command, Path results, Map<String, String> env)
      throws IOException {
    Path log = Files.createTempFile(dir, "step-", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Map<String, String> environment = pb.environment();
    environment.put("SHARD_COUNT", Integer.toString(SHARDS));
    environment.put("RESULTS", results.toString());
    // A quick-starting JVM: each shard is a short run, so start-up dominates.
    environment.put(
        "TRADEOFF",
        String.join(
            " ",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            TradeoffCli.class.getName()));
    environment.putAll(env);
    return new Step(pb.start(), log);
  }
}
