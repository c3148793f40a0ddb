package dev.tradeoff.faults.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.faults.Property;
import dev.tradeoff.faults.Run;
import dev.tradeoff.faults.Shrinker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs sample property classes through JUnit itself: a correct system passes with one report entry
 * per try and a summary; a planted bug fails with the shrunk case and the method's own assertion as
 * the cause; parameters are filled from the finished run by type.
 */
class SimulationPropertyExtensionTest {
  static final long MS = 1_000_000L;

  /** A counter and what it counted, built into each case's simulation. */
  record Counter(Simulation simulation, boolean buggy) {
    /** Whether the run shows the planted bug: a crash of n2 in a buggy counter. */
    boolean broken(Case c) {
      return buggy
          && c.schedule().events().stream().anyMatch(e -> e.fault().toString().contains("n2"));
    }
  }

  static Property.Builder<Counter> counters(boolean buggy) {
    return Property.named(buggy ? "buggy counter" : "counter")
        .nemesis(
            NemesisConfig.builder(List.of("n1", "n2", "n3"), 1_000 * MS)
                .kinds(List.of("crash"))
                .maxDown(1)
                .eventsPerSecond(2, 4)
                .durationNanos(10 * MS, 200 * MS)
                .quietNanos(100 * MS)
                .build())
        .system(
            c -> {
              Simulation sim = Samples.simulation(c);
              return Run.of(c, sim, new Counter(sim, buggy));
            })
        .shrinker(Shrinker.defaults().withMaxRuns(200))
        .failureDirectory(java.nio.file.Path.of("target", "extension-test-failures"))
        .retryFailures(false);
  }

  /** Sample classes, run only through the test kit (Surefire skips nested classes). */
  static final class Samples {
    static Simulation simulation(Case c) {
      Simulation sim = new Simulation(c.seed());
      for (String name : List.of("n1", "n2", "n3")) {
        sim.addNode(dev.tradeoff.core.NodeSpec.of(name, "z", Idle::new));
      }
      return sim;
    }

    static Property.Builder<Counter> correct() {
      return counters(false);
    }

    static Property.Builder<Counter> buggy() {
      return counters(true);
    }

    @SimulationProperty(setup = "correct", tries = 12, seed = 5)
    void correctCounterKeepsItsPromise(Run<Counter> run, Counter counter, Case c, TestReporter r) {
      assertTrue(run.system() == counter && run.trial() == c);
      assertTrue(!counter.broken(c), "broken");
    }

    @SimulationProperty(setup = "buggy", tries = 40, seed = 5)
    void buggyCounterKeepsItsPromise(Counter counter, Simulation sim, Case c) {
      assertTrue(counter.simulation() == sim);
      assertTrue(!counter.broken(c), "n2 crashed and the count is wrong");
    }

    @SimulationProperty(setup = "correct", tries = 2)
    void wrongParameter(String notAPart) {
      assertNull(notAPart);
    }
  }

  /** A node that does nothing: the samples judge the schedule, not the traffic. */
  static final class Idle implements dev.tradeoff.core.Node {
    @Override
    public void onStart(dev.tradeoff.core.Context context) {}

    @Override
    public void onMessage(int from, Object message) {}

    @Override
    public void onTimer(long timerId, Object payload) {}
  }

  private static Events run(String method, String parameters) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(Samples.class.getName() + "#" + method + "(" + parameters + ")"))
        .execute()
        .testEvents();
  }

  @Test
  void aCorrectSystemPassesWithAnEntryPerTryAndASummary() {
    Events events =
        run(
            "correctCounterKeepsItsPromise",
            Run.class.getName()
                + ","
                + Counter.class.getName()
                + ","
                + Case.class.getName()
                + ","
                + TestReporter.class.getName());
    assertEquals(1, events.succeeded().count(), events.toString());
    List<String> tries = entries(events, "tradeoff case");
    assertEquals(12, tries.size(), tries.toString());
    assertTrue(tries.get(0).startsWith("try 1: seed 5, "), tries.get(0));
    List<String> summaries = entries(events, "tradeoff");
    assertEquals(1, summaries.size());
    assertTrue(
        summaries.get(0).startsWith("property \"counter\": passed, 12 of 12 tries, base seed 5"),
        summaries.get(0));
  }

  @Test
  void aPlantedBugFailsShrunkWithTheMethodsAssertionAsTheCause() {
    Events events =
        run(
            "buggyCounterKeepsItsPromise",
            Counter.class.getName()
                + ","
                + Simulation.class.getName()
                + ","
                + Case.class.getName());
    Event failed =
        events.failed().stream().findFirst().orElseThrow(() -> new AssertionError(events));
    Throwable error = thrown(failed);
    String message = error.getMessage();
    assertTrue(message.contains("invariant \"buggyCounterKeepsItsPromise\": n2 crashed"), message);
    // shrunk to the one crash that matters, and replayable as this method
    assertTrue(message.contains("1 of "), message);
    assertTrue(
        message.contains("SimulationPropertyExtensionTest$Samples#buggyCounterKeepsItsPromise"),
        message);
    assertTrue(error.getCause() instanceof org.opentest4j.AssertionFailedError, message);
    assertTrue(entries(events, "tradeoff").get(0).contains("failed at try"), events.toString());
  }

  @Test
  void aParameterOfNoKnownTypeIsNamedInTheFailure() {
    Events events = run("wrongParameter", String.class.getName());
    Throwable error = thrown(events.failed().stream().findFirst().orElseThrow());
    assertTrue(
        error.getMessage().contains("parameter 1 has type java.lang.String"), error.getMessage());
  }

  private static Throwable thrown(Event event) {
    Optional<Throwable> t =
        event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
    return t.orElseThrow();
  }

  private static List<String> entries(Events events, String key) {
    return events.reportingEntryPublished().stream()
        .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
        .filter(m -> m.containsKey(key))
        .map((Map<String, String> m) -> m.get(key))
        .toList();
  }
}
