package dev.tradeoff.patterns.migration;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Growth;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Backend;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A built {@code strangler-fig} system: the two systems, the relay when the new one is fed by
 * change data capture, the shared {@link Cutover}, {@link ChangeLog}, {@link Tally} and {@link
 * Ledger}, and the series. See {@link StranglerFig} for the parameters.
 */
final class StranglerStore implements Store {
  /** The client index the relay's drivers use (no workload client has it). */
  private static final int RELAY_CLIENT = 1_000_001;

  private final Store legacy;
  private final Store next;
  private final String relayName;
  private final Cutover cutover;
  private final boolean cdc;
  private final long cdcIntervalNanos;
  private final int cdcBatch;
  private final long cdcDelayNanos;
  private final double shadowShare;
  private final long timeoutNanos;
  private final ChangeLog log = new ChangeLog();
  private final Tally tally = new Tally();
  private final Ledger ledger = new Ledger("legacy", "new");

  StranglerStore(
      String prefix,
      Backend legacy,
      Backend next,
      Cutover cutover,
      boolean cdc,
      long cdcIntervalNanos,
      int cdcBatch,
      long cdcDelayNanos,
      double shadowShare,
      long timeoutNanos) {
    this.legacy = legacy.build(prefix + "legacy-");
    this.next = next.build(prefix + "new-");
    this.relayName = prefix + "cdc-relay";
    this.cutover = cutover;
    this.cdc = cdc;
    this.cdcIntervalNanos = cdcIntervalNanos;
    this.cdcBatch = cdcBatch;
    this.cdcDelayNanos = cdcDelayNanos;
    this.shadowShare = shadowShare;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public List<String> nodes() {
    List<String> names = new ArrayList<>(legacy.nodes());
    names.addAll(next.nodes());
    if (cdc) {
      names.add(relayName);
    }
    return names;
  }

  @Override
  public List<String> zones() {
    LinkedHashSet<String> zones = new LinkedHashSet<>(legacy.zones());
    zones.addAll(next.zones());
    return List.copyOf(zones);
  }

  private Pair pair(int client) {
    return new Pair(legacy.client(client), next.client(client), legacy.nodes(), next.nodes());
  }

  @Override
  public void addTo(Simulation sim) {
    legacy.addTo(sim);
    next.addTo(sim);
    log.clock(sim::nowNanos);
    if (cdc) {
      sim.addNode(
          NodeSpec.of(
              relayName,
              next.zones().get(0),
              () ->
                  new CdcRelay(
                      pair(RELAY_CLIENT),
                      log,
                      cdcIntervalNanos,
                      cdcBatch,
                      cdcDelayNanos,
                      timeoutNanos)));
    }
    for (Cutover.Step step : cutover.steps()) {
      sim.schedule(step.atNanos(), () -> cutover.apply(step));
    }
    sim.metrics()
        .probe(
            "strangler/traffic-new",
            "share",
            Growth.ratio(() -> tally.requests(Pair.TO), tally::requests, 1));
    sim.metrics()
        .probe("strangler/shadow-mismatches", "reads", () -> (double) tally.shadowMismatches());
    sim.metrics().probe("strangler/shadow-reads", "reads", () -> (double) tally.shadowReads());
    if (cdc) {
      sim.metrics().probe("strangler/cdc-lag", "ms", log::lagMs);
      sim.metrics().probe("strangler/cdc-backlog", "changes", () -> (double) log.backlog());
    } else {
      sim.metrics()
          .probe(
              "strangler/dual-write-failures", "writes", () -> (double) tally.secondaryFailures());
    }
  }

  @Override
  public StoreClient client(int index) {
    return new FacadeDriver(
        pair(index), cutover, cdc ? log : null, tally, ledger, shadowShare, timeoutNanos);
  }

  @Override
  public StoreCheckers checkers() {
    return StoreCheckers.builder().add("migration", () -> new StaleReads(ledger)).build();
  }
}
