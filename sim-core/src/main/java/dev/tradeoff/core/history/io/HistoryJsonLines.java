package dev.tradeoff.core.history.io;

import static dev.tradeoff.core.json.JsonTokens.END;

import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.json.JsonCodec;
import dev.tradeoff.core.json.JsonTokens;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * This project's own history format: JSON lines, one event per line.
 *
 * <pre>
 * {"process":0,"type":"invoke","f":"write","key":1,"value":3,"time":1200}
 * {"process":1,"type":"invoke","f":"cas","key":1,"expected":3,"value":4,"time":1300}
 * {"process":0,"type":"ok","f":"write","key":1,"time":1500}
 * {"process":2,"type":"invoke","f":"read","key":1,"value":null,"time":1600}
 * {"process":2,"type":"ok","f":"read","key":1,"value":3,"time":1700}
 * {"process":1,"type":"invoke","f":"read","key":7,"time":1800}
 * {"process":1,"type":"ok","f":"read","key":7,"value":[4,9],"time":1900}
 * {"process":0,"type":"invoke","f":"read-snapshot","keys":[1,2,3],"time":2000}
 * {"process":0,"type":"ok","f":"read-snapshot","keys":[1,2,3],"values":[4,null,7],"time":2100}
 * </pre>
 *
 * <p>Each non-blank line is one JSON object whose members are, in any order:
 *
 * <ul>
 *   <li>{@code "process"}: required, a non-negative integer that fits an {@code int};
 *   <li>{@code "type"}: required, {@code "invoke"}, {@code "ok"}, {@code "fail"} or {@code "info"};
 *   <li>{@code "f"}: required, {@code "read"}, {@code "write"}, {@code "cas"}, {@code "append"} or
 *       {@code "read-snapshot"};
 *   <li>{@code "key"}: required except on {@code "read-snapshot"} lines, where it is not allowed;
 *       an integer (on completions it is informational);
 *   <li>{@code "time"}: required, an integer, nanoseconds of true time;
 *   <li>{@code "expected"}: an integer or {@code null}, required on a CAS invocation and allowed on
 *       no other line;
 *   <li>{@code "value"}: an integer or {@code null} ({@link History#NIL}). On an invocation, the
 *       value written, appended or set by CAS (required except for reads, where it defaults to
 *       null). On a completion, the result: what a read returned; absent means null. A read
 *       completion's value may also be an array of integers ({@code [4,9]}, or {@code []}): the
 *       read returned that list ({@link History#completeList}). Not allowed on {@code
 *       "read-snapshot"} lines.
 *   <li>{@code "keys"}: required on {@code "read-snapshot"} lines and allowed on no other: a
 *       non-empty array of distinct integers, the keys the snapshot read reads, in order; a
 *       completion must repeat the invocation's keys in the same order.
 *   <li>{@code "values"}: allowed only on a {@code "read-snapshot"} completion: an array with one
 *       integer or {@code null} per key, what the snapshot read returned for each (list values are
 *       not supported); absent means null for every key.
 * </ul>
 *
 * <p>A {@code "read-snapshot"} invocation records a snapshot read ({@link
 * History#invokeSnapshotRead}): one READ operation per key, consecutive indices, one shared
 * invocation and completion. No other members, no duplicates, no nesting beyond arrays of integers
 * and nulls (and only where stated above), no floats. Only the escapes {@code \"}, {@code \\} and
 * {@code \/} are accepted in strings, since names and enum values never need more. Events are
 * matched per process as by every reader of this package; operation indices follow the order of the
 * invocation lines; an invocation with no completion line stays pending.
 *
 * <p>Lines are read token by token with dsl-json's reader ({@link JsonTokens}) and written with its
 * {@link JsonWriter}; columns in messages count chars from the start of the line.
 *
 * <p>{@link #write} emits exactly this format, so {@code read(write(h))} has the same {@link
 * History#ops()}, {@link History#resultList} and {@link History#snapshot} grouping as {@code h}.
 */
public final class HistoryJsonLines {
  /** The {@code "f"} of a snapshot read. */
  private static final String SNAPSHOT = "read-snapshot";

  private HistoryJsonLines() {}

  /**
   * Serializes {@code history}: each operation's invocation line in index order, and each
   * completion line before the first later invocation (by time) and before the next invocation of
   * the same process, so that the output is in time order wherever the history allows it.
   *
   * @throws IllegalArgumentException if a process invokes an operation while an earlier one of its
   *     operations is pending forever, which no line order can express
   */
  public static String write(History history) {
    JsonWriter sb = JsonCodec.writer();
    // Completions not yet written, earliest first; ties by index keep the output deterministic.
    PriorityQueue<Integer> pending =
        new PriorityQueue<>(
            (a, b) -> {
              int byTime = Long.compare(history.completeNanos(a), history.completeNanos(b));
              return byTime != 0 ? byTime : Integer.compare(a, b);
            });
    boolean[] written = new boolean[history.size()];
    // Lookups only, never iterated.
    Int2IntOpenHashMap last = new Int2IntOpenHashMap();
    last.defaultReturnValue(-1);
    for (int op = 0; op < history.size(); op += width(history, op)) {
      while (!pending.isEmpty()
          && history.completeNanos(pending.peek()) <= history.invokeNanos(op)) {
        int done = pending.poll();
        if (!written[done]) {
          completion(sb, history, done);
          written[done] = true;
        }
      }
      int previous = last.put(history.process(op), op);
      if (previous >= 0 && !written[previous]) {
        if (!history.op(previous).completed()) {
          throw new IllegalArgumentException(
              "process "
                  + history.process(op)
                  + " invokes operation "
                  + op
                  + " while operation "
                  + previous
                  + " is pending: not representable as JSON lines");
        }
        // Written out of time order; the stale queue entry is skipped when it comes up.
        completion(sb, history, previous);
        written[previous] = true;
      }
      invocation(sb, history, op);
      if (history.op(op).completed()) {
        pending.add(op);
      }
    }
    while (!pending.isEmpty()) {
      int done = pending.poll();
      if (!written[done]) {
        completion(sb, history, done);
        written[done] = true;
      }
    }
    return sb.toString();
  }

  /** How many operations {@code op} spans as a line: a snapshot read's size, else 1. */
  private static int width(History h, int op) {
    return h.snapshot(op) == op ? h.snapshotSize(op) : 1;
  }

  private static void invocation(JsonWriter sb, History h, int op) {
    OpKind kind = h.kind(op);
    head(sb, h, op, "invoke");
    if (h.snapshot(op) >= 0) {
      keys(sb, h, op);
      time(sb, h.invokeNanos(op));
      return;
    }
    sb.writeAscii(",\"key\":");
    NumberConverter.serialize(h.key(op), sb);
    if (kind == OpKind.CAS) {
      sb.writeAscii(",\"expected\":");
      number(sb, h.expected(op));
    }
    sb.writeAscii(",\"value\":");
    number(sb, h.value(op));
    time(sb, h.invokeNanos(op));
  }

  private static void completion(JsonWriter sb, History h, int op) {
    head(sb, h, op, h.status(op).name().toLowerCase(Locale.ROOT));
    long[] list = h.resultList(op);
    if (h.snapshot(op) >= 0) {
      keys(sb, h, op);
      sb.writeAscii(",\"values\":[");
      for (int i = 0; i < h.snapshotSize(op); i++) {
        if (i > 0) {
          sb.writeByte(JsonWriter.COMMA);
        }
        number(sb, h.result(op + i));
      }
      sb.writeByte(JsonWriter.ARRAY_END);
    } else if (list != null) {
      sb.writeAscii(",\"key\":");
      NumberConverter.serialize(h.key(op), sb);
      sb.writeAscii(",\"value\":[");
      for (int i = 0; i < list.length; i++) {
        if (i > 0) {
          sb.writeByte(JsonWriter.COMMA);
        }
        NumberConverter.serialize(list[i], sb);
      }
      sb.writeByte(JsonWriter.ARRAY_END);
    } else {
      sb.writeAscii(",\"key\":");
      NumberConverter.serialize(h.key(op), sb);
      // Reads always show their result, even null, because that is what readers look for.
      if (h.kind(op) == OpKind.READ || h.result(op) != History.NIL) {
        sb.writeAscii(",\"value\":");
        number(sb, h.result(op));
      }
    }
    time(sb, h.completeNanos(op));
  }

  private static void head(JsonWriter sb, History h, int op, String type) {
    sb.writeAscii("{\"process\":");
    NumberConverter.serialize(h.process(op), sb);
    sb.writeAscii(",\"type\":\"");
    sb.writeAscii(type);
    sb.writeAscii("\",\"f\":\"");
    sb.writeAscii(h.snapshot(op) >= 0 ? SNAPSHOT : HistoryAssembler.name(h.kind(op)));
    sb.writeByte(JsonWriter.QUOTE);
  }

  /** The keys of the snapshot read starting at {@code first}. */
  private static void keys(JsonWriter sb, History h, int first) {
    sb.writeAscii(",\"keys\":[");
    for (int i = 0; i < h.snapshotSize(first); i++) {
      if (i > 0) {
        sb.writeByte(JsonWriter.COMMA);
      }
      NumberConverter.serialize(h.key(first + i), sb);
    }
    sb.writeByte(JsonWriter.ARRAY_END);
  }

  /** The line's last member and its end. */
  private static void time(JsonWriter sb, long nanos) {
    sb.writeAscii(",\"time\":");
    NumberConverter.serialize(nanos, sb);
    sb.writeAscii("}\n");
  }

  private static void number(JsonWriter sb, long v) {
    if (v == History.NIL) {
      sb.writeNull();
    } else {
      NumberConverter.serialize(v, sb);
    }
  }

  /**
   * Reads a history in this format.
   *
   * @throws IllegalArgumentException naming {@code sourceName}, line and column, on malformed input
   */
  public static History read(String sourceName, String text) {
    HistoryAssembler out = new HistoryAssembler(sourceName, SNAPSHOT);
    LineParser parser = new LineParser(out, text);
    int start = 0;
    int line = 1;
    while (start <= text.length()) {
      int newline = text.indexOf('\n', start);
      int end = newline < 0 ? text.length() : newline;
      if (!isBlank(text, start, end)) {
        parser.event(start, end, line);
      }
      if (newline < 0) {
        break;
      }
      start = newline + 1;
      line++;
    }
    return out.finish();
  }

  /** Whether {@code text[from, to)} is blank as {@link String#isBlank()} says, without a copy. */
  private static boolean isBlank(String text, int from, int to) {
    for (int i = from; i < to; ) {
      int c = text.codePointAt(i);
      if (!Character.isWhitespace(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /**
   * A member value and where it starts: a {@link Long}, a {@link String}, an {@link Array}, or null
   * for JSON null.
   */
  private record Member(Object value, int column) {}

  /** A JSON array of integers and nulls (null elements), with each element's column. */
  private record Array(List<Long> elements, IntArrayList columns) {}

  /**
   * Parses one line at a time from dsl-json's tokens; strict, so that a hand-edited file fails
   * loudly rather than misleads. Columns count chars from the line's start.
   */
  private static final class LineParser {
    private static final Object NOT_A_NUMBER = new Object();

    /** Digits that always fit a {@code long}. */
    private static final int MAX_SAFE_DIGITS = 18;

    private final HistoryAssembler out;
    private final String text;
    private final JsonTokens tokens = new JsonTokens();
    private int lineStart;
    private int line;

    /** The current token's first byte, or {@link JsonTokens#END}. */
    private int token;

    LineParser(HistoryAssembler out, String text) {
      this.out = out;
      this.text = text;
    }

    /** Parses and records the event on {@code text[start, end)}, line {@code line}. */
    void event(int start, int end, int line) {
      this.lineStart = start;
      this.line = line;
      tokens.reset(text, start, end);
      Map<String, Member> members = object();
      int process = process(members);
      String type =
          choice(
              members,
              "type",
              "\"invoke\", \"ok\", \"fail\" or \"info\"",
              "invoke",
              "ok",
              "fail",
              "info");
      String f =
          choice(
              members,
              "f",
              "\"read\", \"write\", \"cas\", \"append\" or \"read-snapshot\"",
              "read",
              "write",
              "cas",
              "append",
              SNAPSHOT);
      Member typeMember = members.get("type");
      boolean invoke = type.equals("invoke");
      if (f.equals(SNAPSHOT)) {
        snapshot(members, process, type, typeMember.column());
        return;
      }
      forbid(members, "is only allowed on a read-snapshot line", "keys", "values");
      OpKind kind = OpKind.valueOf(f.toUpperCase(Locale.ROOT));
      long key = integer(members, "key");
      long time = integer(members, "time");
      Member expected = members.get("expected");
      if (expected != null && !(invoke && kind == OpKind.CAS)) {
        throw err(expected.column(), "\"expected\" is only allowed on a cas invocation");
      }
      Member valueMember = members.get("value");
      if (!invoke
          && kind == OpKind.READ
          && valueMember != null
          && valueMember.value() instanceof Array list) {
        OpStatus status = OpStatus.valueOf(type.toUpperCase(Locale.ROOT));
        long[] read = integers(list, "value");
        out.completeList(process, status, read, time, line, typeMember.column());
        return;
      }
      long value = nullableInteger(members, "value");
      if (invoke) {
        if (kind != OpKind.READ && !members.containsKey("value")) {
          throw err(1, "expected member \"value\" on a " + f + " invocation");
        }
        if (kind == OpKind.CAS && expected == null) {
          throw err(1, "expected member \"expected\" on a cas invocation");
        }
        long exp = kind == OpKind.CAS ? nullableInteger(members, "expected") : History.NIL;
        out.invoke(process, kind, key, exp, value, time, line, typeMember.column());
      } else {
        OpStatus status = OpStatus.valueOf(type.toUpperCase(Locale.ROOT));
        out.complete(process, kind, status, value, time, line, typeMember.column());
      }
    }

    /** A read-snapshot line: an invocation or a completion of a snapshot read. */
    private void snapshot(Map<String, Member> members, int process, String type, int typeColumn) {
      forbid(members, "is not allowed on a read-snapshot line", "key", "value", "expected");
      Member keysMember = required(members, "keys");
      long[] keys = integers(array(keysMember, "keys"), "keys");
      if (keys.length == 0) {
        throw err(keysMember.column(), "expected at least one key in \"keys\", got []");
      }
      long time = integer(members, "time");
      Member valuesMember = members.get("values");
      if (type.equals("invoke")) {
        if (valuesMember != null) {
          throw err(valuesMember.column(), "\"values\" is only allowed on a completion");
        }
        distinct(keysMember, keys);
        out.invokeSnapshot(process, keys, time, line, typeColumn);
        return;
      }
      long[] values = new long[keys.length];
      Arrays.fill(values, History.NIL);
      if (valuesMember != null) {
        Array array = array(valuesMember, "values");
        if (array.elements().size() != keys.length) {
          throw err(
              valuesMember.column(),
              "expected "
                  + keys.length
                  + " values in \"values\", one per key, got "
                  + array.elements().size());
        }
        for (int i = 0; i < values.length; i++) {
          Long v = array.elements().get(i);
          values[i] = v == null ? History.NIL : v;
        }
      }
      OpStatus status = OpStatus.valueOf(type.toUpperCase(Locale.ROOT));
      out.completeSnapshot(
          process, status, keys, values, time, line, typeColumn, line, keysMember.column());
    }

    /** Rejects the first of {@code names} present, at its value, as "{@code "name" why}". */
    private void forbid(Map<String, Member> members, String why, String... names) {
      for (String name : names) {
        Member m = members.get(name);
        if (m != null) {
          throw err(m.column(), "\"" + name + "\" " + why);
        }
      }
    }

    private void distinct(Member keysMember, long[] keys) {
      Array array = (Array) keysMember.value();
      for (int i = 0; i < keys.length; i++) {
        for (int j = 0; j < i; j++) {
          if (keys[i] == keys[j]) {
            throw err(
                array.columns().getInt(i),
                "expected distinct keys in \"keys\", got " + keys[i] + " twice");
          }
        }
      }
    }

    private Array array(Member m, String name) {
      if (m.value() instanceof Array a) {
        return a;
      }
      throw err(m.column(), "expected an array for \"" + name + "\", got " + show(m.value()));
    }

    /** The elements of {@code array}, which must all be integers. */
    private long[] integers(Array array, String name) {
      long[] result = new long[array.elements().size()];
      for (int i = 0; i < result.length; i++) {
        Long v = array.elements().get(i);
        if (v == null) {
          throw err(
              array.columns().getInt(i),
              "expected an integer as an element of \"" + name + "\", got null");
        }
        result[i] = v;
      }
      return result;
    }

    private Map<String, Member> object() {
      Map<String, Member> members = new LinkedHashMap<>();
      token = tokens.next();
      if (token != '{') {
        throw err(column(), "expected '{', got " + got());
      }
      token = tokens.next();
      if (token == '}') {
        throw err(column(), "expected a member, got '}'");
      }
      while (true) {
        int nameColumn = column();
        if (token != '"') {
          throw err(column(), "expected a member name in double quotes, got " + got());
        }
        String name = string();
        if (!(name.equals("process")
            || name.equals("type")
            || name.equals("f")
            || name.equals("key")
            || name.equals("value")
            || name.equals("expected")
            || name.equals("keys")
            || name.equals("values")
            || name.equals("time"))) {
          throw err(nameColumn, "unknown member \"" + name + "\"");
        }
        token = tokens.next();
        if (token != ':') {
          throw err(column(), "expected ':' after \"" + name + "\", got " + got());
        }
        token = tokens.next();
        int valueColumn = column();
        Object value = scalar(name);
        if (members.put(name, new Member(value, valueColumn)) != null) {
          throw err(nameColumn, "duplicate member \"" + name + "\"");
        }
        token = tokens.next();
        if (token == '}') {
          token = tokens.next();
          if (token != END) {
            throw err(column(), "expected end of line after '}', got " + got());
          }
          return members;
        }
        if (token != ',') {
          throw err(column(), "expected ',' or '}', got " + got());
        }
        token = tokens.next();
      }
    }

    private Object scalar(String name) {
      if (token == '"') {
        return string();
      }
      if (token == '[') {
        return array(name);
      }
      Object v = integerOrNull(name);
      if (v != NOT_A_NUMBER) {
        return v;
      }
      throw err(
          column(),
          "expected an integer, a string, an array or null for \"" + name + "\", got " + got());
    }

    /**
     * An array of integers and nulls only: the one kind of nesting the format has, kept this narrow
     * so that every line still maps onto fixed columns of a history.
     */
    private Array array(String name) {
      List<Long> elements = new ArrayList<>();
      IntArrayList columns = new IntArrayList();
      token = tokens.next();
      if (token == ']') {
        return new Array(elements, columns);
      }
      while (true) {
        int column = column();
        Object v = integerOrNull(name);
        if (v == NOT_A_NUMBER) {
          throw err(
              column,
              "expected an integer or null as an element of \"" + name + "\", got " + got());
        }
        elements.add((Long) v);
        columns.add(column);
        token = tokens.next();
        if (token == ']') {
          return new Array(elements, columns);
        }
        if (token != ',') {
          throw err(column(), "expected ',' or ']' in \"" + name + "\", got " + got());
        }
        token = tokens.next();
      }
    }

    /** A {@link Long}, null for JSON null, or {@link #NOT_A_NUMBER} if neither starts here. */
    private Object integerOrNull(String name) {
      if (token == '-' || (token >= '0' && token <= '9')) {
        return integer(name);
      }
      if (token == 'n' && tokens.literal()) {
        return null;
      }
      return NOT_A_NUMBER;
    }

    /**
     * The integer {@code -?[0-9]*} at the current token. This format has always taken leading
     * zeros, which dsl-json's converter refuses, and stops at the last digit, where the converter
     * goes on over exponents; and the converter (2.0.2) wraps some 20-digit numbers around instead
     * of refusing them. So it reads only what it reads as this format does, up to 18 digits, which
     * always fit a long; the rest goes to {@link Long#parseLong}.
     */
    private long integer(String name) {
      int start = tokens.at();
      int digits = tokens.byteAt(start) == '-' ? start + 1 : start;
      int end = tokens.skipDigits(digits);
      int after = tokens.byteAt(end);
      boolean leadingZero = tokens.byteAt(digits) == '0' && end > digits + 1;
      int offset = tokens.offset(start);
      long value;
      try {
        boolean delimited = after == ',' || after == '}' || after == ']' || after == END;
        if (!leadingZero && delimited && end - digits <= MAX_SAFE_DIGITS) {
          value = tokens.integer();
        } else {
          tokens.skipNumber();
          // A number is ASCII, so its bytes and characters are as many.
          value = Long.parseLong(text, offset, offset + end - start, 10);
        }
      } catch (IOException | NumberFormatException e) {
        throw err(
            1 + offset - lineStart,
            "expected an integer for \""
                + name
                + "\", got "
                + text.substring(offset, offset + end - start));
      }
      tokens.endAt(end);
      return value;
    }

    /**
     * The string token. The reader takes every RFC escape; this format takes only {@code \"},
     * {@code \\} and {@code \/}, since names and enum values never need more.
     */
    private String string() {
      int open = tokens.at();
      String value;
      try {
        value = tokens.string();
      } catch (IOException e) {
        throw badString(open);
      }
      int close = tokens.end() - 1;
      for (int i = tokens.indexOf('\\', open + 1, close); i >= 0 && i < close; i++) {
        if (tokens.byteAt(i) == '\\') {
          checkEscape(i);
          i++;
        }
      }
      return value;
    }

    /** Why the reader refused the string opening at byte {@code open}: an escape, or no end. */
    private IllegalArgumentException badString(int open) {
      for (int i = open + 1; i < tokens.length(); i++) {
        int b = tokens.byteAt(i);
        if (b == '"') {
          throw new IllegalStateException("dsl-json refused a valid string on line " + line);
        }
        if (b == '\\') {
          checkEscape(i);
          i++;
        }
      }
      return err(columnOf(open), "string is not closed: expected '\"'");
    }

    private void checkEscape(int backslash) {
      int e = tokens.byteAt(backslash + 1);
      if (e != '"' && e != '\\' && e != '/') {
        throw err(columnOf(backslash), "unsupported escape in string");
      }
    }

    private int process(Map<String, Member> members) {
      long id = integer(members, "process");
      if (id < 0 || id > Integer.MAX_VALUE) {
        throw err(
            members.get("process").column(), "expected a non-negative int process, got " + id);
      }
      return (int) id;
    }

    private String choice(Map<String, Member> members, String name, String what, String... ok) {
      Member m = required(members, name);
      if (m.value() instanceof String s) {
        for (String candidate : ok) {
          if (candidate.equals(s)) {
            return s;
          }
        }
      }
      throw err(m.column(), "expected " + what + " for \"" + name + "\", got " + show(m.value()));
    }

    private long integer(Map<String, Member> members, String name) {
      Member m = required(members, name);
      if (m.value() instanceof Long v) {
        return v;
      }
      throw err(m.column(), "expected an integer for \"" + name + "\", got " + show(m.value()));
    }

    private long nullableInteger(Map<String, Member> members, String name) {
      Member m = members.get(name);
      if (m == null || m.value() == null) {
        return History.NIL;
      }
      if (m.value() instanceof Long v) {
        return v;
      }
      throw err(
          m.column(), "expected an integer or null for \"" + name + "\", got " + show(m.value()));
    }

    private Member required(Map<String, Member> members, String name) {
      Member m = members.get(name);
      if (m == null) {
        throw err(1, "expected member \"" + name + "\"");
      }
      return m;
    }

    private static String show(Object value) {
      if (value instanceof Array) {
        return "an array";
      }
      return value == null ? "null" : value instanceof String s ? '"' + s + '"' : value.toString();
    }

    /** The current token, for messages. */
    private String got() {
      return token == END ? "end of line" : "'" + text.charAt(tokens.offset(tokens.at())) + "'";
    }

    /** The column of the current token. */
    private int column() {
      return columnOf(tokens.at());
    }

    private int columnOf(int index) {
      return 1 + tokens.offset(index) - lineStart;
    }

    private IllegalArgumentException err(int column, String message) {
      return out.error(line, column, message);
    }
  }
}
