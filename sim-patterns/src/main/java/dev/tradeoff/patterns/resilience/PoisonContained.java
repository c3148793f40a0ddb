package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poison-contained}: every instance a poison-pill request crashed serves a poison customer,
 * so customers sharing no instance with the poison pills never lose one to them. A crash of any
 * other instance is a violation: the balancer sent a poison customer's request outside its
 * instances (as the {@code shardFallback} does once the customer's own are all out).
 */
final class PoisonContained implements Checker {
  private static final int MAX_WITNESSES = 10;

  private final List<PoisonPill.Crash> crashes;
  private final List<String> names;

  PoisonContained(List<PoisonPill.Crash> crashes, List<String> names) {
    this.crashes = List.copyOf(crashes);
    this.names = List.copyOf(names);
  }

  @Override
  public String name() {
    return "poison-contained";
  }

  @Override
  public CheckResult check(History history) {
    List<String> witnesses = new ArrayList<>();
    long outside = 0;
    for (PoisonPill.Crash c : crashes) {
      if (!c.contained()) {
        outside++;
        if (witnesses.size() < MAX_WITNESSES) {
          witnesses.add(
              names.get(c.instance())
                  + ", which serves no poison customer, crashed on a poison request at "
                  + TimeText.of(c.atNanos()));
        }
      }
    }
    if (outside == 0) {
      return CheckResult.valid(
          name(), crashes.size() + " poison crashes, all of the poison customers' instances");
    }
    return CheckResult.invalid(
        name(),
        outside,
        witnesses,
        outside
            + " of "
            + crashes.size()
            + " poison crashes outside the poison customers' instances");
  }
}
