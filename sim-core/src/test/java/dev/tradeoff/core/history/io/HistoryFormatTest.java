package dev.tradeoff.core.history.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.Op;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class HistoryFormatTest {
  private static final long NIL = History.NIL;
  private static final long PENDING = Long.MAX_VALUE;
  private static final Map<String, String> SOURCES =
      Map.of("EDN", "history.edn", "JEPSEN_LOG", "jepsen.log", "JSON_LINES", "history.jsonl");

  private static final String LOG =
      String.join(
          "\n",
          "2017-03-02 10:00:00,123 INFO  jepsen.core - Running test",
          "INFO  jepsen.util - 0\t:invoke\t:write\t3",
          "INFO  jepsen.util - 1\t:invoke\t:read\tnil",
          "INFO  jepsen.util - :nemesis\t:info\t:start\t{:partition \"majority\"}",
          "INFO  jepsen.util - 0\t:ok\t:write\t3",
          "INFO  jepsen.util - 1 :ok :read 3",
          "INFO  jepsen.util - 2\t:invoke\t:cas\t[3 4]",
          "INFO  jepsen.util - 2\t:fail\t:cas\t[3 4]",
          "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
          "INFO  jepsen.util - 0\t:info\t:read\tnil\tindeterminate: Read timed out",
          "INFO  jepsen.util - 1\t:invoke\t:write\t5",
          "");

  private static final String EDN =
      String.join(
          "\n",
          "{:process 0, :type :invoke, :f :write, :value 3, :time 1}",
          "{:process 1, :type :invoke, :f :read, :value nil, :time 2}",
          "{:process :nemesis, :type :info, :f :start, :value nil, :time 3}",
          "{:process 0, :type :ok, :f :write, :value 3, :time 4}",
          "{:process 1, :type :ok, :f :read, :value 3, :time 5, :index 9}",
          "{:process 2, :type :invoke, :f :cas, :value [3 4], :time 6}",
          "{:process 2, :type :fail, :f :cas, :value [3 4], :time 7}",
          "{:process 0, :type :invoke, :f :read, :value nil, :time 8}",
          "{:process 0, :type :info, :f :read, :value nil, :time 9, :error \"timeout\"}",
          "{:process 1, :type :invoke, :f :write, :value 5, :time 10}");

  private static final String JSON =
      String.join(
          "\n",
          "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":0,\"value\":3,\"time\":1}",
          "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":0,\"value\":null,\"time\":2}",
          "{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"key\":0,\"time\":4}",
          "{ \"process\" : 1, \"type\":\"ok\",\"f\":\"read\",\"key\":0,\"value\":3,\"time\":5 }",
          "",
          "{\"process\":2,\"type\":\"invoke\",\"f\":\"cas\",\"key\":0,\"expected\":3,\"value\":4,"
              + "\"time\":6}",
          "{\"process\":2,\"type\":\"fail\",\"f\":\"cas\",\"key\":0,\"time\":7}",
          "{\"time\":8,\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"key\":0}",
          "{\"process\":0,\"type\":\"info\",\"f\":\"read\",\"key\":0,\"value\":null,\"time\":9}",
          "{\"process\":1,\"type\":\"invoke\",\"f\":\"write\",\"key\":0,\"value\":5,\"time\":10}");

  private static final List<Op> EXPECTED =
      List.of(
          new Op(0, 0, OpKind.WRITE, 0, 3, NIL, NIL, 1, 4, OpStatus.OK),
          new Op(1, 1, OpKind.READ, 0, NIL, NIL, 3, 2, 5, OpStatus.OK),
          new Op(2, 2, OpKind.CAS, 0, 4, 3, NIL, 6, 7, OpStatus.FAIL),
          new Op(3, 0, OpKind.READ, 0, NIL, NIL, NIL, 8, 9, OpStatus.INFO),
          new Op(4, 1, OpKind.WRITE, 0, 5, NIL, NIL, 10, PENDING, OpStatus.INFO));

  @Test
  void readsJepsenLogWithTimesFromLineIndices() {
    History h = HistoryFormat.JEPSEN_LOG.read("jepsen.log", LOG);
    assertEquals(5, h.size());
    // Field by field for the first op, so a mismatch names the field.
    assertEquals(0, h.process(0));
    assertEquals(OpKind.WRITE, h.kind(0));
    assertEquals(0, h.key(0));
    assertEquals(3, h.value(0));
    assertEquals(NIL, h.expected(0));
    assertEquals(NIL, h.result(0));
    assertEquals(1, h.invokeNanos(0));
    assertEquals(4, h.completeNanos(0));
    assertEquals(OpStatus.OK, h.status(0));
    assertEquals(EXPECTED, h.ops());
    assertTrue(!h.op(4).completed());
  }

  @Test
  void ednAndJsonLinesGiveTheSameOpsAsTheLog() {
    assertEquals(EXPECTED, HistoryFormat.EDN.read("h.edn", EDN).ops());
    assertEquals(EXPECTED, HistoryFormat.JSON_LINES.read("h.jsonl", JSON).ops());
  }

  @Test
  void ednAsAVectorWithoutTimesUsesPositionsAndKeys() {
    String text =
        "[{:process 0 :type :invoke :f :append :key 7 :value 1}\n"
            + " {:process 0 :type :ok :f :append :key 7 :value 1}\n"
            + " {:process 3 :type :invoke :f :read :key 8}]";
    assertEquals(
        List.of(
            new Op(0, 0, OpKind.APPEND, 7, 1, NIL, NIL, 0, 1, OpStatus.OK),
            new Op(1, 3, OpKind.READ, 8, NIL, NIL, NIL, 2, PENDING, OpStatus.INFO)),
        HistoryFormat.EDN.read("v.edn", text).ops());
  }

  @Test
  void jsonLinesWriterMatchesTheDocumentedShape() {
    String written = HistoryJsonLines.write(HistoryFormat.EDN.read("h.edn", EDN));
    assertEquals(
        String.join(
            "\n",
            "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":0,\"value\":3,\"time\":1}",
            "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":0,\"value\":null,\"time\":2}",
            "{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"key\":0,\"time\":4}",
            "{\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"key\":0,\"value\":3,\"time\":5}",
            "{\"process\":2,\"type\":\"invoke\",\"f\":\"cas\",\"key\":0,\"expected\":3,\"value\":4,"
                + "\"time\":6}",
            "{\"process\":2,\"type\":\"fail\",\"f\":\"cas\",\"key\":0,\"time\":7}",
            "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"key\":0,\"value\":null,\"time\":8}",
            "{\"process\":0,\"type\":\"info\",\"f\":\"read\",\"key\":0,\"value\":null,\"time\":9}",
            "{\"process\":1,\"type\":\"invoke\",\"f\":\"write\",\"key\":0,\"value\":5,\"time\":10}",
            ""),
        written);
  }

  @Test
  void jsonLinesRoundTripOfRandomHistoriesIsExact() {
    for (long seed = 1; seed <= 50; seed++) {
      History h = randomHistory(seed);
      String text = HistoryJsonLines.write(h);
      History back = HistoryFormat.JSON_LINES.read("random.jsonl", text);
      assertEquals(h.ops(), back.ops(), "seed " + seed);
      assertEquals(text, HistoryJsonLines.write(back), "seed " + seed);
    }
  }

  /**
   * Clients that each keep at most one op outstanding, with overlapping ops, ties in time, zero-
   * duration ops, every kind and status, nil values and ops left pending at the end.
   */
  private static History randomHistory(long seed) {
    UniformRandomProvider rng = new RandomStreams(seed).fork("h");
    History h = new History();
    Int2IntOpenHashMap outstanding = new Int2IntOpenHashMap();
    outstanding.defaultReturnValue(-1);
    OpKind[] kinds = OpKind.values();
    OpStatus[] statuses = OpStatus.values();
    long now = 0;
    for (int step = 0; step < 300; step++) {
      now += rng.nextInt(3);
      int process = rng.nextInt(6);
      int op = outstanding.get(process);
      if (op >= 0) {
        long result = h.kind(op) == OpKind.READ && rng.nextBoolean() ? rng.nextLong(100) : NIL;
        h.complete(op, statuses[rng.nextInt(statuses.length)], result, now);
        outstanding.remove(process);
      } else {
        OpKind kind = kinds[rng.nextInt(kinds.length)];
        long key = rng.nextInt(4);
        long value = kind == OpKind.READ ? NIL : h.nextUniqueValue();
        int invoked =
            kind == OpKind.CAS
                ? h.invokeCas(process, key, rng.nextBoolean() ? NIL : rng.nextLong(50), value, now)
                : h.invoke(process, kind, key, value, now);
        if (rng.nextInt(5) == 0) {
          h.complete(invoked, OpStatus.OK, NIL, now);
        } else {
          outstanding.put(process, invoked);
        }
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
        "EDN|{:process 0, :type :invoke, :f :read, :value nil}\\n{:process 0, :type :okk, :f"
            + " :read, :value 3}|history.edn:2:20: expected :invoke, :ok, :fail or :info after"
            + " :type, got :okk",
        "EDN|{:process 0, :type :invoke, :f :frob}|history.edn:1:32: expected :read, :write, :cas,"
            + " :append, :txn, :get or :put after :f, got :frob",
        "EDN|{:process 4, :type :ok, :f :write, :value 1}|history.edn:1:20: process 4 completes"
            + " write with no outstanding invocation",
        "EDN|{:process 0, :type :invoke|history.edn:1:1: map is not closed: expected '}'",
        "EDN|{:process 1, :type :invoke, :f :write, :value 1}\\n{:process 1, :type :invoke, :f"
            + " :read}|history.edn:2:20: process 1 invokes read while its write invoked at line 1"
            + " is still outstanding",
        "EDN|{:process 0, :type :invoke, :f :cas, :value [1]}|history.edn:1:45: expected [expected"
            + " new] (two integers) as the value of :cas, got a vector",
        "EDN|{:process 0, :type :invoke, :f :write, :value 1, :time 9}\\n{:process 0, :type :ok,"
            + " :f :write, :time 5}|history.edn:2:20: completion time 5 precedes invocation time 9",
        "EDN|{:process 0, :type :invoke, :f :write, :value 1}\\n{:type :ok}|history.edn:2:1:"
            + " expected :process in op map",
        "JEPSEN_LOG|INFO  jepsen.util - x :invoke :read nil|jepsen.log:1:21: expected a map,"
            + " vector, keyword, integer, string or nil, got x",
        "JEPSEN_LOG|\\nINFO  jepsen.util - 3\\t:invoke\\t:write|jepsen.log:2:37: expected a value"
            + " after :write, got end of line",
        "JEPSEN_LOG|INFO  jepsen.util - 3\\t:invoke\\t:write\\t1\\nINFO  jepsen.util - 3\\t:ok\\t:read"
            + "\\tnil|jepsen.log:2:23: process 3 completes read but its outstanding invocation at"
            + " line 1 is write",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":1,\"value\":3}"
            + "|history.jsonl:1:1: expected member \"time\"",
        "JSON_LINES|{\"process\":0,\"type\":\"done\",\"f\":\"read\",\"key\":1,\"time\":3}"
            + "|history.jsonl:1:21: expected \"invoke\", \"ok\", \"fail\" or \"info\" for \"type\","
            + " got \"done\"",
        "JSON_LINES|{\"process\":0,\"foo\":1}|history.jsonl:1:14: unknown member \"foo\"",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"key\":1,\"time\":3.5}"
            + "|history.jsonl:1:57: expected ',' or '}', got '.'",
        "JSON_LINES|{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"key\":1,\"time\":3} x"
            + "|history.jsonl:1:59: expected end of line after '}', got 'x'",
      })
  void malformedInputNamesSourceLineAndColumn(String format, String text, String message) {
    String input = text.replace("\\n", "\n").replace("\\t", "\t");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HistoryFormat.valueOf(format).read(SOURCES.get(format), input));
    assertEquals(message, e.getMessage());
  }

  @Test
  void detectsByExtensionThenByContent() {
    assertEquals(HistoryFormat.EDN, HistoryFormat.detect("a/history.EDN", JSON));
    assertEquals(HistoryFormat.JSON_LINES, HistoryFormat.detect("h.jsonl", ""));
    assertEquals(HistoryFormat.JSON_LINES, HistoryFormat.detect("h.json", ""));
    assertEquals(HistoryFormat.JEPSEN_LOG, HistoryFormat.detect("jepsen.log", ""));
    // .log and .txt are generic names: EDN inside (Porcupine's kv files) is read as EDN, unless
    // the text has Jepsen log lines; with neither, the name's Jepsen log stands.
    assertEquals(HistoryFormat.EDN, HistoryFormat.detect("history.txt", EDN));
    assertEquals(HistoryFormat.JEPSEN_LOG, HistoryFormat.detect("history.txt", LOG));
    assertEquals(HistoryFormat.JEPSEN_LOG, HistoryFormat.detect("other.log", "a b c\n"));
    assertEquals(HistoryFormat.JSON_LINES, HistoryFormat.detect("stdin", "\n  " + JSON));
    assertEquals(HistoryFormat.EDN, HistoryFormat.detect("stdin", EDN));
    assertEquals(HistoryFormat.EDN, HistoryFormat.detect("stdin", "[{:process 0}]"));
    assertEquals(HistoryFormat.JEPSEN_LOG, HistoryFormat.detect("stdin", LOG));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HistoryFormat.detect("x.bin", "hello"));
    assertTrue(e.getMessage().startsWith("x.bin: cannot tell the history format"));
  }
}
