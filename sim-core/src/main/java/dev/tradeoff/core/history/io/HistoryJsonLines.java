package dev.tradeoff.core.history.io;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
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
    StringBuilder sb = new StringBuilder();
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

  private static void invocation(StringBuilder sb, History h, int op) {
    OpKind kind = h.kind(op);
    head(sb, h, op, "invoke");
    if (h.snapshot(op) >= 0) {
      keys(sb, h, op);
      sb.append(",\"time\":").append(h.invokeNanos(op)).append("}\n");
      return;
    }
    sb.append(",\"key\":").append(h.key(op));
    if (kind == OpKind.CAS) {
      sb.append(",\"expected\":");
      number(sb, h.expected(op));
    }
    sb.append(",\"value\":");
    number(sb, h.value(op));
    sb.append(",\"time\":").append(h.invokeNanos(op)).append("}\n");
  }

  private static void completion(StringBuilder sb, History h, int op) {
    head(sb, h, op, h.status(op).name().toLowerCase(Locale.ROOT));
    long[] list = h.resultList(op);
    if (h.snapshot(op) >= 0) {
      keys(sb, h, op);
      sb.append(",\"values\":[");
      for (int i = 0; i < h.snapshotSize(op); i++) {
        sb.append(i == 0 ? "" : ",");
        number(sb, h.result(op + i));
      }
      sb.append(']');
    } else if (list != null) {
      sb.append(",\"key\":").append(h.key(op)).append(",\"value\":[");
      for (int i = 0; i < list.length; i++) {
        sb.append(i == 0 ? "" : ",").append(list[i]);
      }
      sb.append(']');
    } else {
      sb.append(",\"key\":").append(h.key(op));
      // Reads always show their result, even null, because that is what readers look for.
      if (h.kind(op) == OpKind.READ || h.result(op) != History.NIL) {
        sb.append(",\"value\":");
        number(sb, h.result(op));
      }
    }
    sb.append(",\"time\":").append(h.completeNanos(op)).append("}\n");
  }

  private static void head(StringBuilder sb, History h, int op, String type) {
    sb.append("{\"process\":")
        .append(h.process(op))
        .append(",\"type\":\"")
        .append(type)
        .append("\",\"f\":\"")
        .append(h.snapshot(op) >= 0 ? SNAPSHOT : HistoryAssembler.name(h.kind(op)))
        .append('"');
  }

  /** The keys of the snapshot read starting at {@code first}. */
  private static void keys(StringBuilder sb, History h, int first) {
    sb.append(",\"keys\":[");
    for (int i = 0; i < h.snapshotSize(first); i++) {
      sb.append(i == 0 ? "" : ",").append(h.key(first + i));
    }
    sb.append(']');
  }

  private static void number(StringBuilder sb, long v) {
    if (v == History.NIL) {
      sb.append("null");
    } else {
      sb.append(v);
    }
  }

  /**
   * Reads a history in this format.
   *
   * @throws IllegalArgumentException naming {@code sourceName}, line and column, on malformed input
   */
  public static History read(String sourceName, String text) {
    HistoryAssembler out = new HistoryAssembler(sourceName, SNAPSHOT);
    int start = 0;
    int line = 1;
    while (start <= text.length()) {
      int newline = text.indexOf('\n', start);
      int end = newline < 0 ? text.length() : newline;
      if (!text.substring(start, end).isBlank()) {
        new LineParser(out, text, start, end, line).event();
      }
      if (newline < 0) {
        break;
      }
      start = newline + 1;
      line++;
    }
    return out.finish();
  }

  /**
   * A member value and where it starts: a {@link Long}, a {@link String}, an {@link Array}, or null
   * for JSON null.
   */
  private record Member(Object value, int column) {}

  /** A JSON array of integers and nulls (null elements), with each element's column. */
  private record Array(List<Long> elements, IntArrayList columns) {}

  /** Parses one line; strict, so that a hand-edited file fails loudly rather than misleads. */
  private static final class LineParser {
    private static final Object NOT_A_NUMBER = new Object();

    private final HistoryAssembler out;
    private final String text;
    private final int lineStart;
    private final int end;
    private final int line;
    private int pos;

    LineParser(HistoryAssembler out, String text, int start, int end, int line) {
      this.out = out;
      this.text = text;
      this.lineStart = start;
      this.end = end;
      this.line = line;
      this.pos = start;
    }

    void event() {
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
      skip();
      expect('{', "'{'");
      skip();
      if (peek() == '}') {
        throw err(column(), "expected a member, got '}'");
      }
      while (true) {
        skip();
        int nameColumn = column();
        if (peek() != '"') {
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
        skip();
        expect(':', "':' after \"" + name + "\"");
        skip();
        int valueColumn = column();
        Object value = scalar(name);
        if (members.put(name, new Member(value, valueColumn)) != null) {
          throw err(nameColumn, "duplicate member \"" + name + "\"");
        }
        skip();
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c == '}') {
          pos++;
          skip();
          if (pos < end) {
            throw err(column(), "expected end of line after '}', got " + got());
          }
          return members;
        } else {
          throw err(column(), "expected ',' or '}', got " + got());
        }
      }
    }

    private Object scalar(String name) {
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (c == '[') {
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
      pos++;
      List<Long> elements = new ArrayList<>();
      IntArrayList columns = new IntArrayList();
      skip();
      if (peek() == ']') {
        pos++;
        return new Array(elements, columns);
      }
      while (true) {
        skip();
        int column = column();
        Object v = integerOrNull(name);
        if (v == NOT_A_NUMBER) {
          throw err(
              column,
              "expected an integer or null as an element of \"" + name + "\", got " + got());
        }
        elements.add((Long) v);
        columns.add(column);
        skip();
        char c = peek();
        if (c == ']') {
          pos++;
          return new Array(elements, columns);
        }
        if (c != ',') {
          throw err(column(), "expected ',' or ']' in \"" + name + "\", got " + got());
        }
        pos++;
      }
    }

    /** A {@link Long}, null for JSON null, or {@link #NOT_A_NUMBER} if neither starts here. */
    private Object integerOrNull(String name) {
      char c = peek();
      if (c == '-' || (c >= '0' && c <= '9')) {
        int start = pos;
        int column = column();
        pos++;
        while (pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
          pos++;
        }
        String digits = text.substring(start, pos);
        try {
          return Long.parseLong(digits);
        } catch (NumberFormatException e) {
          throw err(column, "expected an integer for \"" + name + "\", got " + digits);
        }
      }
      if (text.startsWith("null", pos) && pos + 4 <= end) {
        pos += 4;
        return null;
      }
      return NOT_A_NUMBER;
    }

    private String string() {
      int open = column();
      pos++;
      StringBuilder sb = new StringBuilder();
      while (pos < end) {
        char c = text.charAt(pos);
        if (c == '"') {
          pos++;
          return sb.toString();
        }
        if (c == '\\') {
          char e = pos + 1 < end ? text.charAt(pos + 1) : ' ';
          if (e != '"' && e != '\\' && e != '/') {
            throw err(column(), "unsupported escape in string");
          }
          sb.append(e);
          pos += 2;
          continue;
        }
        sb.append(c);
        pos++;
      }
      throw err(open, "string is not closed: expected '\"'");
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

    private void expect(char c, String what) {
      if (peek() != c) {
        throw err(column(), "expected " + what + ", got " + got());
      }
      pos++;
    }

    private void skip() {
      while (pos < end
          && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
        pos++;
      }
    }

    private char peek() {
      return pos < end ? text.charAt(pos) : '\0';
    }

    private String got() {
      return pos < end ? "'" + text.charAt(pos) + "'" : "end of line";
    }

    private int column() {
      return 1 + pos - lineStart;
    }

    private IllegalArgumentException err(int column, String message) {
      return out.error(line, column, message);
    }
  }
}
