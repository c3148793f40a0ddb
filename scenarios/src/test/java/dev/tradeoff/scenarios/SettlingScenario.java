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
  private final long shortestJudgedNanos;

  /**
   * Cases of {@code text} whose load stops {@code settleNanos} before the end, judged once settled
   * when they keep a quiet period of {@code quietNanos} and run longer than twice the settle time.
   */
  SettlingScenario(String text, long settleNanos, long quietNanos) {
    this(text, settleNanos, quietNanos, 2 * settleNanos + 1);
  }

  /**
   * As {@link #SettlingScenario(String, long, long)}, but judged once settled only when they run
   * {@code shortestJudgedNanos} or longer: for a promise that needs some load before the settle
   * time, not only the settle time itself.
   */
  SettlingScenario(String text, long settleNanos, long quietNanos, long shortestJudgedNanos) {
    this.text = text;
    this.settleNanos = settleNanos;
    this.quietNanos = quietNanos;
    this.shortestJudgedNanos = shortestJudgedNanos;
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
   * is not {@link #settled}.
   */
  String invalidOnceSettled(Run<Store> run, String name) {
    return settled(run.trial()) ? invalid(run, name) : null;
  }

  /**
   * Whether case {@code c} promises a settled end: it kept the quiet period after its last fault
   * (the start of an instant one) and is long enough to be judged.
   */
  boolean settled(Case c) {
    long lastFaultEnd = 0;
    for (FaultEvent e : c.schedule().events()) {
      lastFaultEnd = Math.max(lastFaultEnd, e.atNanos() + e.durationNanos());
    }
    return c.runNanos() - lastFaultEnd >= quietNanos && c.runNanos() >= shortestJudgedNanos;
  }
}
