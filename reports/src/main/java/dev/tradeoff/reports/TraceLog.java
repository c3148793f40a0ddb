package dev.tradeoff.reports;

import dev.tradeoff.core.kernel.TraceRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A recorded trace ({@link TraceRecorder}) as files: {@code trace.jsonl}, one JSON object per event
 *
 * <pre>
 * {"timeMs":5001.25,"event":"sent","from":"db-0","to":"db-1","message":17,"type":"Append"}
 * </pre>
 *
 * <p>({@code event} is the fate's word: {@code sent}, {@code delivered}, {@code
 * dropped-by-partition}, {@code dropped-by-loss}, {@code dropped-at-down-node}, {@code held},
 * {@code deferred}; {@code message} 0 is a message sent before the window), and {@code
 * trace.shiviz.log} in ShiViz's log format: a first line with the parsing expression, an empty
 * second line (one execution), then per event a description line and a {@code host {vector clock}}
 * line. A send ticks the sender's clock; an arrival merges the send's clock into the receiver's and
 * ticks it; drops and holds are events of the sender's (or link's receiving) side.
 *
 * <p>Contract: a function of the events and the node names; host names have whitespace replaced by
 * {@code _} in the ShiViz file so its expression can split them.
 */
public final class TraceLog {
  /** The ShiViz parsing expression the file declares on its first line. */
  static final String SHIVIZ_REGEX = "(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})";

  private TraceLog() {}

  /** The events as JSON lines. */
  public static String jsonLines(List<TraceRecorder.Event> events, IntFunction<String> names) {
    StringBuilder out = new StringBuilder();
    for (TraceRecorder.Event e : events) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("timeMs", new Json.Num(Numbers.exactMs(e.timeNanos())));
      m.put("event", e.fate().word());
      m.put("from", names.apply(e.from()));
      m.put("to", names.apply(e.to()));
      m.put("message", e.message());
      m.put("type", e.type());
      out.append(Json.writeCompact(m)).append('\n');
    }
    return out.toString();
  }

  /** The events in ShiViz's log format, with vector clocks. */
  public static String shiviz(List<TraceRecorder.Event> events, IntFunction<String> names) {
    StringBuilder out = new StringBuilder(SHIVIZ_REGEX).append("\n\n");
    Map<String, TreeMap<String, Long>> clocks = new LinkedHashMap<>(); // lookups only
    Map<Long, TreeMap<String, Long>> sent = new LinkedHashMap<>(); // lookups only
    for (TraceRecorder.Event e : events) {
      String from = host(names.apply(e.from()));
      String to = host(names.apply(e.to()));
      boolean arrival =
          e.fate() == TraceRecorder.Fate.DELIVERED
              || e.fate() == TraceRecorder.Fate.DEFERRED
              || e.fate() == TraceRecorder.Fate.DROPPED_AT_DOWN_NODE
              || (e.message() != 0 && sent.containsKey(e.message()));
      String host = arrival ? to : from;
      TreeMap<String, Long> clock = clocks.computeIfAbsent(host, h -> new TreeMap<>());
      if (arrival && e.message() != 0 && sent.containsKey(e.message())) {
        for (Map.Entry<String, Long> x : sent.get(e.message()).entrySet()) {
          clock.merge(x.getKey(), x.getValue(), Math::max);
        }
      }
      clock.merge(host, 1L, Long::sum);
      if (!arrival && e.message() != 0) {
        sent.put(e.message(), new TreeMap<>(clock));
      }
      out.append(e.fate().word())
          .append(' ')
          .append(e.type())
          .append(' ')
          .append(from)
          .append(" -> ")
          .append(to)
          .append(" #")
          .append(e.message())
          .append(" at ")
          .append(Numbers.exactMs(e.timeNanos()))
          .append(" ms\n")
          .append(host)
          .append(' ');
      Map<String, Object> c = new LinkedHashMap<>();
      for (Map.Entry<String, Long> x : clock.entrySet()) {
        c.put(x.getKey(), x.getValue());
      }
      out.append(Json.writeCompact(c)).append('\n');
    }
    return out.toString();
  }

  private static String host(String name) {
    return name.isEmpty() ? "_" : name.replaceAll("\\s", "_");
  }
}
