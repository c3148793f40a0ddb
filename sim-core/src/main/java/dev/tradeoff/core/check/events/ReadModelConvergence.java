package dev.tradeoff.core.check.events;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether the read model ended where the log says it should: a consumer that lost, repeated,
 * reordered or invented effects shows a row the log does not explain.
 *
 * <p>The expected read model is the fold over the {@code log}: per aggregate, its distinct events
 * (by event id, the first copy in log order) in version order (ties: log order) give the last
 * version, that event's value, and the number of distinct events. Every aggregate whose row differs
 * is one violation: no row for an aggregate the log mentions, a row for one it never mentions, or
 * another version, value or events count. Each witness shows both sides. Witnesses are the first 5
 * differing aggregates in ascending order. The history given to {@link #check} is ignored.
 */
public final class ReadModelConvergence implements Checker {
  private final Map<Long, ReadRow> rows;
  private final List<Published> log;

  private ReadModelConvergence(Map<Long, ReadRow> rows, List<Published> log) {
    this.rows = rows;
    this.log = log;
  }

  /** Checks the final {@code readModel} (one row per aggregate) against the fold of {@code log}. */
  public static ReadModelConvergence of(List<ReadRow> readModel, List<Published> log) {
    Map<Long, ReadRow> rows = new TreeMap<>();
    for (ReadRow r : Facts.copy(readModel, "readModel")) {
      if (rows.putIfAbsent(r.aggregate(), r) != null) {
        throw new IllegalArgumentException(
            "readModel holds aggregate " + r.aggregate() + " twice: one row per aggregate");
      }
    }
    return new ReadModelConvergence(rows, Facts.copy(log, "log"));
  }

  @Override
  public String name() {
    return "read-model-convergence";
  }

  /** The row the log folds to for each aggregate it mentions. */
  static Map<Long, ReadRow> fold(List<Published> log) {
    TreeSet<Long> seen = new TreeSet<>();
    Map<Long, ReadRow> expected = new TreeMap<>();
    for (Published p : log) {
      if (!seen.add(p.eventId())) {
        continue;
      }
      ReadRow before = expected.get(p.aggregate());
      if (before == null) {
        expected.put(p.aggregate(), new ReadRow(p.aggregate(), p.version(), p.value(), 1));
      } else if (p.version() >= before.version()) {
        expected.put(
            p.aggregate(), new ReadRow(p.aggregate(), p.version(), p.value(), before.events() + 1));
      } else {
        expected.put(
            p.aggregate(),
            new ReadRow(p.aggregate(), before.version(), before.value(), before.events() + 1));
      }
    }
    return expected;
  }

  @Override
  public CheckResult check(History history) {
    Map<Long, ReadRow> expected = fold(log);
    TreeSet<Long> aggregates = new TreeSet<>(expected.keySet());
    aggregates.addAll(rows.keySet());
    long found = 0;
    List<String> witnesses = new ArrayList<>();
    for (long aggregate : aggregates) {
      ReadRow shown = rows.get(aggregate);
      ReadRow wanted = expected.get(aggregate);
      if (shown != null && shown.equals(wanted)) {
        continue;
      }
      found++;
      if (witnesses.size() < Facts.MAX_WITNESSES) {
        witnesses.add(
            "aggregate "
                + aggregate
                + ": the read model "
                + (shown == null ? "has no row" : "shows " + row(shown))
                + "; the log "
                + (wanted == null ? "never mentions it" : "folds to " + row(wanted)));
      }
    }
    String detail =
        rows.size()
            + " rows checked against the fold of "
            + expected.size()
            + " aggregates' events";
    return Facts.result(name(), found, witnesses, detail);
  }

  private static String row(ReadRow r) {
    return "v"
        + r.version()
        + " = "
        + r.value()
        + " from "
        + r.events()
        + (r.events() == 1 ? " event" : " events");
  }
}
