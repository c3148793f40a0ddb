package dev.tradeoff.core.history.io;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.io.EdnReader.Form;
import dev.tradeoff.core.history.io.EdnReader.Keyword;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads Jepsen/Knossos EDN histories: op maps such as {@code {:process 0, :type :invoke, :f :write,
 * :value 3}}, either one after another (typically one per line) or as the elements of a single
 * top-level vector.
 *
 * <p>Keys: {@code :process} (an integer, or {@code :nemesis}, whose ops are skipped), {@code :type}
 * and {@code :f} are required; {@code :value} is required where {@link JepsenOps} needs it; {@code
 * :key} (an integer or a decimal string such as {@code "7"}, default 0) selects the register in
 * multi-key histories, unless the value is a Jepsen independent {@code [key value]} tuple, whose
 * key must then agree with {@code :key} when both are given; {@code :time} (an integer,
 * nanoseconds) is used when present, otherwise the op's zero-based position in the input (counting
 * skipped nemesis ops) stands in, which preserves real-time order. Other keys ({@code :index},
 * {@code :error}, …) are ignored. {@link JepsenOps} states the value rules: list reads ({@code
 * :value [1 2 3]}), independent tuples, and read-only {@code :txn} ops as snapshot reads ({@code
 * :value [[:r 1 nil] [:r 2 nil]]}); {@code :key} is ignored on a {@code :txn}.
 */
final class EdnHistory {
  private static final Keyword PROCESS = new Keyword("process");
  private static final Keyword TYPE = new Keyword("type");
  private static final Keyword F = new Keyword("f");
  private static final Keyword VALUE = new Keyword("value");
  private static final Keyword KEY = new Keyword("key");
  private static final Keyword TIME = new Keyword("time");
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");

  private EdnHistory() {}

  static History read(String source, String text) {
    HistoryAssembler out = new HistoryAssembler(source);
    EdnReader edn = new EdnReader(source, text, 0, text.length(), 1, 1);
    int index = 0;
    boolean first = true;
    while (!edn.atEnd()) {
      Form form = edn.read();
      if (first && form.value() instanceof List<?> ops) {
        if (!edn.atEnd()) {
          throw out.error(
              edn.line(), edn.column(), "expected end of input after the vector of ops");
        }
        for (Object op : ops) {
          op(out, (Form) op, index++);
        }
        break;
      }
      first = false;
      op(out, form, index++);
    }
    return out.finish();
  }

  private static void op(HistoryAssembler out, Form form, int index) {
    if (!(form.value() instanceof Map<?, ?> raw)) {
      throw out.error(
          form.line(), form.column(), "expected an op map {:process …}, got " + form.describe());
    }
    @SuppressWarnings("unchecked")
    Map<Keyword, Form> map = (Map<Keyword, Form>) raw;
    int process = JepsenOps.process(out, required(out, form, map, PROCESS), "after :process");
    if (process < 0) {
      return;
    }
    Form type = required(out, form, map, TYPE);
    Form f = required(out, form, map, F);
    Form keyForm = map.get(KEY);
    Long key = keyForm == null ? null : key(out, keyForm);
    long time = optionalInteger(out, map.get(TIME), ":time", index);
    JepsenOps.apply(out, process, type, "after :type", f, "after :f", map.get(VALUE), key, time);
  }

  /**
   * A {@code :key}: an integer, or a string holding one in decimal ({@code "7"}, as Porcupine's
   * key-value histories write keys), which is that integer.
   */
  private static long key(HistoryAssembler out, Form form) {
    if (form.value() instanceof String text && DECIMAL.matcher(text).matches()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // Too large for a long: reported below like any other key that is not an integer.
      }
    }
    if (form.value() instanceof String) {
      throw out.error(
          form.line(),
          form.column(),
          "expected an integer or a decimal string after :key, got " + form.describe());
    }
    return optionalInteger(out, form, ":key", 0);
  }

  private static Form required(HistoryAssembler out, Form op, Map<Keyword, Form> map, Keyword k) {
    Form value = map.get(k);
    if (value == null) {
      throw out.error(op.line(), op.column(), "expected " + k + " in op map");
    }
    return value;
  }

  private static long optionalInteger(
      HistoryAssembler out, Form value, String name, long fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.value() instanceof Long v) {
      return v;
    }
    throw out.error(
        value.line(),
        value.column(),
        "expected an integer after " + name + ", got " + value.describe());
  }
}
