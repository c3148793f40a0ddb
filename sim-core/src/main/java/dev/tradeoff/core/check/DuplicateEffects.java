package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An operation's effect applied more than once, such as a retried append that the server applied
 * twice.
 *
 * <p><b>Append histories.</b> Given the final list of each key (from a final read or the final
 * state), every APPEND of the history, whatever its status, whose unique value appears more than
 * once in its key's final list is one violation, and its witness says how many times and at which
 * positions. Keys absent from the map are not checked; values no APPEND of that key wrote are not
 * this checker's concern.
 *
 * <p><b>Applied counts.</b> Given, for counters and other non-idempotent effects, how many times
 * the system applied each request, keyed by the request's unique value (the value of the operation
 * that issued it), every value applied more than once is one violation; the witness names the
 * operation with that value, if the history has one.
 *
 * <p><b>List reads.</b> Without a final state, the history's own list reads ({@link
 * History#resultList}) serve: every value that some OK read's list holds more than once is one
 * violation (once, however many reads show it), witnessed by the first such read.
 *
 * <p>The witnesses are the first 5 violations, in history order (append) or value order (applied
 * counts).
 */
public final class DuplicateEffects implements Checker {
  private final Map<Long, List<Long>> finalLists;
  private final Map<Long, Long> appliedCounts;

  private DuplicateEffects(Map<Long, List<Long>> finalLists, Map<Long, Long> appliedCounts) {
    this.finalLists = finalLists;
    this.appliedCounts = appliedCounts;
  }

  /** Checks the lists that the history's OK reads returned. */
  public static DuplicateEffects inListReads() {
    return new DuplicateEffects(null, null);
  }

  /** Checks APPEND operations against the final list of each key, key to list of values. */
  public static DuplicateEffects ofFinalLists(Map<Long, List<Long>> finalLists) {
    Objects.requireNonNull(finalLists, "finalLists");
    Map<Long, List<Long>> copy = new TreeMap<>();
    finalLists.forEach((key, list) -> copy.put(key, List.copyOf(list)));
    return new DuplicateEffects(copy, null);
  }

  /** Checks how many times each request was applied, keyed by its operation's unique value. */
  public static DuplicateEffects ofAppliedCounts(Map<Long, Long> appliedCounts) {
    Objects.requireNonNull(appliedCounts, "appliedCounts");
    return new DuplicateEffects(null, new TreeMap<>(appliedCounts));
  }

  @Override
  public String name() {
    return "duplicate-effects";
  }

  @Override
  public CheckResult check(History history) {
    if (finalLists == null && appliedCounts == null) {
      return checkListReads(history);
    }
    return finalLists != null ? checkLists(history) : checkCounts(history);
  }

  private CheckResult checkListReads(History history) {
    SessionHistoryIndex index = SessionHistoryIndex.of(history);
    TreeMap<Long, Integer> reported = new TreeMap<>(); // value -> first read showing it twice
    long reads = 0;
    List<String> witnesses = new ArrayList<>();
    for (int op = 0; op < history.size(); op++) {
      long[] list = history.resultList(op);
      if (list == null || history.status(op) != OpStatus.OK) {
        continue;
      }
      reads++;
      TreeMap<Long, List<Integer>> at = new TreeMap<>();
      for (int i = 0; i < list.length; i++) {
        at.computeIfAbsent(list[i], v -> new ArrayList<>()).add(i);
      }
      for (Map.Entry<Long, List<Integer>> e : at.entrySet()) {
        if (e.getValue().size() > 1 && reported.putIfAbsent(e.getKey(), op) == null) {
          if (witnesses.size() < SessionGuarantees.MAX_WITNESSES) {
            witnesses.add(
                index.describe(op)
                    + " returned a list holding "
                    + SessionHistoryIndex.text(e.getKey())
                    + " "
                    + e.getValue().size()
                    + " times, at positions "
                    + e.getValue());
          }
        }
      }
    }
    String detail = reads + " list reads checked";
    return reported.isEmpty()
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), reported.size(), witnesses, detail);
  }

  private CheckResult checkLists(History history) {
    // key -> value -> positions in the final list.
    Map<Long, Map<Long, List<Integer>>> positions = new TreeMap<>();
    finalLists.forEach(
        (key, list) -> {
          Map<Long, List<Integer>> at = new TreeMap<>();
          for (int i = 0; i < list.size(); i++) {
            at.computeIfAbsent(list.get(i), v -> new ArrayList<>()).add(i);
          }
          positions.put(key, at);
        });
    SessionHistoryIndex index = SessionHistoryIndex.of(history);
    long found = 0;
    long checked = 0;
    List<String> witnesses = new ArrayList<>();
    for (int op = 0; op < history.size(); op++) {
      if (history.kind(op) != OpKind.APPEND) {
        continue;
      }
      Map<Long, List<Integer>> at = positions.get(history.key(op));
      if (at == null) {
        continue;
      }
      checked++;
      List<Integer> where = at.get(history.value(op));
      if (where != null && where.size() > 1) {
        found++;
        if (witnesses.size() < SessionGuarantees.MAX_WITNESSES) {
          witnesses.add(
              index.describe(op)
                  + " took effect "
                  + where.size()
                  + " times: the final list of key "
                  + history.key(op)
                  + " holds "
                  + SessionHistoryIndex.text(history.value(op))
                  + " at positions "
                  + where);
        }
      }
    }
    String detail = checked + " appends checked against the final lists";
    return found == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), found, witnesses, detail);
  }

  private CheckResult checkCounts(History history) {
    Map<Long, Integer> opOfValue = new TreeMap<>();
    for (int op = 0; op < history.size(); op++) {
      if (history.kind(op) != OpKind.READ) {
        opOfValue.putIfAbsent(history.value(op), op);
      }
    }
    SessionHistoryIndex index = SessionHistoryIndex.of(history);
    long found = 0;
    List<String> witnesses = new ArrayList<>();
    for (Map.Entry<Long, Long> e : appliedCounts.entrySet()) {
      if (e.getValue() <= 1) {
        continue;
      }
      found++;
      if (witnesses.size() < SessionGuarantees.MAX_WITNESSES) {
        Integer op = opOfValue.get(e.getKey());
        String who =
            op == null
                ? "value " + SessionHistoryIndex.text(e.getKey()) + " (no operation in the history)"
                : index.describe(op);
        witnesses.add(who + " was applied " + e.getValue() + " times");
      }
    }
    String detail = appliedCounts.size() + " applied counts checked";
    return found == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), found, witnesses, detail);
  }
}
