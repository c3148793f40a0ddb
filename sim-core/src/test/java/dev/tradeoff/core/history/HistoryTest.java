package dev.tradeoff.core.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HistoryTest {
  @Test
  void aDerivedValueIsMadeOncePerStateOfTheHistoryAndKind() {
    History h = new History();
    int op = h.invoke(0, OpKind.WRITE, 1, 10, 0);
    AtomicInteger made = new AtomicInteger();
    StringBuilder first = h.derived(StringBuilder.class, x -> mark(made, x));
    assertSame(first, h.derived(StringBuilder.class, x -> mark(made, x)));
    assertEquals(1, made.get());
    // another kind is derived on its own
    assertEquals("1", h.derived(String.class, x -> String.valueOf(x.size())));
    assertSame(first, h.derived(StringBuilder.class, x -> mark(made, x)));
    // completing an operation changes the history: the next caller gets a fresh value
    h.complete(op, OpStatus.OK, History.NIL, 5);
    StringBuilder second = h.derived(StringBuilder.class, x -> mark(made, x));
    assertEquals(2, made.get());
    assertEquals("1 ops", second.toString());
    assertThrows(NullPointerException.class, () -> h.derived(Integer.class, x -> null));
  }

  private static StringBuilder mark(AtomicInteger made, History h) {
    made.incrementAndGet();
    return new StringBuilder(h.size() + " ops");
  }

  @Test
  void listReadsKeepTheWholeListAndExposeTheLastElementAsResult() {
    History h = new History();
    int read = h.invoke(0, OpKind.READ, 4, History.NIL, 10);
    long[] list = {3, 5, 8};
    h.completeList(read, OpStatus.OK, list, 20);
    list[0] = 99; // the history keeps its own copy
    assertArrayEquals(new long[] {3, 5, 8}, h.resultList(read));
    assertEquals(8, h.result(read));

    int empty = h.invoke(1, OpKind.READ, 4, History.NIL, 30);
    h.completeList(empty, OpStatus.OK, new long[0], 40);
    assertEquals(History.NIL, h.result(empty));
    assertArrayEquals(new long[0], h.resultList(empty));

    int plain = h.invoke(1, OpKind.READ, 4, History.NIL, 50);
    h.complete(plain, OpStatus.OK, 8, 60);
    assertNull(h.resultList(plain));

    int append = h.invoke(2, OpKind.APPEND, 4, 9, 70);
    assertThrows(
        IllegalArgumentException.class,
        () -> h.completeList(append, OpStatus.OK, new long[] {9}, 80));
  }

  @Test
  void theHashSeesListContents() {
    History a = new History();
    History b = new History();
    a.completeList(a.invoke(0, OpKind.READ, 1, History.NIL, 1), OpStatus.OK, new long[] {1, 2}, 2);
    b.completeList(b.invoke(0, OpKind.READ, 1, History.NIL, 1), OpStatus.OK, new long[] {3, 2}, 2);
    assertNotEquals(a.hash(), b.hash());
  }

  @Test
  void snapshotReadsAreConsecutiveReadsSharingTimesAndGroup() {
    History h = new History();
    int before = h.invoke(0, OpKind.WRITE, 1, 7, 0);
    int first = h.invokeSnapshotRead(1, new long[] {1, 2, 3}, 5);
    int after = h.invoke(2, OpKind.READ, 1, History.NIL, 6);
    h.completeSnapshotRead(first, OpStatus.OK, new long[] {7, History.NIL, 4}, 9);
    assertEquals(1, first);
    for (int i = 0; i < 3; i++) {
      assertEquals(OpKind.READ, h.kind(first + i));
      assertEquals(first, h.snapshot(first + i));
      assertEquals(3, h.snapshotSize(first + i));
      assertEquals(1 + i, h.key(first + i));
      assertEquals(5, h.invokeNanos(first + i));
      assertEquals(9, h.completeNanos(first + i));
    }
    assertEquals(7, h.result(first));
    assertEquals(History.NIL, h.result(first + 1));
    assertEquals(-1, h.snapshot(before));
    assertEquals(-1, h.snapshot(after));
    assertEquals(1, h.snapshotSize(after));
  }

  @Test
  void snapshotReadsRejectRepeatedKeysAndWrongResultCounts() {
    History h = new History();
    assertThrows(
        IllegalArgumentException.class, () -> h.invokeSnapshotRead(0, new long[] {1, 1}, 0));
    assertThrows(IllegalArgumentException.class, () -> h.invokeSnapshotRead(0, new long[0], 0));
    int first = h.invokeSnapshotRead(0, new long[] {1, 2}, 0);
    assertThrows(
        IllegalArgumentException.class,
        () -> h.completeSnapshotRead(first, OpStatus.OK, new long[] {1}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> h.completeSnapshotRead(first + 1, OpStatus.OK, new long[] {1}, 1));
  }

  @Test
  void eachOperationKeepsTheNodeThatServedItAndNoneWhereNoneWasNoted() {
    History h = new History();
    int ops = 3 * Columns.CHUNK; // the middle stretch has no server at all
    for (int i = 0; i < ops; i++) {
      h.invoke(i % 4, OpKind.READ, i, History.NIL, i);
    }
    for (int i = 0; i < Columns.CHUNK; i += 3) {
      h.served(i, "replica-" + (i % 2));
    }
    h.served(ops - 1, new String("replica-1")); // an equal name, another string
    h.served(6, "cache"); // noted again: the last one stands

    assertEquals("replica-0", h.server(0));
    assertEquals("replica-1", h.server(3));
    assertNull(h.server(1));
    assertEquals("cache", h.server(6));
    assertNull(h.server(Columns.CHUNK + 5));
    assertEquals("replica-1", h.server(ops - 1));
    assertThrows(IndexOutOfBoundsException.class, () -> h.server(ops));
    assertThrows(NullPointerException.class, () -> h.served(0, null));
    assertEquals("replica-0", h.server(0), "a refused name changes nothing");
  }
}
