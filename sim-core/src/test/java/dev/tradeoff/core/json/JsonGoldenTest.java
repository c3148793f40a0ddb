package dev.tradeoff.core.json;

import dev.tradeoff.core.json.Json.Arr;
import dev.tradeoff.core.json.Json.Bool;
import dev.tradeoff.core.json.Json.Field;
import dev.tradeoff.core.json.Json.Num;
import dev.tradeoff.core.json.Json.Obj;
import dev.tradeoff.core.json.Json.Str;
import dev.tradeoff.core.json.Json.Value;
import dev.tradeoff.core.random.RandomStreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link Json} parses and writes, byte for byte, on thousands of seeded inputs: the
 * expected lines in {@code json-golden.txt} were produced by the hand-written parser and writer
 * that came before dsl-json, so any change in a message, a position, a parsed tree (offsets
 * included) or a written byte shows up as a differing line.
 *
 * <p>The inputs are valid documents mutated by seeded edits that favour what a strict parser must
 * refuse (control and Unicode whitespace characters, leading zeros, bad escapes, surrogates,
 * truncation), and random trees of strings over the same awkward characters for the writer.
 *
 * <p>To regenerate after a deliberate change: run with {@code
 * -Dtradeoff.golden.write=<path-to>/json-golden.txt} and review the diff.
 */
final class JsonGoldenTest {
  private static final String RESOURCE = "json-golden.txt";

  /** Characters that are interesting to a strict JSON parser or writer. */
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
    "\u2029",
    "\u3000",
    "\u1680",
    "\u2000",
    "\u205f",
    "\ufeff",
    "\u0000",
    "\u0001",
    "\u001f",
    "\u007f",
    "\"",
    "\\",
    "/",
    "\\u",
    "\\x",
    "\\n",
    "\\ud800",
    "\\uDC00",
    "\\u00e9",
    "\\uZZZZ",
    "\\u12",
    "\ud800",
    "\udc00",
    "\ud83d\ude00",
    "\u00e9",
    "\uffff",
    "0",
    "00",
    "01",
    "-",
    "+",
    ".",
    "e",
    "E",
    "1",
    "9",
    "-0",
    "1.5",
    "1e",
    "1e+",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "t",
    "true",
    "fals",
    "null",
    "nul",
    "x",
    "a",
    "\"k\"",
    "\"k\": 1",
    ", ",
    "{}",
    "[]",
    "[[",
    "]]",
  };

  private static final String[] DOCUMENTS = {
    "{\n  \"name\": \"base\",\n  \"seed\": 7,\n  \"rate\": 1.5e-3,\n  \"ok\": true,\n"
        + "  \"none\": null,\n  \"list\": [1, -2, 0, 3.25, -0.5E+2, {\"a\": [\"x\\n\\u00e9\\/\"]}]\n}\n",
    "{\"schema\": \"tradeoff.faults/1\", \"events\": [{\"atNanos\": 0, \"durationNanos\": 100,"
        + " \"fault\": {\"kind\": \"crash\", \"type\": \"crash\", \"node\": \"n1\"}}]}",
    "[\r\n  \"\\ud83d\\ude00\", \"caf\u00e9 \ud83d\ude00\", false,\r\n  [[], {}, [null]]\r\n]",
    "  \"just a string \\\" \\\\ \\b\\f\\r\\t\"  ",
    "-12.5e10",
    "{\"deep\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
  };

  @Test
  void parsingAndWritingMatchTheGoldenFile() throws IOException {
    List<String> actual = cases();
    GoldenLines.check(JsonGoldenTest.class, RESOURCE, actual);
  }

  private static List<String> cases() {
    List<String> lines = new ArrayList<>();
    UniformRandomProvider random = new RandomStreams(20240612).fork("json-golden");
    for (String document : DOCUMENTS) {
      lines.add(parseCase(document));
      for (int i = 0; i < 400; i++) {
        lines.add(parseCase(GoldenLines.mutate(document, random, ALPHABET, 3)));
      }
    }
    lines.add(parseCase("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH)));
    lines.add(parseCase("{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(33)));
    lines.add(parseCase("{\"a\": 1,\r\n \"b\": {\"\u00e9\": 2, \"\\u00e9\": 3}}"));
    lines.add(parseCase("{\"a\": 1, \"a\" 2}"));
    for (int i = 0; i < 600; i++) {
      Value value = randomValue(random, 0);
      lines.add(
          "write "
              + GoldenLines.ascii(Json.write(value))
              + " pretty "
              + GoldenLines.ascii(Json.writePretty(value))
              + " reparsed "
              + GoldenLines.ascii(dump(Json.parse(Json.writePretty(value)).value())));
    }
    for (int i = 0; i < 400; i++) {
      String text = randomString(random);
      lines.add("quote " + GoldenLines.ascii(text) + " -> " + GoldenLines.ascii(Json.quote(text)));
    }
    return lines;
  }

  private static String parseCase(String text) {
    String result;
    try {
      result = "ok " + dump(Json.parse(text).value());
    } catch (JsonException e) {
      result = "error " + e.getMessage();
    }
    return "parse " + GoldenLines.ascii(text) + " -> " + GoldenLines.ascii(result);
  }

  private static Value randomValue(UniformRandomProvider random, int depth) {
    int roll = random.nextInt(depth > 3 ? 6 : 9);
    return switch (roll) {
      case 0, 1 -> Json.string(randomString(random));
      case 2 -> Json.number(random.nextLong() >> random.nextInt(64));
      case 3 -> {
        double d = Double.longBitsToDouble(random.nextLong());
        yield Json.number(Double.isFinite(d) ? d : 0.25);
      }
      case 4 -> Json.bool(random.nextBoolean());
      case 5 -> new Json.Null(-1);
      case 6 -> {
        List<Value> items = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          items.add(randomValue(random, depth + 1));
        }
        yield Json.array(items);
      }
      default -> {
        Json.ObjBuilder builder = new Json.ObjBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
          builder.put(randomString(random) + i, randomValue(random, depth + 1));
        }
        yield builder.build();
      }
    };
  }

  private static String randomString(UniformRandomProvider random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      int roll = random.nextInt(4);
      if (roll == 0) {
        text.append((char) random.nextInt(0x80));
      } else if (roll == 1) {
        text.append((char) random.nextInt(0x10000));
      } else if (roll == 2) {
        text.appendCodePoint(0x10000 + random.nextInt(0x100000));
      } else {
        text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
    }
    return text.toString();
  }

  /** A tree with every offset, so that a moved position is a differing line. */
  private static String dump(Value value) {
    if (value instanceof Obj obj) {
      StringBuilder out = new StringBuilder("{@" + obj.offset());
      for (Field field : obj.fields().values()) {
        out.append(' ').append(Json.quote(field.name())).append('@').append(field.offset());
        out.append('=').append(dump(field.value()));
      }
      return out.append('}').toString();
    }
    if (value instanceof Arr arr) {
      StringBuilder out = new StringBuilder("[@" + arr.offset());
      for (Value item : arr.items()) {
        out.append(' ').append(dump(item));
      }
      return out.append(']').toString();
    }
    if (value instanceof Str str) {
      return "s@" + str.offset() + ":" + Json.quote(str.value());
    }
    if (value instanceof Num num) {
      return "n@" + num.offset() + ":" + num.text();
    }
    if (value instanceof Bool bool) {
      return "b@" + bool.offset() + ":" + bool.value();
    }
    return "null@" + value.offset();
  }
}
