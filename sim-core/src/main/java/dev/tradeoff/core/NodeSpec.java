package dev.tradeoff.core;

import dev.tradeoff.core.random.Distribution;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How to build a node: its unique name, its zone, the factory called at start and at every restart,
 * and its CPU (workers, queue capacity and default service-time model in nanoseconds).
 *
 * <p>The default CPU has one worker, an unbounded queue and zero service time, so a node that never
 * calls {@link Context#process} pays nothing for it.
 */
public record NodeSpec(
    String name,
    String zone,
    Supplier<? extends Node> factory,
    int workers,
    int queueCapacity,
    Distribution serviceTimeNanos) {

  /** Validates every field. */
  public NodeSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(serviceTimeNanos, "serviceTimeNanos");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("node name must not be empty");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("node " + name + ": workers must be >= 1, got " + workers);
    }
    if (queueCapacity < 0) {
      throw new IllegalArgumentException(
          "node " + name + ": queueCapacity must be >= 0, got " + queueCapacity);
    }
  }

  /** A node with the default CPU. */
  public static NodeSpec of(String name, String zone, Supplier<? extends Node> factory) {
    return new NodeSpec(name, zone, factory, 1, Integer.MAX_VALUE, Distribution.constant(0));
  }

  /**
   * This spec with {@code workers} workers, a queue of {@code queueCapacity} and a service model.
   */
  public NodeSpec cpu(int workers, int queueCapacity, Distribution serviceTimeNanos) {
    return new NodeSpec(name, zone, factory, workers, queueCapacity, serviceTimeNanos);
  }
}
