package dev.tradeoff.core.history.io;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.json.GoldenLines;
import dev.tradeoff.core.random.RandomStreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link HistoryJsonLines} reads and writes, byte for byte, on thousands of seeded
 * inputs: the expected lines in {@code history-json-lines-golden.txt} were produced by the
 * hand-written reader and writer that came before dsl-json, so any change in a message, a column, a
 * parsed history or a written byte shows up as a differing line.
 *
 * <p>To regenerate after a deliberate change: run with {@code
 * -Dtradeoff.golden.write=<path-to>/history-json-lines-golden.txt} and review the diff.
 */
final class HistoryJsonLinesGoldenTest {
  private static final String RESOURCE = "history-json-lines-golden.txt";

  private static final String[] ALPHABET = {
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u000b",
    "\f",
    "\u00a0",
    "\u2028",
    "\u3000",
    "\u0000",
    "\u001f",
    "\"",
    "\\",
    "\\\"",
    "\\/",
    "\\n",
    "\\u0041",
    "\ud800",
    "\ud83d\ude00",
    "\u00e9",
    "0",
    "007",
    "-",
    "-0",
    "1.5",
    "1e5",
    "9223372036854775808",
    "4294967296",
    "null",
    "nul",
    "true",
    "[",
    "]",
    "[]",
    "[1,null]",
    "{",
    "}",
    ":",
    ",",
    "x",
    "\"read\"",
    "\"ok\"",
    "\"keys\":[1,2],",
    "\"value\":3,",
    "\"expected\":null,",
    "\"values\":[1],",
    "\"key\":1,",
    "\"time\":5,",
  };

  private static final String[] DOCUMENTS = {
    String.join(
        "\n",
        "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":1,\"value\":3,\"time\":1200}",
        "{\"process\":1,\"type\":\"invoke\",\"f\":\"cas\",\"key\":1,\"expected\":3,\"value\":4,"
            + "\"time\":1300}",
        "{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"key\":1,\"time\":1500}",
        "{\"process\":2,\"type\":\"invoke\",\"f\":\"read\",\"key\":1,\"value\":null,\"time\":1600}",
        "{\"process\":2,\"type\":\"ok\",\"f\":\"read\",\"key\":1,\"value\":3,\"time\":1700}",
        "{\"process\":1,\"type\":\"fail\",\"f\":\"cas\",\"key\":1,\"time\":1750}",
        "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":7,\"time\":1800}",
        "{\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"key\":7,\"value\":[4,9],\"time\":1900}",
        "{\"process\":0,\"type\":\"invoke\",\"f\":\"read-snapshot\",\"keys\":[1,2,3],\"time\":2000}",
        "{\"process\":0,\"type\":\"ok\",\"f\":\"read-snapshot\",\"keys\":[1,2,3],"
            + "\"values\":[4,null,7],\"time\":2100}",
        ""),
    String.join(
        "\r\n",
        " { \"time\" : 10 , \"f\" : \"append\" , \"value\" : -5, \"key\" : -1, \"process\" : 3,"
            + " \"type\" : \"invoke\" } ",
        "",
        "\t{\"type\":\"info\",\"process\":3,\"f\":\"append\",\"key\":-1,\"time\":20}\t",
        "{\"process\":4,\"type\":\"invoke\",\"f\":\"read\",\"key\":0,\"time\":30}",
        "{\"process\":4,\"type\":\"ok\",\"f\":\"read\",\"key\":0,\"value\":[],\"time\":40}"),
  };

  @Test
  void readingAndWritingMatchTheGoldenFile() throws IOException {
    List<String> actual = cases();
    GoldenLines.check(HistoryJsonLinesGoldenTest.class, RESOURCE, actual);
  }

  private static List<String> cases() {
    List<String> lines = new ArrayList<>();
    UniformRandomProvider random = new RandomStreams(20240613).fork("history-json-lines-golden");
    for (String document : DOCUMENTS) {
      lines.add(readCase(document));
      for (int i = 0; i < 1000; i++) {
        lines.add(readCase(GoldenLines.mutate(document, random, ALPHABET, 2)));
      }
    }
    for (int i = 0; i < 200; i++) {
      History history = randomHistory(random);
      String text = HistoryJsonLines.write(history);
      lines.add(
          "write "
              + GoldenLines.ascii(text)
              + " -> "
              + GoldenLines.ascii(dump(HistoryJsonLines.read("w", text))));
    }
    return lines;
  }

  private static String readCase(String text) {
    String result;
    try {
      result = "ok " + dump(HistoryJsonLines.read("h.jsonl", text));
    } catch (IllegalArgumentException e) {
      result = "error " + e.getMessage();
    }
    return "read " + GoldenLines.ascii(text) + " -> " + GoldenLines.ascii(result);
  }

  /** Up to 30 operations of four processes, numbers from the whole range of {@code long}. */
  private static History randomHistory(UniformRandomProvider random) {
    History h = new History();
    int[] open = {-1, -1, -1, -1};
    long time = random.nextLong(1_000);
    for (int i = random.nextInt(30); i > 0; i--) {
      int p = random.nextInt(open.length);
      if (open[p] >= 0) {
        complete(h, open[p], random, time += random.nextInt(100));
      }
      long key = number(random);
      time += random.nextInt(100);
      open[p] =
          switch (random.nextInt(5)) {
            case 0 -> h.invoke(p, OpKind.READ, key, History.NIL, time);
            case 1 -> h.invoke(p, OpKind.WRITE, key, number(random), time);
            case 2 -> h.invokeCas(p, key, number(random), number(random), time);
            case 3 -> h.invoke(p, OpKind.APPEND, key, number(random), time);
            default -> h.invokeSnapshotRead(p, new long[] {key, ~key}, time);
          };
    }
    for (int op : open) {
      if (op >= 0 && random.nextBoolean()) {
        complete(h, op, random, time += random.nextInt(100));
      }
    }
    return h;
  }

  private static void complete(History h, int op, UniformRandomProvider random, long time) {
    OpStatus status = OpStatus.values()[random.nextInt(OpStatus.values().length)];
    if (h.snapshot(op) >= 0) {
      h.completeSnapshotRead(op, status, new long[] {number(random), number(random)}, time);
    } else if (h.kind(op) == OpKind.READ && random.nextBoolean()) {
      h.completeList(op, status, new long[] {number(random), 0, Long.MAX_VALUE}, time);
    } else {
      h.complete(op, status, number(random), time);
    }
  }

  /** A number, often null ({@link History#NIL}) or an extreme. */
  private static long number(UniformRandomProvider random) {
    return switch (random.nextInt(6)) {
      case 0 -> History.NIL;
      case 1 -> Long.MIN_VALUE + 1;
      case 2 -> Long.MAX_VALUE;
      case 3 -> -random.nextInt(1000);
      default -> random.nextLong() >> random.nextInt(64);
    };
  }

  private static String dump(History h) {
    StringBuilder out = new StringBuilder();
    for (int op = 0; op < h.size(); op++) {
      out.append(h.op(op)).append(" snapshot=").append(h.snapshot(op));
      long[] list = h.resultList(op);
      if (list != null) {
        out.append(" list=").append(Arrays.toString(list));
      }
      out.append("; ");
    }
    return out.toString();
  }
}
