package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Linearizability of a register, a compare-and-set register, or a key-value map of such registers.
 *
 * <p>The history is partitioned by key and each key is checked on its own: linearizability is local
 * (Herlihy &amp; Wing 1990), so a history is linearizable exactly when every key's sub-history is,
 * and the search space shrinks from the product of the keys' to their sum. Every key starts at
 * {@link History#NIL}.
 *
 * <p>A register key whose writes each carry their own value (every tradeoff workload) is decided in
 * O(n log n) from its known read-mapping ({@link UniqueValueRegister}): valid with an order of its
 * values, or invalid with two values each of which must come before the other; when the key has at
 * most {@link #WITNESS_SEARCH_OPS} ops, a small search supplies the usual witness (the longest
 * linearizable prefix) instead. Any other key — repeated values as in Jepsen's logs, CASes, lists,
 * texts — is searched with Wing &amp; Gong's algorithm with Lowe's memoisation, as in Knossos' and
 * Porcupine's WGL checkers (see {@link LinearizabilitySearch}); {@link #searchOnly} searches every
 * key.
 *
 * <p>Three prunings keep the search small without changing any verdict: INFO writes and CASes whose
 * value nobody observed are dropped; an INFO op is placed only when a pending call observes its
 * value; and a step is refused when it leaves a value that pending OK reads still need and that no
 * remaining op can set again. A read of a value no op on its key ever set is invalid at once.
 *
 * <p>Operations that ended {@link OpStatus#FAIL} did not happen and are dropped. Operations that
 * ended {@link OpStatus#INFO} (or are still pending) may have taken effect at any point after their
 * invocation, or never: their return is at +infinity. INFO reads constrain nothing and are dropped.
 *
 * <p>In the {@link Model#KV} model a key may instead be a list: appends add unique values to its
 * end and reads return the whole list ({@link History#resultList}), as in Jepsen's list-append
 * workload, each key checked as a linearizable list. A key mixing appends with writes or CASes, or
 * whose reads return single values, is unknown.
 *
 * <p>A key whose values are texts ({@link History#internText}, as Porcupine's key-value histories
 * write them) is a string register, in any model: it starts as the empty text, a write (put) sets
 * it, an append (KV model only) concatenates, and a read (get) returns the whole text, nil reading
 * as the empty text. Its state is the list of chunks written since the last put, so the list
 * machinery serves it; a read matches when the chunks concatenated equal its text. The pruning of
 * INFO ops becomes: an INFO put or append is dropped when no OK read contains its text. A text key
 * with a CAS, an integer value or a list read is unknown.
 *
 * <p>The budget is a number of explored configurations shared by all keys (one per model step
 * tried), so that a verdict does not depend on the machine; the memo cache is bounded by it and by
 * {@link LinearizabilitySearch#MAX_CACHE_WORDS}. A time budget can be added with {@link
 * #timeLimited}: the caller supplies the clock, because sim-core may not read one, and a verdict
 * reached by it is reproducible only when it is not unknown. When a budget runs out the verdict is
 * {@link Verdict#UNKNOWN}, unless some key was already found invalid, which is a definite answer.
 */
public final class Linearizability implements Checker {
  /** Budget of {@link #check(History, Model)}: ample for thousands of ops over a few keys. */
  public static final long DEFAULT_MAX_CONFIGURATIONS = 2_000_000;

  private static final int WITNESSES_SHOWN = 3;

  /**
   * A key the unique-value check refutes is also searched for today's witness (the longest
   * linearizable prefix) when it has at most this many operations…
   */
  static final int WITNESS_SEARCH_OPS = 5_000;

  /** …and the search finds it within this many configurations; else the cluster witness stands. */
  static final long WITNESS_SEARCH_BUDGET = 100_000;

  /** The object whose operations a history records. */
  public enum Model {
    /** One register per key: read and write. */
    REGISTER,
    /** A register with compare-and-set: read, write, cas (an OK cas matched and set). */
    CAS_REGISTER,
    /** A key-value map: one cas-register per key. */
    KV
  }

  private final Model model;
  private final long maxConfigurations;
  private final LongSupplier nanoClock;
  private final long timeLimitNanos;
  private final boolean uniqueValues;

  /**
   * A checker of {@code model} that explores at most {@code maxConfigurations} configurations in
   * total before answering unknown.
   */
  public Linearizability(Model model, long maxConfigurations) {
    if (model == null) {
      throw new IllegalArgumentException("model is null");
    }
    if (maxConfigurations < 1) {
      throw new IllegalArgumentException(
          "maxConfigurations must be positive: " + maxConfigurations);
    }
    this.model = model;
    this.maxConfigurations = maxConfigurations;
    this.nanoClock = null;
    this.timeLimitNanos = Long.MAX_VALUE;
    this.uniqueValues = true;
  }

  private Linearizability(
      Linearizability base, LongSupplier nanoClock, long timeLimitNanos, boolean uniqueValues) {
    this.model = base.model;
    this.maxConfigurations = base.maxConfigurations;
    this.nanoClock = nanoClock;
    this.timeLimitNanos = timeLimitNanos;
    this.uniqueValues = uniqueValues;
  }

  /**
   * This checker without the unique-value check: every key is searched, as Knossos and Porcupine
   * do. The verdicts are the same (the search may run out of budget where the check would not); it
   * serves to compare the two and to measure the search.
   */
  public Linearizability searchOnly() {
    return new Linearizability(this, nanoClock, timeLimitNanos, false);
  }

  /**
   * This checker, also answering unknown once {@code timeLimitNanos} have passed on {@code
   * nanoClock} (for example {@code System::nanoTime}, read by the caller's layer) since {@link
   * #check} began.
   */
  public Linearizability timeLimited(LongSupplier nanoClock, long timeLimitNanos) {
    if (nanoClock == null) {
      throw new IllegalArgumentException("nanoClock is null");
    }
    if (timeLimitNanos < 1) {
      throw new IllegalArgumentException("timeLimitNanos must be positive: " + timeLimitNanos);
    }
    return new Linearizability(this, nanoClock, timeLimitNanos, uniqueValues);
  }

  /** Checks {@code history} against {@code model} with {@link #DEFAULT_MAX_CONFIGURATIONS}. */
  public static CheckResult check(History history, Model model) {
    return new Linearizability(model, DEFAULT_MAX_CONFIGURATIONS).check(history);
  }

  @Override
  public String name() {
    return "linearizability";
  }

  @Override
  public CheckResult check(History history) {
    // TreeMap: keys are checked and reported in ascending order, whatever the hash of a key.
    Map<Long, IntArrayList> byKey = new TreeMap<>();
    for (int op = 0; op < history.size(); op++) {
      OpKind kind = history.kind(op);
      if ((kind == OpKind.APPEND && model != Model.KV)
          || (kind == OpKind.CAS && model == Model.REGISTER)) {
        return CheckResult.unknown(
            name(), "model " + modelName() + " has no " + kind.label() + " (operation " + op + ")");
      }
      OpStatus status = history.status(op);
      if (status == OpStatus.FAIL || (kind == OpKind.READ && status == OpStatus.INFO)) {
        continue;
      }
      byKey.computeIfAbsent(history.key(op), k -> new IntArrayList()).add(op);
    }
    String mixed = mixedTextKey(history, byKey);
    if (mixed == null) {
      mixed = mixedListKey(history, byKey);
    }
    if (mixed != null) {
      return CheckResult.unknown(name(), mixed);
    }
    boolean showKey = model == Model.KV || byKey.size() > 1;
    long startNanos = nanoClock == null ? 0 : nanoClock.getAsLong();
    long remaining = maxConfigurations;
    long explored = 0;
    List<String> witnesses = new ArrayList<>();
    List<WitnessRef> refs = new ArrayList<>();
    long invalidKeys = 0;
    long decidedByClusters = 0;
    String unknownReason = null;
    for (Map.Entry<Long, IntArrayList> entry : byKey.entrySet()) {
      String where = showKey ? "key " + entry.getKey() + ": " : "";
      int[] ops = withoutUnobservedInfo(history, entry.getValue());
      UniqueValueRegister.Outcome fast =
          uniqueValues
              ? new UniqueValueRegister(history, ops).run()
              : UniqueValueRegister.Outcome.UNDECIDED;
      if (fast != UniqueValueRegister.Outcome.UNDECIDED) {
        decidedByClusters++;
        if (fast == UniqueValueRegister.Outcome.INVALID) {
          invalidKeys++;
          if (witnesses.size() < WITNESSES_SHOWN) {
            clusterWitness(history, ops, where, witnesses, refs);
          }
        }
        continue;
      }
      if (remaining <= 0) {
        unknownReason = "configuration budget of " + maxConfigurations + " exhausted";
        break;
      }
      LinearizabilitySearch search = new LinearizabilitySearch(history, ops);
      if (nanoClock != null) {
        search.deadline(
            nanoClock, saturatedAdd(startNanos, timeLimitNanos), seconds(timeLimitNanos));
      }
      long used = search.run(remaining);
      explored += used;
      remaining -= used;
      switch (search.outcome()) {
        case VALID -> {}
        case INVALID -> {
          invalidKeys++;
          if (witnesses.size() < WITNESSES_SHOWN) {
            witnesses.add(where + witness(history, search));
            refs.add(ref(history, search));
          }
        }
        case UNKNOWN -> {
          if (unknownReason == null) {
            unknownReason = where + search.unknownReason();
          }
          if (!search.unknownReason().startsWith("memory")) {
            remaining = 0; // a shared budget is spent; the remaining keys stay undecided
          }
        }
      }
    }
    String detail =
        "explored "
            + explored
            + " configurations over "
            + byKey.size()
            + " keys ("
            + modelName()
            + ")"
            + (decidedByClusters > 0
                ? ", " + decidedByClusters + " of them decided from their unique values"
                : "")
            + (invalidKeys > 0 ? "; " + invalidKeys + " of them not linearizable" : "");
    if (invalidKeys > 0) {
      return CheckResult.invalid(name(), invalidKeys, witnesses, refs, detail);
    }
    if (unknownReason != null) {
      return CheckResult.unknown(name(), unknownReason + "; " + detail);
    }
    return CheckResult.valid(name(), detail);
  }

  /**
   * The witness for a key the unique-value check refuted: today's (the search's longest prefix)
   * when a small search finds it, else the pair of values whose order no linearization fits.
   */
  private static void clusterWitness(
      History history, int[] ops, String where, List<String> witnesses, List<WitnessRef> refs) {
    UniqueValueRegister check = new UniqueValueRegister(history, ops);
    check.run();
    if (ops.length <= WITNESS_SEARCH_OPS) {
      LinearizabilitySearch search = new LinearizabilitySearch(history, ops);
      search.run(WITNESS_SEARCH_BUDGET);
      if (search.outcome() == Verdict.INVALID) {
        witnesses.add(where + witness(history, search));
        refs.add(ref(history, search));
        return;
      }
    }
    witnesses.add(where + check.witness());
    refs.add(WitnessRef.ofOps(history, check.witnessOps()));
  }

  /** The search's witness as data: the blocked operation, then the prefix's last one. */
  private static WitnessRef ref(History history, LinearizabilitySearch search) {
    int[] prefix = search.prefix();
    return WitnessRef.ofOps(
        history, search.blocked(), prefix.length == 0 ? -1 : prefix[prefix.length - 1]);
  }

  /**
   * Why a key with text values cannot be checked as a string register, or null: every write and
   * append on it must carry a text, every OK read must have returned a text or nil (the empty
   * text), and there must be no CAS.
   */
  private static String mixedTextKey(History history, Map<Long, IntArrayList> byKey) {
    for (Map.Entry<Long, IntArrayList> entry : byKey.entrySet()) {
      int[] ops = entry.getValue().toIntArray();
      if (!LinearizabilitySearch.textKey(history, ops)) {
        continue;
      }
      for (int op : ops) {
        OpKind kind = history.kind(op);
        boolean fits =
            switch (kind) {
              case CAS -> false;
              case WRITE, APPEND -> history.text(history.value(op)) != null;
              case READ ->
                  history.resultList(op) == null
                      && (history.result(op) == History.NIL
                          || history.text(history.result(op)) != null);
            };
        if (!fits) {
          return "key "
              + entry.getKey()
              + " mixes text values with "
              + describe(history, op)
              + " (operation "
              + op
              + ")";
        }
      }
    }
    return null;
  }

  /**
   * Why the history cannot be checked as lists, or null: a key with appends must have no writes or
   * CASes, and every OK read of it must have returned a list (or nil, the empty list).
   */
  private static String mixedListKey(History history, Map<Long, IntArrayList> byKey) {
    for (Map.Entry<Long, IntArrayList> entry : byKey.entrySet()) {
      IntArrayList ops = entry.getValue();
      if (LinearizabilitySearch.textKey(history, ops.toIntArray())) {
        continue; // a string register: appends and writes (puts) mix by design
      }
      boolean appends = false;
      for (int i = 0; i < ops.size(); i++) {
        appends |= history.kind(ops.getInt(i)) == OpKind.APPEND;
      }
      for (int i = 0; i < ops.size() && appends; i++) {
        int op = ops.getInt(i);
        OpKind kind = history.kind(op);
        if (kind == OpKind.WRITE || kind == OpKind.CAS) {
          return "key " + entry.getKey() + " mixes append with " + describe(history, op);
        }
        if (kind == OpKind.READ
            && history.resultList(op) == null
            && history.result(op) != History.NIL) {
          return "key "
              + entry.getKey()
              + " has appends but operation "
              + op
              + " read a single value, not a list";
        }
      }
    }
    return null;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /**
   * The key's operations minus the INFO writes and CASes whose value no read returned and no CAS
   * expected. Such an operation can always be assumed never to have taken effect: in any
   * linearization that includes it, nothing observes its value, so the next operation is a write
   * (or there is none) and removing it leaves a linearization still. Dropping them up front spares
   * the search the 2^k ways of placing k unobserved timeouts, the usual cause of blow-up.
   */
  private static int[] withoutUnobservedInfo(History history, IntArrayList ops) {
    if (LinearizabilitySearch.textKey(history, ops.toIntArray())) {
      return withoutUnobservedText(history, ops);
    }
    LongOpenHashSet observed = new LongOpenHashSet(); // lookups only, never iterated
    for (int i = 0; i < ops.size(); i++) {
      int op = ops.getInt(i);
      long[] list = history.kind(op) == OpKind.READ ? history.resultList(op) : null;
      if (list != null) {
        observed.addAll(it.unimi.dsi.fastutil.longs.LongArrayList.wrap(list));
      } else if (history.kind(op) == OpKind.READ) {
        observed.add(history.result(op));
      } else if (history.kind(op) == OpKind.CAS) {
        observed.add(history.expected(op));
      }
    }
    IntArrayList kept = new IntArrayList(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      int op = ops.getInt(i);
      boolean info = history.status(op) == OpStatus.INFO;
      if (!info || history.kind(op) == OpKind.READ || observed.contains(history.value(op))) {
        kept.add(op);
      }
    }
    return kept.toIntArray();
  }

  /**
   * For a text key: the key's operations minus the INFO puts and appends whose text no OK read
   * contains. Such an op can be assumed never to have taken effect: in any linearization that
   * includes it, every read until the next put would contain its text, so no read comes before the
   * next put (or the end), and after that put the state is the same without it.
   */
  private static int[] withoutUnobservedText(History history, IntArrayList ops) {
    List<String> reads = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      int op = ops.getInt(i);
      if (history.kind(op) == OpKind.READ && history.status(op) == OpStatus.OK) {
        String text = history.text(history.result(op));
        reads.add(text == null ? "" : text);
      }
    }
    IntArrayList kept = new IntArrayList(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      int op = ops.getInt(i);
      boolean keep = history.status(op) != OpStatus.INFO || history.kind(op) == OpKind.READ;
      String chunk = keep ? null : history.text(history.value(op));
      for (int r = 0; !keep && r < reads.size(); r++) {
        keep = reads.get(r).contains(chunk);
      }
      if (keep) {
        kept.add(op);
      }
    }
    return kept.toIntArray();
  }

  private String modelName() {
    return model.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String witness(History history, LinearizabilitySearch search) {
    int blocked = search.blocked();
    StringBuilder sb = new StringBuilder(opAt(history, blocked)).append(" cannot be linearized: ");
    if (search.textKey()) {
      int[] prefix = search.prefix();
      if (prefix.length == 0) {
        sb.append("nothing can precede it, and the text is empty (never written)");
      } else {
        appendAfter(sb, history, prefix[prefix.length - 1])
            .append(" the text is ")
            .append(SessionHistoryIndex.quote(search.heldText()));
      }
      return appendPrefix(sb, history, search);
    }
    if (search.neverWritten() && search.listKey()) {
      return sb.append("no sequence of this key's appends produces that list").toString();
    }
    if (search.neverWritten()) {
      long seen =
          history.kind(blocked) == OpKind.READ
              ? history.result(blocked)
              : history.expected(blocked);
      return sb.append("no operation on this key ever set ").append(value(seen)).toString();
    }
    int[] prefix = search.prefix();
    if (prefix.length == 0) {
      sb.append(
          search.listKey()
              ? "nothing can precede it, and the list is empty"
              : "nothing can precede it, and the register holds nil (never written)");
    } else {
      appendAfter(sb, history, prefix[prefix.length - 1])
          .append(search.listKey() ? " the list holds " : " the register holds ")
          .append(search.listKey() ? list(search.heldList()) : value(search.heldValue()));
    }
    return appendPrefix(sb, history, search);
  }

  private static String appendPrefix(
      StringBuilder sb, History history, LinearizabilitySearch search) {
    int[] prefix = search.prefix();
    sb.append("; longest linearizable prefix (").append(search.prefixDepth()).append(" ops): ");
    if (search.prefixDepth() > prefix.length) {
      sb.append("…, ");
    }
    for (int i = 0; i < prefix.length; i++) {
      sb.append(i > 0 ? ", " : "").append(describe(history, prefix[i]));
    }
    if (prefix.length == 0) {
      sb.append("(empty)");
    }
    return sb.toString();
  }

  /** {@code OP by CLIENT [INVOKED–COMPLETED]}: an operation as witnesses name it. */
  static String opAt(History history, int op) {
    return describe(history, op)
        + " by "
        + history.processName(history.process(op))
        + " ["
        + SessionHistoryIndex.time(history.invokeNanos(op))
        + '–'
        + SessionHistoryIndex.time(history.completeNanos(op))
        + ']';
  }

  static String describe(History history, int op) {
    return switch (history.kind(op)) {
      case READ ->
          "read → "
              + (history.resultList(op) != null
                  ? list(history.resultList(op))
                  : SessionHistoryIndex.text(history, history.result(op)));
      case WRITE -> "write " + SessionHistoryIndex.text(history, history.value(op));
      case CAS -> "cas " + value(history.expected(op)) + "→" + value(history.value(op));
      case APPEND -> "append " + SessionHistoryIndex.text(history, history.value(op));
    };
  }

  private static String list(long[] values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      sb.append(i > 0 ? ", " : "").append(values[i]);
    }
    return sb.append(']').toString();
  }

  static String value(long v) {
    return v == History.NIL ? "nil" : Long.toString(v);
  }

  /** {@code after OP (client, ok at T)}: the last operation of the longest linearizable prefix. */
  private static StringBuilder appendAfter(StringBuilder sb, History history, int last) {
    boolean ok = history.status(last) == OpStatus.OK;
    return sb.append("after ")
        .append(describe(history, last))
        .append(" (")
        .append(history.processName(history.process(last)))
        .append(ok ? ", ok at " : ", info, invoked at ")
        .append(
            SessionHistoryIndex.time(ok ? history.completeNanos(last) : history.invokeNanos(last)))
        .append(")");
  }

  private static String seconds(long nanos) {
    return nanos == Long.MAX_VALUE ? "?" : dev.tradeoff.core.TimeText.of(nanos);
  }
}
