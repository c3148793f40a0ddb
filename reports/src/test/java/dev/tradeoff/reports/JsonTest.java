package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void escapesQuotesBackslashesControlsAndLineSeparators() {
    String text = "a\"b\\c\n\t\u0001\u007f\u2028\u2029é";
    assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\\u2028\\u2029é\"", Json.write(text));
    assertEquals(text, Json.parse(Json.write(text)));
  }

  @Test
  void escapesEveryCharacterAsTheFilesAlwaysHave() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      String text = "a" + c + "b";
      assertEquals(
          reference(text), Json.write(text), () -> "U+" + Integer.toHexString(text.charAt(1)));
    }
    String pair = "x\uD83D\uDE00y";
    assertEquals("\"" + pair + "\"", Json.write(pair));
    assertEquals(pair, Json.parse(Json.write(pair)));
  }

  @Test
  void loneSurrogatesBecomeEscapes() {
    assertEquals("\"\\ud83d.\\ude00\"", Json.write("\uD83D.\uDE00"));
    assertEquals("\uD83D.\uDE00", Json.parse(Json.write("\uD83D.\uDE00")));
  }

  /** How the report files quoted strings before they were written through dsl-json. */
  private static String reference(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else if (Character.isSurrogate(c)) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c)); // alone in these tests
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  @Test
  void writesIntegersThroughDslJsonAndDecimalsAsGiven() {
    List<Object> values = List.of(Long.MIN_VALUE, 0, Long.MAX_VALUE, new Json.Num("0.000001"));
    assertEquals("[-9223372036854775808, 0, 9223372036854775807, 0.000001]", Json.write(values));
  }

  @Test
  void prettyPrintsWithTwoSpacesAndKeepsKeyOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", new Json.Num("1"));
    m.put("a", List.of(new Json.Num("1.5"), new Json.Num("2")));
    m.put("e", Map.of());
    m.put("s", List.of("x"));
    m.put("n", null);
    assertEquals(
        "{\n  \"z\": 1,\n  \"a\": [1.5, 2],\n  \"e\": {},\n  \"s\": [\n    \"x\"\n  ],\n"
            + "  \"n\": null\n}",
        Json.write(m));
  }

  @Test
  void parseRoundTripsAndKeepsNumbersExact() {
    String text = "{\"a\":[1,-0.50,2e-3,true,false,null],\"b\":{\"c\":\"\\u00e9\\/\"}}";
    Object tree = Json.parse(text);
    assertEquals(tree, Json.parse(Json.write(tree)));
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) tree;
    assertEquals(new Json.Num("-0.50"), ((List<?>) root.get("a")).get(1));
    assertEquals("é/", ((Map<?, ?>) root.get("b")).get("c"));
  }

  @Test
  void parseRejectsMalformedText() {
    for (String bad :
        List.of(
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "\"\u0001\"",
            "{\"a\":1,\"a\":2}",
            "1 2",
            "nul",
            "'a'",
            "[1e]",
            "+1",
            "[1.]",
            "[-]",
            "{\"a\" 1}",
            "{1: 2}",
            "[1 2]",
            "\"a\" x",
            "\"a\\x\"",
            "[".repeat(600) + "]".repeat(600))) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
    }
  }
}
