package dev.tradeoff.patterns.log;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events a consumer group handled more than once — duplicate effects downstream unless the handler
 * is idempotent.
 *
 * <p>Each event (a unique value) a group handled more than once is one violation (each group is
 * meant to handle every event once, so one event handled by two groups is not a duplicate). The
 * witness says how: the same offset handled again is a <em>redelivery</em> (a member processed it,
 * did not commit, and the partition was handed over or restarted from the committed offset); the
 * event at two offsets is a <em>duplicate in the log</em> (a producer retried a record the broker
 * had appended, without idempotence). The witnesses are the first five, in the order the second
 * handling happened.
 */
public final class DuplicateDeliveries implements Checker {
  private final List<Delivery> deliveries;

  private DuplicateDeliveries(List<Delivery> deliveries) {
    this.deliveries = List.copyOf(deliveries);
  }

  /** Judges {@code deliveries}, every record the group handled, in the order it handled them. */
  public static DuplicateDeliveries of(List<Delivery> deliveries) {
    return new DuplicateDeliveries(deliveries);
  }

  @Override
  public String name() {
    return "duplicate-deliveries";
  }

  @Override
  public CheckResult check(History history) {
    Writes writes = new Writes(history);
    // value -> its handlings so far; insertion-ordered, and only looked up while scanning.
    Map<Delivery.InGroup, List<Delivery>> seen = new LinkedHashMap<>();
    long duplicated = 0;
    long redeliveries = 0;
    long logCopies = 0;
    List<String> witnesses = new ArrayList<>();
    for (Delivery d : deliveries) {
      List<Delivery> before =
          seen.computeIfAbsent(new Delivery.InGroup(d.group(), d.value()), v -> new ArrayList<>());
      if (before.size() == 1) {
        duplicated++;
        Delivery first = before.get(0);
        boolean same = first.partition() == d.partition() && first.offset() == d.offset();
        if (same) {
          redeliveries++;
        } else {
          logCopies++;
        }
        if (witnesses.size() < 5) {
          witnesses.add(
              writes.describe(d.value())
                  + " was handled twice: at "
                  + first.where()
                  + ", and at "
                  + d.where()
                  + (same ? " (a redelivery)" : " (a second copy in the log)"));
        }
      }
      before.add(d);
    }
    String detail =
        deliveries.size()
            + " handled records checked; "
            + redeliveries
            + " events redelivered, "
            + logCopies
            + " held twice in the log";
    return duplicated == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), duplicated, witnesses, detail);
  }
}
