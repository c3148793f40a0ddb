package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.Property;
import dev.tradeoff.faults.Run;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario text run under the fault harness: each case is the scenario with the case's seed, run
 * length and client count, and its run carries the store built for that case, so the store's
 * checkers judge that case's history and no other (tries run on several threads at once). Holds
 * nothing but the text.
 */
final class PropertyScenario {
  private static final Pattern FAULT_EVENTS =
      Pattern.compile("minimal case: .*?, (\\d+) fault events");

  private final String text;

  /** Cases of the scenario {@code text}. */
  PropertyScenario(String text) {
    this.text = text;
  }

  /** The run of case {@code c}, with {@code sets} applied before the case's own values. */
  Run<Store> build(Case c, List<String> sets) {
    List<String> overrides = new ArrayList<>(sets);
    overrides.add("seed=" + c.seed());
    overrides.add("duration=" + Durations.format(c.runNanos()));
    overrides.add("workload.clients=" + c.clients());
    ScenarioRunner.Built built =
        ScenarioRunner.build(ScenarioReader.read("property", text, overrides), "property");
    return Run.of(c, built.simulation(), built.system());
  }

  /**
   * The invariant {@code name}: the run's own checker {@code checker} on its history; invalid
   * breaks it with the checker's result, unknown holds (only a proven violation fails a case).
   */
  static Property.Invariant<Store> judged(String name, String checker) {
    return Property.Invariant.judging(
        name, run -> run.system().checker(checker).orElseThrow(), Property.Invariant.Unknown.PASS);
  }

  /**
   * How the write of {@code value} to {@code key} ended in {@code run}'s history; fails if there is
   * none. A regression test uses it to show its case still takes the path the fix is about.
   */
  static OpStatus writeEnded(Run<Store> run, long key, long value) {
    History h = run.simulation().history();
    for (int op = 0; op < h.size(); op++) {
      if (h.kind(op) == OpKind.WRITE && h.key(op) == key && h.value(op) == value) {
        return h.status(op);
      }
    }
    throw new AssertionError("no write of " + value + " to key " + key);
  }

  /** The run's checker {@code name} on its history: its text if invalid, else null. */
  static String invalid(Run<Store> run, String name) {
    CheckResult r = result(run, name);
    return r.verdict() == Verdict.INVALID ? r.toString() : null;
  }

  /** The run's checker {@code name} on its history, whatever its verdict. */
  static CheckResult result(Run<Store> run, String name) {
    return run.system().checker(name).orElseThrow().check(run.simulation().history());
  }

  /**
   * Runs {@code property}, which must fail, and returns its failure message (printed, for the log)
   * once its minimal case is checked to hold at most {@code maxFaultEvents} fault events: on the
   * test's own base seed only (see {@link #assumeOwnSeed}).
   */
  static String failsWithin(Property<?> property, int maxFaultEvents) {
    AssertionError e = assertThrows(AssertionError.class, property::check);
    String message = e.getMessage();
    System.out.println(message);
    if (ownSeed()) {
      assertTrue(minimalFaultEvents(message) <= maxFaultEvents, message);
    }
    return message;
  }

  /**
   * Whether the property runs on its test's own base seed, not one a soak set with {@code
   * -Dtradeoff.seed}.
   */
  static boolean ownSeed() {
    return System.getProperty("tradeoff.seed") == null;
  }

  /**
   * Ends a test whose property must fail, as skipped, when a soak set the base seed: what follows
   * asserts the shape of the minimal case its own seed shrinks to (which node, which fault, how
   * many), and another seed may shrink, as legitimately, to another. What the failure is, asserted
   * before this, holds on every seed.
   */
  static void assumeOwnSeed() {
    assumeTrue(ownSeed(), "the minimal case's shape is asserted on the test's own base seed only");
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
