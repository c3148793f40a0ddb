package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Acknowledged writes that are gone.
 *
 * <p>Where the store can say what it kept — a committed log, the sequence of writes a database
 * applied — {@link #against(Record)} judges every acknowledged write on its own: a write is lost
 * when the store acknowledged it and its record no longer holds it, even if a later write to the
 * same key overwrote it. This is the checker the patterns use.
 *
 * <p>From a history alone ({@link #ofFinalState}, {@link #ofFinalReadsAfter}) only the final state
 * can be seen, so a lost write that a later write overwrote is invisible: an OK write {@code w} to
 * key {@code k} is <em>lost</em> when the final value of {@code k} is nil, or is a value whose
 * write was acknowledged before {@code w} was invoked: {@code w} must have overwritten that value,
 * so it can only be final again if {@code w} vanished. A final value written by an overlapping,
 * unacknowledged, or unknown write proves nothing and is not reported.
 *
 * <p>The final state comes either from a map (only the keys it contains are checked; a key whose
 * final value is absent must map to {@link History#NIL}) or from the OK reads invoked at or after a
 * cut-off time, each of which counts as an observation of the final state.
 */
public final class LostWrites implements Checker {
  /**
   * What a store kept of the writes it acknowledged. Written values are unique, so a write is named
   * by its key and value. Implementations read the run's god's-view record (the final log, the
   * database's applied writes), never the history.
   */
  public interface Record {
    /** Where kept writes are looked for, e.g. {@code the final leader db-2's log (term 2)}. */
    String source();

    /**
     * Whether this store took the write of {@code value} to {@code key} and acknowledged it. A
     * write it never took (one a cache in front of it lost first) is another layer's to judge.
     */
    boolean acknowledged(long key, long value);

    /**
     * Whether the acknowledged write survives: it is in the committed log or the applied sequence,
     * or was replaced by a write that had seen it (coalesced in a write-behind buffer).
     */
    boolean kept(long key, long value);

    /** How a lost write was acknowledged and why it counts as gone, in plain words. */
    String fate(long key, long value);
  }

  private final Map<Long, Long> finalState;
  private final long cutoffNanos;
  private final Record record;

  private LostWrites(Map<Long, Long> finalState, long cutoffNanos, Record record) {
    this.finalState = finalState;
    this.cutoffNanos = cutoffNanos;
    this.record = record;
  }

  /**
   * Judges every OK write of the history that {@code record} says its store acknowledged: lost when
   * the record no longer keeps it. One violation per lost write.
   */
  public static LostWrites against(Record record) {
    return new LostWrites(null, Long.MIN_VALUE, java.util.Objects.requireNonNull(record));
  }

  /** Checks against a final state, key to value ({@link History#NIL} for absent). */
  public static LostWrites ofFinalState(Map<Long, Long> finalState) {
    return new LostWrites(new TreeMap<>(finalState), Long.MIN_VALUE, null);
  }

  /** Checks against the OK reads invoked at or after {@code cutoffNanos}. */
  public static LostWrites ofFinalReadsAfter(long cutoffNanos) {
    return new LostWrites(null, cutoffNanos, null);
  }

  @Override
  public String name() {
    return "lost-writes";
  }

  @Override
  public CheckResult check(History history) {
    return record != null ? checkAgainstRecord(history) : checkFinalState(history);
  }

  private CheckResult checkAgainstRecord(History history) {
    SessionHistoryIndex index = SessionHistoryIndex.of(history);
    long checked = 0;
    long lost = 0;
    // Counted only, never iterated.
    it.unimi.dsi.fastutil.longs.LongOpenHashSet lostKeys =
        new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
    List<String> witnesses = new ArrayList<>();
    List<WitnessRef> refs = new ArrayList<>();
    for (int op = 0; op < history.size(); op++) {
      if (!SessionHistoryIndex.isWrite(history, op) || history.status(op) != OpStatus.OK) {
        continue;
      }
      long key = history.key(op);
      long value = history.value(op);
      if (!record.acknowledged(key, value)) {
        continue;
      }
      checked++;
      if (!record.kept(key, value)) {
        lost++;
        lostKeys.add(key);
        if (witnesses.size() < SessionGuarantees.MAX_WITNESSES) {
          witnesses.add(index.describe(op) + " is lost: " + record.fate(key, value));
          refs.add(WitnessRef.ofOps(history, op));
        }
      }
    }
    String detail =
        checked
            + " acknowledged writes checked one by one against "
            + record.source()
            + (lost > 0 ? "; the lost ones are in " + Staleness.keys(lostKeys) : "");
    return lost == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), lost, witnesses, refs, detail);
  }

  private CheckResult checkFinalState(History history) {
    SessionHistoryIndex index = SessionHistoryIndex.of(history);
    // key -> final observations: values, with the read that saw each (-1 for the given state).
    Map<Long, List<long[]>> finals = new TreeMap<>();
    if (finalState != null) {
      finalState.forEach(
          (k, v) -> finals.computeIfAbsent(k, x -> new ArrayList<>()).add(new long[] {v, -1}));
    } else {
      for (int op = 0; op < history.size(); op++) {
        if (SessionHistoryIndex.isOkRead(history, op) && history.invokeNanos(op) >= cutoffNanos) {
          finals
              .computeIfAbsent(history.key(op), x -> new ArrayList<>())
              .add(new long[] {history.result(op), op});
        }
      }
    }
    long lost = 0;
    long checked = 0;
    List<String> witnesses = new ArrayList<>();
    List<WitnessRef> refs = new ArrayList<>();
    for (int op = 0; op < history.size(); op++) {
      if (!SessionHistoryIndex.isWrite(history, op) || history.status(op) != OpStatus.OK) {
        continue;
      }
      long key = history.key(op);
      List<long[]> observations = finals.get(key);
      if (observations == null) {
        continue;
      }
      checked++;
      for (long[] seen : observations) {
        long value = seen[0];
        if (index.placeable(key, value)
            && index.certainlyOlder(key, value, history.value(op))
            && index.versionCompleteNanos(key, value) != Long.MAX_VALUE) {
          lost++;
          if (witnesses.size() < SessionGuarantees.MAX_WITNESSES) {
            String where =
                seen[1] < 0
                    ? "the final state of key " + key + " is " + SessionHistoryIndex.text(value)
                    : "final " + index.describe((int) seen[1]) + " saw it";
            witnesses.add(
                index.describe(op)
                    + " was acknowledged but lost: "
                    + where
                    + (value == History.NIL
                        ? ""
                        : ", written by "
                            + index.describe(index.writeOf(key, value))
                            + ", which completed before the lost write began"));
            // The lost write, the final read that saw the older value, the older value's write.
            refs.add(
                WitnessRef.ofOps(
                    history,
                    op,
                    (int) seen[1],
                    value == History.NIL ? -1 : index.writeOf(key, value)));
          }
          break;
        }
      }
    }
    String detail = checked + " acknowledged writes checked against the final state";
    return lost == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), lost, witnesses, refs, detail);
  }
}
