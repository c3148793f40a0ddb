package dev.tradeoff.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small JSON tree, a pretty printer and a strict parser.
 *
 * <p>The tree is plain Java: {@link Map} (insertion-ordered, written in its iteration order),
 * {@link List}, {@link String}, {@link Boolean}, {@link Num} (a number kept as its exact text) and
 * {@code null}. The printer indents by two spaces, puts {@code ": "} after keys, writes empty
 * containers as {@code {}} and {@code []} and an array of only numbers and nulls on one line,
 * escapes {@code "} and {@code \}, every control character, U+2028 and U+2029, and ends without a
 * newline. Its output depends on nothing but the tree, so equal trees give equal text. We write our
 * own rather than configure a library because the byte-for-byte output is part of the report's
 * contract.
 */
final class Json {
  private Json() {}

  /** A JSON number, kept as its text so it is written exactly as given. */
  record Num(String text) {
    Num {
      Objects.requireNonNull(text, "text");
    }
  }

  /** The tree as pretty JSON text. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Num n) {
      out.append(n.text());
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "\n" : ",\n");
        first = false;
        indent(out, depth + 1);
        quote(out, (String) e.getKey());
        out.append(": ");
        write(out, e.getValue(), depth + 1);
      }
      out.append('\n');
      indent(out, depth);
      out.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      if (numbersOnly(list)) {
        // Series run to thousands of points; one line per array keeps the file readable.
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ", ");
          write(out, list.get(i), depth + 1);
        }
        out.append(']');
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        out.append(first ? "\n" : ",\n");
        first = false;
        indent(out, depth + 1);
        write(out, item, depth + 1);
      }
      out.append('\n');
      indent(out, depth);
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static boolean numbersOnly(List<?> list) {
    for (Object item : list) {
      if (item != null && !(item instanceof Num)) {
        return false;
      }
    }
    return true;
  }

  private static void indent(StringBuilder out, int depth) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }

  /** Appends {@code s} as a quoted JSON string. */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // U+2028/2029 are legal JSON but end lines in JavaScript; DEL and C1 controls confuse
          // terminals. Escaping them keeps the file safe to paste anywhere.
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
            out.append("\\u");
            String hex = Integer.toHexString(c);
            out.append("0".repeat(4 - hex.length())).append(hex);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Parses strict JSON (RFC 8259) into the tree described above: objects become insertion-ordered
   * maps (a repeated key is an error), numbers {@link Num}.
   *
   * @throws IllegalArgumentException naming the offset of the first error
   */
  static Object parse(String text) {
    Parser p = new Parser(text);
    p.skipSpace();
    Object value = p.value(0);
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("text after the value");
    }
    return value;
  }

  private static final class Parser {
    private static final int MAX_DEPTH = 512;
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("JSON offset " + pos + ": " + what);
    }

    void skipSpace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
          pos++;
        } else {
          return;
        }
      }
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested too deeply");
      }
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object(depth);
        case '[':
          return array(depth);
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          return number();
      }
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return value;
    }

    private Map<String, Object> object(int depth) {
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipSpace();
        if (pos >= s.length() || s.charAt(pos) != '"') {
          throw error("expected a key");
        }
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        Object v = value(depth + 1);
        if (map.containsKey(key)) {
          throw error("repeated key " + key);
        }
        map.put(key, v);
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else {
          expect('}');
          return map;
        }
      }
    }

    private List<Object> array(int depth) {
      pos++;
      List<Object> list = new ArrayList<>();
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
        return list;
      }
      while (true) {
        skipSpace();
        list.add(value(depth + 1));
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else {
          expect(']');
          return list;
        }
      }
    }

    private void expect(char c) {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private String string() {
      pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= s.length()) {
          throw error("unterminated escape");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("short \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
    }

    private Num number() {
      int start = pos;
      if (pos < s.length() && s.charAt(pos) == '-') {
        pos++;
      }
      if (pos < s.length() && s.charAt(pos) == '0') {
        pos++;
      } else if (!digits()) {
        throw error("expected a value");
      }
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        if (!digits()) {
          throw error("expected digits after '.'");
        }
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          pos++;
        }
        if (!digits()) {
          throw error("expected exponent digits");
        }
      }
      return new Num(s.substring(start, pos));
    }

    private boolean digits() {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      return pos > start;
    }
  }
}
