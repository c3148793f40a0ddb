package dev.tradeoff.patterns.regions;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code rto}: how long each client could not write — the recovery time as clients saw it, from the
 * history alone. A client's write outage runs from the invocation of a write that did not succeed
 * ({@code fail} or unknown) to the completion of its next OK write; its RTO is its longest outage,
 * and an outage no OK write ended runs to the history's last completion. One violation per client
 * whose RTO exceeds the objective; the detail gives the median and largest RTO over the clients
 * that had an outage.
 */
final class Rto implements Checker {
  private static final int WITNESSES = 5;

  private final long objectiveNanos;

  Rto(long objectiveNanos) {
    this.objectiveNanos = objectiveNanos;
  }

  @Override
  public String name() {
    return "rto";
  }

  @Override
  public CheckResult check(History history) {
    int processes = 0;
    long endNanos = 0;
    for (int op = 0; op < history.size(); op++) {
      processes = Math.max(processes, history.process(op) + 1);
      long done = history.completeNanos(op);
      if (done != Long.MAX_VALUE) {
        endNanos = Math.max(endNanos, done);
      }
    }
    long[] downSince = new long[processes];
    long[] downFrom = new long[processes];
    long[] rto = new long[processes];
    Arrays.fill(downSince, -1);
    for (int op = 0; op < history.size(); op++) {
      if (history.kind(op) != OpKind.WRITE) {
        continue;
      }
      int p = history.process(op);
      if (history.status(op) != OpStatus.OK) {
        if (downSince[p] < 0) {
          downSince[p] = history.invokeNanos(op);
        }
      } else if (downSince[p] >= 0) {
        end(p, history.completeNanos(op), downSince, downFrom, rto);
      }
    }
    for (int p = 0; p < processes; p++) {
      if (downSince[p] >= 0) {
        end(p, endNanos, downSince, downFrom, rto);
      }
    }
    return verdict(history, rto, downFrom);
  }

  private static void end(int p, long upNanos, long[] downSince, long[] downFrom, long[] rto) {
    long span = Math.max(0, upNanos - downSince[p]);
    if (span > rto[p]) {
      rto[p] = span;
      downFrom[p] = downSince[p];
    }
    downSince[p] = -1;
  }

  private CheckResult verdict(History history, long[] rto, long[] downFrom) {
    boolean[] writer = new boolean[rto.length];
    for (int op = 0; op < history.size(); op++) {
      if (history.kind(op) == OpKind.WRITE) {
        writer[history.process(op)] = true;
      }
    }
    int writers = 0;
    for (boolean w : writer) {
      writers += w ? 1 : 0;
    }
    List<Long> outages = new ArrayList<>();
    List<String> witnesses = new ArrayList<>();
    long violations = 0;
    for (int p = 0; p < rto.length; p++) {
      if (rto[p] > 0) {
        outages.add(rto[p]);
      }
      if (rto[p] > objectiveNanos) {
        violations++;
        if (witnesses.size() < WITNESSES) {
          witnesses.add(
              String.format(
                  Locale.ROOT,
                  "%s could not write for %.0f ms from %s, over the %.0f ms objective",
                  history.processName(p),
                  rto[p] / 1e6,
                  Losses.seconds(downFrom[p]),
                  objectiveNanos / 1e6));
        }
      }
    }
    outages.sort(null);
    String detail =
        outages.isEmpty()
            ? "no client had a write outage"
            : String.format(
                Locale.ROOT,
                "write outage per client: p50 %.0f ms, max %.0f ms, over %d of %d writing clients;"
                    + " objective %.0f ms",
                outages.get((outages.size() - 1) / 2) / 1e6,
                outages.get(outages.size() - 1) / 1e6,
                outages.size(),
                writers,
                objectiveNanos / 1e6);
    return violations == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), violations, witnesses, detail);
  }
}
