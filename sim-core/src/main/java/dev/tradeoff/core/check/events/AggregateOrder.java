package dev.tradeoff.core.check.events;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events of one aggregate applied out of order: an older event applied over a newer one, as when an
 * aggregate's events travel on different partitions, or a retry overtakes its successor.
 *
 * <p>The applications are those of one read model. Per aggregate, in order of {@code appliedNanos}
 * (ties: list order), an application of version {@code v} after an application of a higher version
 * of that aggregate is one violation; its witness names it and the highest version applied before
 * it (the first application of that version). Re-applying the same version is not an order
 * violation ({@link RepeatedEffects} judges it). Witnesses are the first 5 violations by aggregate
 * ascending, then in application order. The history given to {@link #check} is ignored.
 */
public final class AggregateOrder implements Checker {
  private final List<Applied> applied;

  private AggregateOrder(List<Applied> applied) {
    this.applied = applied;
  }

  /** Checks the applications of one read model. */
  public static AggregateOrder of(List<Applied> applied) {
    return new AggregateOrder(Facts.copy(applied, "applied"));
  }

  @Override
  public String name() {
    return "aggregate-order";
  }

  @Override
  public CheckResult check(History history) {
    Map<Long, List<Applied>> byAggregate = new TreeMap<>();
    for (Applied a : applied) {
      byAggregate.computeIfAbsent(a.aggregate(), k -> new ArrayList<>()).add(a);
    }
    long found = 0;
    List<String> witnesses = new ArrayList<>();
    for (List<Applied> applications : byAggregate.values()) {
      // A stable sort: ties keep list order.
      applications.sort(Comparator.comparingLong(Applied::appliedNanos));
      Applied newest = null;
      for (Applied a : applications) {
        if (newest == null || a.version() > newest.version()) {
          newest = a;
        } else if (a.version() < newest.version()) {
          found++;
          if (witnesses.size() < Facts.MAX_WITNESSES) {
            witnesses.add(witness(a, newest));
          }
        }
      }
    }
    String detail = applied.size() + " applications to " + byAggregate.size() + " aggregates";
    return Facts.result(name(), found, witnesses, detail);
  }

  /**
   * {@code aggregate 7: v5 (event 33) applied at 3.200 s by X after v6 (event 35) at 3.100 s by Y}.
   */
  private static String witness(Applied older, Applied newer) {
    return "aggregate "
        + older.aggregate()
        + ": "
        + application(older, ") applied at ")
        + " after "
        + application(newer, ") at ");
  }

  private static String application(Applied a, String at) {
    return "v"
        + a.version()
        + " (event "
        + a.eventId()
        + at
        + Facts.at(a.appliedNanos())
        + " by "
        + a.consumer();
  }
}
