package dev.tradeoff.patterns.cells;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code single-home}: every customer is served by exactly one cell at a time. From the facts the
 * routers recorded ({@link HomeLog}): each request whose answer a router accepted was served by its
 * cell from the time it was sent to the time it was answered; two such requests of one customer
 * served by different cells must not overlap in (true) time. A move that flips a customer's home
 * while requests to its old cell are still in flight, and accepts their answers, breaks it.
 * Requests never answered, or whose answer was discarded by fencing, served no one.
 *
 * <p>Verdict: invalid with one violation per overlapping pair found (each request counted against
 * the latest-ending request of another cell before it), valid otherwise.
 */
final class SingleHome implements Checker {
  private static final int WITNESSES = 5;

  private final HomeLog log;

  SingleHome(HomeLog log) {
    this.log = log;
  }

  @Override
  public String name() {
    return "single-home";
  }

  @Override
  public CheckResult check(History history) {
    Integer[] facts = new Integer[log.size()];
    int n = 0;
    for (int f = 0; f < log.size(); f++) {
      if (log.accepted(f)) {
        facts[n++] = f;
      }
    }
    facts = Arrays.copyOf(facts, n);
    Arrays.sort(
        facts,
        (a, b) ->
            log.customer(a) != log.customer(b)
                ? Integer.compare(log.customer(a), log.customer(b))
                : Long.compare(log.sentNanos(a), log.sentNanos(b)));
    long violations = 0;
    List<String> witnesses = new ArrayList<>();
    int start = 0;
    while (start < n) {
      int end = start;
      while (end < n && log.customer(facts[end]) == log.customer(facts[start])) {
        end++;
      }
      violations += customer(facts, start, end, witnesses);
      start = end;
    }
    String detail = n + " answered requests checked";
    return violations == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), violations, witnesses, detail);
  }

  /** Overlaps among one customer's facts {@code [from, to)}, sorted by sending time. */
  private long customer(Integer[] facts, int from, int to, List<String> witnesses) {
    long violations = 0;
    // For each cell seen so far, the fact that ends last: a later fact of another cell that starts
    // before that end overlaps it.
    java.util.TreeMap<Integer, Integer> latest = new java.util.TreeMap<>();
    for (int i = from; i < to; i++) {
      int f = facts[i];
      for (var e : latest.entrySet()) {
        int other = e.getValue();
        if (e.getKey() != log.cell(f) && log.answeredNanos(other) > log.sentNanos(f)) {
          violations++;
          if (witnesses.size() < WITNESSES) {
            witnesses.add(witness(other, f));
          }
          break;
        }
      }
      Integer prev = latest.get(log.cell(f));
      if (prev == null || log.answeredNanos(prev) < log.answeredNanos(f)) {
        latest.put(log.cell(f), f);
      }
    }
    return violations;
  }

  private String witness(int earlier, int later) {
    return String.format(
        Locale.ROOT,
        "customer %d: cell %d served op %d until %.6f s, cell %d began op %d at %.6f s",
        log.customer(later),
        log.cell(earlier),
        log.op(earlier),
        log.answeredNanos(earlier) / 1e9,
        log.cell(later),
        log.op(later),
        log.sentNanos(later) / 1e9);
  }
}
