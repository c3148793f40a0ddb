package dev.tradeoff.reports;

import dev.tradeoff.core.check.Verdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reading our own files back ({@code report.json}, {@code sweep.json}): the schema check, typed
 * field access and one-line errors, shared by every parser so they fail alike. Each error names
 * what was wrong where (e.g. {@code items[3].operations: expected an object}).
 */
final class JsonRead {
  private JsonRead() {}

  /**
   * {@code text} parsed as a file of {@code schema} and read by {@code reader}.
   *
   * @throws IllegalArgumentException with a one-line message: {@code not JSON: …}, {@code not a
   *     <schema> file (schema …)}, or what {@code reader} found wrong
   */
  static <T> T file(String text, String schema, Function<Map<String, Object>, T> reader) {
    Object tree;
    try {
      tree = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    Object found = tree instanceof Map<?, ?> m ? m.get("schema") : null;
    if (!schema.equals(found)) {
      throw new IllegalArgumentException(
          "not a "
              + schema
              + " file (schema "
              + (found instanceof String s ? s : found == null ? "missing" : "not a string")
              + ")");
    }
    try {
      return reader.apply(obj(tree, "the file"));
    } catch (ClassCastException
        | NullPointerException
        | NumberFormatException
        | ArithmeticException e) {
      throw new IllegalArgumentException("malformed " + schema + " file: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o, String what) {
    if (!(o instanceof Map)) {
      throw new IllegalArgumentException(what + ": expected an object");
    }
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> arr(Object o, String what) {
    if (!(o instanceof List)) {
      throw new IllegalArgumentException(what + ": expected an array");
    }
    return (List<Object>) o;
  }

  static String str(Object o, String what) {
    if (!(o instanceof String s)) {
      throw new IllegalArgumentException(what + ": expected a string");
    }
    return s;
  }

  static long integer(Object o, String what) {
    if (!(o instanceof Json.Num n)) {
      throw new IllegalArgumentException(what + ": expected an integer");
    }
    try {
      return Long.parseLong(n.text());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": expected an integer, got " + n.text(), e);
    }
  }

  /** A number as a double; {@code null} (how the files write NaN) as {@link Double#NaN}. */
  static double number(Object o, String what) {
    if (o == null) {
      return Double.NaN;
    }
    if (!(o instanceof Json.Num n)) {
      throw new IllegalArgumentException(what + ": expected a number or null");
    }
    return Double.parseDouble(n.text());
  }

  /** Exact milliseconds ({@link Numbers#exactMs}) back as nanoseconds. */
  static long nanos(Object o, String what) {
    if (!(o instanceof Json.Num n)) {
      throw new IllegalArgumentException(what + ": expected milliseconds");
    }
    try {
      return new BigDecimal(n.text()).movePointRight(6).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          what + ": " + n.text() + " ms is not a whole number of nanoseconds", e);
    }
  }

  /** A 64-bit value written as hex digits ({@link Numbers#hex16}). */
  static long hex(Object o, String what) {
    String s = str(o, what);
    try {
      return Long.parseUnsignedLong(s, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": expected 16 hex digits, got \"" + s + "\"", e);
    }
  }

  /** A verdict word ({@link ReportJson#word}). */
  static Verdict verdict(Object o, String what) {
    String word = str(o, what);
    try {
      return Verdict.valueOf(word.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": bad verdict \"" + word + "\"", e);
    }
  }

  /** An expectation's outcome word ({@link ReportJson#outcomeWord}). */
  static Verdict outcome(Object o, String what) {
    String word = str(o, what);
    return switch (word) {
      case "held" -> Verdict.VALID;
      case "violated" -> Verdict.INVALID;
      case "unknown" -> Verdict.UNKNOWN;
      default -> throw new IllegalArgumentException(what + ": bad outcome \"" + word + "\"");
    };
  }
}
