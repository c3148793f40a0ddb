package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.check.events.AggregateOrder;
import dev.tradeoff.core.check.events.LostEvents;
import dev.tradeoff.core.check.events.PhantomEvents;
import dev.tradeoff.core.check.events.ReadModelConvergence;
import dev.tradeoff.core.check.events.ReadModelStaleness;
import dev.tradeoff.core.check.events.ReadRow;
import dev.tradeoff.core.check.events.RepeatedEffects;
import dev.tradeoff.patterns.StoreCheckers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checkers a CQRS system offers, each built after the run from the facts it recorded: {@code
 * lost-events} (a change still committed in a service's database whose event never reached the read
 * model: neither applied nor absorbed by the version guard), {@code phantom-events} (an event in
 * the log or the read model for a change never committed), {@code duplicate-effects} (an event
 * applied twice), {@code aggregate-order} (an aggregate's older event applied after a newer one),
 * {@code read-model-convergence} (the read model's final rows against a fold of the final log) and
 * {@code read-model-staleness} (commit → visible in the read model, a measurement with t-visibility
 * at 10 ms, 100 ms, 1 s and 5 s). Changes committed within {@code settle} of the end and never
 * applied are pending, not judged.
 */
final class CqrsCheckers {
  private static final List<Long> VISIBILITY_NANOS =
      List.of(10_000_000L, 100_000_000L, 1_000_000_000L, 5_000_000_000L);

  private CqrsCheckers() {}

  /** The table for {@code system}, after its run. */
  static StoreCheckers of(CqrsSystem system, long settleNanos) {
    StoreCheckers.Builder table = StoreCheckers.builder();
    StoreCheckers database = system.databaseCheckers();
    for (String name : database.names()) {
      table.add(name, () -> database.create(name).orElseThrow().judging(system.databaseHistory()));
    }
    return table
        .add(
            "lost-events",
            () ->
                LostEvents.of(
                    system.finalChanges(),
                    system.finalLog(),
                    system.reached(),
                    system.endNanos() - settleNanos))
        .add(
            "phantom-events",
            () -> PhantomEvents.of(system.finalChanges(), system.finalLog(), system.applied()))
        .add("duplicate-effects", () -> RepeatedEffects.of(system.applied()))
        .add("aggregate-order", () -> AggregateOrder.of(system.applied()))
        .add(
            "read-model-convergence",
            () -> ReadModelConvergence.of(readRows(system), system.finalLog()))
        .add(
            "read-model-staleness",
            () ->
                ReadModelStaleness.of(
                    system.finalChanges(),
                    system.applied(),
                    VISIBILITY_NANOS,
                    Long.MAX_VALUE,
                    system.endNanos() - settleNanos))
        .build();
  }

  private static List<ReadRow> readRows(CqrsSystem system) {
    List<ReadRow> rows = new ArrayList<>();
    for (Map.Entry<Long, Row> e : system.readRows().entrySet()) {
      Row r = e.getValue();
      rows.add(new ReadRow(e.getKey(), r.version(), r.value(), r.events()));
    }
    return rows;
  }
}
