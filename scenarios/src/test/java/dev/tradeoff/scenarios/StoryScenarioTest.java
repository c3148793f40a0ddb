package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.kernel.TraceRecorder;
import dev.tradeoff.reports.Narrative;
import dev.tradeoff.reports.ReportJson;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.reports.Story;
import dev.tradeoff.reports.TimeSeries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The story of catalog runs: the split-brain demonstration's timeline names both leaders with
 * overlapping tenures, its witnesses are placed with the client and the replica that answered, the
 * diagram around a violation holds the witness operation and the messages the partition dropped,
 * recording changes no hash, and {@code tradeoff explain}'s text for three catalog scenarios equals
 * its golden file ({@code src/test/resources/explain/*.txt}; to accept a deliberate change, run
 * with {@code -Dtradeoff.golden.write=<dir>} and review the diff).
 */
class StoryScenarioTest {
  private static RunReport splitBrain;
  private static Scenario splitBrainScenario;

  @BeforeAll
  static void run() {
    splitBrainScenario = scenario("replication/split-brain-no-fencing");
    splitBrain =
        Stories.withDiagram(
            splitBrainScenario,
            "replay",
            ScenarioRunner.run(splitBrainScenario, "replay", "test").report());
  }

  static Scenario scenario(String name) {
    return ScenarioReader.read(
        ScenarioCatalog.source(name), ScenarioCatalog.text(name).orElseThrow(), List.of());
  }

  @Test
  void splitBrainTimelineNamesBothLeadersOverlapping() {
    Story.Role first = role(splitBrain.story(), "db-0", "leader term 1");
    Story.Role second = followerLeading(splitBrain.story(), "db-0", "leader term 2");
    assertTrue(
        first.startNanos() < second.endNanos() && second.startNanos() < first.endNanos(),
        () -> "tenures do not overlap: " + first + " " + second);
    role(splitBrain.story(), "db-0", "paused");
    assertTrue(
        splitBrain.story().roles().stream()
            .anyMatch(r -> r.lane().equals("db-0") && r.state().startsWith("cut off from")),
        "db-0 is cut off during the partition");
  }

  @Test
  void aFencedGroupsLeasesNeverOverlap() {
    // The same faults with fencing and a lease: the paused old leader still believes it leads
    // (its leader band overlaps the new one's, as it did), but its lease runs out during the pause,
    // before the new leader holds one, so two leases are never held at once.
    Scenario fenced = scenario("replication/split-brain-fencing");
    Story s = ScenarioRunner.run(fenced, "replay", "test").report().story();
    long leaders = s.roles().stream().filter(r -> r.state().startsWith("leader term")).count();
    assertTrue(leaders >= 2, () -> "a failover was expected: " + s.roles());
    List<Story.Role> leases =
        s.roles().stream().filter(r -> r.state().equals("lease held")).toList();
    assertTrue(
        leases.stream().map(Story.Role::lane).distinct().count() >= 2,
        () -> "both leaders held a lease: " + leases);
    for (Story.Role a : leases) {
      for (Story.Role b : leases) {
        if (!a.lane().equals(b.lane())) {
          assertFalse(
              a.startNanos() < b.endNanos() && b.startNanos() < a.endNanos(),
              () -> "two leases at once: " + a + " " + b);
        }
      }
    }
  }

  @Test
  void theOldLeadersLagGrowsWhileItIsCutOff() {
    // db-0 leads term 1 on the minority side while a follower leads term 2: it has applied plenty,
    // but none of the new leader's entries, so its lag against the leader grows by a second a
    // second (it read 0 when lag compared only positions in the log).
    TimeSeries lag =
        splitBrain.series().stream()
            .filter(x -> x.group().equals("lag") && x.name().equals("db-0"))
            .findFirst()
            .orElseThrow();
    double previous = 0;
    for (int i = 0; i < lag.timesNanos().length; i++) {
      long t = lag.timesNanos()[i];
      if (t > 6_000_000_000L && t <= 12_000_000_000L) {
        assertTrue(lag.values()[i] > previous + 900, () -> "lag of db-0 at " + t + ": " + lag);
        previous = lag.values()[i];
      }
    }
    assertTrue(previous > 5000, "lag reached over 5 s by the heal");
    for (String replica : List.of("db-1", "db-2")) {
      TimeSeries majority =
          splitBrain.series().stream()
              .filter(x -> x.group().equals("lag") && x.name().equals(replica))
              .findFirst()
              .orElseThrow();
      for (double v : majority.values()) {
        assertTrue(v < 100, () -> replica + " follows the new leader closely: " + majority);
      }
    }
  }

  @Test
  void anUnfencedGroupHasNoLeaseOnItsTimeline() {
    assertTrue(splitBrain.story().roles().stream().noneMatch(r -> r.track().equals("lease")));
  }

  @Test
  void witnessesArePlacedWithClientAndAnsweringReplica() {
    Narrative.Violation focus = Narrative.focus(splitBrain);
    assertNotNull(focus);
    Story.Witness w = Narrative.placed(splitBrain, focus);
    assertTrue(w.client().startsWith("client-"), w::toString);
    assertTrue(w.node().startsWith("db-"), () -> "no answering replica: " + w);
    assertTrue(w.what().startsWith("read key") || w.what().startsWith("write"), w::toString);
    // The placement agrees with the witness text, which names the operation's interval.
    assertTrue(focus.text().contains(w.client()), focus::text);
  }

  @Test
  void diagramHoldsTheWitnessOperationAndDroppedMessages() {
    Story.Diagram d = splitBrain.story().diagram();
    assertNotNull(d, "a run with violations gets a diagram");
    assertTrue(d.ops().stream().anyMatch(Story.ClientOp::witness), "witness op highlighted");
    assertTrue(
        d.messages().stream().anyMatch(m -> m.fate().equals("dropped-by-partition")),
        "the partition drops messages in the window");
    assertTrue(
        d.messages().stream().anyMatch(m -> m.fate().equals("delivered")),
        "messages are delivered in the window");
    for (Story.Message m : d.messages()) {
      assertTrue(
          m.sentNanos() < 0 || m.endNanos() < 0 || m.sentNanos() <= m.endNanos(), m::toString);
    }
    assertTrue(d.lanes().containsAll(List.of("db-0", "db-2")), d.lanes()::toString);
  }

  @Test
  void recordingChangesNoHash() {
    ScenarioRunner.Run plain = ScenarioRunner.run(splitBrainScenario, "replay", "test");
    TraceRecorder recorder = new TraceRecorder(4_900_000_000L, 5_600_000_000L, 1_000_000);
    ScenarioRunner.Run recorded =
        ScenarioRunner.run(splitBrainScenario, "replay", "test", recorder);
    assertTrue(recorder.events().size() > 1000, "the window was recorded");
    assertEquals(plain.simulation().traceHash(), recorded.simulation().traceHash());
    assertEquals(plain.simulation().history().hash(), recorded.simulation().history().hash());
    assertEquals(
        ReportJson.render(plain.report()),
        ReportJson.render(recorded.report()),
        "the report, story included, is the same");
  }

  @Test
  void explainMatchesGoldenFiles() throws IOException {
    for (String name :
        List.of(
            "replication/split-brain-no-fencing",
            "replication/async-failover-data-loss",
            "cache/write-behind-loss")) {
      RunReport r =
          name.equals("replication/split-brain-no-fencing")
              ? splitBrain
              : ScenarioRunner.run(scenario(name), "replay", "test").report();
      // explain reads report.json: tell the story from the record the file holds.
      String text = Narrative.explain(ReportJson.record(r), 1);
      String file = name.replace('/', '-') + ".txt";
      String dir = System.getProperty("tradeoff.golden.write");
      if (dir != null) {
        Files.writeString(Path.of(dir, file), text, StandardCharsets.UTF_8);
        continue; // written for review, not compared
      }
      try (InputStream in = getClass().getResourceAsStream("/explain/" + file)) {
        assertNotNull(in, "missing golden file explain/" + file);
        assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), text, name);
      }
    }
  }

  /**
   * The role {@code state} (e.g. {@code "leader term 2"}) of whichever replica other than {@code
   * old} held it: the follower the majority elected, which a change to the election may change.
   */
  static Story.Role followerLeading(Story s, String old, String state) {
    return s.roles().stream()
        .filter(r -> !r.lane().equals(old) && r.state().equals(state))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no replica but " + old + " was " + state));
  }

  private static Story.Role role(Story s, String lane, String state) {
    return s.roles().stream()
        .filter(r -> r.lane().equals(lane) && r.state().equals(state))
        .findFirst()
        .orElseThrow(() -> new AssertionError(lane + " never " + state + ": " + s.roles()));
  }
}
