package dev.tradeoff.patterns.cells;

import dev.tradeoff.core.Release;
import dev.tradeoff.core.kernel.Simulation;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.List;

/**
 * The deploy controller: it installs the new release on each cell's target nodes as the {@link
 * DeployPlan} says (every cell at once, one cell per step, or a canary cell first), and, with
 * rollback on, watches every cell that has it. Every {@link #TICK_NANOS} it takes the cell's error
 * rate over the last window — the share of requests the routers sent to it in the window that were
 * not answered OK in it ({@link CellTally}), judged once the window holds at least {@link
 * #MIN_REQUESTS} requests — and when one crosses the threshold it stops the rollout and, after the
 * rollback time, puts the old release back on every cell that got the new one.
 *
 * <p>Idealised as the deploy system outside the simulated network: it acts through the kernel (the
 * node's installed release), on the routers' counts, at the ticks of true time. Figures: time to
 * detect (first deploy to the decision) and time to roll back (decision to the old release running
 * everywhere again), in seconds, known from then on.
 */
final class Rollout {
  /** How often the controller looks at the error rates. */
  static final long TICK_NANOS = 100_000_000L;

  /** Requests a window must hold before its error rate is judged. */
  static final long MIN_REQUESTS = 20;

  private final DeployPlan plan;
  private final List<List<Integer>> targets; // node ids per cell
  private final CellTally tally;
  private final boolean[] exposed;
  private final long[] exposedAtNanos;
  private final List<LongArrayList> sentAt = new ArrayList<>(); // per cell, per tick
  private final List<LongArrayList> okAt = new ArrayList<>();
  private Simulation sim;
  private long firstNanos = -1;
  private long detectedNanos = -1;
  private long restoredNanos = -1;
  private double lastRate = Double.NaN;

  Rollout(DeployPlan plan, List<List<Integer>> targets, CellTally tally) {
    this.plan = plan;
    this.targets = targets;
    this.tally = tally;
    exposed = new boolean[targets.size()];
    exposedAtNanos = new long[targets.size()];
    for (int c = 0; c < targets.size(); c++) {
      sentAt.add(new LongArrayList());
      okAt.add(new LongArrayList());
    }
  }

  /** Schedules the rollout and its watch in {@code simulation}. */
  void addTo(Simulation simulation) {
    sim = simulation;
    if (!plan.deploys()) {
      return;
    }
    List<Integer> order = plan.order(targets.size());
    for (int i = 0; i < order.size(); i++) {
      int cell = order.get(i);
      sim.schedule(plan.stepAtNanos(i), () -> deploy(cell));
    }
    if (plan.rollback()) {
      sim.schedule(plan.atNanos(), this::tick);
    }
  }

  private void deploy(int cell) {
    if (detectedNanos >= 0) {
      return; // the rollout was stopped
    }
    for (int node : targets.get(cell)) {
      sim.deploy(node, plan.release());
    }
    exposed[cell] = true;
    exposedAtNanos[cell] = sim.nowNanos();
    if (firstNanos < 0) {
      firstNanos = sim.nowNanos();
    }
  }

  private void tick() {
    int window = (int) Math.max(1, plan.windowNanos() / TICK_NANOS);
    double worst = Double.NaN;
    boolean cross = false;
    for (int c = 0; c < exposed.length; c++) {
      LongArrayList sent = sentAt.get(c);
      LongArrayList ok = okAt.get(c);
      sent.add(tally.sent(c));
      ok.add(tally.ok(c));
      if (!exposed[c]) {
        continue;
      }
      int ticksExposed = (int) ((sim.nowNanos() - exposedAtNanos[c]) / TICK_NANOS);
      int back = Math.min(window, ticksExposed);
      int last = sent.size() - 1;
      if (back < 1) {
        continue;
      }
      long n = sent.getLong(last) - sent.getLong(last - back);
      long good = ok.getLong(last) - ok.getLong(last - back);
      if (n < MIN_REQUESTS) {
        continue;
      }
      double rate = Math.max(0, 1 - (double) good / n);
      worst = Double.isNaN(worst) ? rate : Math.max(worst, rate);
      cross |= rate > plan.threshold();
    }
    lastRate = worst;
    if (cross && detectedNanos < 0) {
      detectedNanos = sim.nowNanos();
      sim.schedule(sim.nowNanos() + plan.rollbackNanos(), this::rollBack);
    }
    if (restoredNanos < 0) {
      sim.schedule(sim.nowNanos() + TICK_NANOS, this::tick);
    }
  }

  private void rollBack() {
    for (int c = 0; c < exposed.length; c++) {
      if (exposed[c]) {
        for (int node : targets.get(c)) {
          sim.deploy(node, Release.BASELINE);
        }
        exposed[c] = false;
      }
    }
    restoredNanos = sim.nowNanos();
  }

  /** Cells running the new release now. */
  int cellsOnNew() {
    int n = 0;
    for (boolean e : exposed) {
      n += e ? 1 : 0;
    }
    return n;
  }

  /** The worst error rate among watched cells at the last tick; NaN when none was judged. */
  double observedErrorRate() {
    return lastRate;
  }

  /** When the first cell got the release, or -1. */
  long firstDeployNanos() {
    return firstNanos;
  }

  /** When the incident ended: the rollback, or {@code Long.MAX_VALUE} if none. */
  long restoredNanos() {
    return restoredNanos < 0 ? Long.MAX_VALUE : restoredNanos;
  }

  /** Seconds from the first deploy to the rollback decision; NaN until decided. */
  double timeToDetectSeconds() {
    return detectedNanos < 0 ? Double.NaN : (detectedNanos - firstNanos) / 1e9;
  }

  /** Seconds from the decision to the old release everywhere; NaN until done. */
  double timeToRollBackSeconds() {
    return restoredNanos < 0 ? Double.NaN : (restoredNanos - detectedNanos) / 1e9;
  }
}
