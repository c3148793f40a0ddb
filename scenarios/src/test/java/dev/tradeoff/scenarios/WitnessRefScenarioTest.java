package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.WitnessRef;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.reports.Narrative;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.reports.Story;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Witnesses as data on real violations: the checkers name the operations (by index in the run's
 * history), the times and the nodes, and the report places witnesses and draws the diagram from
 * those, not from the witness text. Split brain names both leaders and their overlap; a
 * linearizability witness names the read and the acknowledged write it missed, which the diagram
 * then draws; lost writes name the acknowledged write; stale reads name the read and the newer
 * acknowledged write; and the witness says what the answering replica had applied.
 */
class WitnessRefScenarioTest {
  private static ScenarioRunner.Run splitBrain;
  private static RunReport splitBrainReport;

  @BeforeAll
  static void run() {
    Scenario s = StoryScenarioTest.scenario("replication/split-brain-no-fencing");
    splitBrain = ScenarioRunner.run(s, "replay", "test");
    splitBrainReport = Stories.withDiagram(s, "replay", splitBrain.report());
  }

  private static CheckResult check(ScenarioRunner.Run run, String name) {
    return run.report().checks().stream()
        .filter(c -> c.checker().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name));
  }

  @Test
  void splitBrainNamesBothLeadersAndWhenTheirTenuresOverlap() {
    CheckResult c = check(splitBrain, "split-brain");
    assertEquals(c.witnesses().size(), c.refs().size());
    WitnessRef first = c.refs().get(0);
    Story story = splitBrain.report().story();
    Story.Role old = role(story, "db-0", "leader term 1");
    Story.Role next = StoryScenarioTest.followerLeading(story, "db-0", "leader term 2");
    assertEquals(List.of("db-0", next.lane()), first.nodes());
    assertTrue(first.ops().isEmpty());
    // The overlap begins when the second tenure does, and both leaders led then.
    assertEquals(next.startNanos(), first.fromNanos());
    assertTrue(old.startNanos() <= first.fromNanos() && first.fromNanos() < old.endNanos());
    Story.Witness placed = story.witnesses().get(0);
    assertEquals(first.fromNanos(), placed.atNanos());
    assertEquals(first.nodes(), placed.nodes());
  }

  @Test
  void aLinearizabilityWitnessNamesTheReadAndTheWriteItMissed() {
    CheckResult c = check(splitBrain, "linearizability");
    History h = splitBrain.simulation().history();
    assertEquals(c.witnesses().size(), c.refs().size());
    for (int i = 0; i < c.refs().size(); i++) {
      WitnessRef ref = c.refs().get(i);
      int read = ref.ops().get(0);
      int write = ref.ops().get(1);
      assertEquals(OpKind.READ, h.kind(read));
      assertEquals(OpStatus.OK, h.status(read));
      assertEquals(OpKind.WRITE, h.kind(write));
      assertEquals(h.key(read), h.key(write));
      assertTrue(h.completeNanos(write) < h.invokeNanos(read), "the write was acknowledged first");
      assertTrue(h.result(read) != h.value(write), "yet the read did not see it");
      assertEquals(h.invokeNanos(read), ref.fromNanos());
      // The text names the same read, by its client and interval.
      assertTrue(c.witnesses().get(i).contains(h.processName(h.process(read))));
    }
  }

  @Test
  void theSplitBrainDiagramDrawsTheMissedWrite() {
    Narrative.Violation focus = Narrative.focus(splitBrainReport);
    Story.Witness w = Narrative.placed(splitBrainReport, focus);
    assertFalse(w.related().isEmpty(), () -> "the focus names no other operation: " + w);
    Story.ClientOp missed = w.related().get(0);
    assertTrue(missed.what().startsWith("write"), missed::toString);
    Story.Diagram d = splitBrainReport.story().diagram();
    assertTrue(d.fromNanos() <= missed.invokeNanos(), "the window begins before the write");
    assertTrue(d.toNanos() >= w.endNanos(), "and ends after the read");
    assertTrue(
        d.ops().stream()
            .anyMatch(
                op ->
                    op.witness()
                        && op.client().equals(missed.client())
                        && op.invokeNanos() == missed.invokeNanos()),
        "the missed write is drawn, highlighted");
    assertTrue(
        d.ops().stream().anyMatch(op -> op.witness() && op.invokeNanos() == w.atNanos()),
        "and the read");
    assertTrue(d.messages().size() <= Stories.MAX_MESSAGES);
    assertTrue(d.ops().size() <= Stories.MAX_OPS + 10);
  }

  @Test
  void aReadWitnessSaysWhatTheAnsweringReplicaHadApplied() {
    Narrative.Violation focus = Narrative.focus(splitBrainReport);
    Story.Witness w = Narrative.placed(splitBrainReport, focus);
    assertTrue(w.applied().startsWith(w.node() + " had applied up to log index "), w::applied);
    String caption = Narrative.explain(splitBrainReport, focus.number());
    assertTrue(caption.contains("had applied up to log index"), caption);
  }

  @Test
  void lostWritesNameTheAcknowledgedWrite() {
    ScenarioRunner.Run run =
        ScenarioRunner.run(
            StoryScenarioTest.scenario("replication/async-failover-data-loss"), "replay", "test");
    CheckResult c = check(run, "lost-writes");
    History h = run.simulation().history();
    assertFalse(c.refs().isEmpty());
    for (int i = 0; i < c.refs().size(); i++) {
      int op = c.refs().get(i).ops().get(0);
      assertEquals(OpKind.WRITE, h.kind(op));
      assertEquals(OpStatus.OK, h.status(op));
      assertTrue(c.witnesses().get(i).startsWith("op " + op + " "), c.witnesses().get(i));
    }
    Story.Witness placed =
        run.report().story().witnesses().stream()
            .filter(x -> x.check().equals("lost-writes"))
            .findFirst()
            .orElseThrow();
    assertEquals(h.invokeNanos(c.refs().get(0).ops().get(0)), placed.atNanos());
  }

  @Test
  void staleReadsNameTheReadAndTheNewerWriteItMissed() {
    ScenarioRunner.Run run =
        ScenarioRunner.run(
            StoryScenarioTest.scenario("replication/read-replica-lag"), "replay", "test");
    CheckResult c = check(run, "staleness");
    History h = run.simulation().history();
    assertFalse(c.refs().isEmpty(), c::toString);
    for (WitnessRef ref : c.refs()) {
      int read = ref.ops().get(0);
      int newer = ref.ops().get(1);
      assertEquals(OpKind.READ, h.kind(read));
      assertEquals(h.key(read), h.key(newer));
      assertTrue(h.completeNanos(newer) < h.invokeNanos(read));
      assertTrue(h.result(read) != h.value(newer));
    }
    Story.Witness placed =
        run.report().story().witnesses().stream()
            .filter(x -> x.check().equals("staleness"))
            .findFirst()
            .orElseThrow();
    assertNotNull(placed.applied());
    assertTrue(placed.applied().contains("had applied up to log index"), placed::toString);
  }

  private static Story.Role role(Story s, String lane, String state) {
    return s.roles().stream()
        .filter(r -> r.lane().equals(lane) && r.state().equals(state))
        .findFirst()
        .orElseThrow(() -> new AssertionError(lane + " never " + state));
  }
}
