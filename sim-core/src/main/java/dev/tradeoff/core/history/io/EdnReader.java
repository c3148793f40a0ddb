package dev.tradeoff.core.history.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader for the EDN subset Jepsen histories use: maps, vectors, keywords, integers
 * (optionally with an {@code N} suffix), strings, {@code nil}, {@code true} and {@code false}.
 * Commas are whitespace and {@code ;} starts a comment, as in EDN. Anything else (sets, lists,
 * floats, symbols, tags) is rejected with its position rather than guessed at.
 *
 * <p>Every value is returned as a {@link Form} carrying the line and column where it starts, so
 * that callers can report semantic errors at the offending value.
 */
final class EdnReader {
  /** A keyword, stored without its leading colon. */
  record Keyword(String name) {
    @Override
    public String toString() {
      return ":" + name;
    }
  }

  /** The EDN {@code nil}; a distinct object because {@code null} would be ambiguous in maps. */
  enum Nil {
    NIL
  }

  /**
   * A value and where it starts. {@code value} is a {@link Long}, {@link String}, {@link Boolean},
   * {@link Keyword}, {@link Nil}, {@code List<Form>} (vector) or {@code Map<Keyword, Form>} (map,
   * in input order).
   */
  record Form(Object value, int line, int column) {
    /** A short description for error messages: the value itself, or its sort for collections. */
    String describe() {
      if (value instanceof List) {
        return "a vector";
      }
      if (value instanceof Map) {
        return "a map";
      }
      if (value instanceof String s) {
        return '"' + s + '"';
      }
      if (value == Nil.NIL) {
        return "nil";
      }
      return String.valueOf(value);
    }

    boolean isKeyword(String name) {
      return value instanceof Keyword k && k.name().equals(name);
    }
  }

  private final String source;
  private final String text;
  private final int end;
  private int pos;
  private int line;
  private int column;

  /**
   * Reads {@code text} from {@code start} to {@code end}, where {@code start} is at {@code
   * line:column} of {@code source}.
   */
  EdnReader(String source, String text, int start, int end, int line, int column) {
    this.source = source;
    this.text = text;
    this.pos = start;
    this.end = end;
    this.line = line;
    this.column = column;
  }

  int line() {
    return line;
  }

  int column() {
    return column;
  }

  /** Skips whitespace, commas and comments; true if nothing is left. */
  boolean atEnd() {
    skipBlank();
    return pos >= end;
  }

  /** How deep collections may nest: Jepsen values nest two or three levels, never hundreds. */
  static final int MAX_DEPTH = 100;

  private int depth;

  /**
   * Reads the next value; the input must not be at its end. Collections nested deeper than {@link
   * #MAX_DEPTH} are bad input, not a stack overflow.
   */
  Form read() {
    if (depth >= MAX_DEPTH) {
      throw error("values nested deeper than " + MAX_DEPTH + " levels");
    }
    depth++;
    try {
      return readForm();
    } finally {
      depth--;
    }
  }

  private Form readForm() {
    skipBlank();
    if (pos >= end) {
      throw error("expected a value, got end of input");
    }
    int l = line;
    int c = column;
    char ch = text.charAt(pos);
    if (ch == '{') {
      advance();
      return new Form(readMap(l, c), l, c);
    }
    if (ch == '[') {
      advance();
      return new Form(readVector(l, c), l, c);
    }
    if (ch == '"') {
      advance();
      return new Form(readString(l, c), l, c);
    }
    if (ch == ':') {
      advance();
      String name = token();
      if (name.isEmpty()) {
        throw HistoryAssembler.error(source, l, c, "expected a keyword name after ':'");
      }
      return new Form(new Keyword(name), l, c);
    }
    if (ch == '-' || ch == '+' || Character.isDigit(ch)) {
      return new Form(readInteger(l, c), l, c);
    }
    String word = token();
    switch (word) {
      case "nil":
        return new Form(Nil.NIL, l, c);
      case "true":
        return new Form(Boolean.TRUE, l, c);
      case "false":
        return new Form(Boolean.FALSE, l, c);
      default:
        String got = word.isEmpty() ? "'" + ch + "'" : word;
        throw HistoryAssembler.error(
            source, l, c, "expected a map, vector, keyword, integer, string or nil, got " + got);
    }
  }

