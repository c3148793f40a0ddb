package dev.tradeoff.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.json.Json.Arr;
import dev.tradeoff.core.json.Json.Bool;
import dev.tradeoff.core.json.Json.Field;
import dev.tradeoff.core.json.Json.Num;
import dev.tradeoff.core.json.Json.Obj;
import dev.tradeoff.core.json.Json.Str;
import dev.tradeoff.core.json.Json.Value;
import dev.tradeoff.core.random.RandomStreams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    String override = System.getProperty("tradeoff.golden.write");
    if (override != null) {
      Files.write(Path.of(override), actual, StandardCharsets.UTF_8);
    }
    List<String> expected;
    try (InputStream in = JsonGoldenTest.class.getResourceAsStream(RESOURCE)) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertEquals(expected.size(), actual.size(), "number of cases");
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        differing.add("expected " + expected.get(i) + "\n     got " + actual.get(i));
      }
    }
    assertEquals(List.of(), differing.subList(0, Math.min(20, differing.size())));
  }

  private static List<String> cases() {
    List<String> lines = new ArrayList<>();
    UniformRandomProvider random = new RandomStreams(20240612).fork("json-golden");
    for (String document : DOCUMENTS) {
      lines.add(parseCase(document));
      for (int i = 0; i < 400; i++) {
        lines.add(parseCase(mutate(document, random)));
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
              + ascii(Json.write(value))
              + " pretty "
              + ascii(Json.writePretty(value))
              + " reparsed "
              + ascii(dump(Json.parse(Json.writePretty(value)).value())));
    }
    for (int i = 0; i < 400; i++) {
      String text = randomString(random);
      lines.add("quote " + ascii(text) + " -> " + ascii(Json.quote(text)));
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
    return "parse " + ascii(text) + " -> " + ascii(result);
  }

  private static String mutate(String document, UniformRandomProvider random) {
    StringBuilder text = new StringBuilder(document);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(text.length() + 1);
      switch (random.nextInt(6)) {
        case 0, 1 -> text.insert(at, ALPHABET[random.nextInt(ALPHABET.length)]);
        case 2 -> {
          if (at < text.length()) {
            text.deleteCharAt(at);
          }
        }
        case 3 -> {
          if (at < text.length()) {
            text.replace(at, at + 1, ALPHABET[random.nextInt(ALPHABET.length)]);
          }
        }
        case 4 -> {
          // A copied stretch often repeats a field, or one of its name, colon and value.
          int from = random.nextInt(text.length() + 1);
          int to = Math.min(text.length(), from + random.nextInt(30));
          text.insert(at, text.substring(from, to));
        }
        default -> text.setLength(at);
      }
    }
    return text.toString();
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

  /** {@code text} in printable ASCII: everything else, and the backslash, as a Java escape. */
  private static String ascii(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        String hex = Integer.toHexString(c);
        out.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
      }
    }
    return out.toString();
  }
}
