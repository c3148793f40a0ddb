package dev.tradeoff.scenarios;

import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.FaultEvent;
import dev.tradeoff.faults.Property;
import dev.tradeoff.faults.Run;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario text run under the fault harness whose workload stops {@code settleNanos} before the
 * case's run ends, so that what was in flight can finish: a protocol that promises to settle (every
 * saga ended, every transaction decided everywhere) is judged at the end of a case only when the
 * case kept its quiet period — a shrunk case that cut it, or moved a fault into it, promises
 * nothing. Each case's run carries its own store and case; this holds only the text and timings.
 */
final class SettlingScenario {
  private final String text;
  private final long settleNanos;
  private final long quietNanos;

  /** Cases of {@code text} whose load stops {@code settleNanos} before the end. */
  SettlingScenario(String text, long settleNanos, long quietNanos) {
    this.text = text;
    this.settleNanos = settleNanos;
    this.quietNanos = quietNanos;
  }

  /** The run of case {@code c}, with {@code sets} applied before the case's own values. */
  Run<Store> build(Case c, List<String> sets) {
    List<String> overrides = new ArrayList<>(sets);
    long load =
        c.runNanos() > 2 * settleNanos ? c.runNanos() - settleNanos : Math.max(1, c.runNanos() / 2);
    overrides.add("seed=" + c.seed());
    overrides.add("duration=" + Durations.format(load));
    overrides.add("drain=0s");
    overrides.add("workload.clients=" + c.clients());
    ScenarioRunner.Built built =
        ScenarioRunner.build(ScenarioReader.read("property", text, overrides), "property");
    return Run.of(c, built.simulation(), built.system());
  }

  /**
   * {@code property} with each of {@code checkers} as an invariant: those in {@code settled} judged
   * once settled ({@link #invalidOnceSettled}), the others on every case ({@link #invalid}).
   */
  Property.Builder<Store> judgedBy(
      Property.Builder<Store> property, List<String> checkers, List<String> settled) {
    Property.Builder<Store> b = property;
    for (String checker : checkers) {
      b =
          b.invariantOn(
              checker,
              run ->
                  settled.contains(checker)
                      ? invalidOnceSettled(run, checker)
                      : invalid(run, checker));
    }
    return b;
  }

  /** The run's checker {@code name} on its history: its text if invalid, else null. */
  static String invalid(Run<Store> run, String name) {
    return PropertyScenario.invalid(run, name);
  }

  /**
   * {@link #invalid} for a checker that judges the settled end state, or null when the run's case
   * has no quiet period of {@code quietNanos} after its last fault, or no settle time.
   */
  String invalidOnceSettled(Run<Store> run, String name) {
    Case c = run.trial();
    long lastFaultEnd = 0;
    for (FaultEvent e : c.schedule().events()) {
      lastFaultEnd = Math.max(lastFaultEnd, e.atNanos() + e.durationNanos());
    }
    if (c.runNanos() - lastFaultEnd < quietNanos || c.runNanos() <= 2 * settleNanos) {
      return null;
    }
    return invalid(run, name);
  }
}
