package dev.tradeoff.core.history.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.Op;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** List reads, Jepsen independent tuples and read-only txn snapshot reads in every format. */
final class HistoryShapesTest {
  private static final long NIL = History.NIL;
  private static final Map<String, String> SOURCES =
      Map.of("EDN", "history.edn", "JEPSEN_LOG", "jepsen.log", "JSON_LINES", "history.jsonl");

  private static String log(String... ops) {
    StringBuilder sb = new StringBuilder();
    for (String op : ops) {
      sb.append("INFO  jepsen.util - ").append(op).append('\n');
    }
    return sb.toString();
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  @Test
  void readOfAVectorIsAListReadInEveryFormat() {
    History edn =
        HistoryFormat.EDN.read(
            "h.edn",
            lines(
                "{:process 0 :type :invoke :f :append :key 7 :value 3}",
                "{:process 0 :type :ok :f :append :key 7 :value 3}",
                "{:process 0 :type :invoke :f :read :key 7 :value nil}",
                "{:process 0 :type :ok :f :read :key 7 :value [1 2 3]}",
                "{:process 1 :type :invoke :f :read :key 8 :value nil}",
                "{:process 1 :type :ok :f :read :key 8 :value []}"));
    History jepsen =
        HistoryFormat.JEPSEN_LOG.read(
            "h.log",
            log(
                "0 :invoke :append 3",
                "0 :ok :append 3",
                "0 :invoke :read nil",
                "0 :ok :read [1 2 3]",
                "1 :invoke :read nil",
                "1 :ok :read []"));
    History json =
        HistoryFormat.JSON_LINES.read(
            "h.jsonl",
            lines(
                "{\"process\":0,\"type\":\"invoke\",\"f\":\"append\",\"key\":7,\"value\":3,\"time\":0}",
                "{\"process\":0,\"type\":\"ok\",\"f\":\"append\",\"key\":7,\"time\":1}",
                "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"key\":7,\"time\":2}",
                "{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"key\":7,\"value\":[1, 2,3],\"time\":3}",
                "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":8,\"time\":4}",
                "{\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"key\":8,\"value\":[ ],\"time\":5}"));
    for (History h : List.of(edn, jepsen, json)) {
      assertEquals(3, h.size());
      assertEquals(OpKind.READ, h.kind(1));
      assertEquals(OpStatus.OK, h.status(1));
      assertEquals(3, h.result(1));
      assertArrayEquals(new long[] {1, 2, 3}, h.resultList(1));
      assertEquals(NIL, h.result(2));
      assertArrayEquals(new long[0], h.resultList(2));
      assertNull(h.resultList(0));
      assertEquals(-1, h.snapshot(1));
    }
    assertEquals(json.ops(), edn.ops());
    assertEquals(8, edn.key(2));
    assertEquals(0, jepsen.key(2));
  }

  @Test
  void plainReadCompletingWithAPairIsAListNotATuple() {
    History h =
        HistoryFormat.JEPSEN_LOG.read("h.log", log("0 :invoke :read nil", "0 :ok :read [3 5]"));
    assertEquals(0, h.key(0));
    assertEquals(5, h.result(0));
    assertArrayEquals(new long[] {3, 5}, h.resultList(0));
  }

  private static final String INDEPENDENT_LOG =
      log(
          "0\t:invoke\t:write\t[3 5]",
          "1\t:invoke\t:read\t[3 nil]",
          "0\t:ok\t:write\t[3 5]",
          "1\t:ok\t:read\t[3 5]",
          "2\t:invoke\t:cas\t[4 [1 2]]",
          "2\t:fail\t:cas\t[4 [1 2]]",
          "0\t:invoke\t:append\t[5 7]",
          "0\t:ok\t:append\t[5 7]",
          "1\t:invoke\t:read\t[5 nil]",
          "1\t:ok\t:read\t[5 [7]]",
          "2\t:invoke\t:read\t[6 nil]",
          "2\t:info\t:read\t[6 nil]",
          "0\t:invoke\t:write\t[3 9]");

  private static final String INDEPENDENT_EDN =
      lines(
          "{:process 0 :type :invoke :f :write :value [3 5] :time 0}",
          "{:process 1 :type :invoke :f :read :value [3 nil] :time 1}",
          "{:process 0 :type :ok :f :write :value [3 5] :time 2}",
          "{:process 1 :type :ok :f :read :value [3 5] :time 3}",
          "{:process 2 :type :invoke :f :cas :key 4 :value [4 [1 2]] :time 4}",
          "{:process 2 :type :fail :f :cas :key 4 :value [4 [1 2]] :time 5}",
          "{:process 0 :type :invoke :f :append :value [5 7] :time 6}",
          "{:process 0 :type :ok :f :append :value [5 7] :time 7}",
          "{:process 1 :type :invoke :f :read :value [5 nil] :time 8}",
          "{:process 1 :type :ok :f :read :value [5 [7]] :time 9}",
          "{:process 2 :type :invoke :f :read :value [6 nil] :time 10}",
          "{:process 2 :type :info :f :read :value [6 nil] :time 11}",
          "{:process 0 :type :invoke :f :write :value [3 9] :time 12}");

  private static final String INDEPENDENT_JSON =
      lines(
          "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":3,\"value\":5,\"time\":0}",
          "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":3,\"value\":null,\"time\":1}",
          "{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"key\":3,\"time\":2}",
          "{\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"key\":3,\"value\":5,\"time\":3}",
          "{\"process\":2,\"type\":\"invoke\",\"f\":\"cas\",\"key\":4,\"expected\":1,\"value\":2,"
              + "\"time\":4}",
          "{\"process\":2,\"type\":\"fail\",\"f\":\"cas\",\"key\":4,\"time\":5}",
          "{\"process\":0,\"type\":\"invoke\",\"f\":\"append\",\"key\":5,\"value\":7,\"time\":6}",
          "{\"process\":0,\"type\":\"ok\",\"f\":\"append\",\"key\":5,\"time\":7}",
          "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":5,\"value\":null,\"time\":8}",
          "{\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"key\":5,\"value\":[7],\"time\":9}",
          "{\"process\":2,\"type\":\"invoke\",\"f\":\"read\",\"key\":6,\"value\":null,\"time\":10}",
          "{\"process\":2,\"type\":\"info\",\"f\":\"read\",\"key\":6,\"value\":null,\"time\":11}",
          "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":3,\"value\":9,\"time\":12}");

  @Test
  void independentTuplesGiveKeysAndAgreeAcrossFormats() {
    History json = HistoryFormat.JSON_LINES.read("h.jsonl", INDEPENDENT_JSON);
    History edn = HistoryFormat.EDN.read("h.edn", INDEPENDENT_EDN);
    History jepsen = HistoryFormat.JEPSEN_LOG.read("h.log", INDEPENDENT_LOG);
    assertEquals(
        List.of(
            new Op(0, 0, OpKind.WRITE, 3, 5, NIL, NIL, 0, 2, OpStatus.OK),
            new Op(1, 1, OpKind.READ, 3, NIL, NIL, 5, 1, 3, OpStatus.OK),
            new Op(2, 2, OpKind.CAS, 4, 2, 1, NIL, 4, 5, OpStatus.FAIL),
            new Op(3, 0, OpKind.APPEND, 5, 7, NIL, NIL, 6, 7, OpStatus.OK),
            new Op(4, 1, OpKind.READ, 5, NIL, NIL, 7, 8, 9, OpStatus.OK),
            new Op(5, 2, OpKind.READ, 6, NIL, NIL, NIL, 10, 11, OpStatus.INFO),
            new Op(6, 0, OpKind.WRITE, 3, 9, NIL, NIL, 12, Long.MAX_VALUE, OpStatus.INFO)),
        json.ops());
    for (History h : List.of(edn, jepsen)) {
      assertEquals(json.ops(), h.ops());
      for (int op = 0; op < json.size(); op++) {
        assertArrayEquals(json.resultList(op), h.resultList(op), "op " + op);
      }
    }
    assertNull(jepsen.resultList(1));
    assertArrayEquals(new long[] {7}, jepsen.resultList(4));
    assertEquals(INDEPENDENT_JSON, HistoryJsonLines.write(jepsen));
  }

  private static final String TXN_EDN =
      lines(
          "{:process 0 :type :invoke :f :txn :value [[:r 1 nil] [:r 2 nil]] :time 0}",
          "{:process 1 :type :invoke :f :write :key 2 :value 4 :time 1}",
          "{:process 1 :type :ok :f :write :key 2 :value 4 :time 2}",
          "{:process 0 :type :ok :f :txn :value [[:r 1 5] [:r 2 nil]] :time 3}",
          "{:process 2 :type :invoke :f :txn :value [[:r 3 nil]] :time 4}",
          "{:process 2 :type :fail :f :txn :value [[:r 3 nil]] :time 5}");

  private static final String TXN_JSON =
      lines(
          "{\"process\":0,\"type\":\"invoke\",\"f\":\"read-snapshot\",\"keys\":[1,2],\"time\":0}",
          "{\"process\":1,\"type\":\"invoke\",\"f\":\"write\",\"key\":2,\"value\":4,\"time\":1}",
          "{\"process\":1,\"type\":\"ok\",\"f\":\"write\",\"key\":2,\"time\":2}",
          "{\"process\":0,\"type\":\"ok\",\"f\":\"read-snapshot\",\"keys\":[1,2],\"values\":[5,null],"
              + "\"time\":3}",
          "{\"process\":2,\"type\":\"invoke\",\"f\":\"read-snapshot\",\"keys\":[3],\"time\":4}",
          "{\"process\":2,\"type\":\"fail\",\"f\":\"read-snapshot\",\"keys\":[3],\"values\":[null],"
              + "\"time\":5}");

  @Test
  void readOnlyTxnIsASnapshotReadInEveryFormat() {
    History edn = HistoryFormat.EDN.read("t.edn", TXN_EDN);
    History jepsen =
        HistoryFormat.JEPSEN_LOG.read(
            "t.log",
            log(
                "0 :invoke :txn [[:r 1 nil] [:r 2 nil]]",
                "1 :invoke :write 4",
                "1 :ok :write 4",
                "0 :ok :txn [[:r 1 5] [:r 2 nil]]",
                "2 :invoke :txn [[:r 3 nil]]",
                "2 :fail :txn [[:r 3 nil]]"));
    History json = HistoryFormat.JSON_LINES.read("t.jsonl", TXN_JSON);
    assertEquals(
        List.of(
            new Op(0, 0, OpKind.READ, 1, NIL, NIL, 5, 0, 3, OpStatus.OK),
            new Op(1, 0, OpKind.READ, 2, NIL, NIL, NIL, 0, 3, OpStatus.OK),
            new Op(2, 1, OpKind.WRITE, 2, 4, NIL, NIL, 1, 2, OpStatus.OK),
            new Op(3, 2, OpKind.READ, 3, NIL, NIL, NIL, 4, 5, OpStatus.FAIL)),
        edn.ops());
    assertEquals(edn.ops(), json.ops());
    for (History h : List.of(edn, json, jepsen)) {
      assertEquals(List.of(0, 0, -1, 3), snapshots(h));
      assertEquals(2, h.snapshotSize(1));
      assertEquals(1, h.snapshotSize(3));
    }
    assertEquals(0, jepsen.key(2));
    assertEquals(TXN_JSON, HistoryJsonLines.write(edn));
  }

  private static List<Integer> snapshots(History h) {
    List<Integer> groups = new ArrayList<>();
    for (int op = 0; op < h.size(); op++) {
      groups.add(h.snapshot(op));
    }
    return groups;
  }

  @Test
  void jsonLinesRoundTripsListAndSnapshotReads() {
    History h = new History();
    int append = h.invoke(0, OpKind.APPEND, 7, 1, 0);
    int snap = h.invokeSnapshotRead(1, new long[] {7, 2, 9}, 1);
    int read = h.invoke(2, OpKind.READ, 7, NIL, 2);
    h.complete(append, OpStatus.OK, NIL, 3);
    h.completeList(read, OpStatus.OK, new long[] {1}, 4);
    h.completeSnapshotRead(snap, OpStatus.OK, new long[] {1, NIL, 8}, 5);
    int empty = h.invoke(2, OpKind.READ, 8, NIL, 6);
    h.completeList(empty, OpStatus.INFO, new long[0], 6);
    h.invokeSnapshotRead(0, new long[] {4}, 7);
    String text = HistoryJsonLines.write(h);
    assertEquals(
        lines(
            "{\"process\":0,\"type\":\"invoke\",\"f\":\"append\",\"key\":7,\"value\":1,\"time\":0}",
            "{\"process\":1,\"type\":\"invoke\",\"f\":\"read-snapshot\",\"keys\":[7,2,9],\"time\":1}",
            "{\"process\":2,\"type\":\"invoke\",\"f\":\"read\",\"key\":7,\"value\":null,\"time\":2}",
            "{\"process\":0,\"type\":\"ok\",\"f\":\"append\",\"key\":7,\"time\":3}",
            "{\"process\":2,\"type\":\"ok\",\"f\":\"read\",\"key\":7,\"value\":[1],\"time\":4}",
            "{\"process\":1,\"type\":\"ok\",\"f\":\"read-snapshot\",\"keys\":[7,2,9],"
                + "\"values\":[1,null,8],\"time\":5}",
            "{\"process\":2,\"type\":\"invoke\",\"f\":\"read\",\"key\":8,\"value\":null,\"time\":6}",
            "{\"process\":2,\"type\":\"info\",\"f\":\"read\",\"key\":8,\"value\":[],\"time\":6}",
            "{\"process\":0,\"type\":\"invoke\",\"f\":\"read-snapshot\",\"keys\":[4],\"time\":7}"),
        text);
    assertSameHistory(h, HistoryFormat.JSON_LINES.read("h.jsonl", text), "fixed");
  }

  @Test
  void jsonLinesRoundTripOfRandomHistoriesWithListsAndSnapshotsIsExact() {
    for (long seed = 1; seed <= 20; seed++) {
      History h = randomHistory(seed);
      String text = HistoryJsonLines.write(h);
      History back = HistoryFormat.JSON_LINES.read("random.jsonl", text);
      assertSameHistory(h, back, "seed " + seed);
      assertEquals(text, HistoryJsonLines.write(back), "seed " + seed);
    }
  }

  private static void assertSameHistory(History expected, History actual, String what) {
    assertEquals(expected.ops(), actual.ops(), what);
    for (int op = 0; op < expected.size(); op++) {
      assertArrayEquals(expected.resultList(op), actual.resultList(op), what + " op " + op);
      assertEquals(expected.snapshot(op), actual.snapshot(op), what + " op " + op);
    }
  }

  /**
   * About 200 operations from six clients: every kind, list reads (some empty), snapshot reads of
   * one to three keys, every status, ties in time and operations left pending.
   */
  private static History randomHistory(long seed) {
    UniformRandomProvider rng = new RandomStreams(seed).fork("shapes");
    History h = new History();
    Int2IntOpenHashMap outstanding = new Int2IntOpenHashMap();
    outstanding.defaultReturnValue(-1);
    OpKind[] kinds = OpKind.values();
    OpStatus[] statuses = OpStatus.values();
    long now = 0;
    while (h.size() < 200) {
      now += rng.nextInt(3);
      int process = rng.nextInt(6);
      int op = outstanding.get(process);
      if (op >= 0) {
        OpStatus status = statuses[rng.nextInt(statuses.length)];
        if (h.snapshot(op) >= 0) {
          long[] results = new long[h.snapshotSize(op)];
          for (int i = 0; i < results.length; i++) {
            results[i] = rng.nextBoolean() ? NIL : rng.nextLong(100);
          }
          h.completeSnapshotRead(op, status, results, now);
        } else if (h.kind(op) == OpKind.READ && rng.nextBoolean()) {
          long[] list = new long[rng.nextInt(4)];
          for (int i = 0; i < list.length; i++) {
            list[i] = rng.nextLong(100);
          }
          h.completeList(op, status, list, now);
        } else {
          long result = h.kind(op) == OpKind.READ && rng.nextBoolean() ? rng.nextLong(100) : NIL;
          h.complete(op, status, result, now);
        }
        outstanding.remove(process);
      } else if (rng.nextInt(4) == 0) {
        long[] keys = new long[1 + rng.nextInt(3)];
        for (int i = 0; i < keys.length; i++) {
          keys[i] = 10 * i + rng.nextInt(10);
        }
        outstanding.put(process, h.invokeSnapshotRead(process, keys, now));
      } else {
        OpKind kind = kinds[rng.nextInt(kinds.length)];
        long key = rng.nextInt(4);
        long value = kind == OpKind.READ ? NIL : h.nextUniqueValue();
        int invoked =
            kind == OpKind.CAS
                ? h.invokeCas(process, key, rng.nextBoolean() ? NIL : rng.nextLong(50), value, now)
                : h.invoke(process, kind, key, value, now);
        outstanding.put(process, invoked);
      }
    }
    return h;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // format | text | message
        "EDN|{:process 0 :type :invoke :f :read :key 4 :value [3 nil]}|history.edn:1:51: expected"
            + " key 4 (the op's :key) in the tuple, got 3",
        "JEPSEN_LOG|INFO  jepsen.util - 0 :invoke :write [3 5]\\nINFO  jepsen.util - 0 :ok :write"
            + " [4 5]|jepsen.log:2:35: expected key 3 of the invocation at line 1 in the tuple, got 4",
        "JEPSEN_LOG|INFO  jepsen.util - 0 :invoke :read [3 nil]\\nINFO  jepsen.util - 0 :ok :read"
            + " 5|jepsen.log:2:33: expected a [key value] tuple for key 3 (the invocation at line 1"
            + " is one) as the value of :read, got 5",
        "EDN|{:process 0 :type :invoke :f :txn :value [[:r 1 nil] [:w 2 3]]}|history.edn:1:55:"
            + " expected only :r micro-ops (transactions with writes are not supported, only"
            + " read-only snapshot txns), got :w",
        "JEPSEN_LOG|INFO  jepsen.util - 0 :invoke :txn [[:append 2 3]]|jepsen.log:1:38: expected"
            + " only :r micro-ops (transactions with writes are not supported, only read-only"
            + " snapshot txns), got :append",
        "EDN|{:process 0 :type :invoke :f :txn :value [[:r 1 nil] [:r 2 nil]]}\\n{:process 0 :type"
            + " :ok :f :txn :value [[:r 2 5] [:r 1 nil]]}|history.edn:2:38: expected the keys [1,"
            + " 2] of the txn invoked at line 1, in that order, got [2, 1]",
        "EDN|{:process 0 :type :invoke :f :txn :value [[:r 1 nil]]}\\n{:process 0 :type :ok :f"
            + " :txn :value [[:r 1 [5]]]}|history.edn:2:45: list values in a txn read are not"
            + " supported, got a vector",
        "EDN|{:process 0 :type :invoke :f :txn :value []}|history.edn:1:42: expected a non-empty"
            + " vector of micro-ops [:r key value] as the value of :txn, got a vector",
        "EDN|{:process 0 :type :invoke :f :read}\\n{:process 0 :type :ok :f :read :value [1 :x"
            + " 3]}|history.edn:2:42: expected an integer as an element of the list read by :read,"
            + " got :x",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"key\":1,\"time\":1}\\n"
            + "{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"key\":1,\"value\":[1,\"a\"],\"time\":2}"
            + "|history.jsonl:2:56: expected an integer or null as an element of \"value\", got"
            + " '\"'",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"key\":1,\"time\":1}\\n"
            + "{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"key\":1,\"value\":[1,null],\"time\":2}"
            + "|history.jsonl:2:56: expected an integer as an element of \"value\", got null",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"key\":1,\"time\":1}\\n"
            + "{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"key\":1,\"value\":[[1]],\"time\":2}"
            + "|history.jsonl:2:54: expected an integer or null as an element of \"value\", got"
            + " '['",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"read-snapshot\",\"keys\":[1,2],"
            + "\"time\":1}\\n{\"process\":0,\"type\":\"ok\",\"f\":\"read-snapshot\",\"keys\":[1,2],"
            + "\"values\":[4],\"time\":2}|history.jsonl:2:68: expected 2 values in \"values\", one"
            + " per key, got 1",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"read-snapshot\",\"keys\":[1,1],"
            + "\"time\":1}|history.jsonl:1:60: expected distinct keys in \"keys\", got 1 twice",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"read-snapshot\",\"key\":1,"
            + "\"time\":1}|history.jsonl:1:56: \"key\" is not allowed on a read-snapshot line",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":1,\"value\":[2],"
            + "\"time\":1}|history.jsonl:1:58: expected an integer or null for \"value\", got an"
            + " array",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"key\":1,\"keys\":[1],"
            + "\"time\":1}|history.jsonl:1:56: \"keys\" is only allowed on a read-snapshot line",
      })
  void malformedShapesNameSourceLineAndColumn(String format, String text, String message) {
    String input = text.replace("\\n", "\n").replace("\\t", "\t");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HistoryFormat.valueOf(format).read(SOURCES.get(format), input));
    assertEquals(message, e.getMessage());
  }
}
