package dev.tradeoff.patterns.regions;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Backend;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A built {@code multi-region} system: one backend instance, gateway and {@link ReplicationLog} per
 * region, the traffic manager, the shared {@link Directory} and {@link RegionFacts}, and the
 * series. See {@link MultiRegion} for the parameters.
 */
final class RegionStore implements Store {
  /** The client index the gateways' backend drivers use (no workload client has it). */
  private static final int GATEWAY_CLIENT = 1_000_000;

  private final Settings s;
  private final Backend backend;
  private final Store[] stacks;
  private final String[] gatewayNames;
  private final String managerName;
  private final String managerZone;
  private final long rtoObjectiveNanos;
  private final Directory directory;
  private final RegionFacts facts;
  private final ReplicationLog[] logs;
  private final TrafficManager.Table table;
  private final boolean[] started;

  RegionStore(
      String prefix, Settings s, Backend backend, String managerZone, long rtoObjectiveNanos) {
    this.s = s;
    this.backend = backend;
    RegionMap regions = s.regions();
    int n = regions.size();
    stacks = new Store[n];
    gatewayNames = new String[n];
    logs = new ReplicationLog[n];
    for (int r = 0; r < n; r++) {
      String regionPrefix = prefix + regions.names().get(r) + "-";
      stacks[r] = Zones.inZone(backend, regions.stackZone(r)).build(regionPrefix);
      gatewayNames[r] = regionPrefix + "gw";
      logs[r] = new ReplicationLog(r, n);
    }
    this.managerName = prefix + "gtm";
    this.managerZone = managerZone;
    this.rtoObjectiveNanos = rtoObjectiveNanos;
    this.directory = new Directory(s);
    this.facts = new RegionFacts(regions.names());
    this.table = new TrafficManager.Table(s);
    this.started = new boolean[n];
  }

  @Override
  public List<String> nodes() {
    List<String> names = new ArrayList<>();
    for (int r = 0; r < stacks.length; r++) {
      names.addAll(stacks[r].nodes());
      names.add(gatewayNames[r]);
    }
    names.add(managerName);
    return names;
  }

  @Override
  public List<String> zones() {
    LinkedHashSet<String> zones = new LinkedHashSet<>();
    for (int r = 0; r < stacks.length; r++) {
      zones.addAll(stacks[r].zones());
      zones.addAll(s.regions().zones().get(r));
    }
    zones.add(managerZone);
    return List.copyOf(zones);
  }

  @Override
  public void addTo(Simulation sim) {
    facts.clock(sim::nowNanos);
    for (int r = 0; r < stacks.length; r++) {
      stacks[r].addTo(sim);
      int region = r;
      Store stack = stacks[r];
      sim.addNode(
          NodeSpec.of(
              gatewayNames[r],
              s.regions().gatewayZone(r),
              () -> {
                boolean first = !started[region];
                started[region] = true;
                return new Gateway(
                    region,
                    s,
                    stack.client(GATEWAY_CLIENT + region),
                    stack.nodes(),
                    gatewayNames,
                    managerName,
                    facts,
                    logs[region],
                    first);
              }));
    }
    sim.addNode(
        NodeSpec.of(
            managerName,
            managerZone,
            () -> new TrafficManager(s, gatewayNames, directory, table, facts)));
    probes(sim);
  }

  private void probes(Simulation sim) {
    for (int slot = 0; slot < directory.slots(); slot++) {
      int i = slot;
      sim.metrics().probe("route/slot-" + slot, "region", () -> directory.route(i));
    }
    for (int a = 0; a < logs.length; a++) {
      for (int b = 0; b < logs.length; b++) {
        if (a != b) {
          ReplicationLog log = logs[a];
          int peer = b;
          sim.metrics()
              .probe(
                  "backlog/" + facts.regionName(a) + " to " + facts.regionName(b),
                  "writes",
                  () -> log.backlog(peer));
        }
      }
    }
  }

  @Override
  public StoreClient client(int index) {
    return new RegionDriver(s, directory, gatewayNames);
  }

  @Override
  public StoreCheckers checkers() {
    return StoreCheckers.builder()
        .add("rpo", () -> new Rpo(facts))
        .add("lost-writes", () -> new LostAtEnd(facts, s, directory))
        .add("rto", () -> new Rto(rtoObjectiveNanos))
        .add("split-brain", () -> new StaleOwners(facts))
        .build();
  }

  /** The facts, for tests. */
  RegionFacts facts() {
    return facts;
  }
}
