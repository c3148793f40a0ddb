package dev.tradeoff.core.history.io;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.io.EdnReader.Form;

/**
 * Reads Jepsen's text log, as {@code jepsen.util/log-op} prints it:
 *
 * <pre>
 * INFO  jepsen.util - 3	:invoke	:cas	[1 4]
 * INFO  jepsen.util - 3	:ok	:cas	[1 4]
 * INFO  jepsen.util - :nemesis	:info	:start	nil
 * </pre>
 *
 * <p>A line is an operation if it contains {@code "jepsen.util - "} or {@code "jepsen.util: "};
 * every other line (other loggers, stack traces, blank lines) is skipped. After the marker come, as
 * EDN separated by spaces or tabs: the process, the type, the function and the value; anything
 * after the value (Jepsen prints an error there for some {@code :info} ops) is ignored. {@code
 * :nemesis} lines are skipped without further parsing, since their values are free-form.
 *
 * <p>Time: the log has no timestamps Jepsen guarantees, only order, so an event's time is its
 * zero-based line index in nanoseconds (an op invoked on line index 4 and completed on line index 9
 * has {@code invokeNanos == 4} and {@code completeNanos == 9}). That keeps real-time order exact,
 * which is all linearizability needs. Keys: an op is on key 0 unless its value is a Jepsen
 * independent {@code [key value]} tuple; list reads and read-only {@code :txn} snapshot reads are
 * accepted. {@link JepsenOps} states the value rules.
 */
final class JepsenLog {
  private static final String[] MARKERS = {"jepsen.util - ", "jepsen.util: "};

  private JepsenLog() {}

  static History read(String source, String text) {
    HistoryAssembler out = new HistoryAssembler(source);
    int lineStart = 0;
    int index = 0;
    while (lineStart <= text.length()) {
      int newline = text.indexOf('\n', lineStart);
      int lineEnd = newline < 0 ? text.length() : newline;
      readLine(out, source, text, lineStart, lineEnd, index);
      if (newline < 0) {
        break;
      }
      lineStart = newline + 1;
      index++;
    }
    return out.finish();
  }

  /**
   * Where {@code marker} starts within {@code text[start, end)}, or -1. Bounded by the line: a
   * search to the end of the text for a marker the line lacks made reading quadratic.
   */
  private static int indexWithin(String text, String marker, int start, int end) {
    char first = marker.charAt(0);
    for (int i = start, last = end - marker.length(); i <= last; i++) {
      if (text.charAt(i) == first && text.startsWith(marker, i)) {
        return i;
      }
    }
    return -1;
  }

  private static void readLine(
      HistoryAssembler out, String source, String text, int start, int end, int index) {
    int at = -1;
    int length = 0;
    for (String marker : MARKERS) {
      int i = indexWithin(text, marker, start, end);
      if (i >= 0) {
        at = i;
        length = marker.length();
        break;
      }
    }
    if (at < 0) {
      return;
    }
    int from = at + length;
    int line = index + 1;
    EdnReader edn = new EdnReader(source, text, from, end, line, from - start + 1);
    Form process = next(out, edn, "a process id or :nemesis");
    int id = JepsenOps.process(out, process, "at the start of an operation");
    if (id < 0) {
      return;
    }
    Form type = next(out, edn, ":invoke, :ok, :fail or :info");
    Form f = next(out, edn, ":read, :write, :cas, :append or :txn");
    String afterF = "after " + f.describe();
    // Jepsen always prints a value (nil when there is none), so a missing one means a cut line.
    Form value = edn.atEnd() ? null : edn.read();
    if (value == null) {
      throw out.error(edn.line(), edn.column(), "expected a value " + afterF + ", got end of line");
    }
    JepsenOps.apply(
        out, id, type, "after process " + id, f, "after " + type.describe(), value, null, index);
  }

  private static Form next(HistoryAssembler out, EdnReader edn, String what) {
    if (edn.atEnd()) {
      throw out.error(edn.line(), edn.column(), "expected " + what + ", got end of line");
    }
    return edn.read();
  }
}
