package dev.tradeoff.core.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) writer and parser whose values remember where they were written,
 * for the files people write by hand (fault schedules, scenarios): dsl-json is faster but cannot
 * say which line and column a bad value came from.
 *
 * <p><b>Values.</b> A parsed document is a tree of {@link Value}s that remember where they started
 * in the text, so that every later complaint can name a line and column. Numbers keep their text:
 * the reader decides whether it wants a {@code long} (exactly, no rounding through a double) or a
 * {@code double}.
 *
 * <p><b>Strictness.</b> The parser accepts exactly the RFC grammar: no comments, no trailing
 * commas, no single quotes, no leading zeros or {@code +} signs, no unescaped control characters in
 * strings, no byte-order mark, nothing but whitespace after the document, and no duplicate field
 * names. Nesting deeper than {@value #MAX_DEPTH} is rejected rather than risking the stack.
 *
 * <p><b>Errors.</b> Every problem is a {@link JsonException} (an {@link IllegalArgumentException})
 * with a one-line message {@code <path>: <problem> (at <line>:<column>)}, whose parts it also
 * carries: the path is {@code $} for the document itself and otherwise like {@code
 * events[2].fault.rate}; lines and columns count from 1, columns in code points, and {@code \n},
 * {@code \r\n} and {@code \r} each end a line.
 */
public final class Json {
  /** Far deeper than any document this package writes (six levels), far shallower than a stack. */
  public static final int MAX_DEPTH = 32;

  private Json() {}

  /** A JSON value; {@link #offset()} is where it starts in the parsed text, -1 if built. */
  public sealed interface Value permits Obj, Arr, Str, Num, Bool, Null {
    /** Index of the value's first character in the text it was parsed from, or -1. */
    int offset();
  }

  /**
   * An object; its fields in document (or insertion) order.
   *
   * @param fields by name, in order
   * @param offset see {@link Value#offset()}
   */
  public record Obj(Map<String, Field> fields, int offset) implements Value {}

  /**
   * One field of an object.
   *
   * @param name the field's name
   * @param offset where its name starts, or -1
   * @param value its value
   */
  public record Field(String name, int offset, Value value) {}

  /**
   * An array.
   *
   * @param items the items, in order
   * @param offset see {@link Value#offset()}
   */
  public record Arr(List<Value> items, int offset) implements Value {}

  /**
   * A string, unescaped.
   *
   * @param value the string
   * @param offset see {@link Value#offset()}
   */
  public record Str(String value, int offset) implements Value {}

  /**
   * A number, as its JSON text, which is valid RFC 8259 number syntax.
   *
   * @param text the literal
   * @param offset see {@link Value#offset()}
   */
  public record Num(String text, int offset) implements Value {}

  /**
   * {@code true} or {@code false}.
   *
   * @param value the boolean
   * @param offset see {@link Value#offset()}
   */
  public record Bool(boolean value, int offset) implements Value {}

  /**
   * {@code null}.
   *
   * @param offset see {@link Value#offset()}
   */
  public record Null(int offset) implements Value {}

  // ---- building and writing ----

  /** A string value. */
  public static Str string(String value) {
    return new Str(value, -1);
  }

  /** An integer value, written exactly. */
  public static Num number(long value) {
    return new Num(Long.toString(value), -1);
  }

  /**
   * A floating-point value written as {@link Double#toString(double)}, the shortest text that
   * {@link Double#parseDouble} reads back as the very same double (sign of zero included).
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite, which JSON cannot express
   */
  public static Num number(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON cannot express " + value);
    }
    return new Num(Double.toString(value), -1);
  }

  /** A boolean value. */
  public static Bool bool(boolean value) {
    return new Bool(value, -1);
  }

  /** An array of {@code items}, in order. */
  public static Arr array(List<? extends Value> items) {
    return new Arr(List.copyOf(items), -1);
  }

  /** An array of strings, in the order given. */
  public static Arr strings(Collection<String> items) {
    List<Value> values = new ArrayList<>(items.size());
    for (String item : items) {
      values.add(string(item));
    }
    return new Arr(Collections.unmodifiableList(values), -1);
  }

  /** Builds an object field by field, keeping the order fields are put in. */
  public static final class ObjBuilder {
    private final Map<String, Field> fields = new LinkedHashMap<>();

    /** Adds a field; a name may be put only once. */
    public ObjBuilder put(String name, Value value) {
      if (fields.putIfAbsent(name, new Field(name, -1, value)) != null) {
        throw new IllegalStateException("field " + name + " put twice");
      }
      return this;
    }

    /** The object. */
    public Obj build() {
      return new Obj(Collections.unmodifiableMap(new LinkedHashMap<>(fields)), -1);
    }
  }

  /**
   * {@code value} on one line, with a space after each {@code :} and {@code ,} so that it reads and
   * diffs easily. Non-ASCII characters are written as they are; see {@link #quote(String)}.
   */
  public static String write(Value value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  /** Appends {@link #write(Value)} of {@code value} to {@code out}. */
  public static void write(Value value, StringBuilder out) {
    if (value instanceof Obj obj) {
      out.append('{');
      String separator = "";
      for (Field field : obj.fields().values()) {
        out.append(separator);
        quote(field.name(), out);
        out.append(": ");
        write(field.value(), out);
        separator = ", ";
      }
      out.append('}');
    } else if (value instanceof Arr arr) {
      out.append('[');
      String separator = "";
      for (Value item : arr.items()) {
        out.append(separator);
        write(item, out);
        separator = ", ";
      }
      out.append(']');
    } else if (value instanceof Str str) {
      quote(str.value(), out);
    } else if (value instanceof Num num) {
      out.append(num.text());
    } else if (value instanceof Bool bool) {
      out.append(bool.value());
    } else {
      out.append("null");
    }
  }

  /**
   * {@code value} indented by two spaces per level, one field or item per line, except that arrays
   * and objects holding only scalars and at most {@code 80} characters stay on one line; ends with
   * a newline. Deterministic: the same value always gives the same text.
   */
  public static String writePretty(Value value) {
    StringBuilder out = new StringBuilder();
    writePretty(value, out, "");
    return out.append('\n').toString();
  }

  private static void writePretty(Value value, StringBuilder out, String indent) {
    String flat = write(value);
    boolean container = value instanceof Obj || value instanceof Arr;
    if (!container || (flat.length() <= 80 && onlyScalars(value))) {
      out.append(flat);
      return;
    }
    String inner = indent + "  ";
    boolean isObj = value instanceof Obj;
    out.append(isObj ? '{' : '[');
    String separator = "\n";
    if (value instanceof Obj obj) {
      for (Field field : obj.fields().values()) {
        out.append(separator).append(inner);
        quote(field.name(), out);
        out.append(": ");
        writePretty(field.value(), out, inner);
        separator = ",\n";
      }
    } else {
      for (Value item : ((Arr) value).items()) {
        out.append(separator).append(inner);
        writePretty(item, out, inner);
        separator = ",\n";
      }
    }
    out.append('\n').append(indent).append(isObj ? '}' : ']');
  }

  private static boolean onlyScalars(Value value) {
    if (value instanceof Obj obj) {
      return obj.fields().values().stream()
          .allMatch(f -> !(f.value() instanceof Obj) && !(f.value() instanceof Arr));
    }
    return ((Arr) value).items().stream().allMatch(v -> !(v instanceof Obj) && !(v instanceof Arr));
  }

  /** {@code text} as a JSON string literal; see {@link #quote(String, StringBuilder)}. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder();
    quote(text, out);
    return out.toString();
  }

  /**
   * Appends {@code text} as a JSON string literal: {@code "} and {@code \} escaped, control
   * characters as {@code \n}-style or {@code \}{@code u00XX} escapes, and surrogates that are not
   * part of a pair as {@code \}{@code uXXXX} (raw, they would make the text invalid UTF-8 when
   * saved); everything else as it is.
   */
  public static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || isLoneSurrogate(text, i)) {
            unicodeEscape(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isLoneSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return false;
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    String hex = Integer.toHexString(c);
    out.append("\\u");
    out.append("0".repeat(4 - hex.length()));
    out.append(hex);
  }

  // ---- parsing and reading ----

  /**
   * A cursor at path {@code $} over {@code root}, a tree parsed from {@code text} and perhaps
   * edited since: positions of values with an offset are reported in {@code text}.
   */
  public static Cursor cursor(Value root, String text) {
    return new Cursor(root, "$", text);
  }

  /**
   * Parses {@code text}, which must be exactly one JSON value surrounded by optional whitespace.
   *
   * @return the document, as a {@link Cursor} at path {@code $}
   * @throws IllegalArgumentException on any syntax error, naming the path and line:column
   */
  public static Cursor parse(String text) {
    Parser parser = new Parser(text);
    Value root = parser.document();
    return new Cursor(root, "$", text);
  }

  /**
   * A parsed value together with its path and the text it came from, so that whoever reads it can
   * complain precisely: every accessor throws an {@link IllegalArgumentException} saying which path
   * held what it did not expect, and where.
   */
  public static final class Cursor {
    private final Value value;
    private final String path;
    private final String text;

    private Cursor(Value value, String path, String text) {
      this.value = value;
      this.path = path;
      this.text = text;
    }

    /** An exception for a problem with this value: {@code path: message (at line:column)}. */
    public JsonException fail(String message) {
      return error(path, message, text, value.offset());
    }

    /**
     * The field {@code name} of this object.
     *
     * @throws IllegalArgumentException if this is not an object or has no such field
     */
    public Cursor field(String name) {
      Field field = object().fields().get(name);
      if (field == null) {
        throw fail("missing field \"" + name + "\"");
      }
      return new Cursor(field.value(), child(path, name), text);
    }

    /**
     * Checks that this object has no field outside {@code allowed}, naming the first (in document
     * order) that is.
     */
    public void onlyFields(Collection<String> allowed) {
      for (Field field : object().fields().values()) {
        if (!allowed.contains(field.name())) {
          throw error(path, "unknown field " + quote(field.name()), text, field.offset());
        }
      }
    }

    /** The items of this array, each with its path {@code path[i]}. */
    public List<Cursor> items() {
      if (!(value instanceof Arr arr)) {
        throw fail("expected an array, got " + Json.describe(value));
      }
      List<Cursor> items = new ArrayList<>(arr.items().size());
      for (int i = 0; i < arr.items().size(); i++) {
        items.add(new Cursor(arr.items().get(i), path + "[" + i + "]", text));
      }
      return items;
    }

    /** This string. */
    public String string() {
      if (!(value instanceof Str str)) {
        throw fail("expected a string, got " + Json.describe(value));
      }
      return str.value();
    }

    /** This boolean. */
    public boolean bool() {
      if (!(value instanceof Bool bool)) {
        throw fail("expected true or false, got " + Json.describe(value));
      }
      return bool.value();
    }

    /**
     * This number as a {@code long}, exactly: it must be written as an integer (no fraction, no
     * exponent) within the range of {@code long}.
     */
    public long integer() {
      if (!(value instanceof Num num)) {
        throw fail("expected an integer, got " + Json.describe(value));
      }
      String digits = num.text();
      if (digits.indexOf('.') >= 0 || digits.indexOf('e') >= 0 || digits.indexOf('E') >= 0) {
        throw fail("expected an integer, got " + digits);
      }
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw fail("integer out of range of a 64-bit long: " + digits);
      }
    }

    /**
     * This number as the {@code double} nearest to its text (exact for text written by {@link
     * Json#number(double)}); it must be finite.
     */
    public double number() {
      if (!(value instanceof Num num)) {
        throw fail("expected a number, got " + Json.describe(value));
      }
      double parsed = Double.parseDouble(num.text());
      if (Double.isInfinite(parsed)) {
        throw fail("number out of range of a double: " + num.text());
      }
      return parsed;
    }

    /** Whether this object has the field {@code name} (false if this is not an object). */
    public boolean has(String name) {
      return value instanceof Obj obj && obj.fields().containsKey(name);
    }

    /** The names of this object's fields, in document order. */
    public List<String> fieldNames() {
      return List.copyOf(object().fields().keySet());
    }

    /** Whether this value is JSON {@code null}. */
    public boolean isNull() {
      return value instanceof Null;
    }

    /** Whether this value is an object. */
    public boolean isObject() {
      return value instanceof Obj;
    }

    /** Whether this value is an array. */
    public boolean isArray() {
      return value instanceof Arr;
    }

    /** Whether this value is a string. */
    public boolean isString() {
      return value instanceof Str;
    }

    /** Whether this value is a number. */
    public boolean isNumber() {
      return value instanceof Num;
    }

    /** The value itself. */
    public Value value() {
      return value;
    }

    /** Where this value is, like {@code faults[2].duration}; {@code $} for the document. */
    public String path() {
      return path;
    }

    /** This value as it would be shown after "got" in a message: scalars as written. */
    public String shown() {
      return Json.describe(value);
    }

    private Obj object() {
      if (!(value instanceof Obj obj)) {
        throw fail("expected an object, got " + Json.describe(value));
      }
      return obj;
    }
  }

  /** {@code parent.name}, or just {@code name} under the document. */
  private static String child(String parent, String name) {
    return parent.equals("$") ? name : parent + "." + name;
  }

  /**
   * How a value is shown after "got": scalars as written (long strings cut), containers by kind.
   */
  private static String describe(Value value) {
    if (value instanceof Obj) {
      return "an object";
    }
    if (value instanceof Arr) {
      return "an array";
    }
    if (value instanceof Str str && str.value().length() > 40) {
      return quote(str.value().substring(0, 40)) + "...";
    }
    return write(value);
  }

  private static JsonException error(String path, String message, String text, int offset) {
    int[] at = offset < 0 ? new int[] {0, 0} : lineColumn(text, offset);
    return new JsonException(path, message, at[0], at[1]);
  }

  /** {@code {line, column}} of {@code offset} in {@code text}, from 1, columns in code points. */
  private static int[] lineColumn(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, text.codePointCount(lineStart, Math.max(lineStart, offset)) + 1};
  }

  /** A recursive-descent parser over the RFC 8259 grammar, tracking the path as it descends. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Value document() {
      skipWhitespace();
      Value root = value("$", 0);
      skipWhitespace();
      if (pos < text.length()) {
        throw error("$", "unexpected " + found() + " after the end of the document", text, pos);
      }
      return root;
    }

    private Value value(String path, int depth) {
      if (pos >= text.length()) {
        throw fail(path, "expected a value, got end of input");
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> object(path, depth + 1);
        case '[' -> array(path, depth + 1);
        case '"' -> {
          int start = pos;
          yield new Str(string(path), start);
        }
        case 't' -> literal(path, "true", new Bool(true, pos));
        case 'f' -> literal(path, "false", new Bool(false, pos));
        case 'n' -> literal(path, "null", new Null(pos));
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number(path);
          }
          throw fail(path, "expected a value, got " + found());
        }
      };
    }

    private Obj object(String path, int depth) {
      int start = pos;
      checkDepth(path, depth);
      pos++; // '{'
      Map<String, Field> fields = new LinkedHashMap<>();
      skipWhitespace();
      if (peek('}')) {
        pos++;
        return new Obj(Collections.unmodifiableMap(fields), start);
      }
      while (true) {
        skipWhitespace();
        if (!peek('"')) {
          throw fail(path, "expected '\"' to start a field name, got " + found());
        }
        int nameOffset = pos;
        String name = string(path);
        if (fields.containsKey(name)) {
          throw error(path, "duplicate field " + quote(name), text, nameOffset);
        }
        skipWhitespace();
        expect(path, ':');
        skipWhitespace();
        fields.put(name, new Field(name, nameOffset, value(child(path, name), depth)));
        skipWhitespace();
        if (peek(',')) {
          pos++;
        } else if (peek('}')) {
          pos++;
          return new Obj(Collections.unmodifiableMap(fields), start);
        } else {
          throw fail(path, "expected ',' or '}', got " + found());
        }
      }
    }

    private Arr array(String path, int depth) {
      int start = pos;
      checkDepth(path, depth);
      pos++; // '['
      List<Value> items = new ArrayList<>();
      skipWhitespace();
      if (peek(']')) {
        pos++;
        return new Arr(Collections.unmodifiableList(items), start);
      }
      while (true) {
        skipWhitespace();
        items.add(value(path + "[" + items.size() + "]", depth));
        skipWhitespace();
        if (peek(',')) {
          pos++;
        } else if (peek(']')) {
          pos++;
          return new Arr(Collections.unmodifiableList(items), start);
        } else {
          throw fail(path, "expected ',' or ']', got " + found());
        }
      }
    }

    /** Reads a string literal starting at {@code pos} (a '"'), unescaping it. */
    private String string(String path) {
      int start = pos;
      pos++; // opening quote
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw error(path, "unterminated string", text, start);
        }
        char c = text.charAt(pos);
        if (c == '"') {
          pos++;
          return out.toString();
        }
        if (c < 0x20) {
          throw fail(path, "unescaped control character " + codePoint(c) + " in a string");
        }
        if (c != '\\') {
          out.append(c);
          pos++;
          continue;
        }
        int escape = pos;
        pos++;
        if (pos >= text.length()) {
          throw error(path, "unterminated string", text, start);
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case '/' -> out.append('/');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> out.append(hex4(path, escape));
          default -> {
            String what = e > 0x20 && e < 0x7f ? "'\\" + e + "'" : "\\ before " + codePoint(e);
            throw error(path, "invalid escape " + what, text, escape);
          }
        }
      }
    }

    private char hex4(String path, int escape) {
      if (pos + 4 > text.length()) {
        throw error(path, "invalid \\u escape: needs 4 hex digits", text, escape);
      }
      int code = 0;
      for (int i = 0; i < 4; i++) {
        int digit = hexDigit(text.charAt(pos + i));
        if (digit < 0) {
          throw error(path, "invalid \\u escape: needs 4 hex digits", text, escape);
        }
        code = code * 16 + digit;
      }
      pos += 4;
      return (char) code;
    }

    /** The value of an ASCII hex digit, or -1 (Character.digit would accept non-ASCII digits). */
    private static int hexDigit(char c) {
      if (c >= '0' && c <= '9') {
        return c - '0';
      }
      if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
      }
      if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
      }
      return -1;
    }

    /** Reads {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} and keeps its text. */
    private Num number(String path) {
      int start = pos;
      if (peek('-')) {
        pos++;
      }
      if (peek('0')) {
        pos++;
        if (pos < text.length() && isDigit(text.charAt(pos))) {
          throw error(path, "invalid number: leading zero", text, start);
        }
      } else {
        digits(path, start);
      }
      if (peek('.')) {
        pos++;
        digits(path, start);
      }
      if (peek('e') || peek('E')) {
        pos++;
        if (peek('+') || peek('-')) {
          pos++;
        }
        digits(path, start);
      }
      return new Num(text.substring(start, pos), start);
    }

    private void digits(String path, int start) {
      if (pos >= text.length() || !isDigit(text.charAt(pos))) {
        throw error(path, "invalid number: expected a digit, got " + found(), text, start);
      }
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private Value literal(String path, String word, Value value) {
      if (!text.startsWith(word, pos)) {
        throw fail(path, "expected a value, got " + found());
      }
      pos += word.length();
      return value;
    }

    private void checkDepth(String path, int depth) {
      if (depth > MAX_DEPTH) {
        throw fail(path, "nested deeper than " + MAX_DEPTH + " levels");
      }
    }

    private void expect(String path, char c) {
      if (!peek(c)) {
        throw fail(path, "expected '" + c + "', got " + found());
      }
      pos++;
    }

    private boolean peek(char c) {
      return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    /** The character at {@code pos}, for messages. */
    private String found() {
      if (pos >= text.length()) {
        return "end of input";
      }
      return printable(text.codePointAt(pos));
    }

    private JsonException fail(String path, String message) {
      return error(path, message, text, pos);
    }

    /** {@code 'x'} for a visible ASCII character, {@code U+XXXX} for anything else. */
    private static String printable(int c) {
      return c > 0x20 && c < 0x7f ? "'" + (char) c + "'" : codePoint(c);
    }

    private static String codePoint(int c) {
      String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
      return "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
    }
  }
}
