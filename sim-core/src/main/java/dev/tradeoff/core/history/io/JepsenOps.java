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
 * completion's value is the result: {@code nil} ({@link History#NIL}), an integer, or a vector of
 * integers, which is a list read ({@link History#completeList}, as list-append workloads return);
 * write and append invocations need an integer; a CAS invocation needs {@code [expected new]};
 * completions of non-reads echo the invocation in Jepsen, so their value is ignored. A {@code
 * :fail} or {@code :info} completion whose value is a keyword ({@code :fail :read :timed-out}, as
 * Jepsen's etcd logs print a timeout) returned nothing: its value is ignored, also for tuples and
 * txns.
 *
 * <p>Strings: a write or append invocation may carry a string and a read completion may return one;
 * each string is recorded as its {@link History#internText} value. With {@code :get} read as {@code
 * :read} and {@code :put} as {@code :write}, that reads Porcupine's key-value histories ({@code
 * {:process 0, :type :ok, :f :get, :key "1", :value "x 0 0 yx 0 1 y"}}), whose appends concatenate
 * strings.
 *
 * <p>Independent (multi-key) histories: Jepsen's {@code independent} wraps every value in a {@code
 * [key value]} tuple. Whether an operation is tupled is decided by its invocation alone: a read
 * whose value is a 2-vector ({@code [3 nil]}), a write or append whose value is a vector ({@code [3
 * 5]}), or a CAS whose value is {@code [key [expected new]]}. The tuple's key (an integer) is the
 * operation's key; if the op also states a key (EDN's {@code :key}) the two must agree. The
 * completion of a tupled operation must be a tuple with the same key; a read's inner value follows
 * the read rules above ({@code [3 nil]}, {@code [3 5]}, {@code [3 [1 2]]}). A plain read invocation
 * followed by the completion {@code [3 5]} is a list read of {@code [3 5]}, not a tuple.
 *
 * <p>Transactions: {@code :f :txn} with a vector of micro-ops is accepted only when every micro-op
 * is a read {@code [:r key value]}, and is recorded as a snapshot read ({@link
 * History#invokeSnapshotRead}); a txn with a write or append micro-op is rejected, since only
 * read-only snapshot txns are supported. The invocation's read values are ignored; the completion's
 * micro-ops must read the same keys in the same order, each an integer or {@code nil} (list values
 * in a txn read are not supported); a key read twice in one txn is an error.
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

  /**
   * Records the operation; {@code value} may be null when the input has none, {@code key} is null
   * when the input states no key (then it is the tuple's, or 0).
   */
  static void apply(
      HistoryAssembler out,
      int process,
      Form type,
      String typeContext,
      Form f,
      String fContext,
      Form value,
      Long key,
      long time) {
    OpStatus status = status(out, type, typeContext);
    boolean invoke = type.isKeyword("invoke");
    if (f.isKeyword("txn")) {
      if (!invoke && status != OpStatus.OK && isErrorWord(value)) {
        out.completeUnreturned(process, null, status, time, type.line(), type.column());
      } else if (invoke) {
        out.invokeSnapshot(process, txnKeys(out, value, f), time, type.line(), type.column());
      } else {
        completeTxn(out, process, status, type, f, value, time);
      }
      return;
    }
    OpKind kind = kind(out, f, fContext);
    if (!invoke && status != OpStatus.OK && isErrorWord(value)) {
      out.completeUnreturned(process, kind, status, time, type.line(), type.column());
      return;
    }
    if (invoke) {
      invoke(out, process, kind, type, f, value, key, time);
    } else {
      complete(out, process, kind, status, type, f, value, key, time);
    }
  }

  /**
   * Whether a completion's value is an error keyword ({@code :timed-out}), which Jepsen writes in
   * place of the value when an op failed or timed out: such a completion returned nothing, so the
   * value says nothing about the op and is not read as one.
   */
  private static boolean isErrorWord(Form value) {
    return value != null && value.value() instanceof Keyword;
  }

  /** The completion status, or null for an invocation. */
  private static OpStatus status(HistoryAssembler out, Form type, String context) {
    String t = type.value() instanceof Keyword k ? k.name() : "";
    return switch (t) {
      case "invoke" -> null;
      case "ok" -> OpStatus.OK;
      case "fail" -> OpStatus.FAIL;
      case "info" -> OpStatus.INFO;
      default ->
          throw out.error(
              type.line(),
              type.column(),
              "expected :invoke, :ok, :fail or :info " + context + ", got " + type.describe());
    };
  }

  private static void invoke(
      HistoryAssembler out,
      int process,
      OpKind kind,
      Form type,
      Form f,
      Form value,
      Long stated,
      long time) {
    boolean tuple = isTupleInvocation(kind, value);
    Form inner = value;
    long key = stated == null ? 0 : stated;
    if (tuple) {
      key = tupleKey(out, value, f, stated);
      inner = vector(value).get(1);
    }
    long expected = History.NIL;
    long written = History.NIL;
    switch (kind) {
      case READ -> {}
      case WRITE, APPEND ->
          written =
              inner != null && inner.value() instanceof String text
                  ? out.text(text)
                  : integer(
                      out,
                      inner,
                      f,
                      tuple ? "an integer in the tuple" : "an integer, a string or [key integer]");
      case CAS -> {
        if (inner == null
            || !(inner.value() instanceof List<?> pair)
            || pair.size() != 2
            || !(((Form) pair.get(0)).value() instanceof Long e)
            || !(((Form) pair.get(1)).value() instanceof Long n)) {
          throw expectedValue(out, inner, f, "[expected new] (two integers)");
        }
        expected = e;
        written = n;
      }
      default -> throw new AssertionError(kind);
    }
    out.invoke(process, kind, key, expected, written, tuple, time, type.line(), type.column());
  }

  /** Whether an invocation's value marks it as an independent {@code [key value]} tuple. */
  private static boolean isTupleInvocation(OpKind kind, Form value) {
    List<Form> v = value == null ? null : vector(value);
    if (v == null) {
      return false;
    }
    return switch (kind) {
      case READ -> v.size() == 2;
      case WRITE, APPEND -> true;
      case CAS -> v.size() == 2 && vector(v.get(1)) != null;
    };
  }

  private static void complete(
      HistoryAssembler out,
      int process,
      OpKind kind,
      OpStatus status,
      Form type,
      Form f,
      Form value,
      Long stated,
      long time) {
    int op = out.outstandingTuple(process);
    Form inner = value;
    if (op >= 0) {
      long key = out.key(op);
      List<Form> tuple = value == null ? null : vector(value);
      if (tuple == null || tuple.size() != 2 || !(tuple.get(0).value() instanceof Long k)) {
        throw expectedValue(
            out,
            value,
            f,
            "a [key value] tuple for key "
                + key
                + " (the invocation at line "
                + out.invokeLine(op)
                + " is one)");
      }
      if (k != key) {
        Form at = tuple.get(0);
        throw out.error(
            at.line(),
            at.column(),
            "expected key "
                + key
                + " of the invocation at line "
                + out.invokeLine(op)
                + " in the tuple, got "
                + k);
      }
      tupleKey(out, value, f, stated);
      inner = tuple.get(1);
    }
    if (kind == OpKind.READ && inner != null && vector(inner) != null) {
      out.completeList(process, status, list(out, inner, f), time, type.line(), type.column());
      return;
    }
    long result = History.NIL;
    if (kind == OpKind.READ && inner != null) {
      result = inner.value() instanceof String text ? out.text(text) : integerOrNil(out, inner, f);
    }
    out.complete(process, kind, status, result, time, type.line(), type.column());
  }

  /** The key of the tuple {@code value}, which must agree with a {@code stated} key. */
  private static long tupleKey(HistoryAssembler out, Form value, Form f, Long stated) {
    List<Form> tuple = vector(value);
    if (tuple.size() != 2 || !(tuple.get(0).value() instanceof Long key)) {
      throw expectedValue(out, value, f, "a [key value] tuple with an integer key");
    }
    if (stated != null && stated.longValue() != key.longValue()) {
      Form at = tuple.get(0);
      throw out.error(
          at.line(),
          at.column(),
          "expected key " + stated + " (the op's :key) in the tuple, got " + key);
    }
    return key;
  }

  private static long[] list(HistoryAssembler out, Form value, Form f) {
    List<Form> elements = vector(value);
    long[] list = new long[elements.size()];
    for (int i = 0; i < list.length; i++) {
      Form e = elements.get(i);
      if (!(e.value() instanceof Long v)) {
        throw out.error(
            e.line(),
            e.column(),
            "expected an integer as an element of the list read by "
                + f.describe()
                + ", got "
                + e.describe());
      }
      list[i] = v;
    }
    return list;
  }

  /** The keys a txn invocation reads. */
  private static long[] txnKeys(HistoryAssembler out, Form value, Form f) {
    List<Form> ops = microOps(out, value, f);
    long[] keys = new long[ops.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = microKey(out, ops.get(i));
      for (int j = 0; j < i; j++) {
        if (keys[j] == keys[i]) {
          Form at = vector(ops.get(i)).get(1);
          throw out.error(
              at.line(),
              at.column(),
              "expected distinct keys in a txn, got key " + keys[i] + " twice");
        }
      }
    }
    return keys;
  }

  private static void completeTxn(
      HistoryAssembler out,
      int process,
      OpStatus status,
      Form type,
      Form f,
      Form value,
      long time) {
    List<Form> ops = microOps(out, value, f);
    long[] keys = new long[ops.size()];
    long[] results = new long[ops.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = microKey(out, ops.get(i));
      Form read = vector(ops.get(i)).get(2);
      if (vector(read) != null) {
        throw out.error(
            read.line(),
            read.column(),
            "list values in a txn read are not supported, got a vector");
      }
      results[i] = integerOrNil(out, read, f);
    }
    out.completeSnapshot(
        process,
        status,
        keys,
        results,
        time,
        type.line(),
        type.column(),
        value.line(),
        value.column());
  }

  /** A txn's micro-ops: a non-empty vector of read micro-ops {@code [:r key value]}. */
  private static List<Form> microOps(HistoryAssembler out, Form value, Form f) {
    List<Form> ops = value == null ? null : vector(value);
    if (ops == null || ops.isEmpty()) {
      throw expectedValue(out, value, f, "a non-empty vector of micro-ops [:r key value]");
    }
    for (Form op : ops) {
      List<Form> micro = vector(op);
      Form fn = micro == null || micro.isEmpty() ? null : micro.get(0);
      if (fn != null && (fn.isKeyword("w") || fn.isKeyword("append"))) {
        throw out.error(
            fn.line(),
            fn.column(),
            "expected only :r micro-ops (transactions with writes are not supported, only"
                + " read-only snapshot txns), got "
                + fn.describe());
      }
      if (micro == null || micro.size() != 3 || !fn.isKeyword("r")) {
        throw out.error(
            op.line(), op.column(), "expected a micro-op [:r key value], got " + describe(op));
      }
    }
    return ops;
  }

  private static long microKey(HistoryAssembler out, Form op) {
    Form key = vector(op).get(1);
    if (key.value() instanceof Long k) {
      return k;
    }
    throw out.error(
        key.line(), key.column(), "expected an integer key in a micro-op, got " + key.describe());
  }

  private static String describe(Form form) {
    List<Form> v = vector(form);
    if (v == null || v.isEmpty()) {
      return form.describe();
    }
    return "[" + v.get(0).describe() + " …]";
  }

  /** The elements of {@code form} if it is a vector, else null. */
  @SuppressWarnings("unchecked")
  private static List<Form> vector(Form form) {
    return form.value() instanceof List<?> v ? (List<Form>) v : null;
  }

  private static OpKind kind(HistoryAssembler out, Form f, String context) {
    String name = f.value() instanceof Keyword k ? k.name() : "";
    return switch (name) {
      case "read", "get" -> OpKind.READ;
      case "write", "put" -> OpKind.WRITE;
      case "cas" -> OpKind.CAS;
      case "append" -> OpKind.APPEND;
      default ->
          throw out.error(
              f.line(),
              f.column(),
              "expected :read, :write, :cas, :append, :txn, :get or :put "
                  + context
                  + ", got "
                  + f.describe());
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
