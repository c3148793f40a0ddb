package dev.tradeoff.core.history.io;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.history.io.EdnReader.Form;
import dev.tradeoff.core.history.io.EdnReader.Keyword;
import dev.tradeoff.core.history.io.EdnReader.Nil;
import java.util.List;

/**
 * Interprets one Jepsen operation given as EDN forms (process, type, f, value), shared by the text
 * log and the EDN readers, which differ only in how they find those forms.
 *
 * <p>Value rules: a read invocation's value is ignored (Jepsen writes {@code nil}); a read
 * completion's value is the result ({@code nil} is {@link History#NIL}); write and append
 * invocations need an integer; a CAS invocation needs {@code [expected new]}; completions of
 * non-reads echo the invocation in Jepsen, so their value is ignored.
 */
final class JepsenOps {
  private JepsenOps() {}

  /**
   * Parses a {@code :process} value: its integer id, or -1 for {@code :nemesis}, whose operations
   * are faults rather than client operations and are skipped.
   */
  static int process(HistoryAssembler out, Form form, String context) {
    if (form.isKeyword("nemesis")) {
      return -1;
    }
    if (form.value() instanceof Long id && id >= 0 && id <= Integer.MAX_VALUE) {
      return (int) (long) id;
    }
    throw out.error(
        form.line(),
        form.column(),
        "expected a process id (a non-negative integer) or :nemesis "
            + context
            + ", got "
            + form.describe());
  }

  /** Records the operation; {@code value} may be null when the input has none. */
  static void apply(
      HistoryAssembler out,
      int process,
      Form type,
      String typeContext,
      Form f,
      String fContext,
      Form value,
      long key,
      long time) {
    String t = type.value() instanceof Keyword k ? k.name() : "";
    OpStatus status;
    switch (t) {
      case "invoke" -> status = null;
      case "ok" -> status = OpStatus.OK;
      case "fail" -> status = OpStatus.FAIL;
      case "info" -> status = OpStatus.INFO;
      default ->
          throw out.error(
              type.line(),
              type.column(),
              "expected :invoke, :ok, :fail or :info " + typeContext + ", got " + type.describe());
    }
    OpKind kind = kind(out, f, fContext);
    if (status != null) {
      long result =
          kind == OpKind.READ && value != null ? integerOrNil(out, value, f) : History.NIL;
      out.complete(process, kind, status, result, time, type.line(), type.column());
      return;
    }
    switch (kind) {
      case READ ->
          out.invoke(
              process, kind, key, History.NIL, History.NIL, time, type.line(), type.column());
      case WRITE, APPEND ->
          out.invoke(
              process,
              kind,
              key,
              History.NIL,
              integer(out, value, f, "an integer"),
              time,
              type.line(),
              type.column());
      case CAS -> {
        if (value == null
            || !(value.value() instanceof List<?> pair)
            || pair.size() != 2
            || !(((Form) pair.get(0)).value() instanceof Long expected)
            || !(((Form) pair.get(1)).value() instanceof Long next)) {
          throw expectedValue(out, value, f, "[expected new] (two integers)");
        }
        out.invoke(process, kind, key, expected, next, time, type.line(), type.column());
      }
      default -> throw new AssertionError(kind);
    }
  }

  private static OpKind kind(HistoryAssembler out, Form f, String context) {
    String name = f.value() instanceof Keyword k ? k.name() : "";
    return switch (name) {
      case "read" -> OpKind.READ;
      case "write" -> OpKind.WRITE;
      case "cas" -> OpKind.CAS;
      case "append" -> OpKind.APPEND;
      default ->
          throw out.error(
              f.line(),
              f.column(),
              "expected :read, :write, :cas or :append " + context + ", got " + f.describe());
    };
  }

  private static long integer(HistoryAssembler out, Form value, Form f, String what) {
    if (value != null && value.value() instanceof Long v) {
      return v;
    }
    throw expectedValue(out, value, f, what);
  }

  private static long integerOrNil(HistoryAssembler out, Form value, Form f) {
    if (value.value() == Nil.NIL) {
      return History.NIL;
    }
    return integer(out, value, f, "an integer or nil");
  }

  private static IllegalArgumentException expectedValue(
      HistoryAssembler out, Form value, Form f, String what) {
    // A missing value is reported at the :f it belongs to, a wrong one at itself.
    Form at = value == null ? f : value;
    String got = value == null ? "nothing" : value.describe();
    return out.error(
        at.line(),
        at.column(),
        "expected " + what + " as the value of " + f.describe() + ", got " + got);
  }
}
