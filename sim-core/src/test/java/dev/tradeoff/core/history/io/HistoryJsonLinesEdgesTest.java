package dev.tradeoff.core.history.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import org.junit.jupiter.api.Test;

/**
 * The places where dsl-json, which {@link HistoryJsonLines} reads and writes through, would read or
 * write otherwise than this format always has, each held as the format needs.
 */
final class HistoryJsonLinesEdgesTest {
  private static final String HEAD = "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",";

  @Test
  void integersTheConverterWouldWrapAroundAreRefused() {
    // dsl-json 2.0.2's converter reads 19223372036854775808 as 776627963145224192.
    expectError(
        "h:1:48: expected an integer for \"key\", got 19223372036854775808",
        HEAD + "\"key\":19223372036854775808,\"value\":1,\"time\":1}");
    expectError(
        "h:1:48: expected an integer for \"key\", got -19223372036854775808",
        HEAD + "\"key\":-19223372036854775808,\"value\":1,\"time\":1}");
    expectError("h:1:48: expected an integer for \"key\", got -", HEAD + "\"key\":-,\"time\":1}");
  }

  @Test
  void integersKeepTheFormatsOwnReading() {
    // Leading zeros have always been taken; exponents and '+' never were.
    History h = HistoryJsonLines.read("h", HEAD + "\"key\":007,\"value\":-0012 ,\"time\":1}");
    assertEquals(7, h.key(0));
    assertEquals(-12, h.value(0));
    expectError(
        "h:1:49: expected ',' or '}', got 'e'", HEAD + "\"key\":1e5,\"value\":1,\"time\":1}");
    expectError(
        "h:1:48: expected an integer, a string, an array or null for \"key\", got '+'",
        HEAD + "\"key\":+1,\"value\":1,\"time\":1}");
  }

  @Test
  void onlyTheFormatsEscapesAndWhitespaceAreTaken() {
    expectError(
        "h:1:25: unsupported escape in string",
        "{\"process\":0,\"type\":\"inv\\u006fke\",\"f\":\"write\",\"key\":1,\"value\":1,\"time\":1}");
    expectError(
        "h:1:13: expected ',' or '}', got '\u000b'",
        "{\"process\":0\u000b,\"type\":\"invoke\",\"f\":\"write\",\"key\":1,\"value\":1,\"time\":1}");
    expectError("h:1:2: expected a member name in double quotes, got '\u3000'", "{\u3000}");
  }

  @Test
  void columnsCountCharsOfTheLineThoughTheReaderCountsBytes() {
    expectError(
        "h:2:27: expected ',' or '}', got 'x'",
        "\n{\"process\":0,\"type\":\"\u00e9\ud83d\ude00\" x}");
  }

  @Test
  void writtenNumbersSpanTheWholeRangeOfLong() {
    History h = new History();
    int op = h.invoke(Integer.MAX_VALUE, OpKind.WRITE, Long.MIN_VALUE + 1, Long.MAX_VALUE, 0);
    h.complete(op, OpStatus.OK, History.NIL, Long.MAX_VALUE - 1);
    assertEquals(
        "{\"process\":2147483647,\"type\":\"invoke\",\"f\":\"write\",\"key\":-9223372036854775807,"
            + "\"value\":9223372036854775807,\"time\":0}\n"
            + "{\"process\":2147483647,\"type\":\"ok\",\"f\":\"write\",\"key\":-9223372036854775807,"
            + "\"time\":9223372036854775806}\n",
        HistoryJsonLines.write(h));
  }

  private static void expectError(String message, String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HistoryJsonLines.read("h", text), text);
    assertEquals(message, e.getMessage(), text);
  }
}
