package dev.tradeoff.patterns.log;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.PatternDefaults;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A whole run of the {@code log} pattern for tests: the pattern's defaults with overrides, eight
 * clients at 400 operations/s (half writes) over 1,000 keys for {@code seconds}, then two quiet
 * seconds, and whatever faults {@code faults} schedules.
 */
final class LogRig {
  static final long MS = 1_000_000L;
  static final long S = 1_000 * MS;

  final Simulation sim;
  final LogCluster cluster;

  private LogRig(Simulation sim, LogCluster cluster) {
    this.sim = sim;
    this.cluster = cluster;
  }

  /** The pattern's defaults, with {@code overrides} (durations in nanoseconds as Long). */
  static Config config(Map<String, Object> overrides) {
    return PatternDefaults.config(new EventLog(), overrides);
  }

  static LogRig run(
      long seed, long seconds, Map<String, Object> overrides, Consumer<Simulation> faults) {
    return run(seed, seconds, 1_000, overrides, faults);
  }

  /** As {@link #run(long, long, Map, Consumer)} over {@code keys} keys. */
  static LogRig run(
      long seed,
      long seconds,
      int keys,
      Map<String, Object> overrides,
      Consumer<Simulation> faults) {
    Simulation sim = new Simulation(seed);
    sim.network()
        .defaultLatency(Distribution.shifted(0.2 * MS, Distribution.exponential(0.3 * MS)));
    LogCluster cluster = (LogCluster) new EventLog().build(config(overrides));
    cluster.addTo(sim);
    new Workload(
            8,
            Arrivals.poisson(400),
            0.5,
            KeyDistribution.uniform(keys),
            List.of(),
            S,
            seconds * S,
            cluster::client)
        .addTo(sim, "clients");
    faults.accept(sim);
    sim.runUntil((seconds + 2) * S);
    return new LogRig(sim, cluster);
  }

  CheckResult check(String checker) {
    return cluster.checker(checker).orElseThrow().check(sim.history());
  }

  long count(OpKind kind, OpStatus status) {
    long n = 0;
    for (int op = 0; op < sim.history().size(); op++) {
      if (sim.history().kind(op) == kind && sim.history().status(op) == status) {
        n++;
      }
    }
    return n;
  }

  int id(String name) {
    return sim.nodeId(name);
  }
}
