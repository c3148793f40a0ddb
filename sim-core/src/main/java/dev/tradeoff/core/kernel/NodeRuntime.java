package dev.tradeoff.core.kernel;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.Release;
import dev.tradeoff.core.metrics.Recorder;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The kernel's side of one node: lifecycle, clock, disk, CPU ({@link NodeCpu}), and the {@link
 * Context} it hands out.
 */
final class NodeRuntime implements Context {
  // The fields an event reads come first: the JVM lays out references in declaration order after
  // the primitives, so these share the object's first cache line or two (see NodeCpu).
  final Simulation sim;
  final int id;
  final int zone;
  int incarnation;
  boolean down;
  boolean paused;
  Node instance;
  final LocalClock clock = new LocalClock();
  final UniformRandomProvider random;
  final UniformRandomProvider networkRandom;

  final NodeSpec spec;
  final SyncedDisk disk = new SyncedDisk();
  // Looked up by purpose only, never iterated.
  private final java.util.Map<String, UniformRandomProvider> purposeRandoms =
      new java.util.TreeMap<>();
  // The network draws from three streams per sender, so that switching loss or duplication on
  // for a while does not shift every later latency draw: runs that differ by one fault stay paired.
  final UniformRandomProvider lossRandom;
  final UniformRandomProvider duplicationRandom;
  final NodeCpu cpu;

  /** Events that fell due while the node was paused, in the order they fell due. */
  final List<Deferred> deferred = new ArrayList<>();

  long pauseStartNanos;
  long pausedUntilNanos;
  int restarts;

  NodeRuntime(Simulation sim, int id, NodeSpec spec, int zone) {
    this.sim = sim;
    this.id = id;
    this.spec = spec;
    this.zone = zone;
    this.random = sim.randomStreams().fork("node/" + spec.name());
    this.networkRandom = sim.randomStreams().fork("net/" + spec.name());
    this.lossRandom = sim.randomStreams().fork("net-loss/" + spec.name());
    this.duplicationRandom = sim.randomStreams().fork("net-dup/" + spec.name());
    this.cpu =
        new NodeCpu(
            this,
            spec,
            spec.serviceTimeNanos().sampler(sim.randomStreams().fork("cpu/" + spec.name())));
  }

  void start() {
    instance = spec.factory().get();
    instance.onStart(this);
  }

  void crash(long nowNanos, boolean loseUnsyncedWrites) {
    down = true;
    paused = false;
    instance = null;
    incarnation++;
    cpu.crash(nowNanos);
    disk.crash(loseUnsyncedWrites);
  }

  // ---- Context ----

  @Override
  public int self() {
    return id;
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public int nodeId(String name) {
    return sim.nodeId(name);
  }

  @Override
  public String nodeName(int id) {
    return sim.nodeName(id);
  }

  @Override
  public long localNanos() {
    return clock.localNanos(sim.nowNanos());
  }

  @Override
  public void send(int to, Object message) {
    sim.network().send(this, to, message);
  }

  @Override
  public long setTimer(long delayLocalNanos, Object payload) {
    return sim.setTimer(this, delayLocalNanos, payload);
  }

  @Override
  public boolean cancelTimer(long timerId) {
    return sim.cancelTimer(this, timerId);
  }

  @Override
  public boolean process(Object job) {
    return cpu.submit(sim.nowNanos(), cpu.drawCostNanos(), job);
  }

  @Override
  public boolean process(long costNanos, Object job) {
    if (costNanos < 0) {
      throw new IllegalArgumentException("service time must be >= 0, got " + costNanos);
    }
    return cpu.submit(sim.nowNanos(), costNanos, job);
  }

  @Override
  public Release release() {
    return cpu.release;
  }

  @Override
  public void crash() {
    sim.crashFromInside(this);
  }

  @Override
  public Disk disk() {
    return disk;
  }

  @Override
  public UniformRandomProvider random() {
    return random;
  }

  @Override
  public UniformRandomProvider random(String purpose) {
    return purposeRandoms.computeIfAbsent(
        purpose, p -> sim.randomStreams().fork("node/" + spec.name() + "/" + p));
  }

  @Override
  public Recorder metrics() {
    return sim.metrics();
  }

  // ---- CPU ----

  void jobDone(long nowNanos, Object job) {
    cpu.finish(nowNanos);
    instance.onProcessed(job);
  }

  CpuStats cpuStats(long nowNanos) {
    return cpu.stats(nowNanos, down);
  }

  /** An event held back by a pause: its header, its auxiliary word and its payload. */
  record Deferred(long header, long aux, Object payload) {}
}
