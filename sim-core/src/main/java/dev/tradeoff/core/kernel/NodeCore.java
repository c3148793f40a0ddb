package dev.tradeoff.core.kernel;

import dev.tradeoff.core.Node;
import dev.tradeoff.core.random.RandomStream;

/**
 * The fields of a node's runtime that nearly every event reads, in one place at the start of the
 * object: the node's network stream, which the network draws the latency of every message the node
 * sends from (this object is that stream), and then the node's state. The JVM lays out a
 * superclass's fields before a subclass's, so they sit on the object's first cache lines, ahead of
 * the CPU model's counters and the cold references of {@link NodeRuntime}. With tens of thousands
 * of nodes, each line of a node's state an event reads is a cache miss.
 *
 * <p>The node's own stream, the one {@link dev.tradeoff.core.Context#random()} hands out, is a
 * {@link RandomStream} of its own: samplers shared by many streams (commons-rng's, bound to
 * whichever stream a model passes) then see two classes of stream, the network's {@link
 * StreamSwitch} and {@link RandomStream}, and the JIT inlines both. Handing out this object as well
 * made a third, and M/M/1 lost 5 to 8%.
 */
abstract class NodeCore extends RandomStream {
  final Simulation sim;
  Node instance;
  final RandomStream random;
  // Null while the node's clock reads true time: most nodes' clocks are never skewed.
  LocalClock clock;
  final int id;
  final int zone;
  int incarnation;
  boolean down;
  boolean paused;

  NodeCore(Simulation sim, int id, int zone, String name) {
    super(sim.randomStreams().fork("net/" + name));
    this.sim = sim;
    this.id = id;
    this.zone = zone;
    this.random = sim.randomStreams().fork("node/" + name);
  }

  /** The node's clock, made when a fault first needs it; until then it read true time. */
  final LocalClock clock() {
    if (clock == null) {
      clock = new LocalClock();
    }
    return clock;
  }
}
