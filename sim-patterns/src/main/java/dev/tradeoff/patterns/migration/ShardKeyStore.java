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
 * A built {@code shard-key-migration} system: the two layouts, the mover when a job is on, the
 * shared {@link Phases}, {@link Tally} and {@link Ledger}, the phase changes scheduled, and the
 * series. See {@link ShardKeyMigration} for the parameters.
 */
final class ShardKeyStore implements Store {
  /** The client index the mover's drivers use (no workload client has it). */
  private static final int MOVER_CLIENT = 1_000_002;

  private final Store old;
  private final Store next;
  private final String moverName;
  private final Phases phases;
  private final long dualWritesAtNanos;
  private final long backfillAtNanos;
  private final long verifyAtNanos;
  private final long flipReadsAtNanos;
  private final long stopDualWritesAtNanos;
  private final double backfillRate;
  private final int backfillChunk;
  private final double verifyRate;
  private final long timeoutNanos;
  private final Tally tally = new Tally();
  private final Ledger ledger = new Ledger("old", "new");

  ShardKeyStore(
      String prefix,
      Backend old,
      Backend next,
      Phases phases,
      long dualWritesAtNanos,
      long backfillAtNanos,
      long verifyAtNanos,
      long flipReadsAtNanos,
      long stopDualWritesAtNanos,
      double backfillRate,
      int backfillChunk,
      double verifyRate,
      long timeoutNanos) {
    this.backfillChunk = backfillChunk;
    this.old = old.build(prefix + "old-");
    this.next = next.build(prefix + "new-");
    this.moverName = prefix + "mover";
    this.phases = phases;
    this.dualWritesAtNanos = dualWritesAtNanos;
    this.backfillAtNanos = backfillAtNanos;
    this.verifyAtNanos = verifyAtNanos;
    this.flipReadsAtNanos = flipReadsAtNanos;
    this.stopDualWritesAtNanos = stopDualWritesAtNanos;
    this.backfillRate = backfillRate;
    this.verifyRate = verifyRate;
    this.timeoutNanos = timeoutNanos;
  }

  private boolean moves() {
    return phases.backfillOn() || phases.verifyOn();
  }

  @Override
  public List<String> nodes() {
    List<String> names = new ArrayList<>(old.nodes());
    names.addAll(next.nodes());
    if (moves()) {
      names.add(moverName);
    }
    return names;
  }

  @Override
  public List<String> zones() {
    LinkedHashSet<String> zones = new LinkedHashSet<>(old.zones());
    zones.addAll(next.zones());
    return List.copyOf(zones);
  }

  private Pair pair(int client) {
    return new Pair(old.client(client), next.client(client), old.nodes(), next.nodes());
  }

  @Override
  public void addTo(Simulation sim) {
    old.addTo(sim);
    next.addTo(sim);
    if (moves()) {
      sim.addNode(
          NodeSpec.of(
              moverName,
              next.zones().get(0),
              () ->
                  new Mover(
                      pair(MOVER_CLIENT),
                      phases,
                      backfillAtNanos,
                      verifyAtNanos,
                      backfillRate,
                      backfillChunk,
                      verifyRate,
                      timeoutNanos)));
    }
    sim.schedule(dualWritesAtNanos, phases::startDualWrites);
    sim.schedule(flipReadsAtNanos, phases::flipDue);
    if (stopDualWritesAtNanos > 0) {
      sim.schedule(stopDualWritesAtNanos, phases::stopDue);
    }
    sim.metrics().probe("shard-key/phase", "phase", () -> (double) phases.phase());
    sim.metrics()
        .probe(
            "shard-key/reads-new",
            "share",
            Growth.ratio(() -> tally.reads(Pair.TO), tally::reads, 1));
    sim.metrics().probe("shard-key/backfilled", "keys", () -> (double) phases.backfilledKeys());
    sim.metrics().probe("shard-key/repaired", "keys", () -> (double) phases.repairedKeys());
    sim.metrics().probe("shard-key/missing", "keys", () -> (double) phases.missingKeys());
    sim.metrics().probe("shard-key/dirty-keys", "keys", () -> (double) phases.dirtyKeys());
    sim.metrics()
        .probe("shard-key/dual-write-failures", "writes", () -> (double) tally.secondaryFailures());
  }

  @Override
  public StoreClient client(int index) {
    return new PhaseDriver(pair(index), phases, tally, ledger, timeoutNanos);
  }

  @Override
  public StoreCheckers checkers() {
    return StoreCheckers.builder().add("migration", () -> new StaleReads(ledger)).build();
  }
}
