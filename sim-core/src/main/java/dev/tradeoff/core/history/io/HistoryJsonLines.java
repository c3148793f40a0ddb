package dev.tradeoff.core.history.io;

import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.json.JsonCodec;
import dev.tradeoff.core.json.JsonLineTokens;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntHeapPriorityQueue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

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
 * <p>Lines are read token by token with dsl-json's reader ({@link JsonLineTokens}, one reader over
 * the whole text) and written with its {@link JsonWriter}; columns in messages count chars from the
 * start of the line.
 *
 * <p>{@link #write} emits exactly this format, so {@code read(write(h))} has the same {@link
 * History#ops()}, {@link History#resultList} and {@link History#snapshot} grouping as {@code h}.
 */
public final class HistoryJsonLines {
  /** The {@code "f"} of a snapshot read. */
  private static final String SNAPSHOT = "read-snapshot";

  /** A completion line's {@code "type"} by {@link OpStatus} ordinal: ok, fail, info. */
  private static final String[] STATUS_TYPES = statusTypes();

  /** The buffer {@link #write(History, OutputStream)} fills before each write to its stream. */
  private static final int STREAM_BUFFER_BYTES = 1 << 16;

  private static String[] statusTypes() {
    OpStatus[] statuses = OpStatus.values();
    String[] types = new String[statuses.length];
    for (OpStatus s : statuses) {
      types[s.ordinal()] = s.name().toLowerCase(Locale.ROOT);
    }
    return types;
  }

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
    // Sized for the whole text at once (lines run about 80 bytes, two per operation), so that the
    // buffer is not grown and copied over and over.
    JsonWriter sb = JsonCodec.writer((int) Math.min(1 << 28, 160L * history.size() + 64));
    lines(sb, history);
    return sb.toString();
  }

  /**
   * Writes {@link #write(History)}'s text to {@code out} as UTF-8, a buffer at a time: a long
   * history is never held as one text. Nothing is written when it throws for a history no line
   * order can express; {@code out} is flushed, not closed.
   *
   * @throws IllegalArgumentException as {@link #write(History)}, before writing anything
   */
  public static void write(History history, OutputStream out) throws IOException {
    String why = unrepresentable(history);
    if (why != null) {
      throw new IllegalArgumentException(why);
    }
    JsonWriter sb = JsonCodec.writer(STREAM_BUFFER_BYTES);
    sb.reset(out);
    lines(sb, history);
    sb.flush();
    out.flush();
  }

  /**
   * Why {@link #write(History)} would throw for {@code history}, or null when it would not: the
   * first operation whose process's previous one never completed.
   */
  private static String unrepresentable(History history) {
    Int2IntOpenHashMap last = new Int2IntOpenHashMap(); // lookups only, never iterated
    last.defaultReturnValue(-1);
    for (int op = 0; op < history.size(); op += width(history, op)) {
      int previous = last.put(history.process(op), op);
      if (previous >= 0 && history.completeNanos(previous) == Long.MAX_VALUE) {
        return pendingMessage(history, op, previous);
      }
    }
    return null;
  }

  private static String pendingMessage(History history, int op, int previous) {
    return "process "
        + history.process(op)
        + " invokes operation "
        + op
        + " while operation "
        + previous
        + " is pending: not representable as JSON lines";
  }

  private static void lines(JsonWriter sb, History history) {
    // Completions not yet written, earliest first; ties by index keep the output deterministic.
    IntHeapPriorityQueue pending =
        new IntHeapPriorityQueue(
            (int a, int b) -> {
              int byTime = Long.compare(history.completeNanos(a), history.completeNanos(b));
              return byTime != 0 ? byTime : Integer.compare(a, b);
            });
    boolean[] written = new boolean[history.size()];
    // Lookups only, never iterated.
    Int2IntOpenHashMap last = new Int2IntOpenHashMap();
    last.defaultReturnValue(-1);
    for (int op = 0; op < history.size(); op += width(history, op)) {
      while (!pending.isEmpty()
          && history.completeNanos(pending.firstInt()) <= history.invokeNanos(op)) {
        int done = pending.dequeueInt();
        if (!written[done]) {
          completion(sb, history, done);
          written[done] = true;
        }
      }
      int previous = last.put(history.process(op), op);
      if (previous >= 0 && !written[previous]) {
        if (history.completeNanos(previous) == Long.MAX_VALUE) {
          throw new IllegalArgumentException(pendingMessage(history, op, previous));
        }
        // Written out of time order; the stale queue entry is skipped when it comes up.
        completion(sb, history, previous);
        written[previous] = true;
      }
      invocation(sb, history, op);
      if (history.completeNanos(op) != Long.MAX_VALUE) {
        pending.enqueue(op);
      }
    }
    while (!pending.isEmpty()) {
      int done = pending.dequeueInt();
      if (!written[done]) {
        completion(sb, history, done);
        written[done] = true;
      }
    }
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
    head(sb, h, op, STATUS_TYPES[h.status(op).ordinal()]);
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
    sb.writeAscii(h.snapshot(op) >= 0 ? SNAPSHOT : h.kind(op).label());
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
    JsonLineTokens tokens = new JsonLineTokens(text);
    LineParser parser = new LineParser(out, tokens);
    int line = 0;
    while (tokens.nextLine()) {
      line++;
      if (!tokens.blank()) {
        parser.event(line);
      }
    }
    return out.finish();
  }

  // The members a line may have, each in its slot.
  private static final int PROCESS = 0;
  private static final int TYPE = 1;
  private static final int F = 2;
  private static final int KEY = 3;
  private static final int VALUE = 4;
  private static final int EXPECTED = 5;
  private static final int KEYS = 6;
  private static final int VALUES = 7;
  private static final int TIME = 8;
  private static final String[] NAMES = {
    "process", "type", "f", "key", "value", "expected", "keys", "values", "time"
  };

  /** The {@code "type"}s; the first is the invocation, the others a status each. */
  private static final String[] TYPES = {"invoke", "ok", "fail", "info"};

  private static final OpStatus[] STATUSES = {null, OpStatus.OK, OpStatus.FAIL, OpStatus.INFO};
  private static final int INVOKE = 0;

  /** The {@code "f"}s; the last is the snapshot read, the others a kind each. */
  private static final String[] FS = {"read", "write", "cas", "append", SNAPSHOT};

  private static final OpKind[] KINDS = {OpKind.READ, OpKind.WRITE, OpKind.CAS, OpKind.APPEND};
  private static final int SNAPSHOT_F = 4;

  private static final byte[][] NAME_BYTES = ascii(NAMES);
  private static final byte[][] TYPE_BYTES = ascii(TYPES);
  private static final byte[][] F_BYTES = ascii(FS);

  private static final int[] SNAPSHOT_ONLY = {KEYS, VALUES};
  private static final int[] NOT_ON_SNAPSHOT = {KEY, VALUE, EXPECTED};

  private static byte[][] ascii(String[] names) {
    byte[][] bytes = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
    }
    return bytes;
  }

  /** The index of {@code s} in {@code names}, or -1. */
  private static int indexOf(String[] names, String s) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(s)) {
        return i;
      }
    }
    return -1;
  }

  // What a member's slot holds.
  private static final byte ABSENT = 0;
  private static final byte INTEGER = 1;
  private static final byte NULL = 2;
  private static final byte STRING = 3;
  private static final byte ARRAY = 4;

  /**
   * A JSON array of integers and nulls, with where each element starts; kept per slot and reused
   * from line to line.
   */
  private static final class Elements {
    long[] values = new long[8];
    boolean[] nulls = new boolean[8];
    int[] at = new int[8];
    int size;

    void add(boolean isNull, long value, int start) {
      if (size == values.length) {
        values = Arrays.copyOf(values, 2 * size);
        nulls = Arrays.copyOf(nulls, 2 * size);
        at = Arrays.copyOf(at, 2 * size);
      }
      values[size] = value;
      nulls[size] = isNull;
      at[size] = start;
      size++;
    }
  }

  /**
   * Parses one line at a time from dsl-json's tokens; strict, so that a hand-edited file fails
   * loudly rather than misleads. The nine members go to fixed slots; positions are byte indices,
   * turned into columns (chars from the line's start) only for a message or for the assembler.
   */
  private static final class LineParser {
    /** What {@link #integerOrNull} found. */
    private static final int FOUND_INTEGER = 0;

    private static final int FOUND_NULL = 1;
    private static final int NOT_A_NUMBER = 2;

    /** Digits that always fit a {@code long}. */
    private static final int MAX_SAFE_DIGITS = 18;

    private final HistoryAssembler out;
    private final JsonLineTokens tokens;
    private int line;

    /** The current token's first byte, or {@link JsonLineTokens#END}. */
    private int token;

    /** The integer {@link #integerOrNull} last found. */
    private long found;

    private final byte[] tag = new byte[NAMES.length];
    private final long[] number = new long[NAMES.length];
    private final String[] string = new String[NAMES.length];

    /** For a string: its index among the slot's choices ({@link #TYPES}, {@link #FS}), or -1. */
    private final int[] choice = new int[NAMES.length];

    /** Where each member's value starts. */
    private final int[] at = new int[NAMES.length];

    private final Elements[] elements = new Elements[NAMES.length];

    LineParser(HistoryAssembler out, JsonLineTokens tokens) {
      this.out = out;
      this.tokens = tokens;
    }

    /** Parses and records the event on the current line, line {@code line}. */
    void event(int line) {
      this.line = line;
      object();
      int process = process();
      int type = choice(TYPE, "\"invoke\", \"ok\", \"fail\" or \"info\"");
      int f = choice(F, "\"read\", \"write\", \"cas\", \"append\" or \"read-snapshot\"");
      int typeColumn = column(TYPE);
      boolean invoke = type == INVOKE;
      if (f == SNAPSHOT_F) {
        snapshot(process, type, typeColumn);
        return;
      }
      forbid("is only allowed on a read-snapshot line", SNAPSHOT_ONLY);
      OpKind kind = KINDS[f];
      long key = integer(KEY);
      long time = integer(TIME);
      if (tag[EXPECTED] != ABSENT && !(invoke && kind == OpKind.CAS)) {
        throw err(column(EXPECTED), "\"expected\" is only allowed on a cas invocation");
      }
      if (!invoke && kind == OpKind.READ && tag[VALUE] == ARRAY) {
        long[] read = integers(VALUE);
        out.completeList(process, STATUSES[type], read, time, line, typeColumn);
        return;
      }
      long value = nullableInteger(VALUE);
      if (invoke) {
        if (kind != OpKind.READ && tag[VALUE] == ABSENT) {
          throw err(1, "expected member \"value\" on a " + FS[f] + " invocation");
        }
        if (kind == OpKind.CAS && tag[EXPECTED] == ABSENT) {
          throw err(1, "expected member \"expected\" on a cas invocation");
        }
        long exp = kind == OpKind.CAS ? nullableInteger(EXPECTED) : History.NIL;
        out.invoke(process, kind, key, exp, value, time, line, typeColumn);
      } else {
        out.complete(process, kind, STATUSES[type], value, time, line, typeColumn);
      }
    }

    /** A read-snapshot line: an invocation or a completion of a snapshot read. */
    private void snapshot(int process, int type, int typeColumn) {
      forbid("is not allowed on a read-snapshot line", NOT_ON_SNAPSHOT);
      required(KEYS);
      array(KEYS);
      long[] keys = integers(KEYS);
      if (keys.length == 0) {
        throw err(column(KEYS), "expected at least one key in \"keys\", got []");
      }
      long time = integer(TIME);
      boolean hasValues = tag[VALUES] != ABSENT;
      if (type == INVOKE) {
        if (hasValues) {
          throw err(column(VALUES), "\"values\" is only allowed on a completion");
        }
        distinct(keys);
        out.invokeSnapshot(process, keys, time, line, typeColumn);
        return;
      }
      long[] values = new long[keys.length];
      Arrays.fill(values, History.NIL);
      if (hasValues) {
        Elements array = array(VALUES);
        if (array.size != keys.length) {
          throw err(
              column(VALUES),
              "expected " + keys.length + " values in \"values\", one per key, got " + array.size);
        }
        for (int i = 0; i < values.length; i++) {
          values[i] = array.nulls[i] ? History.NIL : array.values[i];
        }
      }
      out.completeSnapshot(
          process, STATUSES[type], keys, values, time, line, typeColumn, line, column(KEYS));
    }

    /** Rejects the first of {@code slots} present, at its value, as "{@code "name" why}". */
    private void forbid(String why, int[] slots) {
      for (int slot : slots) {
        if (tag[slot] != ABSENT) {
          throw err(column(slot), "\"" + NAMES[slot] + "\" " + why);
        }
      }
    }

    private void distinct(long[] keys) {
      Elements array = elements[KEYS];
      for (int i = 0; i < keys.length; i++) {
        for (int j = 0; j < i; j++) {
          if (keys[i] == keys[j]) {
            throw err(
                tokens.column(array.at[i]),
                "expected distinct keys in \"keys\", got " + keys[i] + " twice");
          }
        }
      }
    }

    /** The array in {@code slot}, which must hold one. */
    private Elements array(int slot) {
      if (tag[slot] == ARRAY) {
        return elements[slot];
      }
      throw err(column(slot), "expected an array for \"" + NAMES[slot] + "\", got " + show(slot));
    }

    /** The elements of the array in {@code slot}, which must all be integers. */
    private long[] integers(int slot) {
      Elements array = elements[slot];
      long[] result = new long[array.size];
      for (int i = 0; i < result.length; i++) {
        if (array.nulls[i]) {
          throw err(
              tokens.column(array.at[i]),
              "expected an integer as an element of \"" + NAMES[slot] + "\", got null");
        }
        result[i] = array.values[i];
      }
      return result;
    }

    private void object() {
      Arrays.fill(tag, ABSENT);
      token = tokens.next();
      if (token != '{') {
        throw err(column(), "expected '{', got " + got());
      }
      token = tokens.next();
      if (token == '}') {
        throw err(column(), "expected a member, got '}'");
      }
      while (true) {
        int nameAt = tokens.at();
        if (token != '"') {
          throw err(column(), "expected a member name in double quotes, got " + got());
        }
        int slot = tokens.match(NAME_BYTES);
        if (slot < 0) {
          String name = string();
          slot = indexOf(NAMES, name);
          if (slot < 0) {
            throw err(tokens.column(nameAt), "unknown member \"" + name + "\"");
          }
        }
        String name = NAMES[slot];
        token = tokens.next();
        if (token != ':') {
          throw err(column(), "expected ':' after \"" + name + "\", got " + got());
        }
        token = tokens.next();
        boolean duplicate = tag[slot] != ABSENT;
        scalar(slot);
        if (duplicate) {
          throw err(tokens.column(nameAt), "duplicate member \"" + name + "\"");
        }
        token = tokens.next();
        if (token == '}') {
          token = tokens.next();
          if (token != JsonLineTokens.END) {
            throw err(column(), "expected end of line after '}', got " + got());
          }
          return;
        }
        if (token != ',') {
          throw err(column(), "expected ',' or '}', got " + got());
        }
        token = tokens.next();
      }
    }

    /** Reads the value at the current token into {@code slot}. */
    private void scalar(int slot) {
      String name = NAMES[slot];
      at[slot] = tokens.at();
      if (token == '"') {
        String[] choices = slot == TYPE ? TYPES : slot == F ? FS : null;
        int k = choices == null ? -1 : tokens.match(slot == TYPE ? TYPE_BYTES : F_BYTES);
        if (k >= 0) {
          string[slot] = choices[k];
        } else {
          string[slot] = string();
          k = choices == null ? -1 : indexOf(choices, string[slot]);
        }
        choice[slot] = k;
        tag[slot] = STRING;
        return;
      }
      if (token == '[') {
        array(slot, name);
        tag[slot] = ARRAY;
        return;
      }
      int v = integerOrNull(name);
      if (v == FOUND_INTEGER) {
        number[slot] = found;
        tag[slot] = INTEGER;
        return;
      }
      if (v == FOUND_NULL) {
        tag[slot] = NULL;
        return;
      }
      throw err(
          column(),
          "expected an integer, a string, an array or null for \"" + name + "\", got " + got());
    }

    /**
     * An array of integers and nulls only: the one kind of nesting the format has, kept this narrow
     * so that every line still maps onto fixed columns of a history.
     */
    private void array(int slot, String name) {
      if (elements[slot] == null) {
        elements[slot] = new Elements();
      }
      Elements array = elements[slot];
      array.size = 0;
      token = tokens.next();
      if (token == ']') {
        return;
      }
      while (true) {
        int start = tokens.at();
        int v = integerOrNull(name);
        if (v == NOT_A_NUMBER) {
          throw err(
              tokens.column(start),
              "expected an integer or null as an element of \"" + name + "\", got " + got());
        }
        array.add(v == FOUND_NULL, found, start);
        token = tokens.next();
        if (token == ']') {
          return;
        }
        if (token != ',') {
          throw err(column(), "expected ',' or ']' in \"" + name + "\", got " + got());
        }
        token = tokens.next();
      }
    }

    /**
     * {@link #FOUND_INTEGER} (the integer then in {@link #found}), {@link #FOUND_NULL} for JSON
     * null, or {@link #NOT_A_NUMBER} if neither starts here.
     */
    private int integerOrNull(String name) {
      if (token == '-' || (token >= '0' && token <= '9')) {
        found = integer(name);
        return FOUND_INTEGER;
      }
      if (token == 'n' && tokens.literalNull()) {
        return FOUND_NULL;
      }
      return NOT_A_NUMBER;
    }

    /**
     * The integer {@code -?[0-9]*} at the current token. This format has always taken leading
     * zeros, which dsl-json's converter refuses, and stops at the last digit, where the converter
     * goes on over exponents (and, at the line's end, into the next line); and the converter
     * (2.0.2) wraps some 20-digit numbers around instead of refusing them. So it reads only what it
     * reads as this format does, up to 18 digits, which always fit a long, followed on the line by
     * {@code ,}, {@code }} or {@code ]}; the rest goes to {@link Long#parseLong}.
     */
    private long integer(String name) {
      int start = tokens.at();
      int digits = tokens.byteAt(start) == '-' ? start + 1 : start;
      int end = tokens.skipDigits(digits);
      int after = tokens.byteAt(end);
      boolean leadingZero = tokens.byteAt(digits) == '0' && end > digits + 1;
      long value;
      try {
        boolean delimited = after == ',' || after == '}' || after == ']';
        if (!leadingZero && delimited && end - digits <= MAX_SAFE_DIGITS) {
          value = tokens.integer();
        } else {
          // A number is ASCII, so its bytes and characters are as many.
          value = Long.parseLong(tokens.ascii(start, end));
        }
      } catch (IOException | NumberFormatException e) {
        throw err(
            tokens.column(start),
            "expected an integer for \"" + name + "\", got " + tokens.ascii(start, end));
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
      for (int i = open + 1; i < tokens.limit(); i++) {
        int b = tokens.byteAt(i);
        if (b == '"') {
          throw new IllegalStateException("dsl-json refused a valid string on line " + line);
        }
        if (b == '\\') {
          checkEscape(i);
          i++;
        }
      }
      return err(tokens.column(open), "string is not closed: expected '\"'");
    }

    private void checkEscape(int backslash) {
      int e = tokens.byteAt(backslash + 1);
      if (e != '"' && e != '\\' && e != '/') {
        throw err(tokens.column(backslash), "unsupported escape in string");
      }
    }

    private int process() {
      long id = integer(PROCESS);
      if (id < 0 || id > Integer.MAX_VALUE) {
        throw err(column(PROCESS), "expected a non-negative int process, got " + id);
      }
      return (int) id;
    }

    /** The index of the string in {@code slot} among its choices, which it must be. */
    private int choice(int slot, String what) {
      required(slot);
      if (tag[slot] == STRING && choice[slot] >= 0) {
        return choice[slot];
      }
      throw err(
          column(slot), "expected " + what + " for \"" + NAMES[slot] + "\", got " + show(slot));
    }

    private long integer(int slot) {
      required(slot);
      if (tag[slot] == INTEGER) {
        return number[slot];
      }
      throw err(column(slot), "expected an integer for \"" + NAMES[slot] + "\", got " + show(slot));
    }

    private long nullableInteger(int slot) {
      if (tag[slot] == ABSENT || tag[slot] == NULL) {
        return History.NIL;
      }
      if (tag[slot] == INTEGER) {
        return number[slot];
      }
      throw err(
          column(slot),
          "expected an integer or null for \"" + NAMES[slot] + "\", got " + show(slot));
    }

    private void required(int slot) {
      if (tag[slot] == ABSENT) {
        throw err(1, "expected member \"" + NAMES[slot] + "\"");
      }
    }

    private String show(int slot) {
      switch (tag[slot]) {
        case ARRAY:
          return "an array";
        case NULL:
          return "null";
        case STRING:
          return '"' + string[slot] + '"';
        default:
          return Long.toString(number[slot]);
      }
    }

    /** The current token, for messages. */
    private String got() {
      return token == JsonLineTokens.END ? "end of line" : "'" + tokens.charAt(tokens.at()) + "'";
    }

    /** The column of the current token. */
    private int column() {
      return tokens.column(tokens.at());
    }

    /** The column where the value in {@code slot} starts. */
    private int column(int slot) {
      return tokens.column(at[slot]);
    }

    private IllegalArgumentException err(int column, String message) {
      return out.error(line, column, message);
    }
  }
}
