package dev.tradeoff.core;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The version of the software a node runs, as a fault: the kernel holds one per node ({@code
 * Simulation.deploy}), nodes read it through {@link Context#release()}. Version 0 is the baseline,
 * which does nothing. A newer version may fail a share of the requests it serves, add service time
 * to every job (the kernel adds it, so every node honours it), or crash its process on requests for
 * a share of the keys ("poison" inputs), after which a supervisor restarts it. Request-serving
 * nodes honour errors and crashes by asking {@link #effect} once per request.
 *
 * @param version the version number; 0 is the baseline
 * @param errorRate the share of requests the version fails, in [0, 1]
 * @param addedNanos service time added to every job the node's CPU runs
 * @param crashShare the share of keys whose requests crash the process, in [0, 1]
 * @param restartNanos how long after such a crash the supervisor restarts the process
 */
public record Release(
    int version, double errorRate, long addedNanos, double crashShare, long restartNanos) {
  /** The baseline: version 0, no errors, no added time, no crashes. */
  public static final Release BASELINE = new Release(0, 0, 0, 0, 0);

  /** What a release does with one request. */
  public enum Effect {
    /** Serve it as usual. */
    SERVE,
    /** Answer it with a failure. */
    ERROR,
    /** Crash the process (the node has called {@link Context#crash()}); answer nothing. */
    CRASH
  }

  /** Checks the ranges. */
  public Release {
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0, got " + version);
    }
    if (!(errorRate >= 0 && errorRate <= 1) || !(crashShare >= 0 && crashShare <= 1)) {
      throw new IllegalArgumentException("error rate and crash share must be in [0, 1]");
    }
    if (addedNanos < 0 || restartNanos < 0) {
      throw new IllegalArgumentException("added time and restart delay must be >= 0");
    }
  }

  /** Whether this is the baseline's behaviour (whatever its number): nothing to honour. */
  public boolean harmless() {
    return errorRate == 0 && addedNanos == 0 && crashShare == 0;
  }

  /**
   * Whether requests for {@code key} crash this version: a fixed share of keys, the same for every
   * node and run (a hash of the key, not a random draw), as a poison input would be.
   */
  public boolean crashes(long key) {
    if (crashShare == 0) {
      return false;
    }
    long z = key + 0x9E3779B97F4A7C15L; // SplitMix64's finaliser
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53 < crashShare;
  }

  /**
   * What this version does with a request for {@code key}, drawing from {@code random} only when
   * the version has an error rate (so the baseline leaves a run's draws as they were).
   */
  public Effect effect(long key, UniformRandomProvider random) {
    if (crashes(key)) {
      return Effect.CRASH;
    }
    if (errorRate > 0 && random.nextDouble() < errorRate) {
      return Effect.ERROR;
    }
    return Effect.SERVE;
  }
}
