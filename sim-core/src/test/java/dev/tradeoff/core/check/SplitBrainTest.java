package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.check.SplitBrain.FencedWrite;
import dev.tradeoff.core.check.SplitBrain.LeaderTerm;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitBrainTest {
  private static final long MS = 1_000_000L;

  private static final History NONE = new History();

  @Test
  void handOverWithoutOverlapIsValid() {
    CheckResult r =
        SplitBrain.ofTerms(
                List.of(
                    new LeaderTerm(1, "n1", 0, 500, 10),
                    new LeaderTerm(2, "n2", 500, 900, 4),
                    new LeaderTerm(3, "n3", 900, Long.MAX_VALUE, 7)))
            .check(NONE);
    assertEquals(Verdict.VALID, r.verdict());
    assertEquals("3 leadership terms and 0 fenced writes checked", r.detail());
  }

  @Test
  void twoLeadersAcceptingWritesAtTheSameTimeFire() {
    CheckResult r =
        SplitBrain.ofTerms(
                List.of(
                    new LeaderTerm(4, "n2", 300 * MS, 900 * MS, 5),
                    new LeaderTerm(3, "n1", 0, 500 * MS, 12)))
            .check(NONE);
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(1, r.violations());
    assertEquals(
        List.of(
            "leader n1 (term 3, 0 ms..500.000 ms, 12 writes) and leader n2 (term 4, 300.000"
                + " ms..900.000 ms, 5 writes) both accepted writes while their tenures overlapped,"
                + " 300.000 ms..500.000 ms"),
        r.witnesses());
  }

  @Test
  void overlapWithoutWritesOrWithTheSameLeaderIsQuiet() {
    List<LeaderTerm> terms =
        List.of(
            new LeaderTerm(3, "n1", 0, 500, 12),
            new LeaderTerm(4, "n2", 300, 900, 0), // deposed leader accepted nothing
            new LeaderTerm(5, "n1", 400, Long.MAX_VALUE, 3)); // same node, re-elected
    assertEquals(Verdict.VALID, SplitBrain.ofTerms(terms).check(NONE).verdict());
  }

  @Test
  void overlapWithAnOpenEndedTermSaysEnd() {
    CheckResult r =
        SplitBrain.ofTerms(
                List.of(
                    new LeaderTerm(1, "a", 0, Long.MAX_VALUE, 1),
                    new LeaderTerm(2, "b", 1_500 * MS, Long.MAX_VALUE, 1)))
            .check(NONE);
    assertEquals(
        "leader a (term 1, 0 ms..end, 1 writes) and leader b (term 2, 1.500 s..end, 1"
            + " writes) both accepted writes while their tenures overlapped, 1.500 s..end",
        r.witnesses().get(0));
  }

  @Test
  void increasingTokensAreValid() {
    CheckResult r =
        SplitBrain.ofFencedWrites(
                List.of(
                    new FencedWrite(1, 100, "s1"),
                    new FencedWrite(2, 200, "s1"),
                    new FencedWrite(2, 250, "s1"),
                    new FencedWrite(1, 300, "s2")))
            .check(NONE);
    assertEquals(Verdict.VALID, r.verdict());
  }

  @Test
  void staleTokenAcceptedFires() {
    CheckResult r =
        SplitBrain.ofFencedWrites(
                List.of(
                    new FencedWrite(3, 700 * MS, "s1"),
                    new FencedWrite(5, 400 * MS, "s1"),
                    new FencedWrite(4, 12_000_586_865L, "s1")))
            .check(NONE);
    assertEquals(2, r.violations());
    assertEquals(
        List.of(
            "storage s1 accepted stale fencing token 3 at 700.000 ms after accepting token 5 at"
                + " 400.000 ms",
            "storage s1 accepted stale fencing token 4 at 12.001 s after accepting token 5 at"
                + " 400.000 ms"),
        r.witnesses());
  }

  @Test
  void bothKindsCountTogetherWithAtMostFiveWitnesses() {
    List<LeaderTerm> terms = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      terms.add(new LeaderTerm(i, "n" + i, 0, 100, 1));
    }
    List<FencedWrite> writes =
        List.of(new FencedWrite(9, 0, "s"), new FencedWrite(1, 1, "s"), new FencedWrite(2, 2, "s"));
    CheckResult r = SplitBrain.of(terms, writes).check(NONE);
    assertEquals(6 + 2, r.violations());
    assertEquals(5, r.witnesses().size());
  }

  @Test
  void termThatEndsBeforeItBeginsIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new LeaderTerm(1, "n1", 10, 5, 0));
  }
}
