package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places each check's witnesses in time, with the client and the node that answered, from the
 * witness text and the run's history. A witness names its operation as {@code op N} (session
 * guarantees, staleness, lost writes), or by its interval ({@code [5.669012007 s–5.670628072 s]},
 * linearizability), or names tenures ({@code 0..12000586865 ns}, split brain): the first gives the
 * operation, the second the operation invoked at that exact time, the third the time the intervals
 * overlap from (the latest start). A witness that names no time is not placed.
 *
 * <p>Contract: a function of the checks' witness texts and the history; reads only {@link
 * History#server} for the answering node, which is empty when no node was noted.
 */
public final class WitnessPlacer {
  private static final Pattern OP = Pattern.compile("\\bop (\\d+)\\b");
  private static final Pattern SPAN =
      Pattern.compile(
          "(\\d+(?:\\.\\d+)?) ?(ns|ms|s)?(?:\\.\\.|–)(\\d+(?:\\.\\d+)?|end)(?: ?(ns|ms|s)\\b)?");

  private WitnessPlacer() {}

  /** Every witness of {@code checks} that names a time, placed, in report order. */
  public static List<Story.Witness> place(List<CheckResult> checks, History history) {
    List<Story.Witness> out = new ArrayList<>();
    for (CheckResult c : checks) {
      List<String> ws = c.witnesses();
      for (int i = 0; i < Math.min(ReportJson.MAX_WITNESSES, ws.size()); i++) {
        Story.Witness w = place(c.checker(), i, ws.get(i), history);
        if (w != null) {
          out.add(w);
        }
      }
    }
    return out;
  }

  static Story.Witness place(String check, int index, String text, History history) {
    Matcher op = OP.matcher(text);
    if (op.find()) {
      long n = Long.parseLong(op.group(1));
      if (n < history.size()) {
        return of(check, index, (int) n, history);
      }
    }
    Matcher span = SPAN.matcher(text);
    long latestStart = -1;
    long firstStart = -1;
    while (span.find()) {
      String unit = span.group(2) != null ? span.group(2) : span.group(4);
      if (unit == null) {
        continue;
      }
      long start = nanos(span.group(1), unit);
      latestStart = Math.max(latestStart, start);
      if (firstStart < 0) {
        firstStart = start;
      }
    }
    if (firstStart < 0) {
      return null;
    }
    int match = invokedAt(history, firstStart);
    if (match >= 0 && latestStart == firstStart) {
      return of(check, index, match, history);
    }
    return new Story.Witness(check, index, latestStart, -1, "", "", "");
  }

  private static Story.Witness of(String check, int index, int op, History h) {
    String node = h.server(op);
    return new Story.Witness(
        check,
        index,
        h.invokeNanos(op),
        h.op(op).completed() ? h.completeNanos(op) : -1,
        h.processName(h.process(op)),
        node == null ? "" : node,
        what(h, op));
  }

  /** Operation {@code op} in words: {@code read key 0 → 734}, {@code write 835 to key 0}. */
  public static String what(History h, int op) {
    long key = h.key(op);
    OpKind kind = h.kind(op);
    String result =
        h.status(op) != OpStatus.OK
            ? " (" + h.status(op).name().toLowerCase(java.util.Locale.ROOT) + ")"
            : "";
    return switch (kind) {
      case READ ->
          "read key "
              + key
              + (h.status(op) == OpStatus.OK ? " → " + value(h, h.result(op)) : result);
      case WRITE -> "write " + value(h, h.value(op)) + " to key " + key + result;
      case APPEND -> "append " + value(h, h.value(op)) + " to key " + key + result;
      case CAS ->
          "cas key "
              + key
              + " "
              + value(h, h.expected(op))
              + " → "
              + value(h, h.value(op))
              + result;
    };
  }

  private static String value(History h, long v) {
    if (v == History.NIL) {
      return "nil";
    }
    String text = h.text(v);
    return text != null ? '"' + text + '"' : Long.toString(v);
  }

  private static int invokedAt(History h, long nanos) {
    for (int i = 0; i < h.size(); i++) {
      if (h.invokeNanos(i) == nanos) {
        return i;
      }
    }
    return -1;
  }

  private static long nanos(String number, String unit) {
    BigDecimal n = new BigDecimal(number);
    BigDecimal scale =
        switch (unit) {
          case "s" -> BigDecimal.valueOf(1_000_000_000L);
          case "ms" -> BigDecimal.valueOf(1_000_000L);
          default -> BigDecimal.ONE;
        };
    return n.multiply(scale).longValue();
  }
}
