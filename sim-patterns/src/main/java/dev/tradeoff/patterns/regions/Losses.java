package dev.tradeoff.patterns.regions;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shared walk of the loss checkers: every OK write of the history that a gateway acknowledged
 * is judged by a {@link Judge}; the lost ones are counted, the first few named, and the window they
 * were acknowledged in is given.
 */
final class Losses {
  private static final int WITNESSES = 5;

  /** Decides one acknowledged write. */
  interface Judge {
    /** Why {@code ack} is lost, in words that follow "never reached", or null if it is kept. */
    String lost(RegionFacts.Ack ack);
  }

  private Losses() {}

  static CheckResult check(String name, History history, RegionFacts facts, Judge judge) {
    long judged = 0;
    long lost = 0;
    long firstNanos = Long.MAX_VALUE;
    long lastNanos = Long.MIN_VALUE;
    List<String> witnesses = new ArrayList<>();
    for (int op = 0; op < history.size(); op++) {
      if (history.kind(op) != OpKind.WRITE || history.status(op) != OpStatus.OK) {
        continue;
      }
      RegionFacts.Ack a = facts.ack(history.value(op));
      if (a == null) {
        continue;
      }
      judged++;
      String why = judge.lost(a);
      if (why == null) {
        continue;
      }
      lost++;
      firstNanos = Math.min(firstNanos, a.nanos());
      lastNanos = Math.max(lastNanos, a.nanos());
      if (witnesses.size() < WITNESSES) {
        witnesses.add(
            String.format(
                Locale.ROOT,
                "write of %d to key %d (op %d) acknowledged by %s under epoch %d at %s never"
                    + " reached %s",
                a.value(),
                a.key(),
                op,
                facts.regionName(a.region()),
                a.epoch(),
                seconds(a.nanos()),
                why));
      }
    }
    if (lost == 0) {
      return CheckResult.valid(name, judged + " acknowledged writes judged, none lost");
    }
    return CheckResult.invalid(name, lost, witnesses, window(lost, judged, firstNanos, lastNanos));
  }

  private static String window(long lost, long judged, long firstNanos, long lastNanos) {
    return String.format(
        Locale.ROOT,
        "%d of %d acknowledged writes lost, acknowledged from %s to %s (%.0f ms)",
        lost,
        judged,
        seconds(firstNanos),
        seconds(lastNanos),
        (lastNanos - firstNanos) / 1e6);
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }
}
