package dev.tradeoff.reports;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.WitnessRef;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.metrics.Positions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places each check's witnesses in time, with the client, the node that answered and what that node
 * had applied, from what the checker named as data ({@link CheckResult#refs}): the operations (the
 * witnessing one first, then those it is judged against), the time, the nodes. A check that gives
 * only text is placed from its text: a witness naming its operation as {@code op N}, or by its
 * interval ({@code [5.669012007 s–5.670628072 s]}), or naming tenures ({@code 0..12000586865 ns})
 * gives the operation, the operation invoked at that exact time, or the time the intervals overlap
 * from (the latest start). A witness that names no time is not placed.
 *
 * <p>Contract: a function of the checks, the history and the positions the nodes published; reads
 * {@link History#server} for the answering node, which is empty when no node was noted.
 */
public final class WitnessPlacer {
  private static final Pattern OP = Pattern.compile("\\bop (\\d+)\\b");
  private static final Pattern SPAN =
      Pattern.compile(
          "(\\d+(?:\\.\\d+)?) ?(ns|ms|s)?(?:\\.\\.|–)(\\d+(?:\\.\\d+)?|end)(?: ?(ns|ms|s)\\b)?");

  private WitnessPlacer() {}

  /** Every witness of {@code checks} that names a time, placed, in report order. */
  public static List<Story.Witness> place(List<CheckResult> checks, History history) {
    return place(checks, history, null);
  }

  /**
   * Every witness of {@code checks} that names a time, placed, in report order, each saying what
   * its answering node had applied by {@code positions} (null: nothing).
   */
  public static List<Story.Witness> place(
      List<CheckResult> checks, History history, Positions positions) {
    List<Story.Witness> out = new ArrayList<>();
    for (CheckResult c : checks) {
      List<String> ws = c.witnesses();
      for (int i = 0; i < Math.min(ReportJson.MAX_WITNESSES, ws.size()); i++) {
        Story.Witness w =
            c.refs().isEmpty()
                ? place(c.checker(), i, ws.get(i), history)
                : place(c.checker(), i, c.refs().get(i), history, positions);
        if (w != null) {
          out.add(w);
        }
      }
    }
    return out;
  }

  /** The witness {@code ref} names, placed; null when it names no time. */
  static Story.Witness place(
      String check, int index, WitnessRef ref, History history, Positions positions) {
    List<Integer> ops = new ArrayList<>();
    for (int op : ref.ops()) {
      if (op < history.size()) {
        ops.add(op);
      }
    }
    if (ops.isEmpty()) {
      return ref.fromNanos() < 0
          ? null
          : new Story.Witness(
              check,
              index,
              ref.fromNanos(),
              ref.untilNanos(),
              "",
              "",
              "",
              List.of(),
              List.of(),
              ref.nodes(),
              "");
    }
    Story.Witness first = of(check, ops.get(0), index, history);
    List<Story.ClientOp> related = new ArrayList<>();
    for (int op : ops.subList(1, ops.size())) {
      related.add(clientOp(history, op, true));
    }
    return new Story.Witness(
        check,
        index,
        first.atNanos(),
        first.endNanos(),
        first.client(),
        first.node(),
        first.what(),
        ops,
        related,
        ref.nodes(),
        applied(history, ops.get(0), positions));
  }

  /**
   * What the node that answered {@code op} had applied: {@code db-0 had applied up to log index
   * 812}, with the position on arrival of its answer when it moved while the operation was in
   * flight; empty when the node published no position.
   */
  static String applied(History h, int op, Positions positions) {
    String node = h.server(op);
    if (positions == null || node == null || positions.unit(node) == null) {
      return "";
    }
    long atInvoke = positions.at(node, h.invokeNanos(op));
    long atAnswer = positions.at(node, h.completeNanos(op));
    if (atAnswer < 0) {
      return "";
    }
    String unit = positions.unit(node);
    return atInvoke == atAnswer || atInvoke < 0
        ? node + " had applied up to " + unit + " " + atAnswer
        : node
            + " had applied up to "
            + unit
            + " "
            + atInvoke
            + " when the operation began and "
            + atAnswer
            + " when its answer arrived";
  }

  /** Operation {@code op} as a diagram draws it. */
  public static Story.ClientOp clientOp(History h, int op, boolean witness) {
    long complete = h.completeNanos(op);
    String node = h.server(op);
    return new Story.ClientOp(
        h.processName(h.process(op)),
        what(h, op),
        h.invokeNanos(op),
        complete == Long.MAX_VALUE ? -1 : complete,
        h.status(op).name().toLowerCase(java.util.Locale.ROOT),
        node == null ? "" : node,
        witness);
  }

  static Story.Witness place(String check, int index, String text, History history) {
    Matcher op = OP.matcher(text);
    if (op.find()) {
      long n = Long.parseLong(op.group(1));
      if (n < history.size()) {
        return of(check, (int) n, index, history);
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
      return of(check, match, index, history);
    }
    return new Story.Witness(check, index, latestStart, -1, "", "", "");
  }

  private static Story.Witness of(String check, int op, int index, History h) {
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
