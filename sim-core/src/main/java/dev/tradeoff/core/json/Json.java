package dev.tradeoff.core.json;

import com.dslplatform.json.JsonWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) writer and parser whose values remember where they were written, for the
 * files people write by hand (fault schedules, scenarios). Both go through dsl-json: its {@code
 * JsonReader} supplies the tokens and their positions, which this class maps back to lines and
 * columns and holds to the RFC where the reader is lenient, and its {@code JsonWriter} writes.
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
    JsonWriter out = JsonCodec.writer();
    JsonOutput.write(value, out);
    return out.toString();
  }

  /** Appends {@link #write(Value)} of {@code value} to {@code out}. */
  public static void write(Value value, StringBuilder out) {
    out.append(write(value));
  }

  /**
   * {@code value} indented by two spaces per level, one field or item per line, except that arrays
   * and objects holding only scalars and at most {@code 80} characters stay on one line; ends with
   * a newline. Deterministic: the same value always gives the same text.
   */
  public static String writePretty(Value value) {
    JsonWriter out = JsonCodec.writer();
    JsonOutput.writePretty(value, out, "");
    out.writeByte((byte) '\n');
    return out.toString();
  }

  /** {@code text} as a JSON string literal; see {@link #quote(String, StringBuilder)}. */
  public static String quote(String text) {
    JsonWriter out = JsonCodec.writer();
    JsonOutput.quote(text, out);
    return out.toString();
  }

  /**
   * Appends {@code text} as a JSON string literal: {@code "} and {@code \} escaped, control
   * characters as {@code \n}-style or {@code \}{@code u00XX} escapes (hex in lower case), and
   * surrogates that are not part of a pair as {@code \}{@code uXXXX} (raw, they would make the text
   * invalid UTF-8 when saved); everything else, {@code /} and U+2028 included, as it is.
   */
  public static void quote(String text, StringBuilder out) {
    out.append(quote(text));
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
    return new Cursor(new JsonParser(text).document(), "$", text);
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

    /**
     * As {@link #onlyFields}, and the message names the closest allowed field when one is a likely
     * misspelling ({@code unknown field "sed"; did you mean "seed"?}).
     */
    public void onlyFieldsSuggesting(Collection<String> allowed) {
      for (Field field : object().fields().values()) {
        if (!allowed.contains(field.name())) {
          String closest = Spelling.closest(field.name(), allowed);
          String hint = closest == null ? "" : "; did you mean " + quote(closest) + "?";
          throw error(path, "unknown field " + quote(field.name()) + hint, text, field.offset());
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
  static String child(String parent, String name) {
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

  static JsonException error(String path, String message, String text, int offset) {
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
}
