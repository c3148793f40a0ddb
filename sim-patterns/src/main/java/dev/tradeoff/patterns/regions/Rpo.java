package dev.tradeoff.patterns.regions;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;

/**
 * {@code rpo}: acknowledged writes a failover lost — the recovery point. Each OK write of the
 * history is judged on its own: a write its region acknowledged as owner of the key's slot under
 * epoch {@code e} is lost when the region promoted under epoch {@code e + 1} for that slot never
 * applied it, even if later writes overwrote the key. Only writes acknowledged before that
 * promotion are judged: an old owner's acknowledgements after it are split brain ({@link
 * StaleOwners}), and writes of a slot never failed over are not judged. One violation per lost write; the detail gives the window the lost writes were
 * acknowledged in and how long before the traffic manager's first decision after them (a region
 * declared down, an operator's failover) it began: the data-loss window to compare with an RPO
 * objective.
 */
final class Rpo implements Checker {
  private final RegionFacts facts;

  Rpo(RegionFacts facts) {
    this.facts = facts;
  }

  @Override
  public String name() {
    return "rpo";
  }

  @Override
  public CheckResult check(History history) {
    return Losses.check(
        name(),
        history,
        facts,
        a -> {
          int next = facts.promoted(a.slot(), a.epoch() + 1);
          boolean before = a.nanos() < facts.promotedNanos(a.slot(), a.epoch() + 1);
          return next < 0 || !before || facts.hasApplied(next, a.value())
              ? null
              : facts.regionName(next) + ", promoted under epoch " + (a.epoch() + 1);
        });
  }
}
