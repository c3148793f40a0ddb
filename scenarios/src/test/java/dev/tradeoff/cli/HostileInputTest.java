package dev.tradeoff.cli;

import static dev.tradeoff.cli.TradeoffCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.cli.TradeoffCliTest.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs are bad input in one line (exit 64); a JVM error is exit 70 in one line, never
 * exit 1 (which means "an expectation was violated") with a stack trace.
 */
class HostileInputTest {
  @TempDir Path dir;

  private static void oneLineBadInput(Outcome r, String expected) {
    assertEquals(64, r.code(), r.describe());
    assertEquals(1, r.errLines().size(), r.describe());
    assertTrue(r.err().contains(expected), r.describe());
  }

  @Test
  void deeplyNestedHistoriesAreBadInputNotAStackOverflow() throws IOException {
    Path log = dir.resolve("deep.log");
    Files.writeString(
        log,
        "INFO jepsen.util - 3 :invoke :write " + "[".repeat(100_000) + "\n",
        StandardCharsets.UTF_8);
    oneLineBadInput(cli("check", log.toString()), "nested deeper than 100 levels");
    Path edn = dir.resolve("deep.edn");
    Files.writeString(
        edn,
        "{:process 0, :type :invoke, :f :write, :value " + "[".repeat(100_000) + "}",
        StandardCharsets.UTF_8);
    oneLineBadInput(cli("check", edn.toString()), "nested deeper than 100 levels");
  }

  @Test
  void absurdSetPathsAreBadInput() {
    String deep = String.join(".", java.util.Collections.nCopies(20_000, "a")) + "=1";
    oneLineBadInput(
        cli("run", "basics/single-node", "--out", dir.resolve("a").toString(), "--set", deep),
        "segments");
    oneLineBadInput(
        cli(
            "run",
            "basics/single-node",
            "--out",
            dir.resolve("b").toString(),
            "--set",
            "faults.schedule[99999999999].at=1s"),
        "index [99999999999] is out of range");
  }

  @Test
  void invalidUtf8IsPlacedByLineAndColumn() throws IOException {
    Path file = dir.resolve("latin1.json");
    byte[] text = "{\n  \"name\": \"caf\u00e9\"\n}".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, text);
    oneLineBadInput(cli("validate", file.toString()), file + ":2:15: not valid UTF-8 (byte 0xe9");
    oneLineBadInput(cli("check", file.toString()), ":2:15: not valid UTF-8");
  }

  @Test
  void anAbsurdRateIsRefusedBeforeTheRunUnlessTheBudgetIsRaised() {
    String[] absurd = {
      "show-config", "basics/single-node", "--set", "workload.arrivals.rate=1000000/s"
    };
    oneLineBadInput(cli(absurd), "beyond the budget of 20,000,000");
    String[] raised = java.util.Arrays.copyOf(absurd, absurd.length + 2);
    raised[absurd.length] = "--max-operations";
    raised[absurd.length + 1] = "100000000";
    assertEquals(0, cli(raised).code());
    oneLineBadInput(
        cli(
            "run",
            "basics/single-node",
            "--max-operations",
            "0",
            "--out",
            dir.resolve("z").toString()),
        "--max-operations: must be >= 1");
  }

  @Test
  void aTooFineIntervalSaysTheSmallestAllowed() {
    oneLineBadInput(
        cli("show-config", "basics/single-node", "--set", "interval=1ns"),
        "interval: must be at least 1ms, got \"1ns\"");
  }

  @Test
  void anEmptySweepShardIsSaidToBeEmpty() {
    oneLineBadInput(
        cli(
            "sweep",
            "basics/single-node",
            "--param",
            "workload.clients=2,4",
            "--seeds",
            "1..2",
            "--shard",
            "5/10",
            "--out",
            dir.resolve("s").toString()),
        "this shard is empty: the sweep has only 4 runs");
  }

  @Test
  void runningOutOfMemoryIsExitSeventyInOneLine() throws Exception {
    // A separate JVM with a small heap: a run whose history cannot fit.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx48m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    TradeoffCli.class.getName(),
                    "run",
                    "basics/single-node",
                    "--out",
                    dir.resolve("oom").toString(),
                    "--duration",
                    "600s",
                    "--set",
                    "workload.arrivals.rate=20000/s",
                    "--set",
                    "system.workers=64"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(70, p.exitValue(), err);
    assertTrue(err.startsWith("tradeoff: out of memory"), err);
    assertEquals(1, err.strip().lines().count(), err);
  }
}
