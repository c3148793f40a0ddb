package dev.tradeoff.patterns.regions;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;

/**
 * {@code lost-writes}: acknowledged writes missing where their keys are served at the end of the
 * run. Each OK write of the history is judged on its own: lost when the region the router sends its
 * key to at the end never applied it, even if later writes overwrote the key. Besides the
 * failover's own loss ({@link Rpo}), this counts the writes a region took while another was primary
 * and that the final region never received — what a failback to an unfenced old primary throws
 * away.
 *
 * <p>"Applied" means the region's stack acknowledged the write to its gateway; a stack that later
 * loses an acknowledged write (an in-memory store's crash) is its own checkers' to judge.
 */
final class LostAtEnd implements Checker {
  private final RegionFacts facts;
  private final Settings s;
  private final Directory directory;

  LostAtEnd(RegionFacts facts, Settings s, Directory directory) {
    this.facts = facts;
    this.s = s;
    this.directory = directory;
  }

  @Override
  public String name() {
    return "lost-writes";
  }

  @Override
  public CheckResult check(History history) {
    return Losses.check(
        name(),
        history,
        facts,
        a -> {
          int serving = directory.route(s.slot(a.key()));
          return facts.hasApplied(serving, a.value())
              ? null
              : facts.regionName(serving) + ", which serves the key at the end";
        });
  }
}
