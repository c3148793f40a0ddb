package dev.tradeoff.patterns;

import dev.tradeoff.patterns.replication.LeaderFollower;
import java.util.List;
import java.util.Optional;

/** The patterns, registered by hand under stable names, in the order {@code list} shows them. */
public final class PatternCatalog {
  private static final List<PatternSpec> ALL =
      List.of(
          new SingleNode(),
          new LeaderFollower(),
          new dev.tradeoff.patterns.multileader.MultiLeader(),
          new dev.tradeoff.patterns.quorum.Leaderless(),
          new dev.tradeoff.patterns.sharding.Sharded(),
          new dev.tradeoff.patterns.caching.Cached());

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
