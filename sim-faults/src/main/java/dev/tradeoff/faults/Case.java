package dev.tradeoff.faults;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One run to test or shrink: the seed of the run, the fault schedule installed into it, the
 * workload's size — the run's length and the number of clients the simulation builder should create
 * — and the generated system parameters (replicas, timeouts, key counts, as the property declares
 * them). A value: equal cases give equal runs.
 *
 * @param seed the simulation's seed
 * @param schedule the faults, installed before the run starts
 * @param runNanos how long the run lasts, true nanoseconds, {@code > 0}
 * @param clients how many clients the workload has, {@code >= 1}; builders that have no clients
 *     ignore it
 * @param parameters each generated parameter's value, by name (sorted); empty when the property
 *     declares none
 */
public record Case(
    long seed,
    FaultSchedule schedule,
    long runNanos,
    int clients,
    SortedMap<String, Long> parameters) {

  /** Validates the run length and client count; copies the parameters. */
  public Case {
    Objects.requireNonNull(schedule, "schedule");
    if (runNanos <= 0) {
      throw new IllegalArgumentException("case: runNanos must be > 0, got " + runNanos);
    }
    if (clients < 1) {
      throw new IllegalArgumentException("case: clients must be >= 1, got " + clients);
    }
    parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
  }

  /** A case without generated parameters. */
  public Case(long seed, FaultSchedule schedule, long runNanos, int clients) {
    this(seed, schedule, runNanos, clients, new TreeMap<>());
  }

  /** A case with one client and without generated parameters. */
  public Case(long seed, FaultSchedule schedule, long runNanos) {
    this(seed, schedule, runNanos, 1);
  }

  /**
   * The value of the generated parameter {@code name}.
   *
   * @throws IllegalArgumentException if the property declares no such parameter
   */
  public long parameter(String name) {
    Long value = parameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "case: no parameter \"" + name + "\"; the property declares " + parameters.keySet());
    }
    return value;
  }

  /** This case with another schedule. */
  public Case withSchedule(FaultSchedule newSchedule) {
    return new Case(seed, newSchedule, runNanos, clients, parameters);
  }

  /** This case with another run length. */
  public Case withRunNanos(long newRunNanos) {
    return new Case(seed, schedule, newRunNanos, clients, parameters);
  }

  /** This case with another number of clients. */
  public Case withClients(int newClients) {
    return new Case(seed, schedule, runNanos, newClients, parameters);
  }

  /** This case with the parameter {@code name} set to {@code value}. */
  public Case withParameter(String name, long value) {
    TreeMap<String, Long> copy = new TreeMap<>(parameters);
    copy.put(Objects.requireNonNull(name, "name"), value);
    return new Case(seed, schedule, runNanos, clients, copy);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append("seed ").append(seed).append(", run ").append(Text.duration(runNanos));
    if (clients != 1) {
      out.append(", ").append(clients).append(" clients");
    }
    for (Map.Entry<String, Long> p : parameters.entrySet()) {
      out.append(", ").append(p.getKey()).append('=').append(p.getValue());
    }
    out.append(", ").append(schedule.size()).append(" fault events");
    if (!schedule.isEmpty()) {
      out.append(":\n").append(schedule);
    }
    return out.toString();
  }
}
