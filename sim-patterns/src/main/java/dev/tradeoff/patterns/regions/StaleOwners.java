package dev.tradeoff.patterns.regions;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code split-brain} across regions: a write acknowledged by a region acting as owner of its key's
 * slot under an epoch older than one another region had already acknowledged writes of that slot
 * under — an old primary, back from an outage or cut off, still taking writes the new primary never
 * sees (the regional twin of the leader-follower checker's stale term). Each OK write of the
 * history is judged against every acknowledgement before it; one violation per stale write. The
 * detail lists the traffic manager's decisions (regions declared down, promotions, failbacks).
 */
final class StaleOwners implements Checker {
  private static final int WITNESSES = 5;

  private final RegionFacts facts;

  StaleOwners(RegionFacts facts) {
    this.facts = facts;
  }

  @Override
  public String name() {
    return "split-brain";
  }

  /** The traffic manager's first decisions, for the detail. */
  private String timeline() {
    List<String> parts = new ArrayList<>();
    for (RegionFacts.Event e : facts.events()) {
      if (parts.size() == 8) {
        parts.add("…");
        break;
      }
      parts.add(Losses.seconds(e.nanos()) + " " + e.text());
    }
    return parts.isEmpty() ? "no decisions" : String.join("; ", parts);
  }

  @Override
  public CheckResult check(History history) {
    List<RegionFacts.Ack> acks = new ArrayList<>();
    for (int op = 0; op < history.size(); op++) {
      if (history.kind(op) == OpKind.WRITE && history.status(op) == OpStatus.OK) {
        RegionFacts.Ack a = facts.ack(history.value(op));
        if (a != null) {
          acks.add(a);
        }
      }
    }
    acks.sort(Comparator.comparingLong(RegionFacts.Ack::nanos));
    java.util.Map<Integer, RegionFacts.Ack> newest = new java.util.TreeMap<>();
    List<String> witnesses = new ArrayList<>();
    long stale = 0;
    for (RegionFacts.Ack a : acks) {
      RegionFacts.Ack top = newest.get(a.slot());
      if (top == null || a.epoch() > top.epoch()) {
        newest.put(a.slot(), a);
      } else if (a.epoch() < top.epoch()) {
        stale++;
        if (witnesses.size() < WITNESSES) {
          witnesses.add(
              String.format(
                  Locale.ROOT,
                  "write of %d to key %d acknowledged by %s under epoch %d at %s, after %s"
                      + " acknowledged writes under epoch %d (first at %s)",
                  a.value(),
                  a.key(),
                  facts.regionName(a.region()),
                  a.epoch(),
                  Losses.seconds(a.nanos()),
                  facts.regionName(top.region()),
                  top.epoch(),
                  Losses.seconds(top.nanos())));
        }
      }
    }
    String detail =
        acks.size()
            + " acknowledged writes checked against the newest epoch before; "
            + facts.refused()
            + " replicated writes refused as stale or conflicting; the traffic manager: "
            + timeline();
    return stale == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), stale, witnesses, detail);
  }
}
