package dev.tradeoff.scenarios;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.FaultEvent;
import dev.tradeoff.faults.Property;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario text run under the fault harness whose workload stops {@code settleNanos} before the
 * case's run ends, so that what was in flight can finish: a protocol that promises to settle (every
 * saga ended, every transaction decided everywhere) is judged at the end of a case only when the
 * case kept its quiet period — a shrunk case that cut it, or moved a fault into it, promises
 * nothing.
 */
final class SettlingScenario {
  private final String text;
  private final long settleNanos;
  private final long quietNanos;
  private Store current;
  private Case currentCase;

  /** Cases of {@code text} whose load stops {@code settleNanos} before the end. */
  SettlingScenario(String text, long settleNanos, long quietNanos) {
    this.text = text;
    this.settleNanos = settleNanos;
    this.quietNanos = quietNanos;
  }

  /** The simulation of case {@code c}, with {@code sets} applied before the case's own values. */
  Simulation build(Case c, List<String> sets) {
    List<String> overrides = new ArrayList<>(sets);
    long load =
        c.runNanos() > 2 * settleNanos ? c.runNanos() - settleNanos : Math.max(1, c.runNanos() / 2);
    overrides.add("seed=" + c.seed());
    overrides.add("duration=" + Durations.format(load));
    overrides.add("drain=0s");
    overrides.add("workload.clients=" + c.clients());
    ScenarioRunner.Built built =
        ScenarioRunner.build(ScenarioReader.read("property", text, overrides), "property");
    current = built.system();
    currentCase = c;
    return built.simulation();
  }

  /**
   * {@code property} with each of {@code checkers} as an invariant: those in {@code settled} judged
   * once settled ({@link #invalidOnceSettled}), the others on every case ({@link #invalid}).
   */
  Property.Builder<Simulation> judgedBy(
      Property.Builder<Simulation> property, List<String> checkers, List<String> settled) {
    Property.Builder<Simulation> b = property;
    for (String checker : checkers) {
      b =
          b.invariant(
              checker,
              sim ->
                  settled.contains(checker)
                      ? invalidOnceSettled(sim, checker)
                      : invalid(sim, checker));
    }
    return b;
  }

  /** The last built store's checker {@code name} on {@code sim}: its text if invalid, else null. */
  String invalid(Simulation sim, String name) {
    CheckResult r = current.checker(name).orElseThrow().check(sim.history());
    return r.verdict() == Verdict.INVALID ? r.toString() : null;
  }

  /**
   * {@link #invalid} for a checker that judges the settled end state, or null when the current case
   * has no quiet period of {@code quietNanos} after its last fault, or no settle time.
   */
  String invalidOnceSettled(Simulation sim, String name) {
    long lastFaultEnd = 0;
    for (FaultEvent e : currentCase.schedule().events()) {
      lastFaultEnd = Math.max(lastFaultEnd, e.atNanos() + e.durationNanos());
    }
    if (currentCase.runNanos() - lastFaultEnd < quietNanos
        || currentCase.runNanos() <= 2 * settleNanos) {
      return null;
    }
    return invalid(sim, name);
  }
}
