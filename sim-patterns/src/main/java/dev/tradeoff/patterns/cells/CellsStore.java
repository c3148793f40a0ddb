package dev.tradeoff.patterns.cells;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.check.BlastRadius;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Backend;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A built {@code cells} system: {@code cells} instances of the backend stack (cell {@code i} built
 * with node-name prefix {@code c<i>-}, every nested {@code zone} set to {@code cell-<i>}), the
 * shared {@link CellMap}, the {@link Mover} when moves are scheduled, the {@link Rollout} and the
 * series. See {@link Cells} for the parameters.
 */
final class CellsStore implements Store {
  /** The mover node's name, after the store's prefix. */
  static final String MOVER = "cell-mover";

  /** The zone of the mover (the control plane, outside every cell). */
  static final String CONTROL_ZONE = "cell-control";

  /** The client index the mover's drivers use (no workload client has it). */
  private static final int MOVER_CLIENT = 1_000_000;

  private final Store[] cells;
  private final List<List<String>> cellNodes = new ArrayList<>();
  private final List<List<String>> targetNodes = new ArrayList<>();
  private final String moverName;
  private final CellMap map;
  private final CellTally tally;
  private final HomeLog log = new HomeLog();
  private final List<Move> moves;
  private final MoveLedger ledger;
  private final boolean safeMoves;
  private final long keySpace;
  private final double crossCell;
  private final DeployPlan plan;
  private Rollout rollout;

  CellsStore(
      String prefix,
      Backend backend,
      CellMap map,
      double crossCell,
      List<Move> moves,
      boolean safeMoves,
      long keySpace,
      DeployPlan plan) {
    this.map = map;
    this.crossCell = crossCell;
    this.moves = List.copyOf(moves);
    this.ledger = new MoveLedger(moves.size());
    this.safeMoves = safeMoves;
    this.keySpace = keySpace;
    this.plan = plan;
    this.moverName = prefix + MOVER;
    cells = new Store[map.cells()];
    for (int i = 0; i < cells.length; i++) {
      String cellPrefix = prefix + "c" + i + "-";
      cells[i] = zoned(backend, "cell-" + i).build(cellPrefix);
      cellNodes.add(List.copyOf(cells[i].nodes()));
      List<String> targets = new ArrayList<>();
      for (String node : cells[i].nodes()) {
        if (node.startsWith(cellPrefix + plan.target())) {
          targets.add(node);
        }
      }
      targetNodes.add(List.copyOf(targets));
    }
    this.tally = new CellTally(cells.length);
  }

  /** {@code b} with every {@code zone} parameter in it, nested ones too, set to {@code zone}. */
  static Backend zoned(Backend b, String zone) {
    Config c = b.config().mapBackends(inner -> zoned(inner, zone));
    if (c.has("zone")) {
      c = c.with("zone", zone);
    }
    return new Backend(b.spec(), c, b.prefix());
  }

  /** The node names of cell {@code cell}. */
  List<String> cellNodes(int cell) {
    return cellNodes.get(cell);
  }

  /** The nodes of cell {@code cell} a deploy installs the release on. */
  List<String> targetNodes(int cell) {
    return targetNodes.get(cell);
  }

  CellMap map() {
    return map;
  }

  HomeLog log() {
    return log;
  }

  MoveLedger ledger() {
    return ledger;
  }

  Rollout rollout() {
    return rollout;
  }

  @Override
  public List<String> nodes() {
    List<String> names = new ArrayList<>();
    cellNodes.forEach(names::addAll);
    if (!moves.isEmpty()) {
      names.add(moverName);
    }
    return names;
  }

  @Override
  public List<String> zones() {
    LinkedHashSet<String> zones = new LinkedHashSet<>();
    for (Store c : cells) {
      zones.addAll(c.zones());
    }
    if (!moves.isEmpty()) {
      zones.add(CONTROL_ZONE);
    }
    return List.copyOf(zones);
  }

