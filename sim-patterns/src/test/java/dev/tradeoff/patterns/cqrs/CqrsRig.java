package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.HistoryCheckers;
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
 * A whole run of the {@code cqrs} pattern for tests: the pattern's defaults with overrides, eight
 * clients at 400 operations/s (half writes) over 100 keys for {@code seconds}, then three quiet
 * seconds for the projection to catch up, and whatever faults {@code faults} schedules.
 */
final class CqrsRig {
  static final long MS = 1_000_000L;
  static final long S = 1_000 * MS;

  final Simulation sim;
  final CqrsSystem system;

  private CqrsRig(Simulation sim, CqrsSystem system) {
    this.sim = sim;
    this.system = system;
  }

  /** The pattern's defaults, with {@code overrides} (durations in nanoseconds as Long). */
  static Config config(Map<String, Object> overrides) {
    return PatternDefaults.config(new Cqrs(), overrides);
  }

  static CqrsRig run(
      long seed, long seconds, Map<String, Object> overrides, Consumer<Simulation> faults) {
    return run(seed, seconds, 400, 0.5, overrides, faults);
  }

  /**
   * As {@link #run(long, long, Map, Consumer)} at {@code rate} operations/s, {@code reads} reads.
   */
  static CqrsRig run(
      long seed,
      long seconds,
      double rate,
      double reads,
      Map<String, Object> overrides,
      Consumer<Simulation> faults) {
    return run(seed, seconds, rate, reads, 100, overrides, faults);
  }

  /** As {@link #run(long, long, double, double, Map, Consumer)} over {@code keys} keys. */
  static CqrsRig run(
      long seed,
      long seconds,
      double rate,
      double reads,
      int keys,
      Map<String, Object> overrides,
      Consumer<Simulation> faults) {
    Simulation sim = new Simulation(seed);
    sim.network()
        .defaultLatency(Distribution.shifted(0.2 * MS, Distribution.exponential(0.3 * MS)));
    Config c = config(overrides);
    String[] problem = new Cqrs().validate(c);
    if (problem != null) {
      throw new IllegalArgumentException(problem[0] + ": " + problem[1]);
    }
    CqrsSystem system = (CqrsSystem) new Cqrs().build(c);
    system.addTo(sim);
    new Workload(
            8,
            Arrivals.poisson(rate),
            reads,
            KeyDistribution.uniform(keys),
            List.of(),
            S,
            seconds * S,
            system::client)
        .addTo(sim, "clients");
    faults.accept(sim);
    sim.runUntil((seconds + 3) * S);
    return new CqrsRig(sim, system);
  }

  /**
   * A run at 200 commands and 200 queries a second over 20 keys with {@code readYourWrites} set to
   * {@code mode}: clients often read back what they wrote.
   */
  static CqrsRig run(long seed, long seconds, Consumer<Simulation> faults, String mode) {
    return run(seed, seconds, 400, 0.5, 20, Map.of("readYourWrites", mode), faults);
  }

  /** The pattern's checker {@code name}, run after the run. */
  CheckResult check(String name) {
    return system.checker(name).orElseThrow().check(sim.history());
  }

  /** The history checker {@code name} (read-your-writes, staleness, …), run after the run. */
  CheckResult history(String name) {
    return HistoryCheckers.create(name).orElseThrow().check(sim.history());
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

  /** Crashes {@code node} at each of {@code atSeconds}, restarting it {@code downMs} later. */
  static Consumer<Simulation> crashes(String node, long downMs, double... atSeconds) {
    return sim -> {
      int id = sim.nodeId(node);
      for (double at : atSeconds) {
        long t = (long) (at * S);
        sim.schedule(t, () -> sim.crash(id, true));
        sim.schedule(t + downMs * MS, () -> sim.restart(id));
      }
    };
  }
}
