package dev.tradeoff.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The places where dsl-json, which {@link Json} reads and writes through, differs from RFC 8259 or
 * from the bytes this project always wrote, each held where Json needs it held.
 */
final class JsonEdgesTest {
  @Test
  void whitespaceTheReaderSkipsButTheRfcDoesNotIsTheTokenFound() {
    expectError("$: expected ',' or ']', got U+000B (at 1:3)", "[1\u000b]");
    expectError("$: expected ',' or ']', got U+000C (at 1:4)", "[1 \f, 2]");
    expectError("$[0]: expected a value, got U+3000 (at 1:2)", "[\u3000 1]");
    expectError("$: expected ':', got U+2028 (at 2:4)", "{\n\"a\"\u2028: 1}");
    expectError("$: unexpected U+1680 after the end of the document (at 1:4)", "[] \u1680");
    expectError("$: expected a value, got U+00A0 (at 1:1)", "\u00a0[]");
  }

  @Test
  void numbersAreCheckedWhereTheReaderWouldTakeThem() {
    expectError("$[0]: invalid number: leading zero (at 1:2)", "[-01]");
    expectError("$[0]: expected a value, got '+' (at 1:2)", "[+1]");
    expectError("$[0]: invalid number: expected a digit, got U+0020 (at 1:2)", "[1. 5]");
    expectError("$[0]: invalid number: expected a digit, got ']' (at 1:2)", "[1e]");
    expectError("$: expected ',' or ']', got '2' (at 1:4)", "[1 2]");
    expectError("$: unexpected '.' after the end of the document (at 1:4)", "1e5.3");
    assertEquals("-0.5E+2", Json.parse(" [-0.5E+2 ] ").items().get(0).shown());
  }

  @Test
  void stringsTheReaderTakesOrRefusesAreJudgedByTheRfc() {
    expectError("$[0]: unescaped control character U+0001 in a string (at 1:5)", "[\"ab\u0001\"]");
    // The control character comes first, though the reader only stumbles on the bad escape.
    expectError("$[0]: unescaped control character U+0009 in a string (at 1:4)", "[\"a\t\\x\"]");
    expectError("$[0]: invalid \\u escape: needs 4 hex digits (at 1:4)", "[\"\u00e9\\u12\"]");
    expectError("$[0]: invalid escape \\ before U+00E9 (at 1:3)", "[\"\\\u00e9\"]");
    expectError("$[0]: unterminated string (at 1:2)", "[\"abc\\");
    expectError("$[0]: invalid \\u escape: needs 4 hex digits (at 1:6)", "[\"abc\\u00");
  }

  @Test
  void positionsCountCodePointsThoughTheReaderCountsBytes() {
    expectError(
        "$: expected ',' or ']', got 'x' (at 1:13)",
        "[\"\ud83d\ude00\u00e9\u20ac\", \"\u00e9\" x]");
  }

  @Test
  void aRawLoneSurrogateInTheTextSurvivesParsingAndIsWrittenEscaped() {
    String text = "[\"a\ud800b\", \"\udc00\"]";
    Json.Cursor parsed = Json.parse(text);
    assertEquals("a\ud800b", parsed.items().get(0).string());
    assertEquals("\udc00", parsed.items().get(1).string());
    assertEquals("[\"a\\ud800b\", \"\\udc00\"]", Json.write(parsed.value()));
    expectError("$: expected ',' or ']', got U+D800 (at 1:6)", "[\"x\" \ud800]");
  }

  @Test
  void controlCharactersAreEscapedInLowerCaseHexAsAlways() {
    // dsl-json alone would write \u000B, \u000E, \u001F: reports and schedules would change.
    assertEquals(
        "\"\\u0000\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u001a\\u001f\"",
        Json.quote("\u0000\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u001a\u001f"));
    assertEquals("\"a\\u001bb\\u000bc\"", Json.quote("a\u001bb\u000bc"));
  }

  @Test
  void slashesLineSeparatorsAndNonAsciiAreWrittenAsTheyAre() {
    String text = "a/b\u2028\u2029\u007f\u00e9\ud83d\ude00\uffff\"\\";
    String quoted = Json.quote(text);
    assertEquals("\"a/b\u2028\u2029\u007f\u00e9\ud83d\ude00\uffff\\\"\\\\\"", quoted);
    assertEquals(
        quoted, new String(quoted.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    assertEquals(text, Json.parse(quoted).string());
  }

  private static void expectError(String message, String json) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(json), json);
    assertEquals(message, e.getMessage(), json);
  }
}
