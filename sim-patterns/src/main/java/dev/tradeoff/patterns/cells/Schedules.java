package dev.tradeoff.patterns.cells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two lists a {@code cells} system writes as strings: the router's table ({@code "7:2,
 * 9:0"}, customer to cell) and the moves ({@code "7->2@5s, 3->1@8.5s"}, customer to cell at a
 * time). A bad entry is an {@link IllegalArgumentException} whose message names it.
 */
final class Schedules {
  private static final Pattern ENTRY = Pattern.compile("\\s*(\\d+)\\s*:\\s*(\\d+)\\s*");
  private static final Pattern MOVE =
      Pattern.compile("\\s*(\\d+)\\s*->\\s*(\\d+)\\s*@\\s*(\\d+(?:\\.\\d+)?)(ms|s|m)\\s*");

  private Schedules() {}

  /** The table: customer to cell, in the order written; an empty string is an empty table. */
  static Map<Integer, Integer> table(String text) {
    Map<Integer, Integer> table = new LinkedHashMap<>();
    for (String entry : entries(text)) {
      Matcher m = ENTRY.matcher(entry);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "expected entries CUSTOMER:CELL such as \"7:2\", got \"" + entry.strip() + "\"");
      }
      int customer = number(m.group(1), entry);
      if (table.put(customer, number(m.group(2), entry)) != null) {
        throw new IllegalArgumentException("customer " + customer + " is assigned twice");
      }
    }
    return table;
  }

  /** The moves, in the order written. */
  static List<Move> moves(String text) {
    List<Move> moves = new ArrayList<>();
    for (String entry : entries(text)) {
      Matcher m = MOVE.matcher(entry);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "expected moves CUSTOMER->CELL@TIME such as \"7->2@5s\", got \""
                + entry.strip()
                + "\"");
      }
      double unit =
          switch (m.group(4)) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> 60e9;
          };
      long at = Math.round(Double.parseDouble(m.group(3)) * unit);
      moves.add(new Move(number(m.group(1), entry), number(m.group(2), entry), at));
    }
    return moves;
  }

  private static List<String> entries(String text) {
    List<String> entries = new ArrayList<>();
    if (text.isBlank()) {
      return entries;
    }
    for (String e : text.split(",", -1)) {
      entries.add(e);
    }
    return entries;
  }

  private static int number(String digits, String entry) {
    if (digits.length() > 9) {
      throw new IllegalArgumentException("number too large in \"" + entry.strip() + "\"");
    }
    return Integer.parseInt(digits);
  }

  /** {@code nanos} as seconds, for messages. */
  static String seconds(long nanos) {
    return String.format(
        Locale.ROOT,
        "%ss",
        new java.math.BigDecimal(nanos).movePointLeft(9).stripTrailingZeros().toPlainString());
  }
}
