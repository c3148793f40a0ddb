package dev.tradeoff.cli;

import static dev.tradeoff.cli.TradeoffCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.cli.TradeoffCliTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}, {@code validate}, {@code show-config} and {@code replay} on scenario files. */
class ScenarioCommandsTest {
  private static final String NAME = "basics/partitioned-store";

  @TempDir Path dir;

  private Outcome run(Path out, String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "run";
    args[1] = NAME;
    args[2] = "--out";
    args[3] = out.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return cli(args);
  }

  @Test
  void runWritesTheReportFolderAndPrintsTheSummaryVerdictFirst() throws IOException {
    Path out = dir.resolve("a");
    Outcome r = run(out, "--seed", "3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("VERDICT: valid"), r.out());
    assertTrue(r.out().contains("./tradeoff run basics/partitioned-store --seed 3"), r.out());
    for (String file :
        new String[] {"report.json", "summary.txt", "index.html", "latency-read.hgrm", "charts"}) {
      assertTrue(Files.exists(out.resolve(file)), file);
    }
    assertTrue(r.out().startsWith(Files.readString(out.resolve("summary.txt"))), r.out());
  }

  @Test
  void outNeverDeletesWhatTradeoffDidNotWrite() throws IOException {
    Path mine = Files.createDirectory(dir.resolve("p"));
    Files.writeString(mine.resolve("thesis.txt"), "x");
    for (String[] command :
        new String[][] {
          {"run", NAME, "--out", mine.toString()},
          {"sweep", NAME, "--param", "workload.clients=2,4", "--out", mine.toString()},
          {
            "compare",
            NAME,
            "--variant",
            "workload.clients=2",
            "--variant",
            "workload.clients=4",
            "--out",
            mine.toString()
          }
        }) {
      Outcome r = cli(command);
      assertEquals(64, r.code(), command[0] + ": " + r.err());
      assertTrue(r.err().contains("thesis.txt") && r.err().contains("--force"), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertEquals("x", Files.readString(mine.resolve("thesis.txt")));
    }
    Outcome here = run(Path.of("."), "--force");
    assertEquals(64, here.code(), here.err());
    assertTrue(here.err().contains("the working directory"), here.err());
    Outcome forced = run(mine, "--force");
    assertEquals(0, forced.code(), forced.err());
    assertFalse(Files.exists(mine.resolve("thesis.txt")));
  }

  @Test
  void manySeedsJudgeEachExpectationOnEveryOneAndReplayTheFailures() throws IOException {
    Path out = dir.resolve("seeds");
    Outcome held = run(out, "--seeds", "1..3");
    assertEquals(0, held.code(), held.out() + held.err());
    assertTrue(held.out().contains("[held on 3/3]  violations(linearizability) == 0"), held.out());
    assertTrue(Files.exists(out.resolve("report.json")));
    // A bound that seed 1 meets and others may not: every seed is judged, each failure replayed.
    Outcome strict =
        run(
            dir.resolve("strict"),
            "--seeds",
            "1..3",
            "--set",
            "expectations[1]=info(write) > 1000000");
    assertEquals(1, strict.code(), strict.out() + strict.err());
    assertTrue(
        strict.out().contains("[VIOLATED, held on 0/3]  info(write) > 1000000"), strict.out());
    for (int seed = 1; seed <= 3; seed++) {
      assertTrue(
          strict
              .out()
              .contains(
                  "./tradeoff run basics/partitioned-store --set 'expectations[1]=info(write) > 1000000'"
                      + " --seed "
                      + seed),
          strict.out());
    }
    Outcome both = run(dir.resolve("both"), "--seeds", "1..3", "--seed", "2");
    assertEquals(64, both.code(), both.err());
    assertTrue(both.err().contains("--seed (or --set seed=N) and --seeds"), both.err());
    Outcome viaSet = run(dir.resolve("both2"), "--seeds", "1..3", "--set", "seed=2");
    assertEquals(64, viaSet.code(), viaSet.err());
    Outcome twice = run(dir.resolve("both3"), "--seeds", "1..3", "--check-determinism");
    assertEquals(64, twice.code(), twice.err());
  }

  @Test
  void theSameScenarioAndSeedGiveByteIdenticalReports() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, run(a, "--seed", "5").code());
    assertEquals(0, run(b, "--seed", "5").code());
    for (String file : new String[] {"report.json", "summary.txt", "charts/latency.svg"}) {
      assertArrayEquals(
          Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
    }
    Path c = dir.resolve("c");
    assertEquals(0, run(c, "--seed", "6").code());
    assertFalse(
        Files.readString(a.resolve("report.json"))
            .equals(Files.readString(c.resolve("report.json"))),
        "another seed must give another run");
  }

  @Test
  void exitCodesFollowTheVerdict() {
    Outcome violated = run(dir.resolve("v"), "--set", "expectations=[\"p99(read) < 1us\"]");
    assertEquals(1, violated.code(), violated.out() + violated.err());
    assertTrue(violated.out().startsWith("VERDICT: invalid"), violated.out());
    Outcome undecided =
        run(
            dir.resolve("u"),
            "--set",
            "workload.reads=0",
            "--set",
            "expectations=[\"p99(read) < 1s\"]");
    assertEquals(2, undecided.code(), undecided.out() + undecided.err());
  }

  @Test
  void replayConfirmsEveryFieldAndNamesTheFirstTamperedOne() throws IOException {
    Path out = dir.resolve("r");
    assertEquals(0, run(out, "--seed", "9", "--set", "workload.clients=4").code());
    Outcome replay = cli("replay", out.resolve("report.json").toString());
    assertEquals(0, replay.code(), replay.err());
    assertTrue(replay.out().contains("seed 9: every field of the report matches"), replay.out());

    String json = Files.readString(out.resolve("report.json"));
    String[][] tamperings = {
      {"\"traceHash\": \"[0-9a-f]{16}\"", "\"traceHash\": \"0000000000000000\"", "traceHash:"},
      {"\"verdict\": \"valid\"", "\"verdict\": \"invalid\"", "verdict:"},
      {"\"seed\": 9,", "\"seed\": 10,", "seed:"},
      {"\"version\": \"[^\"]*\"", "\"version\": \"9.9\"", "tool.version:"},
      // A changed configuration changes the hash, which covers the effective scenario.
      {"\"clients\": 4,", "\"clients\": 5,", "traceHash:"},
    };
    for (String[] t : tamperings) {
      String tampered = json.replaceFirst(t[0], t[1]);
      assertTrue(!tampered.equals(json), t[0]);
      Path bad = dir.resolve("tampered.json");
      Files.writeString(bad, tampered);
      Outcome diverged = cli("replay", bad.toString());
      assertEquals(70, diverged.code(), t[0] + ": " + diverged.out());
      assertTrue(diverged.err().contains("differs from the report: " + t[2]), diverged.err());
    }
  }

  @Test
  void replayAcceptsAReportWrittenBeforeHistogramsWereKeptButNotAChangedOne() throws IOException {
    Path out = dir.resolve("old");
    assertEquals(0, run(out, "--seed", "3", "--set", "workload.clients=4").code());
    String json = Files.readString(out.resolve("report.json"));
    String old = json.replaceAll(",\\n\\s*\"histogram\": \"[^\"]*\"", "");
    assertTrue(!old.equals(json) && !old.contains("histogram"), "no histogram to strip");
    Path before = dir.resolve("before.json");
    Files.writeString(before, old);
    Outcome replay = cli("replay", before.toString());
    assertEquals(0, replay.code(), replay.out() + replay.err());
    Path changed = dir.resolve("changed.json");
    Files.writeString(changed, old.replaceFirst("\"seed\": 3,", "\"seed\": 4,"));
    assertEquals(70, cli("replay", changed.toString()).code());
  }

  @Test
  void runsOfDifferentConfigurationsNeverShareATraceHash() {
    // The two multi-leader scenarios once shared one: same events, different conflict policy.
    Outcome lww =
        cli("run", "replication/multi-leader-lww-skew", "--out", dir.resolve("a").toString());
    Outcome vv =
        cli(
            "run",
            "replication/multi-leader-version-vectors",
            "--out",
            dir.resolve("b").toString());
    String a = lww.out().lines().filter(l -> l.startsWith("trace")).findFirst().orElseThrow();
    String b = vv.out().lines().filter(l -> l.startsWith("trace")).findFirst().orElseThrow();
    assertTrue(!a.equals(b), a + " / " + b);
  }

  @Test
  void validateAndShowConfig() throws IOException {
    Outcome shown = cli("show-config", NAME, "--set", "workload.clients=3", "--seed", "11");
    assertEquals(0, shown.code(), shown.err());
    assertTrue(shown.out().contains("\"seed\": 11"), shown.out());
    Path effective = dir.resolve("effective.json");
    Files.writeString(effective, shown.out());
    Outcome ok = cli("validate", effective.toString(), NAME);
    assertEquals(0, ok.code(), ok.err());
    assertEquals(2, ok.out().lines().filter(l -> l.startsWith("ok: ")).count(), ok.out());

    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, shown.out().replace("\"seed\": 11", "\"seed\": \"eleven\""));
    Outcome bad = cli("validate", effective.toString(), broken.toString());
    assertEquals(64, bad.code(), bad.out());
    assertTrue(
        bad.err().contains(broken + ":5:11: seed: expected an integer, got \"eleven\""), bad.err());
    assertFalse(bad.err().contains("\tat "), bad.err());
  }

