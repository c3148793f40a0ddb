package dev.tradeoff.core.check.events;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An event's effect applied more than once: a consumer that is not idempotent met a redelivery (a
 * retried publish the log holds twice, a batch re-read after a crash before the offset commit).
 *
 * <p>The applications are those of one read model: every event id applied more than once, by any
 * consumers, is one violation, and its witness says how many times, by which consumers and at which
 * times (in list order). Witnesses are the first 5 such event ids in ascending order. Named {@code
 * duplicate-effects} like {@link dev.tradeoff.core.check.DuplicateEffects}, which judges the same
 * property over a client history. The history given to {@link #check} is ignored.
 */
public final class RepeatedEffects implements Checker {
  private final List<Applied> applied;

  private RepeatedEffects(List<Applied> applied) {
    this.applied = applied;
  }

  /** Checks the applications of one read model. */
  public static RepeatedEffects of(List<Applied> applied) {
    return new RepeatedEffects(Facts.copy(applied, "applied"));
  }

  @Override
  public String name() {
    return "duplicate-effects";
  }

  @Override
  public CheckResult check(History history) {
    Map<Long, List<Applied>> byEvent = new TreeMap<>();
    for (Applied a : applied) {
      byEvent.computeIfAbsent(a.eventId(), id -> new ArrayList<>()).add(a);
    }
    long found = 0;
    List<String> witnesses = new ArrayList<>();
    for (List<Applied> times : byEvent.values()) {
      if (times.size() < 2) {
        continue;
      }
      found++;
      if (witnesses.size() < Facts.MAX_WITNESSES) {
        Applied first = times.get(0);
        witnesses.add(
            Facts.change(first.eventId(), first.aggregate(), first.version())
                + " was applied "
                + times.size()
                + " times: "
                + times.stream()
                    .map(a -> "by " + a.consumer() + " at " + Facts.at(a.appliedNanos()))
                    .collect(Collectors.joining(", ")));
      }
    }
    String detail = applied.size() + " applications of " + byEvent.size() + " events";
    return Facts.result(name(), found, witnesses, detail);
  }
}
