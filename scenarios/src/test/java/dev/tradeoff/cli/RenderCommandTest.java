package dev.tradeoff.cli;

import static dev.tradeoff.cli.Folders.files;
import static dev.tradeoff.cli.TradeoffCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.cli.TradeoffCliTest.Outcome;
import dev.tradeoff.reports.ReportJson;
import dev.tradeoff.reports.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tradeoff render}: a run's report.json alone gives its whole folder again, byte for byte;
 * anything that is not a tradeoff.report/1 is one line and exit 64.
 */
class RenderCommandTest {
  @TempDir Path dir;

  /**
   * Catalog runs of every kind: a lag series and a fault window (read-replica-lag), faults with
   * witnesses and a demonstration verdict (split-brain-no-fencing), a partition
   * (partitioned-store), a run without faults (single-node) and a cache with series of mixed units.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "replication/read-replica-lag",
        "replication/split-brain-no-fencing",
        "basics/partitioned-store",
        "basics/single-node",
        "cache/cache-aside-stale-race"
      })
  void everyFileOfARunIsRenderedAgainByteForByte(String name) throws IOException {
    Path ran = dir.resolve("ran");
    Outcome run = cli("run", name, "--out", ran.toString());
    assertTrue(run.code() <= 2, run.describe());
    RunReport record =
        ReportJson.parse(Files.readString(ran.resolve("report.json"), StandardCharsets.UTF_8));
    if (name.equals("replication/read-replica-lag")) {
      assertTrue(record.series().stream().anyMatch(s -> s.group().equals("lag")), name);
      assertTrue(Files.exists(ran.resolve("charts/lag.svg")), name);
    }
    assertEquals(
        !name.equals("basics/single-node") && !name.startsWith("cache/"),
        !record.faults().isEmpty(),
        name + ": faults " + record.faults());

    Path rendered = dir.resolve("rendered");
    Outcome render = cli("render", ran.toString(), "--out", rendered.toString());
    assertEquals(run.code(), render.code(), "the run's verdict: " + render.describe());
    assertEquals(summary(run), summary(render), "the same summary on the console");
    List<String> files = files(ran);
    assertTrue(files.containsAll(List.of("report.json", "summary.txt", "index.html")), name);
    assertTrue(files.stream().anyMatch(f -> f.endsWith(".hgrm")), name + ": " + files);
    assertTrue(files.stream().anyMatch(f -> f.endsWith(".png")), name + ": " + files);
    assertEquals(files, files(rendered));
    for (String f : files) {
      assertArrayEquals(
          Files.readAllBytes(ran.resolve(f)), Files.readAllBytes(rendered.resolve(f)), name + f);
    }

    // From the file itself, into a folder tradeoff wrote before: the same again.
    Outcome again =
        cli("render", ran.resolve("report.json").toString(), "--out", rendered.toString());
    assertEquals(run.code(), again.code(), again.describe());
    assertArrayEquals(
        Files.readAllBytes(ran.resolve("index.html")),
        Files.readAllBytes(rendered.resolve("index.html")));
  }

  @Test
  void anythingButAReportIsOneLineAndExitSixtyFour() throws IOException {
    Path out = dir.resolve("out");
    Path foreign = dir.resolve("sweep.json");
    Files.writeString(foreign, "{\"schema\": \"tradeoff.sweep/1\", \"items\": []}");
    assertBadInput(
        cli("render", foreign.toString(), "--out", out.toString()),
        foreign + ": not a tradeoff.report/1 file (schema tradeoff.sweep/1)");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"schema\": \"tradeoff.report/1\", ");
    assertBadInput(cli("render", broken.toString(), "--out", out.toString()), "not JSON: ");
    Files.writeString(broken, "{\"schema\": \"tradeoff.report/1\"}");
    assertBadInput(
        cli("render", broken.toString(), "--out", out.toString()),
        broken + ": expectations: expected an array");
    Files.write(broken, new byte[] {'{', (byte) 0xff, '}'});
    assertBadInput(cli("render", broken.toString(), "--out", out.toString()), "not valid UTF-8");
    assertBadInput(
        cli("render", dir.resolve("nowhere").toString(), "--out", out.toString()), "cannot read");
    assertBadInput(cli("render", broken.toString()), "--out");
    assertFalse(Files.exists(out), "nothing is written on bad input");
  }

  @Test
  void theOutputFolderIsReplacedOnlyAsTheOtherCommandsReplaceIt() throws IOException {
    Path ran = dir.resolve("ran");
    Outcome run = cli("run", "basics/single-node", "--duration", "1s", "--out", ran.toString());
    assertTrue(run.code() <= 2, run.describe());
    assertBadInput(
        cli("render", ran.toString(), "--out", ran.toString()),
        "--out " + ran + " is the folder being rendered; choose another folder");
    Path mine = dir.resolve("mine");
    Files.createDirectories(mine);
    Files.writeString(mine.resolve("notes.txt"), "keep me");
    Outcome refused = cli("render", ran.toString(), "--out", mine.toString());
    assertEquals(64, refused.code(), refused.describe());
    assertEquals(1, refused.errLines().size(), refused.err());
    assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
    Outcome forced = cli("render", ran.toString(), "--out", mine.toString(), "--force");
    assertEquals(run.code(), forced.code(), forced.describe());
    assertEquals(files(ran), files(mine));
  }

  /** The console text without its last line, which names the folder written. */
  private static String summary(Outcome o) {
    String out = o.out();
    return out.substring(0, out.lastIndexOf("report: "));
  }

  private static void assertBadInput(Outcome r, String expected) {
    assertEquals(64, r.code(), r.describe());
    assertEquals(
        r.err().contains("Try 'tradeoff --help'") ? 2 : 1, r.errLines().size(), r.describe());
    assertTrue(r.err().contains(expected), "expected \"" + expected + "\" in " + r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }
}
