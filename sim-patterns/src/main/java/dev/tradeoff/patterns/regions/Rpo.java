package dev.tradeoff.patterns.regions;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

/**
 * {@code rpo}: acknowledged writes a failover lost — the recovery point. Each OK write of the
 * history is judged on its own: a write its region acknowledged as owner of the key's slot under
 * epoch {@code e} is lost when the region promoted under epoch {@code e + 1} for that slot never
 * applied it, even if later writes overwrote the key. Only writes acknowledged before that
 * promotion are judged: an old owner's acknowledgements after it are split brain ({@link
 * StaleOwners}), and writes of a slot never failed over are not judged. One violation per lost
 * write; the detail gives the window the lost writes were acknowledged in and how long before the
 * traffic manager's first decision after them (a region declared down, an operator's failover) it
 * began: the data-loss window to compare with an RPO objective.
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
    CheckResult r = check0(history);
    LongOpenHashSet ok = new LongOpenHashSet();
    for (int op = 0; op < history.size(); op++) {
      if (history.kind(op) == OpKind.WRITE && history.status(op) == OpStatus.OK) {
        ok.add(history.value(op));
      }
    }
    String point = recoveryPoint(ok);
    return point.isEmpty()
        ? r
        : new CheckResult(
            r.checker(), r.verdict(), r.violations(), r.witnesses(), r.detail() + point);
  }

  private CheckResult check0(History history) {
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

  /**
   * For the first promotion of each slot, judging the writes clients saw acknowledged: {@code ";
   * west took over at 9.000 s holding east's writes up to 7.901 s, the last acknowledged at 7.990
   * s: a recovery point of 89 ms"}, or empty.
   */
  private String recoveryPoint(LongOpenHashSet okValues) {
    for (int slot = 0; ; slot++) {
      long atNanos = facts.promotedNanos(slot, 2);
      if (atNanos == Long.MAX_VALUE) {
        return "";
      }
      int next = facts.promoted(slot, 2);
      long kept = Long.MIN_VALUE;
      long last = Long.MIN_VALUE;
      int old = -1;
      for (RegionFacts.Ack a : facts.acks()) {
        if (a.slot() != slot
            || a.epoch() != 1
            || a.nanos() >= atNanos
            || !okValues.contains(a.value())) {
          continue;
        }
        old = a.region();
        last = Math.max(last, a.nanos());
        if (facts.hasApplied(next, a.value())) {
          kept = Math.max(kept, a.nanos());
        }
      }
      if (old < 0 || kept == Long.MIN_VALUE) {
        continue;
      }
      return String.format(
          java.util.Locale.ROOT,
          "; %s took over slot %d at %s holding %s's writes up to %s, the last acknowledged at %s:"
              + " a recovery point of %.0f ms",
          facts.regionName(next),
          slot,
          Losses.seconds(atNanos),
          facts.regionName(old),
          Losses.seconds(kept),
          Losses.seconds(last),
          (last - kept) / 1e6);
    }
  }
}
