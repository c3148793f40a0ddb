package dev.tradeoff.patterns.catalog;

import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.SingleNode;
import dev.tradeoff.patterns.caching.Cached;
import dev.tradeoff.patterns.cells.Cells;
import dev.tradeoff.patterns.cqrs.Cqrs;
import dev.tradeoff.patterns.eventsourcing.EventSourcing;
import dev.tradeoff.patterns.log.EventLog;
import dev.tradeoff.patterns.migration.ShardKeyMigration;
import dev.tradeoff.patterns.migration.StranglerFig;
import dev.tradeoff.patterns.multileader.MultiLeader;
import dev.tradeoff.patterns.quorum.Leaderless;
import dev.tradeoff.patterns.regions.MultiRegion;
import dev.tradeoff.patterns.replication.LeaderFollower;
import dev.tradeoff.patterns.resilience.ResilientClient;
import dev.tradeoff.patterns.resilience.Service;
import dev.tradeoff.patterns.saga.Saga;
import dev.tradeoff.patterns.saga.TwoPhaseCommit;
import dev.tradeoff.patterns.sharding.Sharded;
import java.util.List;
import java.util.Optional;

/**
 * The patterns, registered by hand under stable names, in the order {@code list} shows them. It
 * sits above the families (it knows them all; they know only the root package), so the packages
 * form no cycle.
 */
public final class PatternCatalog {
  private static final List<PatternSpec> ALL =
      List.of(
          new SingleNode(),
          new LeaderFollower(),
          new MultiLeader(),
          new Leaderless(),
          new Sharded(),
          new Cells(),
          new Cached(),
          new EventLog(),
          new EventSourcing(),
          new Cqrs(),
          new Saga(),
          new TwoPhaseCommit(),
          new Service(),
          new ResilientClient(),
          new MultiRegion(),
          new StranglerFig(),
          new ShardKeyMigration());

  private PatternCatalog() {}

  /** Every pattern. */
  public static List<PatternSpec> all() {
    return ALL;
  }

  /** The pattern called {@code name}. */
  public static Optional<PatternSpec> find(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The names, in catalog order. */
  public static List<String> names() {
    return ALL.stream().map(PatternSpec::name).toList();
  }
}
