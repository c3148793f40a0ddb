package dev.tradeoff.core;

import dev.tradeoff.core.metrics.Recorder;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Everything a {@link Node} may do to the world. One context belongs to one node and outlives its
 * incarnations; what it returns reflects the node's current incarnation.
 */
public interface Context {

  /** This node's id. */
  int self();

  /** This node's name. */
  String name();

  /** The name of node {@code id}; throws if there is none. */
  String nodeName(int id);

  /** The id of the node called {@code name}; throws if there is none. */
  int nodeId(String name);

  /**
   * This node's local clock reading in nanoseconds. It drifts, may be offset and may jump; true
   * time is known only to the kernel.
   */
  long localNanos();

  /**
   * Sends {@code message} to node {@code to}. The network decides when it arrives, whether at all,
   * and whether twice.
   */
  void send(int to, Object message);

  /**
   * Sets a timer that fires after {@code delayLocalNanos} of this node's local clock, so a fast
   * clock fires it early in true time. Returns its id, unique within the run.
   */
  long setTimer(long delayLocalNanos, Object payload);

  /**
   * Cancels a timer this incarnation set; returns whether it was still pending. Unknown, fired or
   * already cancelled ids return {@code false}.
   */
  boolean cancelTimer(long timerId);

  /**
   * Submits {@code job} to this node's CPU with a service time of {@code costNanos}: it waits for
   * one of the node's workers, holds it for the service time, then {@link Node#onProcessed} is
   * called. Returns {@code false}, and counts a rejection, when the CPU's queue is full.
   */
  boolean process(long costNanos, Object job);

  /**
   * {@link #process(long, Object)} with a service time drawn from the node's service-time model.
   */
  boolean process(Object job);

  /** This node's disk; survives crashes up to what was synced. */
  Disk disk();

  /** This node's own random stream, forked from the run seed by the node's name. */
  UniformRandomProvider random();

  /**
   * This node's stream for one kind of decision ({@code "arrivals"}, {@code "keys"}, {@code
   * "routing"} …), forked from the run seed by the node's name and {@code purpose}: draws for one
   * decision never shift another's, so two variants of a seed that differ in one decision (read
   * routing, say) still see the same arrivals and keys — common random numbers. Every call with the
   * same purpose returns the same generator, which lives as long as the run (a restarted node
   * continues it, as it continues {@link #random()}).
   */
  UniformRandomProvider random(String purpose);

  /** Where this node records what it measures (operations, gauges); not the metrics' controls. */
  Recorder metrics();

  /**
   * The release this node runs ({@link Release#BASELINE} unless the kernel deployed another); it
   * survives crashes, as an installed binary does.
   */
  default Release release() {
    return Release.BASELINE;
  }

  /**
   * Crashes this node's process from inside, as a fatal error in the running release would: the
   * crash takes effect at this instant once the current handler returns (messages it sent are sent;
   * events already due at this same instant may still reach the node), the node's disk keeps what
   * the operating system flushed, and the kernel restarts the node after its release's {@link
   * Release#restartNanos()}. The handler should do nothing more for the request that crashed it.
   */
  default void crash() {
    throw new UnsupportedOperationException("this context cannot crash its node");
  }
}
