package dev.tradeoff.core.json;

import static dev.tradeoff.core.json.JsonTokens.END;

import dev.tradeoff.core.json.Json.Arr;
import dev.tradeoff.core.json.Json.Bool;
import dev.tradeoff.core.json.Json.Field;
import dev.tradeoff.core.json.Json.Null;
import dev.tradeoff.core.json.Json.Num;
import dev.tradeoff.core.json.Json.Obj;
import dev.tradeoff.core.json.Json.Str;
import dev.tradeoff.core.json.Json.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link Value} tree from dsl-json's tokens ({@link JsonTokens}), holding them to RFC 8259
 * where the reader is lenient: raw control characters in strings, leading zeros, {@code +}, missing
 * digits and trailing text around numbers. Every refusal names the path and the character where the
 * problem is, as {@link Json#parse} documents.
 */
final class JsonParser {
  private final String text;
  private final JsonTokens tokens = new JsonTokens();

  /** The current token's first byte, or {@link JsonTokens#END}. */
  private int token;

  JsonParser(String text) {
    this.text = text;
    tokens.reset(text, 0, text.length());
  }

  /** The one value of the text, with nothing but whitespace around it. */
  Value document() {
    token = tokens.next();
    Value root = value("$", 0);
    token = tokens.next();
    if (token != END) {
      throw fail("$", "unexpected " + found() + " after the end of the document");
    }
    return root;
  }

  private Value value(String path, int depth) {
    return switch (token) {
      case END -> throw fail(path, "expected a value, got end of input");
      case '{' -> object(path, depth + 1);
      case '[' -> array(path, depth + 1);
      case '"' -> {
        int start = here();
        yield new Str(string(path), start);
      }
      case 't', 'f', 'n' -> literal(path);
      default -> {
        if (token == '-' || isDigit(token)) {
          yield number(path);
        }
        throw fail(path, "expected a value, got " + found());
      }
    };
  }

  private Obj object(String path, int depth) {
    int start = here();
    checkDepth(path, depth);
    Map<String, Field> fields = new LinkedHashMap<>();
    token = tokens.next();
    if (token == '}') {
      return new Obj(Collections.unmodifiableMap(fields), start);
    }
    while (true) {
      if (token != '"') {
        throw fail(path, "expected '\"' to start a field name, got " + found());
      }
      int nameOffset = here();
      String name = string(path);
      if (fields.containsKey(name)) {
        throw Json.error(path, "duplicate field " + Json.quote(name), text, nameOffset);
      }
      token = tokens.next();
      if (token != ':') {
        throw fail(path, "expected ':', got " + found());
      }
      token = tokens.next();
      fields.put(name, new Field(name, nameOffset, value(Json.child(path, name), depth)));
      token = tokens.next();
      if (token == '}') {
        return new Obj(Collections.unmodifiableMap(fields), start);
      }
      if (token != ',') {
        throw fail(path, "expected ',' or '}', got " + found());
      }
      token = tokens.next();
    }
  }

  private Arr array(String path, int depth) {
    int start = here();
    checkDepth(path, depth);
    List<Value> items = new ArrayList<>();
    token = tokens.next();
    if (token == ']') {
      return new Arr(Collections.unmodifiableList(items), start);
    }
    while (true) {
      items.add(value(path + "[" + items.size() + "]", depth));
      token = tokens.next();
      if (token == ']') {
        return new Arr(Collections.unmodifiableList(items), start);
      }
      if (token != ',') {
        throw fail(path, "expected ',' or ']', got " + found());
      }
      token = tokens.next();
    }
  }

  /** The string token, which must hold no raw control character. */
  private String string(String path) {
    String value;
    try {
      value = tokens.string();
    } catch (IOException e) {
      throw badString(path, here());
    }
    int control = tokens.firstBelow(0x20, tokens.at() + 1, tokens.end() - 1);
    if (control >= 0) {
      throw Json.error(
          path,
          "unescaped control character " + codePoint(tokens.byteAt(control)) + " in a string",
          text,
          tokens.offset(control));
    }
    return value;
  }

  /**
   * What is wrong with the string starting at character {@code start}, which the reader refused:
   * the first of a raw control character, a bad escape, or the end of the text, as the RFC reads
   * it.
   */
  private JsonException badString(String path, int start) {
    int pos = start + 1;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c < 0x20) {
        return Json.error(
            path, "unescaped control character " + codePoint(c) + " in a string", text, pos);
      }
      if (c == '"') {
        throw new IllegalStateException("dsl-json refused a valid string at " + start);
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      int escape = pos;
      if (++pos >= text.length()) {
        break;
      }
      char e = text.charAt(pos++);
      if (e == 'u') {
        if (pos + 4 > text.length() || !isHex(text, pos, pos + 4)) {
          return Json.error(path, "invalid \\u escape: needs 4 hex digits", text, escape);
        }
        pos += 4;
      } else if ("\"\\/bfnrt".indexOf(e) < 0) {
        String what = e > 0x20 && e < 0x7f ? "'\\" + e + "'" : "\\ before " + codePoint(e);
        return Json.error(path, "invalid escape " + what, text, escape);
      }
    }
    return Json.error(path, "unterminated string", text, start);
  }

  /** Whether {@code text[from, to)} is all ASCII hex digits (Character.digit takes others). */
  private static boolean isHex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!isDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  /**
   * A number, checked against {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} and kept as
   * its text; the reader's extent runs to the next delimiter, so whatever follows the grammar's end
   * is left for the next token to refuse.
   */
  private Num number(String path) {
    int start = tokens.at();
    tokens.skipNumber();
    int pos = start;
    if (tokens.byteAt(pos) == '-') {
      pos++;
    }
    if (tokens.byteAt(pos) == '0') {
      pos++;
      if (isDigit(tokens.byteAt(pos))) {
        throw Json.error(path, "invalid number: leading zero", text, tokens.offset(start));
      }
    } else {
      pos = digits(path, start, pos);
    }
    if (tokens.byteAt(pos) == '.') {
      pos = digits(path, start, pos + 1);
    }
    if (tokens.byteAt(pos) == 'e' || tokens.byteAt(pos) == 'E') {
      pos++;
      if (tokens.byteAt(pos) == '+' || tokens.byteAt(pos) == '-') {
        pos++;
      }
      pos = digits(path, start, pos);
    }
    tokens.endAt(pos);
    int offset = tokens.offset(start);
    // A number is ASCII, so its bytes and characters are as many.
    return new Num(text.substring(offset, offset + pos - start), offset);
  }

  /** The end of the digits at byte {@code pos}, of which there must be one at least. */
  private int digits(String path, int start, int pos) {
    int after = tokens.skipDigits(pos);
    if (after == pos) {
      String got = pos < tokens.length() ? printable(text.codePointAt(tokens.offset(pos))) : null;
      throw Json.error(
          path,
          "invalid number: expected a digit, got " + (got == null ? "end of input" : got),
          text,
          tokens.offset(start));
    }
    return after;
  }

  private Value literal(String path) {
    int start = here();
    int first = token;
    if (!tokens.literal()) {
      throw fail(path, "expected a value, got " + found());
    }
    return first == 'n' ? new Null(start) : new Bool(first == 't', start);
  }

  private void checkDepth(String path, int depth) {
    if (depth > Json.MAX_DEPTH) {
      throw fail(path, "nested deeper than " + Json.MAX_DEPTH + " levels");
    }
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** The character index of the current token. */
  private int here() {
    return tokens.offset(tokens.at());
  }

  /** The current token, for messages. */
  private String found() {
    return token == END ? "end of input" : printable(text.codePointAt(here()));
  }

  private JsonException fail(String path, String message) {
    return Json.error(path, message, text, here());
  }

  /** {@code 'x'} for a visible ASCII character, {@code U+XXXX} for anything else. */
  private static String printable(int c) {
    return c > 0x20 && c < 0x7f ? "'" + (char) c + "'" : codePoint(c);
  }

  private static String codePoint(int c) {
    String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
    return "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
  }
}
