package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.kernel.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Service}'s poison-pill customers at work: from {@code poisonFrom} on, the instance that
 * starts working on one of their requests crashes as a crash fault crashes it ({@link
 * Simulation#crash}: its queue, work in progress and timers are lost, and messages to it are
 * dropped while it is down), and, with a restart delay, comes back that long after as a fresh
 * instance. Keeps every such crash, and whether the crashed instance served a poison customer at
 * all: it must, unless the balancer falls back to instances outside the customer's own.
 */
final class PoisonPill {
  /**
   * One crash a poison request caused: of instance {@code instance} at {@code atNanos}; {@code
   * contained} when the instance serves a poison customer.
   */
  record Crash(int instance, long atNanos, boolean contained) {}

  private final Shards shards;
  private final Simulation sim;
  private final int[] ids;
  private final Runnable afterCrash;
  // Instances down by a poison request and not restarted since (by us or anyone else).
  private final boolean[] poisoned;
  private final List<Crash> crashes = new ArrayList<>();

  /**
   * The poison pills of {@code shards} among the instances {@code ids} of {@code sim}; {@code
   * afterCrash} runs right after each crash.
   */
  PoisonPill(Shards shards, Simulation sim, int[] ids, Runnable afterCrash) {
    this.shards = shards;
    this.sim = sim;
    this.ids = ids.clone();
    this.afterCrash = afterCrash;
    this.poisoned = new boolean[ids.length];
  }

  /** Whether poison requests crash instances now. */
  boolean armed() {
    return sim.nowNanos() >= shards.poisonFromNanos();
  }

  /** Instance {@code instance} started work on a poison request: it crashes now. */
  void struck(int instance) {
    crashes.add(new Crash(instance, sim.nowNanos(), servesPoison(instance)));
    poisoned[instance] = true;
    sim.crash(ids[instance]);
    long delay = shards.poisonRestartNanos();
    if (delay > 0) {
      sim.schedule(sim.nowNanos() + delay, () -> restart(instance));
    }
    afterCrash.run();
  }

  private void restart(int instance) {
    // Not if it came back meanwhile: a later crash is someone else's to undo.
    if (poisoned[instance] && !sim.isUp(ids[instance])) {
      sim.restart(ids[instance]);
    }
  }

  /** Instance {@code instance} (re)started. */
  void started(int instance) {
    poisoned[instance] = false;
  }

  private boolean servesPoison(int instance) {
    for (int c = 0; c < shards.poisonTenants(); c++) {
      if (shards.assignment().serves(c, instance)) {
        return true;
      }
    }
    return false;
  }

  /** The crashes so far, in order. */
  List<Crash> crashes() {
    return List.copyOf(crashes);
  }
}
