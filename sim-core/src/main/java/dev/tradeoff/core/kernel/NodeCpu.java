package dev.tradeoff.core.kernel;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.Release;
import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * One node's CPU: its workers, a FIFO of waiting jobs, the slow-down and release in force, and the
 * time integrals of busy workers and queue length from which utilisation is reported. It lives
 * apart from {@link NodeRuntime} so that the fields every event reads stay within a cache line or
 * two of the runtime's header; a CPU is touched only by nodes that process jobs.
 */
final class NodeCpu {
  private final NodeRuntime owner;
  private final int workers;
  private final int queueCapacity;
  private final ContinuousSampler serviceTime;
  double serviceScale = 1.0;
  Release release = Release.BASELINE;

  private int busyWorkers;
  private long[] queuedCosts = new long[16];
  private Object[] queuedJobs = new Object[16];
  private int queueHead;
  private int queueSize;
  private long accepted;
  private long rejected;
  private long waited;
  private long completed;
  private long lastChangeNanos;
  private double busyIntegral;
  private double queueIntegral;

  NodeCpu(NodeRuntime owner, NodeSpec spec, ContinuousSampler serviceTime) {
    this.owner = owner;
    this.workers = spec.workers();
    this.queueCapacity = spec.queueCapacity();
    this.serviceTime = serviceTime;
  }

  /** A service time drawn from the node's model, in nanoseconds (before any slow-down). */
  long drawCostNanos() {
    return Math.max(0L, Math.round(serviceTime.sample()));
  }

  /**
   * Takes {@code job}, costing {@code costNanos} before slow-down, at {@code nowNanos}: a free
   * worker starts it (its completion is scheduled), else it waits in the queue; returns false if
   * the queue is full and the job is refused. Queued work is scaled when it starts: a node slowed
   * down (or sped up again) while work waits runs that work at the speed in force when a worker
   * takes it.
   */
  boolean submit(long nowNanos, long costNanos, Object job) {
    if (busyWorkers < workers) {
      integrate(nowNanos);
      busyWorkers++;
      accepted++;
      owner.sim.scheduleJob(owner, Simulation.saturatedAdd(nowNanos, scaled(costNanos)), job);
      return true;
    }
    if (queueSize >= queueCapacity) {
      rejected++;
      return false;
    }
    integrate(nowNanos);
    enqueue(costNanos, job);
    accepted++;
    waited++;
    return true;
  }

  /** Ends a job at {@code nowNanos}; a worker freed by it takes the first waiting job, if any. */
  void finish(long nowNanos) {
    integrate(nowNanos);
    completed++;
    if (queueSize == 0) {
      busyWorkers--;
      return;
    }
    long cost = scaled(queuedCosts[queueHead]);
    Object next = queuedJobs[queueHead];
    queuedJobs[queueHead] = null;
    queueHead = (queueHead + 1) & (queuedJobs.length - 1);
    queueSize--;
    owner.sim.scheduleJob(owner, Simulation.saturatedAdd(nowNanos, cost), next);
  }

  /** Drops every job, running or waiting, as a crash at {@code nowNanos} does. */
  void crash(long nowNanos) {
    integrate(nowNanos);
    busyWorkers = 0;
    Arrays.fill(queuedJobs, null);
    queueSize = 0;
    queueHead = 0;
  }

  /** Statistics at {@code nowNanos}; the integrals run on to now unless the node is down. */
  CpuStats stats(long nowNanos, boolean down) {
    if (!down) {
      integrate(nowNanos);
    }
    return new CpuStats(
        workers,
        busyWorkers,
        queueSize,
        accepted,
        rejected,
        waited,
        completed,
        busyIntegral,
        queueIntegral);
  }

  private long scaled(long costNanos) {
    long scaled = serviceScale == 1.0 ? costNanos : Math.round(costNanos * serviceScale);
    return Simulation.saturatedAdd(scaled, release.addedNanos());
  }

  private void enqueue(long cost, Object job) {
    if (queueSize == queuedJobs.length) {
      int capacity = queuedJobs.length * 2;
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
}
