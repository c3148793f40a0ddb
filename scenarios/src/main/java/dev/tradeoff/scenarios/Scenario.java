package dev.tradeoff.scenarios;

import dev.tradeoff.core.json.Json;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.faults.FaultEvent;
import dev.tradeoff.faults.NemesisConfig;
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
 * @param system the system under test, built afresh for each simulation
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
    SystemSpec system,
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

  /**
   * The warm-up: operations invoked before it count in no operation figure (counts, throughput,
   * latency, the decision table); read from the effective JSON, 0 when it has none.
   */
  public long warmupNanos() {
    Json.Field f = effective.fields().get("warmup");
    return f != null && f.value() instanceof Json.Str str ? Durations.parseNanos(str.value()) : 0;
  }

  /**
   * How the workload's total rate was derived when it was not given as a total (per client, or from
   * daily active users), e.g. {@code 40/s per client x 50 clients = 2000.00/s in total, 40.0000/s
   * per client}; empty otherwise.
   */
  public String rateNote() {
    Json.Field w = effective.fields().get("workload");
    if (!(w.value() instanceof Json.Obj workload)
        || !(workload.fields().get("arrivals").value() instanceof Json.Obj arrivals)) {
      return "";
    }
    return ScenarioReader.rateNote(arrivals, workload().clients());
  }

  /** The true time a run of this scenario ends. */
  public long endNanos() {
    return durationNanos + drainNanos;
  }

  /** This scenario on {@code seed}. */
  public Scenario withSeed(long newSeed) {
    return copy(
        newSeed,
        durationNanos,
        workload,
        schedule,
        nemesis,
        put(effective, List.of("seed"), Json.number(newSeed)));
  }

  /**
   * This scenario with clients issuing operations for {@code nanos}; a fault scheduled at or after
   * the new end is refused ({@link ScenarioException}), as the reader refuses it.
   */
  public Scenario withDurationNanos(long nanos) {
    if (nanos <= 0) {
      throw new ScenarioException("duration: must be > 0, got " + Durations.format(nanos));
    }
    requireInRun(schedule, nanos + drainNanos);
    return copy(
        seed,
        nanos,
        workload,
        schedule,
        nemesis,
        put(effective, List.of("duration"), Json.string(Durations.format(nanos))));
  }

  /** This scenario with {@code clients} clients (one session each). */
  public Scenario withClients(int clients) {
    if (clients < 1) {
      throw new ScenarioException("workload.clients: must be >= 1, got " + clients);
    }
    WorkloadSpec w =
        new WorkloadSpec(
            clients,
            workload.zone(),
            workload.arrivals(),
            workload.readShare(),
            workload.keys(),
            workload.timeoutNanos(),
            workload.queries(),
            workload.finalReadsNanos());
    return copy(
        seed,
        durationNanos,
        w,
        schedule,
        nemesis,
        put(effective, List.of("workload", "clients"), Json.number(clients)));
  }

  /**
   * This scenario with the fixed fault schedule {@code events}, which must name only existing nodes
   * (as the reader checks) and fall before the end of the run.
   */
  public Scenario withSchedule(List<FaultEvent> events) {
    requireInRun(events, endNanos());
    List<Json.Value> written = new java.util.ArrayList<>();
    for (FaultEvent e : events) {
      for (String node : e.fault().nodeNames()) {
        if (!system.nodes().contains(node) && !isClient(node)) {
          throw new ScenarioException("faults.schedule: no node \"" + node + "\" in the system");
        }
      }
      written.add(
          new Json.ObjBuilder()
              .put("at", Json.string(Durations.format(e.atNanos())))
              .put("duration", Json.string(Durations.format(e.durationNanos())))
              .put(
                  "fault",
                  dev.tradeoff.faults.FaultJson.write(
                      e.fault(), n -> Json.string(Durations.format(n))))
              .build());
    }
    return copy(
        seed,
        durationNanos,
        workload,
        events,
        nemesis,
        put(effective, List.of("faults", "schedule"), Json.array(written)));
  }

  /**
   * This scenario with the fixed fault schedule {@code events} and no nemesis: what a shrunk or
   * replayed run uses, with every fault explicit.
   */
  public Scenario withOnlySchedule(List<FaultEvent> events) {
    Scenario s = withSchedule(events);
    return copy(s.seed, s.durationNanos, s.workload, s.schedule, null, withoutNemesis(s.effective));
  }

  /** This scenario with the fields a wither changes replaced, and the rest as they are. */
  private Scenario copy(
      long newSeed,
      long newDurationNanos,
      WorkloadSpec newWorkload,
      List<FaultEvent> newSchedule,
      NemesisConfig newNemesis,
      Json.Obj newEffective) {
    return new Scenario(
        name,
        description,
        observe,
        newSeed,
        newDurationNanos,
        drainNanos,
        intervalNanos,
        network,
        system,
        newWorkload,
        newSchedule,
        newNemesis,
        checkers,
        expectations,
        newEffective);
  }

  private static Json.Obj withoutNemesis(Json.Obj effective) {
    Json.Field faults = effective.fields().get("faults");
    if (faults == null || !(faults.value() instanceof Json.Obj obj)) {
      return effective;
    }
    java.util.Map<String, Json.Field> kept = new java.util.LinkedHashMap<>(obj.fields());
    kept.remove("nemesis");
    java.util.Map<String, Json.Field> top = new java.util.LinkedHashMap<>(effective.fields());
    top.put(
        "faults",
        new Json.Field(
            "faults",
            faults.offset(),
            new Json.Obj(java.util.Collections.unmodifiableMap(kept), obj.offset())));
    return new Json.Obj(java.util.Collections.unmodifiableMap(top), effective.offset());
  }

  /** Whether {@code node} names one of this scenario's clients, {@code client-0 …}. */
  private boolean isClient(String node) {
    if (!node.matches("client-(0|[1-9][0-9]{0,8})")) {
      return false;
    }
    return Integer.parseInt(node.substring("client-".length())) < workload.clients();
  }

  private static void requireInRun(List<FaultEvent> events, long endNanos) {
    for (FaultEvent e : events) {
      if (e.atNanos() >= endNanos) {
        throw new ScenarioException(
            "faults.schedule: a fault at "
                + Durations.format(e.atNanos())
                + " is at or after the end of the run ("
                + Durations.format(endNanos)
                + ")");
      }
    }
  }

  /** {@code obj} with the value at {@code path} replaced (or added), other fields in place. */
  private static Json.Obj put(Json.Obj obj, List<String> path, Json.Value value) {
    java.util.Map<String, Json.Field> fields = new java.util.LinkedHashMap<>(obj.fields());
    String head = path.get(0);
    Json.Field old = fields.get(head);
    Json.Value updated =
        path.size() == 1
            ? value
            : put(
                old != null && old.value() instanceof Json.Obj inner
                    ? inner
                    : new Json.Obj(java.util.Map.of(), -1),
                path.subList(1, path.size()),
                value);
    fields.put(head, new Json.Field(head, old == null ? -1 : old.offset(), updated));
    return new Json.Obj(java.util.Collections.unmodifiableMap(fields), obj.offset());
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
   * @param nodeLinks directed node-to-node overrides of the above
   */
  public record NetworkSpec(
      Distribution defaultLatencyNanos,
      List<Link> links,
      double lossRate,
      double duplicationRate,
      List<NodeLink> nodeLinks) {
    /** Copies the lists. */
    public NetworkSpec {
      links = List.copyOf(links);
      nodeLinks = List.copyOf(nodeLinks);
    }
  }

  /**
   * The directed link from node {@code from} to node {@code to}, with what replaces the zones'
   * latency and the global rates there.
   *
   * @param latencyNanos one-way latency, or null for the zones'
   * @param lossRate probability a message is lost, or NaN for the global rate
   * @param duplicationRate probability a message is delivered twice, or NaN for the global rate
   */
  public record NodeLink(
      String from, String to, Distribution latencyNanos, double lossRate, double duplicationRate) {}

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
      dev.tradeoff.core.workload.Workload.Queries queries,
      long finalReadsNanos) {}
}
