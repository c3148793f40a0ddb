package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.Property;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario text run under the fault harness: each case is the scenario with the case's seed, run
 * length and client count, and the store built for the case is kept so that its checkers judge that
 * simulation (the harness runs one case at a time).
 */
final class PropertyScenario {
  private static final Pattern FAULT_EVENTS =
      Pattern.compile("minimal case: .*?, (\\d+) fault events");

  private final String text;
  private Store current;

  /** Cases of the scenario {@code text}. */
  PropertyScenario(String text) {
    this.text = text;
  }

  /** The simulation of case {@code c}, with {@code sets} applied before the case's own values. */
  Simulation build(Case c, List<String> sets) {
    List<String> overrides = new ArrayList<>(sets);
    overrides.add("seed=" + c.seed());
    overrides.add("duration=" + Durations.format(c.runNanos()));
    overrides.add("workload.clients=" + c.clients());
    ScenarioRunner.Built built =
        ScenarioRunner.build(ScenarioReader.read("property", text, overrides), "property");
    current = built.system();
    return built.simulation();
  }

  /** The last built store's checker {@code name} on {@code sim}: its text if invalid, else null. */
  String invalid(Simulation sim, String name) {
    CheckResult r = current.checker(name).orElseThrow().check(sim.history());
    return r.verdict() == Verdict.INVALID ? r.toString() : null;
  }

  /** The last built store's checker {@code name} on {@code sim}, whatever its verdict. */
  CheckResult result(Simulation sim, String name) {
    return current.checker(name).orElseThrow().check(sim.history());
  }

  /**
   * Runs {@code property}, which must fail, and returns its failure message (printed, for the log)
   * once its minimal case is checked to hold at most {@code maxFaultEvents} fault events.
   */
  static String failsWithin(Property<Simulation> property, int maxFaultEvents) {
    AssertionError e = assertThrows(AssertionError.class, property::check);
    String message = e.getMessage();
    System.out.println(message);
    assertTrue(minimalFaultEvents(message) <= maxFaultEvents, message);
    return message;
  }

  /** The part of a failed property's message from its minimal case on. */
  static String minimalCase(String message) {
    return message.substring(message.indexOf("minimal case:"));
  }

  /** The number of fault events of the minimal case a failed property's message reports. */
  static int minimalFaultEvents(String message) {
    Matcher m = FAULT_EVENTS.matcher(message);
    if (!m.find()) {
      throw new AssertionError("no minimal case in: " + message);
    }
    return Integer.parseInt(m.group(1));
  }
}
