package dev.tradeoff.reports;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import com.dslplatform.json.StringConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The report files' JSON: a plain-Java tree, written through dsl-json's {@link JsonWriter} and read
 * through its {@link JsonReader}.
 *
 * <p>The tree is plain Java: {@link Map} (insertion-ordered, written in its iteration order),
 * {@link List}, {@link String}, {@link Boolean}, {@link Long} or {@link Integer} (written by
 * dsl-json's {@link NumberConverter}), {@link Num} (a decimal kept as its exact text) and {@code
 * null}. The layout is ours and part of each file's contract: two-space indentation, {@code ": "}
 * after keys, empty containers as {@code {}} and {@code []}, an array of only numbers and nulls on
 * one line, no newline at the end. Equal trees give equal text.
 *
 * <p>Strings go through dsl-json's {@link StringConverter}, except for the few characters our files
 * have always escaped differently: dsl-json writes a control character without a short form as
 * {@code \u001F} where the files say {@code \u001f}, leaves DEL, the C1 controls and U+2028/2029
 * raw, and refuses a lone surrogate. Those characters are written as lower-case {@code \}{@code
 * uXXXX} escapes, so the bytes stay what they were (and a lone surrogate, which used to make the
 * file unwritable, becomes an escape).
 */
final class Json {
  private static final int MAX_DEPTH = 512;

  // RFC 8259's number; dsl-json also takes a leading '+' and a trailing '.', which we keep out
  // because numbers are kept as their text and written back as read.
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  // Only the reader and writer factories are used: no reflection, no converters looked up.
  private static final DslJson<Object> DSL =
      new DslJson<>(new DslJson.Settings<>().errorInfo(JsonReader.ErrorInfo.DESCRIPTION_ONLY));

  private Json() {}

  /** A JSON number, kept as its text so it is written exactly as given. */
  record Num(String text) {
    Num {
      Objects.requireNonNull(text, "text");
    }
  }

  /** The tree as pretty JSON text. */
  static String write(Object value) {
    JsonWriter out = DSL.newWriter();
    write(out, value, 0);
    return out.toString();
  }