  @Override
  public void addTo(Simulation sim) {
    for (Store c : cells) {
      c.addTo(sim);
    }
    log.clock(sim::nowNanos);
    if (!moves.isEmpty()) {
      sim.addNode(
          NodeSpec.of(
              moverName,
              CONTROL_ZONE,
              () ->
                  new Mover(
                      drivers(MOVER_CLIENT), cellNodes, map, moves, ledger, keySpace, safeMoves)));
    }
    List<List<Integer>> targets = new ArrayList<>();
    for (List<String> names : targetNodes) {
      targets.add(names.stream().map(sim::nodeId).toList());
    }
    rollout = new Rollout(plan, targets, tally);
    rollout.addTo(sim);
    probes(sim);
  }

  private void probes(Simulation sim) {
    long[] lastSent = new long[cells.length];
    long[] lastOk = new long[cells.length];
    for (int i = 0; i < cells.length; i++) {
      int cell = i;
      sim.metrics()
          .probe(
              "cell-availability/c" + i,
              "share",
              () -> {
                long sent = tally.sent(cell) - lastSent[cell];
                long ok = tally.ok(cell) - lastOk[cell];
                lastSent[cell] = tally.sent(cell);
                lastOk[cell] = tally.ok(cell);
                return sent == 0 ? Double.NaN : Math.min(1, (double) ok / sent);
              });
    }
    if (crossCell > 0 && cells.length > 1) {
      sim.metrics().probe("cell-p99/cross", "ms", () -> tally.p99MsSinceLastSample(true));
      sim.metrics().probe("cell-p99/home", "ms", () -> tally.p99MsSinceLastSample(false));
    }
    if (!moves.isEmpty()) {
      sim.metrics().probe("moves/done", "moves", () -> (double) ledger.finished());
      sim.metrics().probe("moves/keys-copied", "keys", () -> (double) ledger.copiedKeys());
    }
    if (plan.deploys()) {
      sim.metrics().probe("deploy/cells-on-new", "cells", () -> (double) rollout.cellsOnNew());
      if (plan.rollback()) {
        sim.metrics().probe("deploy/error-rate", "share", rollout::observedErrorRate);
        sim.metrics().probe("deploy/time-to-detect", "s", rollout::timeToDetectSeconds);
        sim.metrics().probe("deploy/time-to-rollback", "s", rollout::timeToRollBackSeconds);
      }
    }
  }

  private StoreClient[] drivers(int clientIndex) {
    StoreClient[] drivers = new StoreClient[cells.length];
    for (int i = 0; i < cells.length; i++) {
      drivers[i] = cells[i].client(clientIndex);
    }
    return drivers;
  }

  @Override
  public StoreClient client(int index) {
    return new CellRouter(drivers(index), cellNodes, map, tally, log, crossCell, safeMoves);
  }

  /**
   * The checkers every cell's stack offers, each run per cell and added up ({@link PerCell});
   * {@code single-home}; and {@code blast-radius} with customers as this system counts them and,
   * when a release was deployed, the incident from the first deploy to the rollback (or the end).
   */
  @Override
  public StoreCheckers checkers() {
    StoreCheckers.Builder table = StoreCheckers.builder();
    for (String name : cells[0].checkers().names()) {
      table.add(name, () -> new PerCell(name, cells, log));
    }
    List<String> inner = cells[0].checkers().names();
    if (!inner.contains("single-home")) {
      table.add("single-home", () -> new SingleHome(log));
    }
    if (inner.contains("blast-radius")) {
      return table.build();
    }
    table.add(
        "blast-radius",
        () ->
            rollout == null || rollout.firstDeployNanos() < 0
                ? new BlastRadius(map.customers(), 0, Long.MAX_VALUE)
                : new BlastRadius(
                    map.customers(), rollout.firstDeployNanos(), rollout.restoredNanos()));
    return table.build();
  }
}
