package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionHistoryIndexTest {
  private static void op(History h, int p, OpKind k, long key, long v, long res, long in) {
    int i = h.invoke(p, k, key, v, in);
    h.complete(i, OpStatus.OK, res, in + 5);
  }

  @Test
  void checkersOfOneUnchangedHistoryShareOneIndex() {
    History h = new History();
    op(h, 0, OpKind.WRITE, 0, 1, History.NIL, 0);
    op(h, 1, OpKind.READ, 0, History.NIL, 1, 10);
    SessionHistoryIndex first = SessionHistoryIndex.of(h);
    assertSame(first, SessionHistoryIndex.of(h));
    op(h, 1, OpKind.READ, 0, History.NIL, 1, 20);
    SessionHistoryIndex grown = SessionHistoryIndex.of(h);
    assertNotSame(first, grown, "an index of a history that has grown since is not handed out");
    assertEquals(3, grown.sessionKeyIds().length);
    History other = new History();
    op(other, 0, OpKind.WRITE, 0, 1, History.NIL, 0);
    assertNotSame(grown, SessionHistoryIndex.of(other));
  }

  @Test
  void historiesJudgedInTurnEachKeepTheirOwnIndex() {
    // Sweeps judge several runs' histories side by side: one history's checkers must not throw
    // away another's index.
    History a = new History();
    op(a, 0, OpKind.WRITE, 0, 1, History.NIL, 0);
    History b = new History();
    op(b, 0, OpKind.WRITE, 0, 2, History.NIL, 0);
    SessionHistoryIndex ofA = SessionHistoryIndex.of(a);
    SessionHistoryIndex ofB = SessionHistoryIndex.of(b);
    assertSame(ofA, SessionHistoryIndex.of(a));
    assertSame(ofB, SessionHistoryIndex.of(b));
  }

  @Test
  void sessionKeysAreNumberedInOrderOfFirstAppearance() {
    History h = new History();
    // processes 0..2 over keys 7 and -3, many times, so the table grows past its first size
    for (int round = 0; round < 50; round++) {
      for (int p = 0; p < 3; p++) {
        op(h, p, OpKind.WRITE, 7, 1000L * round + p + 1, History.NIL, 100L * round + p);
        op(h, p, OpKind.READ, -3 - round, History.NIL, History.NIL, 100L * round + p + 50);
      }
    }
    int[] ids = new SessionHistoryIndex(h).sessionKeyIds();
    assertEquals(
        List.of(0, 1, 2, 3, 4, 5), List.of(ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]));
    // round 1: the writes to key 7 are the same sessions again, the reads of key -4 new ones
    assertArrayEquals(new int[] {0, 6, 2, 7, 4, 8}, java.util.Arrays.copyOfRange(ids, 6, 12));
    assertEquals(3 + 3 * 50 - 1, ids[ids.length - 1]);
  }
}