  private Map<Keyword, Form> readMap(int l, int c) {
    Map<Keyword, Form> map = new LinkedHashMap<>();
    while (true) {
      skipBlank();
      if (pos >= end) {
        throw HistoryAssembler.error(source, l, c, "map is not closed: expected '}'");
      }
      if (text.charAt(pos) == '}') {
        advance();
        return Collections.unmodifiableMap(map);
      }
      Form key = read();
      if (!(key.value() instanceof Keyword k)) {
        throw HistoryAssembler.error(
            source,
            key.line(),
            key.column(),
            "expected a keyword as map key, got " + key.describe());
      }
      skipBlank();
      if (pos >= end || text.charAt(pos) == '}') {
        throw error("expected a value after " + k);
      }
      Form value = read();
      if (map.put(k, value) != null) {
        throw HistoryAssembler.error(source, key.line(), key.column(), "duplicate key " + k);
      }
    }
  }

  private List<Form> readVector(int l, int c) {
    List<Form> list = new ArrayList<>();
    while (true) {
      skipBlank();
      if (pos >= end) {
        throw HistoryAssembler.error(source, l, c, "vector is not closed: expected ']'");
      }
      if (text.charAt(pos) == ']') {
        advance();
        return Collections.unmodifiableList(list);
      }
      list.add(read());
    }
  }

  private String readString(int l, int c) {
    StringBuilder sb = new StringBuilder();
    while (pos < end) {
      char ch = text.charAt(pos);
      if (ch == '"') {
        advance();
        return sb.toString();
      }
      if (ch == '\\') {
        advance();
        if (pos >= end) {
          break;
        }
        char e = text.charAt(pos);
        switch (e) {
          case '"', '\\' -> sb.append(e);
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          default -> throw error("unsupported escape \\" + e + " in string");
        }
        advance();
        continue;
      }
      sb.append(ch);
      advance();
    }
    throw HistoryAssembler.error(source, l, c, "string is not closed: expected '\"'");
  }

  private Long readInteger(int l, int c) {
    String word = token();
    String digits = word.endsWith("N") ? word.substring(0, word.length() - 1) : word;
    int first = digits.startsWith("-") || digits.startsWith("+") ? 1 : 0;
    boolean ok = digits.length() > first;
    for (int i = first; i < digits.length(); i++) {
      ok &= Character.isDigit(digits.charAt(i)) && digits.charAt(i) < 128;
    }
    if (!ok) {
      throw HistoryAssembler.error(source, l, c, "expected an integer, got " + word);
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw HistoryAssembler.error(source, l, c, "integer out of range: " + word);
    }
  }

  /** Reads the characters up to the next delimiter. */
  private String token() {
    int start = pos;
    while (pos < end) {
      char ch = text.charAt(pos);
      if (Character.isWhitespace(ch) || ch == ',' || "{}[]()\";".indexOf(ch) >= 0) {
        break;
      }
      advance();
    }
    return text.substring(start, pos);
  }

  private void skipBlank() {
    while (pos < end) {
      char ch = text.charAt(pos);
      if (ch == ';') {
        while (pos < end && text.charAt(pos) != '\n') {
          advance();
        }
      } else if (Character.isWhitespace(ch) || ch == ',') {
        advance();
      } else {
        return;
      }
    }
  }

  private void advance() {
    if (text.charAt(pos) == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    pos++;
  }

  private IllegalArgumentException error(String message) {
    return HistoryAssembler.error(source, line, column, message);
  }
}
