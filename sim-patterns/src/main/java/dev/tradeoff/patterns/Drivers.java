package dev.tradeoff.patterns;

import dev.tradeoff.core.workload.StoreClient;

/**
 * Timers of several drivers hosted together (one per shard, one per cell): a host passes each of
 * its timers to the driver that owns it.
 */
public final class Drivers {
  private Drivers() {}

  /** Whether one of {@code drivers} owns the timer {@code payload}. */
  public static boolean own(StoreClient[] drivers, Object payload) {
    for (StoreClient d : drivers) {
      if (d.ownsTimer(payload)) {
        return true;
      }
    }
    return false;
  }

  /** Passes the timer {@code payload} to the driver that owns it; says whether one did. */
  public static boolean dispatch(StoreClient[] drivers, long timerId, Object payload) {
    for (StoreClient d : drivers) {
      if (d.ownsTimer(payload)) {
        d.onTimer(timerId, payload);
        return true;
      }
    }
    return false;
  }
}
