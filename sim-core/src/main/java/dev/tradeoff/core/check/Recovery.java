package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import java.util.List;
import java.util.Locale;

/**
 * {@code recovery}: after the trigger of an overload ends (the last fault, or a stated instant),
 * goodput must return to within {@link #TOLERANCE} of the offered load within a stated time;
 * otherwise the run is judged metastable (Bronson et al., HotOS 2021): the trigger is gone but a
 * sustaining effect — retries, work on requests whose clients gave up — keeps it down.
 *
 * <p>Judged from the history alone, in cohorts of one interval by invocation time: a cohort's
 * offered load is the operations invoked in it, its goodput those of them that completed OK within
 * the deadline. The system has recovered at the start of the first cohort, at or after the trigger
 * ended, whose goodput is at least 90% of its offered load. Only whole cohorts before the last
 * invocation are judged, so the end of the workload does not look like an outage.
 *
 * <p>Verdict: valid when it recovered within the stated time; invalid ("metastable") when it
 * recovered later or never, with {@code violations} the whole seconds it stayed down (at least 1) —
 * the figure an expectation such as {@code violations(recovery) >= 20} bounds; unknown when the
 * load ended before the stated time ran out and it had not recovered, or nothing was offered.
 */
public final class Recovery implements Checker, AfterFaults {
  /** Goodput may fall short of the offered load by this share and still count as recovered. */
  public static final double TOLERANCE = 0.1;

  private final long deadlineNanos;
  private final long withinNanos;
  private final long intervalNanos;
  private long fromNanos;

  /**
   * A recovery checker.
   *
   * @param deadlineNanos an operation is goodput only if it completed OK within this; {@code
   *     Long.MAX_VALUE} counts every OK
   * @param withinNanos the time allowed to recover once the trigger ended
   * @param fromNanos when the trigger ends, unless the last fault ends later
   * @param intervalNanos length of one cohort
   */
  public Recovery(long deadlineNanos, long withinNanos, long fromNanos, long intervalNanos) {
    if (deadlineNanos <= 0 || withinNanos < 0 || fromNanos < 0 || intervalNanos <= 0) {
      throw new IllegalArgumentException(
          "recovery: deadline and interval must be > 0, within and from >= 0");
    }
    this.deadlineNanos = deadlineNanos;
    this.withinNanos = withinNanos;
    this.fromNanos = fromNanos;
    this.intervalNanos = intervalNanos;
  }

  @Override
  public String name() {
    return "recovery";
  }

  @Override
  public void lastFaultEndedAt(long endNanos) {
    fromNanos = Math.max(fromNanos, endNanos);
  }

  /** When the trigger ends: the stated instant or the last fault's end, whichever is later. */
  public long fromNanos() {
    return fromNanos;
  }

  @Override
  public CheckResult check(History history) {
    long lastInvoke = -1;
    for (int op = 0; op < history.size(); op++) {
      lastInvoke = Math.max(lastInvoke, history.invokeNanos(op));
    }
    int cohorts = lastInvoke <= fromNanos ? 0 : (int) ((lastInvoke - fromNanos) / intervalNanos);
    if (cohorts == 0) {
      return CheckResult.unknown(name(), "no whole interval of load after " + seconds(fromNanos));
    }
    long[] offered = new long[cohorts];
    long[] good = new long[cohorts];
    tally(history, offered, good);
    for (int c = 0; c < cohorts; c++) {
      if (offered[c] > 0 && good[c] >= (1 - TOLERANCE) * offered[c]) {
        return judge(c * intervalNanos, offered, good, c);
      }
    }
    long down = cohorts * intervalNanos;
    if (down < withinNanos) {
      return CheckResult.unknown(
          name(),
          "not recovered yet when the load ended "
              + seconds(down)
              + " after the trigger ended at "
              + seconds(fromNanos)
              + ", short of the "
              + seconds(withinNanos)
              + " allowed");
    }
    return metastable(down, offered, good, cohorts, " and never recovered before the load ended");
  }

  private void tally(History history, long[] offered, long[] good) {
    for (int op = 0; op < history.size(); op++) {
      long invoke = history.invokeNanos(op);
      if (invoke < fromNanos) {
        continue;
      }
      int c = (int) ((invoke - fromNanos) / intervalNanos);
      if (c >= offered.length) {
        continue;
      }
      offered[c]++;
      if (history.status(op) == OpStatus.OK
          && history.completeNanos(op) - invoke <= deadlineNanos) {
        good[c]++;
      }
    }
  }

  private CheckResult judge(long down, long[] offered, long[] good, int recovered) {
    String at =
        String.format(
            Locale.ROOT,
            "goodput %d of %d offered in the interval from %s",
            good[recovered],
            offered[recovered],
            seconds(fromNanos + down));
    if (down <= withinNanos) {
      return CheckResult.valid(
          name(),
          "recovered "
              + seconds(down)
              + " after the trigger ended at "
              + seconds(fromNanos)
              + " (within "
              + seconds(withinNanos)
              + "): "
              + at);
    }
    return metastable(down, offered, good, recovered, "; recovered only then: " + at);
  }

  private CheckResult metastable(long down, long[] offered, long[] good, int cohorts, String tail) {
    long offeredSum = 0;
    long goodSum = 0;
    for (int c = 0; c < cohorts; c++) {
      offeredSum += offered[c];
      goodSum += good[c];
    }
    long seconds = Math.max(1, (down + 999_999_999L) / 1_000_000_000L);
    String witness =
        String.format(
            Locale.ROOT,
            "metastable: goodput stayed below %d%% of the offered load for %s after the trigger"
                + " ended at %s (%d of %d operations offered in that time were OK within the"
                + " deadline)%s",
            Math.round((1 - TOLERANCE) * 100),
            seconds(down),
            seconds(fromNanos),
            goodSum,
            offeredSum,
            tail);
    return CheckResult.invalid(
        name(),
        seconds,
        List.of(witness),
        "down " + seconds(down) + ", allowed " + seconds(withinNanos));
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
  }
}
