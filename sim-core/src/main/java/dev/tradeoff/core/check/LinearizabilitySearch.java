package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The Wing–Gong–Lowe search for one key's register: decides whether the given operations (all on
 * one key, none FAIL, no INFO reads) have a linearization, within a budget of configurations.
 *
 * <p>A key whose operations are appends and list reads is searched as a list: the state is a node
 * of a trie of lists (node 0 the empty list, each child one appended value longer), so equal lists
 * are one node, a read applies when its list is the state's node, and a memo entry stays one long.
 * The dead-value pruning and the rule that places an INFO op only when a pending call observes it
 * do not hold for lists (an append is observed by every later read, not by the next op only); list
 * keys use their own pruning instead: since a list only grows, every OK read not yet linearized
 * must return an extension of the current list, so an append is tried only when the longer list is
 * still a prefix of all of them. Without it, concurrent appends would be tried in every order.
 *
 * <p>Contract: {@link #run(long)} is called once; afterwards {@link #outcome()} tells what was
 * found and, for {@link Verdict#INVALID}, {@link #blocked()}, {@link #prefix()} and {@link
 * #heldValue()} describe the deepest dead end. Single use, not thread-safe (nothing in sim-core
 * is).
 */
final class LinearizabilitySearch {
  /**
   * Upper bound on the words the memo cache may hold, whatever the configuration budget: the cache
   * stores, per configuration, the linearized ops of the window of calls still concurrent (the run
   * of settled ops before it is one number), so a configuration costs a few words whatever the
   * key's length; this bounds their count. 2^23 words = 64 MiB.
   */
  static final long MAX_CACHE_WORDS = 1L << 23;

  /** How many of the last linearized operations a witness shows. */
  static final int PREFIX_SHOWN = 8;

  /** Odd multiplier of the text hash (arithmetic mod 2^64); a match is confirmed in full. */
  private static final long TEXT_BASE = 0x100000001B3L;

  private final History history;
  private final int[] ops; // local index -> history index
  private final int n;

  // The doubly linked list of call and return entries, in time order, with sentinels HEAD and
  // TAIL. Entry e in 1..2n: entryOp[e] is its local op, isCall[e] its kind, match[e] (calls only)
  // the op's return entry. Lifting a linearized call removes it and its return in O(1), and
  // unlifting on backtrack restores both (Knuth's dancing links), so the search never re-sorts.
  private final int head;
  private final int tail;
  private final int[] next;
  private final int[] prev;
  private final int[] entryOp;
  private final boolean[] isCall;
  private final int[] match;
  private final boolean[] infinite; // local op's return is at +infinity (INFO or pending)
  private final boolean[] observes; // local op is a read or CAS, so it observes a value…
  private final long[] observed; // …this one: the read's result or the CAS's expected value

  // Dead-value pruning. Values get dense ids (NIL is 0). producersLeft[v] counts unlinearized ops
  // that could still set v (writes and CASes, INFO ones included); observersLeft[v] counts
  // unlinearized OK reads and OK CASes that need the register to hold v. A step that moves the
  // register off v while v has observers left and no producers left can never be completed, so it
  // is refused at once instead of being refuted by exploring every subset of the pending calls.
  private final int[] produces; // local op -> id of the value it sets, or -1
  private final int[] observesId; // local op -> id of the value it observes, or -1
  private final boolean[] required; // local op is an OK observer: its observation must happen
  private final int[] producersLeft;
  private final int[] observersLeft;
  private boolean neverWritten;

  // List keys only: the trie of lists. Node 0 is the empty list; node i > 0 is trieParent[i]'s list
  // followed by trieValue[i]. trieChild maps parent * valueCount + valueIndex to the child node.
  private final boolean listKey;
  // Text keys only (a string register with put and append): every put and append value has an
  // index in appendedIndex, a trie node's text is its list's strings concatenated, and each node
  // keeps that text's length and polynomial hash, so a read is compared in full only on a match.
  private final boolean textKey;
  private final LongArrayList trieTextHash = new LongArrayList();
  private final LongArrayList trieTextLength = new LongArrayList();
  private long[] chunkHash; // by append index: the chunk's hash…
  private long[] chunkPower; // …TEXT_BASE to the power of its length…
  private int[] chunkLength; // …and its length
  private String[] readTexts; // local OK read -> the text it returned; null otherwise
  private long[] readHash;
  private final Long2IntOpenHashMap appendedIndex = new Long2IntOpenHashMap(); // lookups only
  private final Long2IntOpenHashMap trieChild = new Long2IntOpenHashMap(); // lookups only
  private final IntArrayList trieParent = new IntArrayList();
  private final LongArrayList trieValue = new LongArrayList();
  private final IntArrayList trieDepth = new IntArrayList();
  private long[][] readLists; // local read -> its list; null for other ops and non-OK reads
  private LongSupplier nanoClock;
  private long deadlineNanos = Long.MAX_VALUE;
  private String timeLimit = "";

  private long explored;
  private Verdict outcome;
  private String unknownReason = "";
  private int bestDepth = -1;
  private int blocked = -1;
  private int[] prefix = new int[0];
  private int prefixDepth;
  private long heldValue = History.NIL;

  /** Prepares the search over {@code ops} (history indices, all on one key). */
  LinearizabilitySearch(History history, int[] ops) {
    this.history = history;
    // Local indices in invocation order (ties by history index), the order the calls take in the
    // entry list: then the linearized ops are a run of the first ones plus a few in the window of
    // calls still concurrent, which is what lets a memo entry omit the run (see Config).
    this.ops = ops.clone();
    IntArrays.stableSort(
        this.ops, (a, b) -> Long.compare(history.invokeNanos(a), history.invokeNanos(b)));
    this.n = ops.length;
    int entries = 2 * n;
    head = 0;
    tail = entries + 1;
    next = new int[entries + 2];
    prev = new int[entries + 2];
    entryOp = new int[entries + 2];
    isCall = new boolean[entries + 2];
    match = new int[entries + 2];
    infinite = new boolean[n];
    observes = new boolean[n];
    observed = new long[n];
    produces = new int[n];
    observesId = new int[n];
    required = new boolean[n];
    boolean appends = false;
    for (int op : ops) {
      appends |= history.kind(op) == OpKind.APPEND;
    }
    textKey = textKey(history, ops);
    listKey = appends && !textKey;
    Long2IntOpenHashMap ids = new Long2IntOpenHashMap(); // lookups only, never iterated
    ids.put(History.NIL, 0);
    for (int i = 0; i < n && !listKey && !textKey; i++) {
      int op = ops[i];
      OpKind kind = history.kind(op);
      produces[i] = kind == OpKind.READ ? -1 : idOf(ids, history.value(op));
      observesId[i] =
          switch (kind) {
            case READ -> idOf(ids, history.result(op));
            case CAS -> idOf(ids, history.expected(op));
            default -> -1;
          };
      required[i] = observesId[i] >= 0 && history.status(op) == OpStatus.OK;
    }
    if (listKey) {
      Arrays.fill(produces, -1);
      Arrays.fill(observesId, -1);
      trieParent.add(-1);
      trieValue.add(History.NIL);
      trieDepth.add(0);
      readLists = new long[n][];
      for (int i = 0; i < n; i++) {
        int op = ops[i];
        if (history.kind(op) == OpKind.READ && history.status(op) == OpStatus.OK) {
          long[] list = history.resultList(op);
          readLists[i] = list == null ? new long[0] : list;
        }
      }
      appendedIndex.defaultReturnValue(-1);
      trieChild.defaultReturnValue(-1);
      for (int op : ops) {
        if (history.kind(op) == OpKind.APPEND) {
          appendedIndex.put(history.value(op), appendedIndex.size());
        }
      }
    }
    if (textKey) {
      prepareText();
    }
    producersLeft = new int[ids.size()];
    observersLeft = new int[ids.size()];
    for (int i = 0; i < n; i++) {
      if (produces[i] >= 0) {
        producersLeft[produces[i]]++;
      }
      if (required[i]) {
        observersLeft[observesId[i]]++;
      }
    }
    long[] times = new long[entries];
    for (int i = 0; i < n; i++) {
      int op = ops[i];
      infinite[i] = history.status(op) != OpStatus.OK;
      OpKind kind = history.kind(op);
      observes[i] = kind == OpKind.READ || kind == OpKind.CAS;
      observed[i] = kind == OpKind.READ ? history.result(op) : history.expected(op);
      if (listKey && kind == OpKind.READ) {
        observed[i] = internRead(op);
      }
      times[2 * i] = history.invokeNanos(op);
      times[2 * i + 1] = infinite[i] ? Long.MAX_VALUE : history.completeNanos(op);
    }
    // Event e (0..2n-1): op e/2, call if even. Ties: calls before returns, so operations that
    // touch at one instant count as concurrent (the lenient reading: never a false alarm); then
    // by op index, so the order is deterministic.
    int[] order = new int[entries];
    for (int e = 0; e < entries; e++) {
      order[e] = e;
    }
    IntArrays.stableSort(
        order,
        (a, b) -> {
          int c = Long.compare(times[a], times[b]);
          if (c != 0) {
            return c;
          }
          c = Integer.compare(a & 1, b & 1);
          return c != 0 ? c : Integer.compare(a, b);
        });
    int[] entryOfCall = new int[n];
    int[] entryOfReturn = new int[n];
    for (int pos = 0; pos < entries; pos++) {
      int e = pos + 1;
      int event = order[pos];
      entryOp[e] = event >> 1;
      isCall[e] = (event & 1) == 0;
      if (isCall[e]) {
        entryOfCall[event >> 1] = e;
      } else {
        entryOfReturn[event >> 1] = e;
      }
    }
    for (int i = 0; i < n; i++) {
      match[entryOfCall[i]] = entryOfReturn[i];
    }
    for (int e = 0; e <= entries; e++) {
      next[e] = e + 1;
      prev[e + 1] = e;
    }
    prev[head] = -1;
    next[tail] = -1;
  }

  /**
   * Searches, exploring at most {@code budget} configurations (one per model step tried, so the
   * budget bounds both time and the cache), and returns how many it explored.
   */
  long run(long budget) {
    for (int i = 0; i < n && listKey; i++) {
      if (observes[i] && observed[i] < 0) {
        neverWritten = true;
        blocked = ops[i];
        bestDepth = 0;
        outcome = Verdict.INVALID;
        return 0;
      }
    }
    for (int i = 0; i < n; i++) {
      if (required[i] && observesId[i] != 0 && producersLeft[observesId[i]] == 0) {
        // It observes a value no operation on this key ever set: no search needed, and none
        // should be tried, since refuting it would mean exploring every configuration.
        neverWritten = true;
        blocked = ops[i];
        bestDepth = 0;
        outcome = Verdict.INVALID;
        return 0;
      }
    }
    ObjectOpenHashSet<Config> cache = new ObjectOpenHashSet<>();
    int words = (n + 63) >>> 6;
    long cacheWords = 0; // each entry's window plus a rough allowance for the entry itself
    long[] bits = new long[Math.max(words, 1)];
    // Ops 0..settled-1 are all linearized and none from top on is: a memo entry keeps the words in
    // between only, so its size follows the concurrency window, not the history's length.
    int settled = 0;
    int top = 0;
    int[] stackSettled = new int[n];
    int[] stackTop = new int[n];
    int[] stackEntry = new int[n];
    long[] stackState = new long[n];
    byte[] stackPass = new byte[n];
    // Each configuration's candidates are tried in two passes: completed ops first, then INFO ops.
    // Order does not affect the verdict, only how soon a linearization is found: most INFO ops
    // never took effect, and trying them first would explore their placements before anything.
    int pass = 0;
    int depth = 0;
    // Never written: nil, or the empty list's (or text's) node.
    long state = listKey || textKey ? 0 : History.NIL;
    int stateId = 0;
    int[] stackStateId = new int[n];
    int e = next[head];
    while (true) {
      if (e == tail) {
        // Only reachable with no entries at all: every op was lifted, or there were none.
        outcome = Verdict.VALID;
        return explored;
      }
      if (isCall[e]) {
        int local = entryOp[e];
        if (infinite[local] != (pass == 1)
            || (pass == 1 && !listKey && !textKey && !observerPending(history.value(ops[local])))) {
          e = next[e];
          continue;
        }
        if (++explored > budget) {
          outcome = Verdict.UNKNOWN;
          unknownReason = "configuration budget of " + budget + " exhausted";
          return explored - 1;
        }
        if ((explored & 1023) == 0 && nanoClock != null && nanoClock.getAsLong() >= deadlineNanos) {
          outcome = Verdict.UNKNOWN;
          unknownReason = "time budget of " + timeLimit + " exhausted";
          return explored;
        }
        int afterId = produces[local] >= 0 ? produces[local] : stateId;
        if (applies(state, local)
            && (afterId == stateId || survives(local, stateId))
            && (!listKey || keepsReadsReachable(state, local, bits))) {
          long after = stepped(state, local);
          bits[local >>> 6] |= 1L << local;
          int nextSettled = settled;
          while (nextSettled < n && (bits[nextSettled >>> 6] & (1L << nextSettled)) != 0) {
            nextSettled++;
          }
          int nextTop = Math.max(top, local + 1);
          Config config = new Config(nextSettled, window(bits, nextSettled, nextTop), after);
          if (cache.add(config)) {
            cacheWords += config.words();
            if (cacheWords > MAX_CACHE_WORDS) {
              outcome = Verdict.UNKNOWN;
              unknownReason =
                  "memory budget of "
                      + (MAX_CACHE_WORDS * 8 >> 20)
                      + " MiB for the cache exhausted";
              return explored;
            }
            stackEntry[depth] = e;
            stackState[depth] = state;
            stackPass[depth] = (byte) pass;
            stackStateId[depth] = stateId;
            stackSettled[depth] = settled;
            stackTop[depth] = top;
            depth++;
            settled = nextSettled;
            top = nextTop;
            pass = 0;
            state = after;
            stateId = afterId;
            account(local, -1);
            lift(e);
            e = next[head];
            continue;
          }
          bits[local >>> 6] &= ~(1L << local);
        }
        e = next[e];
      } else {
        if (infinite[entryOp[e]]) {
          // Returns at +infinity sort after every finite one, so every OK op is linearized; the
          // INFO ops left may simply never have taken effect.
          outcome = Verdict.VALID;
          return explored;
        }
        if (pass == 0) {
          pass = 1;
          e = next[head];
          continue;
        }
        if (depth > bestDepth) {
          recordDeadEnd(depth, stackEntry, state, stateId, entryOp[e], bits);
        }
        if (depth == 0) {
          outcome = Verdict.INVALID;
          return explored;
        }
        depth--;
        e = stackEntry[depth];
        state = stackState[depth];
        pass = stackPass[depth];
        stateId = stackStateId[depth];
        settled = stackSettled[depth];
        top = stackTop[depth];
        int local = entryOp[e];
        account(local, +1);
        bits[local >>> 6] &= ~(1L << local);
        unlift(e);
        e = next[e];
      }
    }
  }

  /**
   * Whether a pending call before the first return observes {@code value}. An INFO write or CAS is
   * placed only then, which loses no linearization: in any linearization, an INFO effect that the
   * very next operation does not observe is overwritten unseen and can be dropped; and the next
   * operation's call must precede every unlinearized return (else that return's op would have to
   * come between them), so it is among these pending calls.
   */
  private boolean observerPending(long value) {
    for (int e = next[head]; isCall[e]; e = next[e]) {
      int local = entryOp[e];
      if (observes[local] && observed[local] == value) {
        return true;
      }
    }
    return false;
  }

  private static int idOf(Long2IntOpenHashMap ids, long value) {
    int id = ids.getOrDefault(value, -1);
    if (id < 0) {
      id = ids.size();
      ids.put(value, id);
    }
    return id;
  }

  /**
   * Whether value {@code v} may be left by linearizing {@code local}: it can recur or is unneeded.
   */
  private boolean survives(int local, int v) {
    int observers = observersLeft[v] - (required[local] && observesId[local] == v ? 1 : 0);
    return producersLeft[v] > 0 || observers == 0;
  }

  /** Adjusts the counters when {@code local} is linearized (delta -1) or un-linearized (+1). */
  private void account(int local, int delta) {
    if (produces[local] >= 0) {
      producersLeft[produces[local]] += delta;
    }
    if (required[local]) {
      observersLeft[observesId[local]] += delta;
    }
  }

  /** Whether the search ended because an op observes a value no op on its key ever set. */
  boolean neverWritten() {
    return neverWritten;
  }

  private void recordDeadEnd(
      int depth, int[] stackEntry, long state, int stateId, int local, long[] bits) {
    bestDepth = depth;
    blocked = ops[local];
    heldValue = state;
    prefixDepth = depth;
    int stranded = -1;
    int afterId = produces[local] >= 0 ? produces[local] : stateId;
    if (applies(state, local) && afterId != stateId && !survives(local, stateId)) {
      // The op that must be placed next would be fine for the model but was refused because it
      // strands an observer of the current value: that observer is the one a person should see,
      // placed after this op.
      for (int i = 0; i < n && stranded < 0; i++) {
        boolean linearized = (bits[i >>> 6] & (1L << i)) != 0;
        if (!linearized && i != local && required[i] && observesId[i] == stateId) {
          stranded = i;
        }
      }
    }
    if (listKey && applies(state, local) && !keepsReadsReachable(state, local, bits)) {
      stranded = unreachableRead(state, local, bits); // as above: the read the append strands
    }
    int extra = stranded >= 0 ? 1 : 0;
    int shown = Math.min(depth + extra, PREFIX_SHOWN);
    prefix = new int[shown];
    for (int i = 0; i < shown - extra; i++) {
      prefix[i] = ops[entryOp[stackEntry[depth - (shown - extra) + i]]];
    }
    if (stranded >= 0) {
      prefix[shown - 1] = ops[local];
      prefixDepth = depth + 1;
      heldValue = stepped(state, local);
      blocked = ops[stranded];
    }
  }

  private boolean applies(long state, int local) {
    int op = ops[local];
    OpKind kind = history.kind(op);
    if (textKey && kind == OpKind.READ) {
      return readsText(state, local);
    }
    return switch (kind) {
      case READ -> observed[local] == state;
      case WRITE, APPEND -> true;
      case CAS -> history.expected(op) == state;
    };
  }

  private long stepped(long state, int local) {
    int op = ops[local];
    if (textKey && history.kind(op) == OpKind.WRITE) {
      return child(0, history.value(op), true); // a put: the text is this one chunk
    }
    return switch (history.kind(op)) {
      case READ -> state;
      case APPEND -> child((int) state, history.value(op), true);
      default -> history.value(op);
    };
  }

  /**
   * The trie node of read {@code op}'s list (node 0 for nil), or -1 when the list holds a value no
   * append on this key wrote, or holds one twice: no sequence of appends produces such a list.
   */
  private long internRead(int op) {
    long[] list = history.resultList(op);
    if (list == null) {
      return history.result(op) == History.NIL ? 0 : -1;
    }
    LongOpenHashSet seen = new LongOpenHashSet(list.length); // lookups only
    int node = 0;
    for (int i = 0; i < list.length && node >= 0; i++) {
      node = seen.add(list[i]) ? child(node, list[i], true) : -1;
    }
    return node;
  }

  /**
   * For a list key: whether linearizing {@code local} now leaves every OK read not yet linearized
   * able to see its list later. Reads are checked by {@link #applies}; an append qualifies when
   * each such read's list continues the current list with the appended value.
   */
  private boolean keepsReadsReachable(long state, int local, long[] bits) {
    return history.kind(ops[local]) != OpKind.APPEND || unreachableRead(state, local, bits) < 0;
  }

  /** The first OK read not yet linearized that appending {@code local} to {@code state} strands. */
  private int unreachableRead(long state, int local, long[] bits) {
    int depth = trieDepth.getInt((int) state);
    long value = history.value(ops[local]);
    for (int r = 0; r < n; r++) {
      long[] list = readLists[r];
      if (list != null
          && (bits[r >>> 6] & (1L << r)) == 0
          && (list.length <= depth || list[depth] != value)) {
        return r;
      }
    }
    return -1;
  }

  /** The child of {@code node} by appending {@code value}, or -1 if nothing appends it. */
  private int child(int node, long value, boolean create) {
    int index = appendedIndex.get(value);
    if (node < 0 || index < 0) {
      return -1;
    }
    long slot = (long) node * appendedIndex.size() + index;
    int child = trieChild.get(slot);
    if (child < 0 && create) {
      child = trieParent.size();
      trieParent.add(node);
      trieValue.add(value);
      trieDepth.add(trieDepth.getInt(node) + 1);
      trieChild.put(slot, child);
      if (textKey) {
        trieTextHash.add(trieTextHash.getLong(node) * chunkPower[index] + chunkHash[index]);
        trieTextLength.add(trieTextLength.getLong(node) + chunkLength[index]);
      }
    }
    return child;
  }

  /** The list at trie node {@code node}, oldest element first. */
  long[] listOf(int node) {
    LongArrayList reversed = new LongArrayList();
    for (int at = node; at > 0; at = trieParent.getInt(at)) {
      reversed.add(trieValue.getLong(at));
    }
    long[] list = new long[reversed.size()];
    for (int i = 0; i < list.length; i++) {
      list[i] = reversed.getLong(list.length - 1 - i);
    }
    return list;
  }

  /**
   * Makes {@link #run} give up with {@link Verdict#UNKNOWN} once {@code nanoClock} reaches {@code
   * deadlineNanos}; {@code limit} names the budget in the reason. The clock is read every 1,024
   * configurations, so the overshoot is small.
   */
  void deadline(LongSupplier nanoClock, long deadlineNanos, String limit) {
    this.nanoClock = nanoClock;
    this.deadlineNanos = deadlineNanos;
    this.timeLimit = limit;
  }

  /**
   * Whether {@code ops} form a text key: some value written or read is a text ({@link
   * History#text}). The caller has checked that then every written value is a text, every OK read
   * returned a text or nil, and there is no CAS.
   */
  static boolean textKey(History history, int[] ops) {
    if (!history.hasTexts()) {
      return false; // a history of numbers: no need to look at every operation
    }
    for (int op : ops) {
      long v = history.kind(op) == OpKind.READ ? history.result(op) : history.value(op);
      if (history.text(v) != null) {
        return true;
      }
    }
    return false;
  }

  /** Sets up the text key's chunks (every put and append value) and its OK reads' texts. */
  private void prepareText() {
    Arrays.fill(produces, -1);
    Arrays.fill(observesId, -1);
    trieParent.add(-1);
    trieValue.add(History.NIL);
    trieDepth.add(0);
    trieTextHash.add(0);
    trieTextLength.add(0);
    appendedIndex.defaultReturnValue(-1);
    trieChild.defaultReturnValue(-1);
    LongArrayList chunks = new LongArrayList();
    for (int op : ops) {
      if (history.kind(op) != OpKind.READ && appendedIndex.get(history.value(op)) < 0) {
        appendedIndex.put(history.value(op), chunks.size());
        chunks.add(history.value(op));
      }
    }
    chunkHash = new long[chunks.size()];
    chunkPower = new long[chunks.size()];
    chunkLength = new int[chunks.size()];
    for (int c = 0; c < chunks.size(); c++) {
      String chunk = history.text(chunks.getLong(c));
      chunkHash[c] = hash(chunk);
      chunkLength[c] = chunk.length();
      long power = 1;
      for (int i = 0; i < chunk.length(); i++) {
        power *= TEXT_BASE;
      }
      chunkPower[c] = power;
    }
    readTexts = new String[n];
    readHash = new long[n];
    for (int i = 0; i < n; i++) {
      int op = ops[i];
      if (history.kind(op) == OpKind.READ && history.status(op) == OpStatus.OK) {
        String text = history.text(history.result(op));
        readTexts[i] = text == null ? "" : text; // nil: the key was never written, ""
        readHash[i] = hash(readTexts[i]);
      }
    }
  }

  private static long hash(String text) {
    long h = 0;
    for (int i = 0; i < text.length(); i++) {
      h = h * TEXT_BASE + text.charAt(i);
    }
    return h;
  }

  /** Whether the text at trie node {@code state} is what read {@code local} returned. */
  private boolean readsText(long state, int local) {
    int node = (int) state;
    String text = readTexts[local];
    return text != null
        && trieTextLength.getLong(node) == text.length()
        && trieTextHash.getLong(node) == readHash[local]
        && textOf(node).equals(text);
  }

  /** The text at trie node {@code node}: its chunks concatenated, oldest first. */
  String textOf(int node) {
    StringBuilder sb = new StringBuilder();
    for (long chunk : listOf(node)) {
      sb.append(history.text(chunk));
    }
    return sb.toString();
  }

  /**
   * Whether this key is a string register with put and append ({@link #textKey(History, int[])}).
   */
  boolean textKey() {
    return textKey;
  }

  /** The text after the deepest prefix, for a {@link #textKey()}. */
  String heldText() {
    return textOf((int) heldValue);
  }

  /** Whether this key holds a list (its ops are appends and list reads). */
  boolean listKey() {
    return listKey;
  }

  /** The list after the deepest prefix, for a {@link #listKey()}. */
  long[] heldList() {
    return listOf((int) heldValue);
  }

  private void lift(int call) {
    unlink(call);
    unlink(match[call]);
  }

  private void unlift(int call) {
    // Reverse order of lift, so each entry's neighbours are exactly those it was removed from.
    relink(match[call]);
    relink(call);
  }

  private void unlink(int e) {
    next[prev[e]] = next[e];
    prev[next[e]] = prev[e];
  }

  private void relink(int e) {
    next[prev[e]] = e;
    prev[next[e]] = e;
  }

  Verdict outcome() {
    return outcome;
  }

  String unknownReason() {
    return unknownReason;
  }

  long explored() {
    return explored;
  }

  /** History index of the operation that could not be placed after the deepest prefix. */
  int blocked() {
    return blocked;
  }

  /** The last (at most {@link #PREFIX_SHOWN}) operations of the deepest linearizable prefix. */
  int[] prefix() {
    return prefix.clone();
  }

  /** Length of the deepest linearizable prefix. */
  int prefixDepth() {
    return prefixDepth;
  }

  /** The register's value after the deepest prefix. */
  long heldValue() {
    return heldValue;
  }

  /**
   * The words of {@code bits} from the one holding op {@code settled} to the one before {@code
   * top}.
   */
  private static long[] window(long[] bits, int settled, int top) {
    int from = settled >>> 6;
    return Arrays.copyOfRange(bits, from, Math.max(from, (top + 63) >>> 6));
  }

  /**
   * A memoised configuration: which ops are linearized — all before {@code settled}, none from the
   * end of {@code window} on, and in between as {@code window} says, its first word being the one
   * that holds op {@code settled} — and the register's value after them.
   */
  private static final class Config {
    private final int settled;
    private final long[] window;
    private final long state;
    private final int hash;

    Config(int settled, long[] window, long state) {
      this.settled = settled;
      this.window = window;
      this.state = state;
      this.hash =
          31 * (31 * settled + Arrays.hashCode(window))
              + Long.hashCode(state * 0x9E3779B97F4A7C15L);
    }

    /** Words this entry holds, with an allowance for its two objects. */
    long words() {
      return window.length + 8L;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Config c
          && c.hash == hash
          && c.settled == settled
          && c.state == state
          && Arrays.equals(c.window, window);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
