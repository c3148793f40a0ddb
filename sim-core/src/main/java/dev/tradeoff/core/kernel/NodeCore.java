package dev.tradeoff.core.kernel;

import dev.tradeoff.core.Node;
import dev.tradeoff.core.random.PairedStreams;

/**
 * The fields of a node's runtime that nearly every event reads, in one place at the start of the
 * object: the node's own random stream (this object is that stream), its network stream (the second
 * of the pair, which the network draws latencies from) and then the node's state. The JVM lays out
 * a superclass's fields before a subclass's, so they sit on the object's first cache lines, ahead
 * of the CPU model's counters and the cold references of {@link NodeRuntime}. With tens of
 * thousands of nodes, each line of a node's state an event reads is a cache miss.
 */
abstract class NodeCore extends PairedStreams {
  final Simulation sim;
  Node instance;
  final LocalClock clock = new LocalClock();
  final int id;
  final int zone;
  int incarnation;
  boolean down;
  boolean paused;

  NodeCore(Simulation sim, int id, int zone, String name) {
    super(sim.randomStreams().fork("node/" + name), sim.randomStreams().fork("net/" + name));
    this.sim = sim;
    this.id = id;
    this.zone = zone;
  }
}