  /** A flat object (values: strings, numbers, booleans, null) on one line, no spaces. */
  static String writeCompact(Map<String, Object> flat) {
    JsonWriter out = DSL.newWriter();
    out.writeByte(JsonWriter.OBJECT_START);
    boolean first = true;
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      if (!first) {
        out.writeByte(JsonWriter.COMMA);
      }
      first = false;
      string(out, e.getKey());
      out.writeByte(JsonWriter.SEMI);
      if (e.getValue() instanceof Map || e.getValue() instanceof List) {
        throw new IllegalArgumentException("not flat: " + e.getKey());
      }
      write(out, e.getValue(), 0);
    }
    out.writeByte(JsonWriter.OBJECT_END);
    return out.toString();
  }

  private static void write(JsonWriter out, Object value, int depth) {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Boolean b) {
      out.writeAscii(b ? "true" : "false");
    } else if (value instanceof Long || value instanceof Integer) {
      NumberConverter.serialize(((Number) value).longValue(), out);
    } else if (value instanceof Num n) {
      // Our decimals (three decimals, six significant digits) are formatted by Numbers; no
      // dsl-json converter writes those digits, so the text goes in as it is.
      out.writeAscii(n.text());
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.writeAscii("{}");
        return;
      }
      out.writeByte(JsonWriter.OBJECT_START);
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.writeByte(JsonWriter.COMMA);
        }
        first = false;
        newLine(out, depth + 1);
        string(out, (String) e.getKey());
        out.writeAscii(": ");
        write(out, e.getValue(), depth + 1);
      }
      newLine(out, depth);
      out.writeByte(JsonWriter.OBJECT_END);
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.writeAscii("[]");
        return;
      }
      out.writeByte(JsonWriter.ARRAY_START);
      // Series run to thousands of points; one line per array keeps the file readable.
      boolean oneLine = numbersOnly(list);
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.writeByte(JsonWriter.COMMA);
        }
        if (oneLine) {
          out.writeAscii(i == 0 ? "" : " ");
        } else {
          newLine(out, depth + 1);
        }
        write(out, list.get(i), depth + 1);
      }
      if (!oneLine) {
        newLine(out, depth);
      }
      out.writeByte(JsonWriter.ARRAY_END);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static boolean numbersOnly(List<?> list) {
    for (Object item : list) {
      if (item != null
          && !(item instanceof Num || item instanceof Long || item instanceof Integer)) {
        return false;
      }
    }
    return true;
  }

  private static void newLine(JsonWriter out, int depth) {
    out.writeByte((byte) '\n');
    for (int i = 0; i < depth; i++) {
      out.writeAscii("  ");
    }
  }

  /** Writes {@code s} quoted, through dsl-json but for the characters the class comment names. */
  private static void string(JsonWriter out, String s) {
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      if (ownEscape(s, i)) {
        if (from == 0) {
          out.writeByte(JsonWriter.QUOTE);
        }
        unquoted(out, s, from, i);
        out.writeAscii(String.format(Locale.ROOT, "\\u%04x", (int) s.charAt(i)));
        from = i + 1;
      }
    }
    if (from == 0) {
      StringConverter.serialize(s, out); // the usual case: nothing of ours to escape
      return;
    }
    unquoted(out, s, from, s.length());
    out.writeByte(JsonWriter.QUOTE);
  }

  /** {@code s[from, to)} escaped by dsl-json, without the quotes it puts around a string. */
  private static void unquoted(JsonWriter out, String s, int from, int to) {
    if (from == to) {
      return;
    }
    JsonWriter part = DSL.newWriter();
    StringConverter.serialize(s.substring(from, to), part);
    out.writeRaw(part.getByteBuffer(), 1, part.size() - 2);
  }

  /** Whether {@code s.charAt(i)} is one of the characters we escape rather than dsl-json. */
  private static boolean ownEscape(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x20) {
      return c != '\n' && c != '\r' && c != '\t' && c != '\b' && c != '\f';
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    // DEL and C1 controls confuse terminals; U+2028/2029 are legal JSON but end lines in
    // JavaScript. Escaping them keeps the file safe to paste anywhere.
    return (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }

  /**
   * A scenario's JSON value (as sim-core's reader parsed it) as this class's tree, to write into a
   * report: numbers keep their text, objects their field order.
   */
  static Object tree(dev.tradeoff.core.json.Json.Value value) {
    if (value instanceof dev.tradeoff.core.json.Json.Obj obj) {
      Map<String, Object> map = new LinkedHashMap<>();
      obj.fields().forEach((name, field) -> map.put(name, tree(field.value())));
      return map;
    } else if (value instanceof dev.tradeoff.core.json.Json.Arr arr) {
      List<Object> list = new ArrayList<>();
      arr.items().forEach(item -> list.add(tree(item)));
      return list;
    } else if (value instanceof dev.tradeoff.core.json.Json.Str str) {
      return str.value();
    } else if (value instanceof dev.tradeoff.core.json.Json.Num num) {
      return new Num(num.text());
    } else if (value instanceof dev.tradeoff.core.json.Json.Bool bool) {
      return bool.value();
    }
    return null;
  }

  /** The inverse of {@link #tree}: a tree read from a report, as the scenario value it was. */
  static dev.tradeoff.core.json.Json.Value value(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      dev.tradeoff.core.json.Json.ObjBuilder obj = new dev.tradeoff.core.json.Json.ObjBuilder();
      map.forEach((name, item) -> obj.put((String) name, value(item)));
      return obj.build();
    } else if (tree instanceof List<?> list) {
      List<dev.tradeoff.core.json.Json.Value> items = new ArrayList<>();
      list.forEach(item -> items.add(value(item)));
      return dev.tradeoff.core.json.Json.array(items);
    } else if (tree instanceof String s) {
      return dev.tradeoff.core.json.Json.string(s);
    } else if (tree instanceof Num n) {
      return new dev.tradeoff.core.json.Json.Num(n.text(), -1);
    } else if (tree instanceof Boolean b) {
      return dev.tradeoff.core.json.Json.bool(b);
    } else if (tree == null) {
      return new dev.tradeoff.core.json.Json.Null(-1);
    }
    throw new IllegalArgumentException("not a JSON value: " + tree.getClass().getName());
  }

  /**
   * Parses strict JSON (RFC 8259) into the tree described above: objects become insertion-ordered
   * maps (a repeated key is an error), numbers {@link Num}. dsl-json reads the tokens; this layer
   * refuses what dsl-json lets through and the files never contain: a repeated key, a raw control
   * character in a string, a number with a {@code +} sign or a trailing dot, text after the value.
   *
   * @throws IllegalArgumentException naming the byte offset of the first error
   */
  static Object parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    JsonReader<Object> in = DSL.newReader(bytes);
    try {
      in.getNextToken();
      Object value = value(in, bytes, 0);
      for (int i = in.getCurrentIndex(); i < bytes.length; i++) {
        if (bytes[i] != ' ' && bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != '\t') {
          throw error(i, "text after the value");
        }
      }
      return value;
    } catch (IOException e) {
      throw error(in.getCurrentIndex(), e.getMessage());
    }
  }

  private static IllegalArgumentException error(int offset, String what) {
    return new IllegalArgumentException("JSON byte " + offset + ": " + what);
  }

  private static Object value(JsonReader<Object> in, byte[] bytes, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw error(in.getCurrentIndex(), "nested too deeply");
    }
    switch (in.last()) {
      case '{':
        return object(in, bytes, depth);
      case '[':
        return array(in, bytes, depth);
      case '"':
        return string(in, bytes);
      case 't':
        in.wasTrue();
        return Boolean.TRUE;
      case 'f':
        in.wasFalse();
        return Boolean.FALSE;
      case 'n':
        in.wasNull();
        return null;
      default:
        return number(in, bytes);
    }
  }

  private static Map<String, Object> object(JsonReader<Object> in, byte[] bytes, int depth)
      throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    if (in.getNextToken() == '}') {
      return map;
    }
    while (true) {
      int at = in.getCurrentIndex() - 1;
      String key = checked(in.readKey(), bytes, at);
      Object v = value(in, bytes, depth + 1);
      if (map.containsKey(key)) {
        throw error(at, "repeated key " + key);
      }
      map.put(key, v);
      byte next = in.getNextToken();
      if (next == '}') {
        return map;
      }
      if (next != ',') {
        throw error(in.getCurrentIndex() - 1, "expected ',' or '}'");
      }
      in.getNextToken();
    }
  }

  private static List<Object> array(JsonReader<Object> in, byte[] bytes, int depth)
      throws IOException {
    List<Object> list = new ArrayList<>();
    if (in.getNextToken() == ']') {
      return list;
    }
    while (true) {
      list.add(value(in, bytes, depth + 1));
      byte next = in.getNextToken();
      if (next == ']') {
        return list;
      }
      if (next != ',') {
        throw error(in.getCurrentIndex() - 1, "expected ',' or ']'");
      }
      in.getNextToken();
    }
  }

  private static String string(JsonReader<Object> in, byte[] bytes) throws IOException {
    int at = in.getCurrentIndex() - 1;
    return checked(in.readString(), bytes, at);
  }

  /**
   * {@code s}, the string whose quoted text starts at {@code bytes[at]}, after checking that text
   * holds no raw control character (dsl-json passes them through).
   */
  private static String checked(String s, byte[] bytes, int at) {
    for (int i = at + 1; i < bytes.length && bytes[i] != '"'; i++) {
      if (bytes[i] == '\\') {
        i++; // the escaped character cannot end the string
      } else if (bytes[i] >= 0 && bytes[i] < 0x20) {
        throw error(i, "control character in string");
      }
    }
    return s;
  }

  private static Num number(JsonReader<Object> in, byte[] bytes) throws IOException {
    int start = in.getCurrentIndex() - 1;
    NumberConverter.deserializeDecimal(in); // dsl-json checks the literal
    int end = start;
    while (end < bytes.length && "+-.eE0123456789".indexOf(bytes[end]) >= 0) {
      end++;
    }
    String text = new String(bytes, start, end - start, StandardCharsets.US_ASCII);
    if (!NUMBER.matcher(text).matches()) {
      throw error(start, "not an RFC 8259 number: " + text);
    }
    return new Num(text);
  }
}
