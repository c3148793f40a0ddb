package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.ints.IntHeapPriorityQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Session guarantees (Terry et al., "Session Guarantees for Weakly Consistent Replicated Data",
 * PDIS 1994) per client session ({@code process}) over register/KV histories with unique written
 * values. One instance checks one {@link Guarantee}; {@link #all()} gives one checker per
 * guarantee. When some key's written values repeat, a read cannot be matched to the write it saw,
 * so every guarantee is {@link Verdict#UNKNOWN} with the reason ({@link
 * SessionHistoryIndex#repeatedValues()}) rather than judged on a guess.
 *
 * <p>Versions are compared as {@link SessionHistoryIndex} describes: version {@code a} is older
 * than {@code b} only when {@code a}'s write completed OK before {@code b}'s write was invoked, the
 * initial nil is older than every write, and overlapping writes are never ordered. Every violation
 * reported is therefore a certain one. Only reads that ended OK and returned a value some write of
 * the same key wrote (or nil) count; operations are read in invocation order.
 *
 * <p>Consistent prefix needs reads of several keys at once, so it is checked on snapshot reads
 * ({@link History#invokeSnapshotRead}) as {@link ConsistentPrefix} describes; a history of
 * single-key reads satisfies it trivially (each such read sees a prefix of its own key's writes).
 */
public final class SessionGuarantees implements Checker {
  /** Witnesses kept per result; the count of violations is always exact. */
  static final int MAX_WITNESSES = 5;

  /** The guarantees checked, each under its stable checker name. */
  public enum Guarantee {
    /**
     * A read after the session's own write to a key completed sees that write or a newer version;
     * it fires when the read saw a version certainly older than the session's latest such write.
     */
    READ_YOUR_WRITES("read-your-writes"),
    /**
     * A session's successive reads of a key never go back: it fires when a read sees a version
     * certainly older than one an earlier completed read of the same session saw.
     */
    MONOTONIC_READS("monotonic-reads"),
    /**
     * A session's writes to a key take effect in session order. Detectable only through reads: it
     * fires when the node that answered some read with the session's later write answered a read
     * that began after that one completed (any session) with the earlier write, so that node's copy
     * went back. Reads answered by different nodes are never compared, since a replica that lags
     * behind another looks the same. The node that answered a read is {@link History#server}: the
     * node whose state the answer reports (for a leaderless quorum read, the replica whose version
     * it returned), else the sender of the message that completed it. So this assumes that node
     * answers from its own copy (a replica, a cache node, a single store). A node that relays
     * another's answer names that node ({@link dev.tradeoff.core.workload.Response#relayedFrom}, as
     * resilience's services and regions' gateways do); one that did not would break the assumption,
     * and a node lagging behind it could then look like one that went back. Without any read's node
     * the verdict is {@link Verdict#UNKNOWN}; reads without a node are left out, and the detail
     * counts them.
     */
    MONOTONIC_WRITES("monotonic-writes"),
    /**
     * A session's write to a key is ordered after the versions the session read of that key before
     * writing. It fires when the node that answered some read with the write answered a read that
     * began after that one completed with such an earlier-read version; reads are compared, and
     * judged, as for {@link #MONOTONIC_WRITES}.
     */
    WRITES_FOLLOW_READS("writes-follow-reads"),
    /**
     * Each snapshot read sees a prefix of the writes: it fires when a snapshot saw a write on one
     * key yet, on another key, a version older than a write acknowledged before that one began.
     */
    CONSISTENT_PREFIX("consistent-prefix");

    private final String checkerName;

    Guarantee(String checkerName) {
      this.checkerName = checkerName;
    }

    /** The checker's stable name, e.g. {@code read-your-writes}. */
    public String checkerName() {
      return checkerName;
    }
  }

  private static final String NO_SERVERS =
      "the history does not say which node answered its reads, and an older version read after a"
          + " newer one may come from a replica that lags, not from writes applied out of order";

  private final Guarantee guarantee;

  /** A checker of {@code guarantee}. */
  public SessionGuarantees(Guarantee guarantee) {
    this.guarantee = java.util.Objects.requireNonNull(guarantee, "guarantee");
  }

  /** One checker per guarantee, in declaration order. */
  public static List<Checker> all() {
    List<Checker> checkers = new ArrayList<>();
    for (Guarantee g : Guarantee.values()) {
      checkers.add(new SessionGuarantees(g));
    }
    return List.copyOf(checkers);
  }

  /** The guarantee this instance checks. */
  public Guarantee guarantee() {
    return guarantee;
  }

  @Override
  public String name() {
    return guarantee.checkerName();
  }

  @Override
  public CheckResult check(History history) {
    SessionHistoryIndex index = SessionHistoryIndex.of(history);
    if (index.repeatedValues() != null) {
      // Every guarantee here compares the versions reads saw; with a value written twice a read
      // may have seen either write, and guessing would invent violations.
      return CheckResult.unknown(name(), index.repeatedValues());
    }
    boolean byNode =
        guarantee == Guarantee.MONOTONIC_WRITES || guarantee == Guarantee.WRITES_FOLLOW_READS;
    long[] served = byNode ? servedReads(history) : new long[2];
    if (served[0] == 0 && served[1] > 0) {
      return CheckResult.unknown(name(), NO_SERVERS);
    }
    Findings findings = new Findings();
    switch (guarantee) {
      case READ_YOUR_WRITES -> readYourWrites(index, findings);
      case MONOTONIC_READS -> monotonicReads(index, findings);
      case MONOTONIC_WRITES -> writesBeforeWrite(index, findings, false);
      case WRITES_FOLLOW_READS -> writesBeforeWrite(index, findings, true);
      case CONSISTENT_PREFIX -> new ConsistentPrefix(index).run(findings::add);
    }
    String detail = "checked " + history.size() + " operations";
    if (served[1] > 0) {
      detail += "; reads naming no answering node, not compared: " + served[1];
    }
    return findings.count == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), findings.count, findings.witnesses, findings.refs(), detail);
  }

  private record SessionKey(int process, long key) {}

  private static final class Findings {
    long count;
    final List<String> witnesses = new ArrayList<>();
    final List<WitnessRef> refs = new ArrayList<>();
    boolean textOnly;

    void add(String witness) {
      add(witness, null);
    }

    /** A finding with what it names as data; {@code ref} null when it names it only in text. */
    void add(String witness, WitnessRef ref) {
      count++;
      if (witnesses.size() < MAX_WITNESSES) {
        witnesses.add(witness);
        refs.add(ref);
        textOnly |= ref == null;
      }
    }

    List<WitnessRef> refs() {
      return textOnly ? List.of() : refs;
    }
  }

  /**
   * Operations of one session and key not yet known to have completed before the current operation
   * began. Sessions are normally sequential, but a pending or overlapping operation must not count
   * as "earlier" until it has completed, hence the queue by completion time.
   */
  private static PriorityQueue<Integer> queue(History h) {
    return new PriorityQueue<>(
        Comparator.<Integer>comparingLong(h::completeNanos).thenComparingInt(Integer::intValue));
  }

  /**
   * {@link #queue(History)} over primitives, one per session and key as numbered by {@link
   * SessionHistoryIndex#sessionKeyIds()}: the same order (completion, then index), without boxing.
   */
  private static IntHeapPriorityQueue intQueue(History h) {
    return new IntHeapPriorityQueue(
        (int a, int b) -> {
          int byTime = Long.compare(h.completeNanos(a), h.completeNanos(b));
          return byTime != 0 ? byTime : Integer.compare(a, b);
        });
  }

  private static int groups(int[] ids) {
    int max = -1;
    for (int id : ids) {
      max = Math.max(max, id);
    }
    return max + 1;
  }

  private static void readYourWrites(SessionHistoryIndex index, Findings findings) {
    History h = index.history();
    int[] sessionKey = index.sessionKeyIds();
    int[] observed = index.observedWrites();
    IntHeapPriorityQueue[] pending = new IntHeapPriorityQueue[groups(sessionKey)];
    // The session's own acknowledged write with the latest invocation among those completed
    // before the current read: if a version is older than any of them it is older than this one.
    int[] latest = new int[pending.length];
    Arrays.fill(latest, -1);
    for (int op = 0; op < h.size(); op++) {
      int sk = sessionKey[op];
      if (SessionHistoryIndex.isWrite(h, op) && h.status(op) == OpStatus.OK) {
        if (pending[sk] == null) {
          pending[sk] = intQueue(h);
        }
        pending[sk].enqueue(op);
      } else if (SessionHistoryIndex.isOkRead(h, op)) {
        int best = drainLatest(h, pending[sk], latest[sk], op);
        latest[sk] = best;
        long key = h.key(op);
        long seen = h.result(op);
        // certainlyOlder(seen, best's value), with the versions as writes: values are unique, so
        // the write of best's value is best itself
        if (best >= 0
            && observed[op] != SessionHistoryIndex.UNPLACED
            && seen != h.value(best)
            && index.completeNanosOfVersion(observed[op])
                < index.invokeNanosOfVersion(
                    h.value(best) == History.NIL ? SessionHistoryIndex.NIL_VERSION : best)) {
          findings.add(
              index.describe(op)
                  + " does not see the same process's earlier "
                  + index.describe(best)
                  + ": it saw "
                  + older(index, key, seen, best),
              WitnessRef.ofOps(h, op, best, index.writeOf(key, seen)));
        }
      }
    }
  }

  private static int drainLatest(History h, IntHeapPriorityQueue queue, int best, int op) {
    while (queue != null
        && !queue.isEmpty()
        && h.completeNanos(queue.firstInt()) < h.invokeNanos(op)) {
      int done = queue.dequeueInt();
      if (best < 0 || h.invokeNanos(done) >= h.invokeNanos(best)) {
        best = done;
      }
    }
    return best;
  }

  private static String older(SessionHistoryIndex index, long key, long seen, int newerWrite) {
    return seen == History.NIL
        ? index.describeVersion(key, seen)
        : index.describeVersion(key, seen) + ", which completed before op " + newerWrite + " began";
  }

  private static void monotonicReads(SessionHistoryIndex index, Findings findings) {
    History h = index.history();
    int[] sessionKey = index.sessionKeyIds();
    // Versions as the writes that wrote them: unique values make a value and its write one.
    int[] observed = index.observedWrites();
    IntHeapPriorityQueue[] pending = new IntHeapPriorityQueue[groups(sessionKey)];
    // The session's completed read whose observed version was invoked last: a version certainly
    // older than any earlier observation is certainly older than this one's.
    int[] newest = new int[pending.length];
    Arrays.fill(newest, -1);
    for (int op = 0; op < h.size(); op++) {
      if (observed[op] == SessionHistoryIndex.UNPLACED) {
        continue;
      }
      int sk = sessionKey[op];
      if (pending[sk] == null) {
        pending[sk] = intQueue(h);
      }
      IntHeapPriorityQueue queue = pending[sk];
      int best = newest[sk];
      while (!queue.isEmpty() && h.completeNanos(queue.firstInt()) < h.invokeNanos(op)) {
        int done = queue.dequeueInt();
        if (best < 0
            || index.invokeNanosOfVersion(observed[done])
                >= index.invokeNanosOfVersion(observed[best])) {
          best = done;
        }
      }
      newest[sk] = best;
      long seen = h.result(op);
      if (best >= 0
          && seen != h.result(best)
          && index.completeNanosOfVersion(observed[op])
              < index.invokeNanosOfVersion(observed[best])) {
        long key = h.key(op);
        int newerWrite = index.writeOf(key, h.result(best));
        findings.add(
            index.describe(op)
                + " went back to an older version than the same process's earlier "
                + index.describe(best)
                + ", which saw "
                + index.describe(newerWrite)
                + ": it saw "
                + older(index, key, seen, newerWrite),
            WitnessRef.ofOps(h, op, best, newerWrite, index.writeOf(key, seen)));
      }
      queue.enqueue(op);
    }
  }

  private record KeyValue(long key, long value) {}

  /**
   * Monotonic writes ({@code afterReads == false}: the earlier versions are the session's own
   * acknowledged writes) or writes-follow-reads ({@code true}: the versions the session's completed
   * reads saw, whichever node answered them). Fires for a write {@code b} when, among the reads one
   * node answered, the first to see {@code b} completed before the last to see such an earlier
   * version began.
   */
  private static void writesBeforeWrite(
      SessionHistoryIndex index, Findings findings, boolean afterReads) {
    History h = index.history();
    Map<String, List<Integer>> readsByServer = new TreeMap<>();
    for (int op = 0; op < h.size(); op++) {
      String server = h.server(op);
      if (server != null
          && SessionHistoryIndex.isOkRead(h, op)
          && index.placeable(h.key(op), h.result(op))) {
        readsByServer.computeIfAbsent(server, k -> new ArrayList<>()).add(op);
      }
    }
    // A write is one finding however many nodes show it out of order: the first, by name.
    Map<Integer, Finding> byWrite = new TreeMap<>();
    for (Map.Entry<String, List<Integer>> e : readsByServer.entrySet()) {
      writesBeforeWrite(index, afterReads, e.getKey(), e.getValue(), byWrite);
    }
    for (Finding f : byWrite.values()) {
      findings.add(f.witness(), f.ref());
    }
  }

  private record Finding(String witness, WitnessRef ref) {}

  /** {@link #writesBeforeWrite(SessionHistoryIndex, Findings, boolean)} at one node's reads. */
  private static void writesBeforeWrite(
      SessionHistoryIndex index,
      boolean afterReads,
      String server,
      List<Integer> reads,
      Map<Integer, Finding> byWrite) {
    History h = index.history();
    Map<KeyValue, Integer> firstCompletedReader = new LinkedHashMap<>();
    Map<KeyValue, Integer> lastInvokedReader = new LinkedHashMap<>();
    for (int op : reads) {
      KeyValue kv = new KeyValue(h.key(op), h.result(op));
      Integer first = firstCompletedReader.get(kv);
      if (first == null || h.completeNanos(op) < h.completeNanos(first)) {
        firstCompletedReader.put(kv, op);
      }
      lastInvokedReader.put(kv, op); // invocation order: the last one seen began last
    }
    Map<SessionKey, PriorityQueue<Integer>> pending = new LinkedHashMap<>();
    // Per session and key: the earlier op (write, or read) whose version was read last.
    Map<SessionKey, Integer> bestEarlier = new LinkedHashMap<>();
    for (int op = 0; op < h.size(); op++) {
      long key = h.key(op);
      SessionKey sk = new SessionKey(h.process(op), key);
      boolean write = SessionHistoryIndex.isWrite(h, op);
      boolean earlierCandidate =
          afterReads
              ? SessionHistoryIndex.isOkRead(h, op) && index.placeable(key, h.result(op))
              : write && h.status(op) == OpStatus.OK;
      if (write) {
        PriorityQueue<Integer> queue = pending.get(sk);
        int best = bestEarlier.getOrDefault(sk, -1);
        while (queue != null
            && !queue.isEmpty()
            && h.completeNanos(queue.peek()) < h.invokeNanos(op)) {
          int done = queue.poll();
          Integer doneReader =
              lastInvokedReader.get(new KeyValue(key, version(h, done, afterReads)));
          if (doneReader == null || version(h, done, afterReads) == h.value(op)) {
            continue;
          }
          Integer bestReader =
              best < 0
                  ? null
                  : lastInvokedReader.get(new KeyValue(key, version(h, best, afterReads)));
          if (bestReader == null || h.invokeNanos(doneReader) >= h.invokeNanos(bestReader)) {
            best = done;
          }
        }
        bestEarlier.put(sk, best);
        Integer sawLater = firstCompletedReader.get(new KeyValue(key, h.value(op)));
        if (best >= 0 && sawLater != null) {
          long earlierVersion = version(h, best, afterReads);
          int sawEarlier = lastInvokedReader.get(new KeyValue(key, earlierVersion));
          if (h.completeNanos(sawLater) < h.invokeNanos(sawEarlier)) {
            byWrite.putIfAbsent(
                op,
                new Finding(
                    witness(index, best, op, sawLater, sawEarlier, earlierVersion, afterReads)
                        + ", both answered by "
                        + server,
                    WitnessRef.ofOps(h, sawEarlier, op, best, sawLater)));
          }
        }
      }
      if (earlierCandidate) {
        pending.computeIfAbsent(sk, k -> queue(h)).add(op);
      }
    }
  }

  /**
   * The OK single-key reads of {@code h} that name the node that answered them, and those that do
   * not. With none of the first and some of the second there is nothing to judge them by (unknown);
   * with none of either, nothing to judge (valid).
   */
  private static long[] servedReads(History h) {
    long[] counts = new long[2];
    for (int op = 0; op < h.size(); op++) {
      if (SessionHistoryIndex.isOkRead(h, op) && h.resultList(op) == null) {
        counts[h.server(op) != null ? 0 : 1]++;
      }
    }
    return counts;
  }

  private static long version(History h, int op, boolean read) {
    return read ? h.result(op) : h.value(op);
  }

  private static String witness(
      SessionHistoryIndex index,
      int earlier,
      int write,
      int sawLater,
      int sawEarlier,
      long earlierVersion,
      boolean afterReads) {
    History h = index.history();
    String order =
        h.processName(h.process(write))
            + " first "
            + index.describe(earlier)
            + " and then "
            + index.describe(write);
    String earlierText =
        afterReads
            ? "the version read before the write, "
                + index.describeVersion(h.key(write), earlierVersion)
            : "the earlier write";
    return order
        + ", yet "
        + index.describe(sawLater)
        + " saw the later write and "
        + index.describe(sawEarlier)
        + ", which began after it completed, saw "
        + earlierText;
  }
}
