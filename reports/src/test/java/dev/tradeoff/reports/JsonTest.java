package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
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
            "[1e]")) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
    }
  }
}