  @Test
  void badInputIsOneLineWithExitSixtyFourAndLeavesAnEarlierReportIntact() throws IOException {
    Path out = dir.resolve("keep");
    assertEquals(0, run(out).code());
    byte[] before = Files.readAllBytes(out.resolve("report.json"));
    for (String[] args :
        new String[][] {
          {"run", "no/such-scenario", "--out", out.toString()},
          {"run", NAME, "--out", out.toString(), "--set", "duration=-5ms"},
          {"run", NAME, "--out", out.toString(), "--set", "faults.schedule[0].fault.node=nobody"},
          {"show-config", NAME, "--set", "workload.clients=0"},
        }) {
      Outcome r = cli(args);
      assertEquals(64, r.code(), String.join(" ", args) + "\n" + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
    assertArrayEquals(before, Files.readAllBytes(out.resolve("report.json")));
  }

  @Test
  void checkDeterminismRebuildsTheSystemForEachRun() {
    // A multi-leader store may be added to one simulation only: the check must read it afresh.
    Outcome r = cli("run", "replication/multi-leader-lww-skew", "--check-determinism");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("deterministic: seed 1"), r.out());
  }

  @Test
  void checkDeterminismRunsTheScenarioTwice() {
    Outcome r = cli("run", NAME, "--check-determinism", "--seed", "4");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("deterministic: seed 4"), r.out());
  }

