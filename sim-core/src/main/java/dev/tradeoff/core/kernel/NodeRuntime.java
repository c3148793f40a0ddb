package dev.tradeoff.core.kernel;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.Release;
import dev.tradeoff.core.metrics.Recorder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The kernel's side of one node: lifecycle, clock, disk, CPU, and the {@link Context} it hands out.
 */
final class NodeRuntime extends NodeCore implements Context {
  private static final long[] NO_COSTS = new long[0];
  private static final Object[] NO_JOBS = new Object[0];

  final NodeSpec spec;
  // What most nodes of a large model never use is made on first use, so that a node takes a few
  // hundred bytes and the state its events read sits closer together. Every stream is forked by
  // name, so when it is made changes none of its draws.
  private SyncedDisk disk;
  // Looked up by purpose only, never iterated.
  private java.util.Map<String, UniformRandomProvider> purposeRandoms;
  // The network draws latency from this object's stream and loss and duplication from these two,
  // so that switching loss or duplication on for a while does not shift every later latency draw:
  // runs that differ by one fault stay paired.
  private UniformRandomProvider lossRandom;
  private UniformRandomProvider duplicationRandom;

  /** Events that fell due while the node was paused, in the order they fell due. */
  final List<Deferred> deferred = new ArrayList<>();

  private ContinuousSampler serviceTime;

  long pauseStartNanos;
  long pausedUntilNanos;
  int restarts;
  double serviceScale = 1.0;
  Release release = Release.BASELINE;

  // CPU: workers, a FIFO of waiting jobs, and time integrals for utilisation and queue length.
  private int busyWorkers;
  private long[] queuedCosts = NO_COSTS;
  private Object[] queuedJobs = NO_JOBS;
  private int queueHead;
  private int queueSize;
  private long accepted;
  private long rejected;
  private long waited;
  private long completed;
  private long lastChangeNanos;
  private double busyIntegral;
  private double queueIntegral;

  NodeRuntime(Simulation sim, int id, NodeSpec spec, int zone) {
    super(sim, id, zone, spec.name());
    this.spec = spec;
  }

  /** The stream the network draws this node's message losses from. */
  UniformRandomProvider lossRandom() {
    if (lossRandom == null) {
      lossRandom = sim.randomStreams().fork("net-loss/" + spec.name());
    }
    return lossRandom;
  }

  /** The stream the network draws this node's duplicated messages from. */
  UniformRandomProvider duplicationRandom() {
    if (duplicationRandom == null) {
      duplicationRandom = sim.randomStreams().fork("net-dup/" + spec.name());
    }
    return duplicationRandom;
  }

  void start() {
    instance = spec.factory().get();
    instance.onStart(this);
  }

  void crash(long nowNanos, boolean loseUnsyncedWrites) {
    integrate(nowNanos);
    down = true;
    paused = false;
    instance = null;
    incarnation++;
    busyWorkers = 0;
    Arrays.fill(queuedJobs, null);
    queueSize = 0;
    queueHead = 0;
    if (disk != null) {
      disk.crash(loseUnsyncedWrites);
    }
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
    long now = sim.nowNanos();
    return clock == null ? now : clock.localNanos(now);
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
    if (serviceTime == null) {
      serviceTime = spec.serviceTimeNanos().sampler(sim.randomStreams().fork("cpu/" + spec.name()));
    }
    return process(Math.max(0L, Math.round(serviceTime.sample())), job);
  }

  private long scaled(long costNanos) {
    long scaled = serviceScale == 1.0 ? costNanos : Math.round(costNanos * serviceScale);
    return Simulation.saturatedAdd(scaled, release.addedNanos());
  }

  @Override
  public boolean process(long costNanos, Object job) {
    if (costNanos < 0) {
      throw new IllegalArgumentException("service time must be >= 0, got " + costNanos);
    }
    long cost = scaled(costNanos);
    long now = sim.nowNanos();
    if (busyWorkers < spec.workers()) {
      integrate(now);
      busyWorkers++;
      accepted++;
      sim.scheduleJob(this, Simulation.saturatedAdd(now, cost), job);
      return true;
    }
    if (queueSize >= spec.queueCapacity()) {
      rejected++;
      return false;
    }
    integrate(now);
    // Queued work is scaled when it starts: a node slowed down (or sped up again) while work waits
    // runs that work at the speed in force when a worker takes it.
    enqueue(costNanos, job);
    accepted++;
    waited++;
    return true;
  }

  @Override
  public Release release() {
    return release;
  }

  @Override
  public void crash() {
    sim.crashFromInside(this);
  }

  @Override
  public Disk disk() {
    if (disk == null) {
      disk = new SyncedDisk();
    }
    return disk;
  }

  @Override
  public UniformRandomProvider random() {
    return random;
  }

  @Override
  public UniformRandomProvider random(String purpose) {
    if (purposeRandoms == null) {
      purposeRandoms = new java.util.TreeMap<>();
    }
    return purposeRandoms.computeIfAbsent(
        purpose, p -> sim.randomStreams().fork("node/" + spec.name() + "/" + p));
  }

  @Override
  public Recorder metrics() {
    return sim.metrics();
  }

  // ---- CPU ----

  void jobDone(long nowNanos, Object job) {
    integrate(nowNanos);
    completed++;
    if (queueSize > 0) {
      long cost = scaled(queuedCosts[queueHead]);
      Object next = queuedJobs[queueHead];
      queuedJobs[queueHead] = null;
      queueHead = (queueHead + 1) & (queuedJobs.length - 1);
      queueSize--;
      sim.scheduleJob(this, Simulation.saturatedAdd(nowNanos, cost), next);
    } else {
      busyWorkers--;
    }
    instance.onProcessed(job);
  }

  CpuStats cpuStats(long nowNanos) {
    if (!down) {
      integrate(nowNanos);
    }
    return new CpuStats(
        spec.workers(),
        busyWorkers,
        queueSize,
        accepted,
        rejected,
        waited,
        completed,
        busyIntegral,
        queueIntegral);
  }

  private void enqueue(long cost, Object job) {
    if (queueSize == queuedJobs.length) {
      int capacity = Math.max(16, queuedJobs.length * 2);
      long[] costs = new long[capacity];
      Object[] jobs = new Object[capacity];
      for (int i = 0; i < queueSize; i++) {
        int from = (queueHead + i) & (queuedJobs.length - 1);
        costs[i] = queuedCosts[from];
        jobs[i] = queuedJobs[from];
      }
      queuedCosts = costs;
      queuedJobs = jobs;
      queueHead = 0;
    }
    int tail = (queueHead + queueSize) & (queuedJobs.length - 1);
    queuedCosts[tail] = cost;
    queuedJobs[tail] = job;
    queueSize++;
  }

  private void integrate(long nowNanos) {
    long elapsed = nowNanos - lastChangeNanos;
    if (elapsed > 0) {
      busyIntegral += (double) busyWorkers * elapsed;
      queueIntegral += (double) queueSize * elapsed;
    }
    lastChangeNanos = nowNanos;
  }

  /** An event held back by a pause: its header, its auxiliary word and its payload. */
  record Deferred(long header, long aux, Object payload) {}
}
