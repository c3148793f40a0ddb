package dev.tradeoff.cli;

import static dev.tradeoff.cli.TradeoffCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.cli.TradeoffCliTest.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story on the command line: a run writes {@code history.jsonl} that {@code tradeoff check}
 * reads and finds non-linearizable where the report does; {@code run --trace FROM..TO} writes the
 * window's messages as JSON lines and as a ShiViz log; {@code tradeoff explain} tells a violation
 * and refuses a number that is not one.
 */
class StoryCommandsTest {
  @TempDir static Path dir;
  private static Path ran;
  private static Outcome run;

  @BeforeAll
  static void runSplitBrain() {
    ran = dir.resolve("split-brain");
    run =
        cli(
            "run",
            "replication/split-brain-no-fencing",
            "--out",
            ran.toString(),
            "--trace",
            "5s..5.02s");
  }

  @Test
  void historyIsWrittenAndCheckReadsIt() throws IOException {
    assertEquals(0, run.code(), run.describe());
    Path history = ran.resolve("history.jsonl");
    assertTrue(Files.size(history) > 0);
    Outcome check =
        cli("check", "--model", "kv", "--max-configurations", "200000", history.toString());
    // The report's linearizability checker found the split brain's stale reads; so does check.
    assertEquals(1, check.code(), check.describe());
    assertTrue(check.out().contains("linearizability: invalid"), check.out());
  }

  @Test
  void traceWindowIsWrittenInBothFormats() throws IOException {
    List<String> lines = Files.readAllLines(ran.resolve("trace.jsonl"), StandardCharsets.UTF_8);
    assertFalse(lines.isEmpty());
    assertTrue(lines.get(0).startsWith("{\"timeMs\":"), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"dropped-by-partition\"")));
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"delivered\"")));
    for (String l : lines) {
      double ms = Double.parseDouble(l.substring(10, l.indexOf(',')));
      // Arrivals of messages sent in the window may come after it; sends never do.
      assertTrue(ms >= 5000, l);
      assertTrue(!l.contains("\"event\":\"sent\"") || ms <= 5020, l);
    }
    List<String> shiviz =
        Files.readAllLines(ran.resolve("trace.shiviz.log"), StandardCharsets.UTF_8);
    assertEquals("(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})", shiviz.get(0));
    assertEquals("", shiviz.get(1));
    assertEquals(2 * lines.size(), shiviz.size() - 2, "two lines per event");
    assertTrue(shiviz.get(3).matches("\\S+ \\{\"[^\"]+\":\\d+.*\\}"), shiviz.get(3));
  }

  @Test
  void explainTellsAViolationAndRefusesOneThatIsNot() {
    Outcome listing = cli("explain", ran.toString());
    assertEquals(0, listing.code(), listing.describe());
    // the first linearizability violation in the numbered list, e.g. "  4. linearizability at …"
    String number =
        listing
            .out()
            .lines()
            .filter(l -> l.matches("\\s+\\d+\\. linearizability at .*"))
            .map(l -> l.trim().substring(0, l.trim().indexOf('.')))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no linearizability violation: " + listing.out()));
    Outcome explain = cli("explain", ran.toString(), "--violation", number);
    assertEquals(0, explain.code(), explain.describe());
    assertTrue(explain.out().contains("violation " + number + " (linearizability)"), explain.out());
    assertTrue(explain.out().contains("answered by db-"), explain.out());
    Outcome bad = cli("explain", ran.resolve("report.json").toString(), "--violation", "99");
    assertEquals(64, bad.code(), bad.describe());
    assertTrue(bad.err().contains("--violation: expected 1.."), bad.err());
  }

  @Test
  void aBadTraceWindowIsRefused() {
    Outcome bad =
        cli("run", "basics/single-node", "--out", dir.resolve("x").toString(), "--trace", "5s");
    assertEquals(64, bad.code(), bad.describe());
    assertTrue(bad.err().contains("--trace: expected FROM..TO"), bad.err());
  }
}
