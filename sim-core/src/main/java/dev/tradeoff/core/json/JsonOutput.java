package dev.tradeoff.core.json;

import com.dslplatform.json.JsonWriter;
import dev.tradeoff.core.json.Json.Arr;
import dev.tradeoff.core.json.Json.Bool;
import dev.tradeoff.core.json.Json.Field;
import dev.tradeoff.core.json.Json.Num;
import dev.tradeoff.core.json.Json.Obj;
import dev.tradeoff.core.json.Json.Str;
import dev.tradeoff.core.json.Json.Value;
import java.nio.CharBuffer;

/**
 * Writes {@link Value}s through dsl-json's {@link JsonWriter}, byte for byte as {@link Json} wrote
 * them before it used dsl-json: see {@link #quote} for the two places where that takes care.
 */
final class JsonOutput {
  private JsonOutput() {}

  /** {@link Json#write(Value)} into {@code out}. */
  static void write(Value value, JsonWriter out) {
    if (value instanceof Obj obj) {
      out.writeByte(JsonWriter.OBJECT_START);
      boolean first = true;
      for (Field field : obj.fields().values()) {
        if (!first) {
          out.writeAscii(", ");
        }
        first = false;
        quote(field.name(), out);
        out.writeAscii(": ");
        write(field.value(), out);
      }
      out.writeByte(JsonWriter.OBJECT_END);
    } else if (value instanceof Arr arr) {
      out.writeByte(JsonWriter.ARRAY_START);
      boolean first = true;
      for (Value item : arr.items()) {
        if (!first) {
          out.writeAscii(", ");
        }
        first = false;
        write(item, out);
      }
      out.writeByte(JsonWriter.ARRAY_END);
    } else if (value instanceof Str str) {
      quote(str.value(), out);
    } else if (value instanceof Num num) {
      out.writeAscii(num.text());
    } else if (value instanceof Bool bool) {
      out.writeAscii(bool.value() ? "true" : "false");
    } else {
      out.writeNull();
    }
  }

  /** {@link Json#writePretty(Value)} into {@code out}, without the final newline. */
  static void writePretty(Value value, JsonWriter out, String indent) {
    boolean container = value instanceof Obj || value instanceof Arr;
    // The width counts characters, as people read it, not bytes.
    if (!container || (onlyScalars(value) && Json.write(value).length() <= 80)) {
      write(value, out);
      return;
    }
    String inner = indent + "  ";
    boolean isObj = value instanceof Obj;
    out.writeByte(isObj ? JsonWriter.OBJECT_START : JsonWriter.ARRAY_START);
    String separator = "\n";
    if (value instanceof Obj obj) {
      for (Field field : obj.fields().values()) {
        out.writeAscii(separator);
        out.writeAscii(inner);
        quote(field.name(), out);
        out.writeAscii(": ");
        writePretty(field.value(), out, inner);
        separator = ",\n";
      }
    } else {
      for (Value item : ((Arr) value).items()) {
        out.writeAscii(separator);
        out.writeAscii(inner);
        writePretty(item, out, inner);
        separator = ",\n";
      }
    }
    out.writeByte((byte) '\n');
    out.writeAscii(indent);
    out.writeByte(isObj ? JsonWriter.OBJECT_END : JsonWriter.ARRAY_END);
  }

  private static boolean onlyScalars(Value value) {
    if (value instanceof Obj obj) {
      return obj.fields().values().stream()
          .allMatch(f -> !(f.value() instanceof Obj) && !(f.value() instanceof Arr));
    }
    return ((Arr) value).items().stream().allMatch(v -> !(v instanceof Obj) && !(v instanceof Arr));
  }

  /**
   * {@code text} as a JSON string literal, as {@link Json#quote(String, StringBuilder)} documents.
   *
   * <p>dsl-json's {@link JsonWriter#writeString} writes the same bytes as this project always did
   * except in two rare cases, which are written here and everything between them by dsl-json: it
   * spells the hex of {@code \}{@code u000B}, {@code \}{@code u000E}, {@code \}{@code u000F} and
   * {@code \}{@code u001A} to {@code \}{@code u001F} in upper case where we always wrote lower case
   * (so reports and schedules would change), and it refuses a surrogate that is not half of a pair,
   * which we write as a {@code \}{@code uXXXX} escape.
   */
  static void quote(String text, JsonWriter out) {
    int rare = nextRare(text, 0);
    if (rare < 0) {
      out.writeString(text);
      return;
    }
    out.writeByte(JsonWriter.QUOTE);
    int start = 0;
    JsonWriter run = null;
    while (rare >= 0) {
      if (rare > start) {
        run = run == null ? JsonCodec.writer() : run;
        writeUnquoted(text, start, rare, run, out);
      }
      String hex = Integer.toHexString(text.charAt(rare));
      out.writeAscii("\\u");
      out.writeAscii("0".repeat(4 - hex.length()));
      out.writeAscii(hex);
      start = rare + 1;
      rare = nextRare(text, start);
    }
    if (start < text.length()) {
      writeUnquoted(text, start, text.length(), run == null ? JsonCodec.writer() : run, out);
    }
    out.writeByte(JsonWriter.QUOTE);
  }

  /** dsl-json's escaping of {@code text[from, to)}, without its quotes, through {@code run}. */
  private static void writeUnquoted(String text, int from, int to, JsonWriter run, JsonWriter out) {
    run.reset();
    run.writeString(CharBuffer.wrap(text, from, to));
    out.writeRaw(run.getByteBuffer(), 1, run.size() - 2);
  }

  /** The index of the first char at or after {@code from} that {@link #quote} writes itself. */
  private static int nextRare(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      // Control characters without a short escape whose hex has a letter.
      boolean lettered = c == 0x0b || c == 0x0e || c == 0x0f || (c >= 0x1a && c < 0x20);
      if (lettered || (Character.isSurrogate(c) && isLoneSurrogate(text, i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isLoneSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
  }
}
