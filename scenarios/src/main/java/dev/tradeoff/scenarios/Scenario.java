package dev.tradeoff.scenarios;

import dev.tradeoff.core.json.Json;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.faults.FaultEvent;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.patterns.Store;
import java.util.List;

/**
 * A scenario, read and validated ({@link ScenarioReader}): everything a run needs, plus the
 * effective JSON (the file after defaults and overrides) that reports embed and {@code show-config}
 * prints. Reading {@link #effective()} back gives an equal scenario.
 *
 * @param name stable name, e.g. {@code basics/single-node}
 * @param description one line on what it is
 * @param observe what a reader should look for
 * @param seed the seed of the run
 * @param durationNanos how long clients issue operations
 * @param drainNanos extra time after that for operations in flight to finish
 * @param intervalNanos the metrics sampling interval
 * @param network latency, loss and duplication
 * @param system the system under test
 * @param workload the clients
 * @param schedule fault events at fixed times
 * @param nemesis a random fault generator, or null
 * @param checkers checker names, in order
 * @param expectations what must hold, in order
 * @param effective the scenario as canonical JSON
 */
public record Scenario(
    String name,
    String description,
    String observe,
    long seed,
    long durationNanos,
    long drainNanos,
    long intervalNanos,
    NetworkSpec network,
    Store system,
    WorkloadSpec workload,
    List<FaultEvent> schedule,
    NemesisConfig nemesis,
    List<String> checkers,
    List<Expectation> expectations,
    Json.Obj effective) {

  /** Copies the lists. */
  public Scenario {
    schedule = List.copyOf(schedule);
    checkers = List.copyOf(checkers);
    expectations = List.copyOf(expectations);
  }

  /** The true time a run of this scenario ends. */
  public long endNanos() {
    return durationNanos + drainNanos;
  }

  /** The effective scenario as pretty JSON text. */
  public String json() {
    return Json.writePretty(effective);
  }

  /**
   * Latency between zones.
   *
   * @param defaultLatencyNanos one-way latency of any pair of zones without a link, or null
   * @param links per pair of zones
   * @param lossRate probability a message is lost
   * @param duplicationRate probability a message is delivered twice
   */
  public record NetworkSpec(
      Distribution defaultLatencyNanos, List<Link> links, double lossRate, double duplicationRate) {
    /** Copies the list. */
    public NetworkSpec {
      links = List.copyOf(links);
    }
  }

  /** One-way latency between zones {@code a} and {@code b}, both ways. */
  public record Link(String a, String b, Distribution latencyNanos) {}

  /**
   * The clients.
   *
   * @param clients how many (one session each)
   * @param zone the zone they live in
   * @param arrivals when they issue operations
   * @param readShare the share of reads; the rest write unique values
   * @param keys which keys
   * @param timeoutNanos when an unanswered operation ends unknown; {@link Long#MAX_VALUE} = never
   * @param queries fan-out queries, if any
   */
  public record WorkloadSpec(
      int clients,
      String zone,
      Arrivals arrivals,
      double readShare,
      KeyDistribution keys,
      long timeoutNanos,
      dev.tradeoff.core.workload.Workload.Queries queries) {}
}
