package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WitnessRef}: what a witness names as data, one per witness of a {@link CheckResult}; and
 * the checkers' refs on small histories agree with their texts.
 */
class WitnessRefTest {
  @Test
  void ofOpsTakesTheFirstOperationsIntervalAndSkipsUnnamedOnes() {
    History h = new History();
    int w = h.invoke(0, OpKind.WRITE, 1, 5, 100);
    h.complete(w, OpStatus.OK, History.NIL, 200);
    int r = h.invoke(1, OpKind.READ, 1, History.NIL, 300);
    WitnessRef ref = WitnessRef.ofOps(h, r, -1, w, r);
    assertEquals(List.of(r, w), ref.ops());
    assertEquals(300, ref.fromNanos());
    assertEquals(-1, ref.untilNanos(), "the read is pending");
    assertEquals(-1, WitnessRef.during(5, Long.MAX_VALUE, "db-0").untilNanos());
  }

  @Test
  void aResultHasNoRefsOrOnePerWitness() {
    WitnessRef ref = WitnessRef.during(1, 2, "a");
    assertThrows(
        IllegalArgumentException.class,
        () -> CheckResult.invalid("x", 2, List.of("one", "two"), List.of(ref), "d"));
    assertEquals(1, CheckResult.invalid("x", 1, List.of("one"), List.of(ref), "d").refs().size());
    assertTrue(CheckResult.invalid("x", 1, List.of("one"), "d").refs().isEmpty());
  }

  @Test
  void staleReadNamesTheReadTheWriteItMissedAndTheWriteItSaw() {
    History h = new History();
    int first = h.invoke(0, OpKind.WRITE, 1, 5, 100);
    h.complete(first, OpStatus.OK, History.NIL, 200);
    int second = h.invoke(0, OpKind.WRITE, 1, 6, 300);
    h.complete(second, OpStatus.OK, History.NIL, 400);
    int read = h.invoke(1, OpKind.READ, 1, History.NIL, 500);
    h.complete(read, OpStatus.OK, 5, 600);
    CheckResult c = new Staleness(List.of(0L)).check(h);
    assertEquals(List.of(read, second, first), c.refs().get(0).ops());
    assertTrue(c.witnesses().get(0).startsWith("op " + read + " "), c.witnesses().get(0));
  }

  @Test
  void splitBrainNamesBothLeadersAndTheOverlap() {
    CheckResult c =
        SplitBrain.ofTerms(
                List.of(
                    new SplitBrain.LeaderTerm(1, "db-0", 0, 900, 3),
                    new SplitBrain.LeaderTerm(2, "db-2", 500, Long.MAX_VALUE, 4)))
            .check(new History());
    WitnessRef ref = c.refs().get(0);
    assertEquals(List.of("db-0", "db-2"), ref.nodes());
    assertEquals(500, ref.fromNanos());
    assertEquals(900, ref.untilNanos());
  }
}
