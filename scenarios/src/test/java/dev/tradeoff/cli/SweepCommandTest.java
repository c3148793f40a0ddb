package dev.tradeoff.cli;

import static dev.tradeoff.cli.TradeoffCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.cli.TradeoffCliTest.Outcome;
import dev.tradeoff.reports.SweepJson;
import dev.tradeoff.reports.SweepOp;
import dev.tradeoff.reports.SweepPoint;
import dev.tradeoff.reports.SweepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep} and {@code merge}: sharding, determinism, lossless histograms, bad input. */
class SweepCommandTest {
  private static final String NAME = "basics/single-node";

  /** A small sweep: 2 points x 2 seeds of a 1-second run. */
  private static final String[] SWEEP = {
    NAME,
    "--set",
    "duration=1s",
    "--set",
    "workload.arrivals.rate=300/s",
    // The catalog's expectations describe its own 30-second run at 150/s, not this small one.
    "--set",
    "expectations=[\"violations(linearizability) == 0\"]",
    "--param",
    "workload.clients=2,4",
    "--seeds",
    "1..3",
    "--no-progress"
  };

  @TempDir static Path shared;

  private static Path whole;

  @TempDir Path dir;

  private static Outcome sweep(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("sweep"));
    args.addAll(Arrays.asList(SWEEP));
    args.addAll(List.of("--out", out.toString()));
    args.addAll(Arrays.asList(extra));
    return cli(args.toArray(new String[0]));
  }

  @BeforeAll
  static void runTheWholeSweepOnce() {
    whole = shared.resolve("whole");
    Outcome r = sweep(whole, "--jobs", "2");
    assertEquals(0, r.code(), r.describe());
  }

  /** Same bytes in every file but PNGs, whose rasterising the reports tests check. */
  private static void assertSameFolder(Path expected, Path actual) throws IOException {
    Folders.assertSameFolder(expected, actual, name -> !name.endsWith(".png"));
  }

  @Test
  void theWholeSweepWritesItsFolderAndSummary() throws IOException {
    for (String file :
        List.of(
            "sweep.json",
            "summary.txt",
            "points.csv",
            "index.html",
            "charts/p99.svg",
            "charts/throughput.svg",
            "points/0/latency-read.hgrm",
            "points/1/latency-write.hgrm")) {
      assertTrue(Files.exists(whole.resolve(file)), file);
    }
    String json = Files.readString(whole.resolve("sweep.json"));
    assertTrue(json.startsWith("{\n  \"schema\": \"tradeoff.sweep/1\""), json);
    List<String> csv = Files.readAllLines(whole.resolve("points.csv"));
    assertTrue(csv.get(0).startsWith("point,workload.clients,kind,runs,"), csv.get(0));
    assertEquals(
        List.of("0,2,read,3", "0,2,write,3", "1,4,read,3", "1,4,write,3"),
        csv.subList(1, csv.size()).stream()
            .map(l -> l.substring(0, l.indexOf(",3,") + 2))
            .toList());
    assertTrue(json.contains("\"shard\": null"), json);
    assertTrue(
        Files.readString(whole.resolve("summary.txt")).startsWith("SWEEP: valid - 6 runs"),
        Files.readString(whole.resolve("summary.txt")));
    SweepReport report = SweepJson.parse(json);
    assertEquals(6, report.items().size());
    assertEquals(List.of("4"), report.pointValues(1));
    assertEquals(SweepJson.render(report), json, "parse inverts render");
  }

  @Test
  void mergeOfAThreeWayShardedSweepEqualsTheUnshardedSweep() throws IOException {
    List<String> shards = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path shard = dir.resolve("shard-" + i);
      Outcome r = sweep(shard, "--shard", i + "/3", "--jobs", "1");
      assertEquals(0, r.code(), r.describe());
      assertTrue(
          Files.readString(shard.resolve("sweep.json")).contains("\"shard\": \"" + i + "/3\""));
      shards.add(shard.toString());
    }
    Path merged = dir.resolve("merged");
    List<String> args = new ArrayList<>(List.of("merge"));
    // Any order: the merge sorts the runs by index.
    args.addAll(List.of(shards.get(2), shards.get(0), shards.get(1)));
    args.addAll(List.of("--out", merged.toString()));
    Outcome m = cli(args.toArray(new String[0]));
    assertEquals(0, m.code(), m.describe());
    assertSameFolder(whole, merged);
  }

  @Test
  void resultsDoNotDependOnTheNumberOfJobs() throws IOException {
    Path one = dir.resolve("one");
    Outcome r = sweep(one, "--jobs", "1");
    assertEquals(0, r.code(), r.describe());
    assertSameFolder(whole, one);
  }

  @Test
  void aPointsMergedHistogramIsTheSumOfItsSeedsHistograms() throws IOException {
    SweepReport report = SweepJson.parse(Files.readString(whole.resolve("sweep.json")));
    SweepPoint point = SweepPoint.of(report).get(1);
    for (SweepPoint.Kind kind : point.operations()) {
      Histogram sum = new Histogram(3);
      long count = 0;
      for (var item : report.items()) {
        if (report.pointOf(item.index()) != 1) {
          continue;
        }
        for (SweepOp op : item.operations()) {
          if (op.kind().equals(kind.kind())) {
            Histogram h = op.latencyNanos();
            sum.add(h);
            count += h.getTotalCount();
          }
        }
      }
      assertTrue(count > 0, kind.kind());
      assertEquals(count, kind.latencyNanos().getTotalCount(), kind.kind());
      assertEquals(sum, kind.latencyNanos(), kind.kind());
      for (double p : new double[] {50, 99, 99.9, 100}) {
        assertEquals(sum.getValueAtPercentile(p), kind.latencyNanos().getValueAtPercentile(p));
      }
    }
  }

  @Test
  void progressLinesGoToStderrUnlessTurnedOff() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sweep",
                NAME,
                "--set",
                "duration=500ms",
                "--set",
                "expectations=[]",
                "--seeds",
                "1,2",
                "--out",
                dir.resolve("p").toString()));
    Outcome shown = cli(args.toArray(new String[0]));
    assertEquals(0, shown.code(), shown.describe());
    assertEquals(
        List.of("sweep: 1/2 runs done", "sweep: 2/2 runs done"), shown.errLines(), shown.err());
    assertFalse(shown.out().contains("runs done"), shown.out());
    args.add("--no-progress");
    Outcome quiet = cli(args.toArray(new String[0]));
    assertEquals(0, quiet.code(), quiet.describe());
    assertEquals("", quiet.err());
  }

  @Test
  void exitCodeIsTheWorstVerdict() {
    Outcome r =
        cli(
            "sweep",
            NAME,
            "--set",
            "duration=500ms",
            "--param",
            "expectations=[\"p99(read) < 1us\"],[\"p99(read) < 1s\"]",
            "--seeds",
            "1",
            "--no-progress",
            "--out",
            dir.resolve("x").toString());
    assertEquals(1, r.code(), r.describe());
    assertTrue(r.out().startsWith("SWEEP: invalid - 2 runs: 1 valid, 1 invalid"), r.out());
  }

  private void assertBadInput(Outcome r, String expected) {
    assertEquals(64, r.code(), r.describe());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(expected), "expected \"" + expected + "\" in " + r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void badSweepInputIsOneLineWithExitSixtyFour() {
    Path out = dir.resolve("bad");
    assertBadInput(sweep(out, "--param", "workload.bogus=1,2"), "--param workload.bogus=1,2");
    assertBadInput(
        sweep(out, "--param", "system.workers=1,0"), "--param system.workers=1,0: value \"0\"");
    assertBadInput(sweep(out, "--shard", "3/3"), "--shard 3/3");
    String o = out.toString();
    assertBadInput(cli("sweep", NAME, "--seeds", "5..1", "--out", o), "--seeds 5..1");
    assertBadInput(cli("sweep", NAME, "--seeds", "1,x", "--out", o), "--seeds 1,x");
    assertBadInput(cli("sweep", NAME, "--seeds", "1,2,1", "--out", o), "listed twice");
    assertBadInput(sweep(out, "--param", "seed=1,2"), "--seeds");
    assertBadInput(sweep(out, "--jobs", "0"), "--jobs");
    assertFalse(Files.exists(out), "nothing runs or is written on bad input");
  }

  @Test
  void mergeRefusesMissingDuplicateAndForeignShards() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path other = dir.resolve("other");
    assertEquals(0, sweep(a, "--shard", "0/2").code());
    assertEquals(0, sweep(b, "--shard", "1/2").code());
    Outcome o = sweep(other, "--shard", "1/2", "--set", "workload.clients=3");
    assertEquals(0, o.code(), o.describe());
    Path out = dir.resolve("m");
    assertBadInput(cli("merge", a.toString(), "--out", out.toString()), "missing shard 1/2 of 2");
    assertBadInput(
        cli("merge", a.toString(), a.toString(), "--out", out.toString()), "shard 0/2 given twice");
    assertBadInput(
        cli("merge", a.toString(), other.toString(), "--out", out.toString()),
        "are not shards of one sweep: --set");
    assertBadInput(
        cli("merge", a.toString(), whole.toString(), "--out", out.toString()),
        "are not shards of one sweep: shard count 2 vs 1");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"schema\": \"tradeoff.report/1\"}");
    assertBadInput(
        cli("merge", broken.toString(), "--out", out.toString()), "not a tradeoff.sweep/1");
    assertFalse(Files.exists(out));
    Outcome ok = cli("merge", b.toString(), a.toString(), "--out", out.toString());
    assertEquals(0, ok.code(), ok.describe());
  }
}