  @Test
  void listShowsTheCatalogWithDescriptions() {
    Outcome r = cli("list");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("basics/single-node"), r.out());
    assertTrue(r.out().contains("mmc"), r.out());
  }

  @Test
  void compareRunsEveryVariantOnTheSameSeedAndWritesThemSideBySide() throws IOException {
    Path a = dir.resolve("cmp-a");
    String[] args = {
      "compare",
      "basics/overload",
      "--set",
      "duration=3s",
      "--seed",
      "2",
      "--variant",
      "system.workers=1",
      "--variant",
      "system.workers=2;system.queue=50",
      "--out",
      a.toString()
    };
    Outcome r = cli(args);
    // One worker is overloaded as the scenario expects; two are not, so its expectation
    // "p99(read) > 100ms" is violated and the comparison's verdict is invalid.
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("COMPARE: basics/overload, seed 2"), r.out());
    assertTrue(r.out().contains("system.workers=2;system.queue=50"), r.out());
    for (String file :
        new String[] {
          "compare.json",
          "summary.txt",
          "index.html",
          "charts/latency.svg",
          "runs/1-system.workers_1/report.json",
          "runs/2-system.workers_2_system.queue_50/index.html"
        }) {
      assertTrue(Files.exists(a.resolve(file)), file + " in " + Files.list(a).toList());
    }
    String compare = Files.readString(a.resolve("compare.json"));
    assertTrue(compare.contains("\"schema\": \"tradeoff.compare/1\""), compare);
    // Each variant's own report replays to the same trace hash: the runs share the seed.
    String run1 = Files.readString(a.resolve("runs/1-system.workers_1/report.json"));
    assertTrue(run1.contains("\"seed\": 2"), run1);
    Path b = dir.resolve("cmp-b");
    args[args.length - 1] = b.toString();
    assertEquals(1, cli(args).code());
    assertArrayEquals(
        Files.readAllBytes(a.resolve("compare.json")),
        Files.readAllBytes(b.resolve("compare.json")));
    assertArrayEquals(
        Files.readAllBytes(a.resolve("charts/latency.svg")),
        Files.readAllBytes(b.resolve("charts/latency.svg")));
  }

  @Test
  void compareRejectsBadVariantsAsBadInput() {
    for (String[] args :
        new String[][] {
          {"compare", NAME, "--variant", "system.workers=2"},
          {"compare", NAME, "--variant", "system.workers=0", "--variant", "system.workers=1"},
          {"compare", NAME, "--variant", ";", "--variant", "system.workers=1"},
        }) {
      Outcome r = cli(args);
      assertEquals(64, r.code(), String.join(" ", args) + "\n" + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
    }
  }

  @Test
  void shrinkFindsAFailingSeedAndWritesAMinimalScenarioThatStillFails() throws IOException {
    // "No write may time out" fails because the scenario cuts the store off for 3 s; the random
    // slow-node faults of the nemesis are noise the shrinker must remove, leaving one event.
    Path minimal = dir.resolve("minimal.json");
    Outcome r =
        cli(
            "shrink",
            "basics/partitioned-store",
            "--seed",
            "1",
            "--set",
            "faults.nemesis={\"kinds\": [\"slow-node\"], \"eventsPerSecond\": 1, \"quiet\": \"1s\"}",
            "--set",
            "expectations=[\"info(write) == 0\"]",
            "--out",
            minimal.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("minimal scenario: " + minimal), r.out());
    String text = Files.readString(minimal);
    assertFalse(text.contains("nemesis"), text);
    assertEquals(1, text.split("\"fault\":").length - 1, "one fault event left:\n" + text);
    Outcome rerun = cli("run", minimal.toString(), "--out", dir.resolve("m").toString());
    assertEquals(1, rerun.code(), "the minimal scenario must still fail:\n" + rerun.out());
  }

  @Test
  void shrinkSaysSoWhenNoSeedFails() {
    Outcome r = cli("shrink", NAME, "--seed", "1", "--tries", "2", "--set", "duration=6s");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("no failing run in 2 seeds from 1"), r.out());
  }
}
