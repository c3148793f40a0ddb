package dev.tradeoff.patterns.log;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-key order at each consumer group: a key's events must take effect in log order.
 *
 * <p>A key lives in one partition, whose log orders its events. Scanning the group's applied
 * records (dead-lettered ones take no effect on the view and are skipped) in the order they were
 * handled, one that applies a key's event from an offset below the highest already applied for that
 * key is one violation: the key's view went back to an older value. Redelivery after a rebalance
 * does this — the new owner replays from the committed offset events that the old owner had already
 * applied, after later ones. The witnesses are the first five.
 */
public final class KeyOrder implements Checker {
  private final List<Delivery> deliveries;

  private KeyOrder(List<Delivery> deliveries) {
    this.deliveries = List.copyOf(deliveries);
  }

  /** Judges {@code deliveries}, every record the group handled, in the order it handled them. */
  public static KeyOrder of(List<Delivery> deliveries) {
    return new KeyOrder(deliveries);
  }

  @Override
  public String name() {
    return "order";
  }

  @Override
  public CheckResult check(History history) {
    Writes writes = new Writes(history);
    Map<Delivery.InGroup, Delivery> highest = new LinkedHashMap<>(); // looked up only
    long violations = 0;
    long applied = 0;
    List<String> witnesses = new ArrayList<>();
    for (Delivery d : deliveries) {
      if (d.deadLettered()) {
        continue;
      }
      applied++;
      Delivery.InGroup key = new Delivery.InGroup(d.group(), d.key());
      Delivery top = highest.get(key);
      if (top == null || d.offset() > top.offset()) {
        highest.put(key, d);
      } else if (d.offset() < top.offset()) {
        violations++;
        if (witnesses.size() < 5) {
          witnesses.add(
              "key "
                  + d.key()
                  + " went back: "
                  + writes.describe(d.value())
                  + " applied at "
                  + d.where()
                  + ", after "
                  + writes.describe(top.value())
                  + ", later in the log, applied at "
                  + top.where());
        }
      }
    }
    String detail = applied + " applied records checked for per-key log order";
    return violations == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), violations, witnesses, detail);
  }
}
