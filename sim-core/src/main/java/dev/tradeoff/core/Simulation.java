package dev.tradeoff.core;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.metrics.Metrics;
import dev.tradeoff.core.random.RandomStreams;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deterministic run: virtual time, the event queue, the nodes, the network, metrics and the
 * history. Also the handle through which faults act (crash, restart, pause, clocks, links).
 *
 * <p>Events are processed in {@code (time, sequence)} order and time jumps to the next event. Given
 * the same seed and the same calls, a run processes the same events in the same order, which {@link
 * #traceHash()} summarises. Nothing here reads the wall clock, draws unnamed randomness or starts a
 * thread. A simulation is not thread-safe; run many simulations in parallel instead.
 */
public final class Simulation {
  static final byte MESSAGE = 0;
  static final byte TIMER = 1;
  static final byte JOB = 2;
  static final byte ACTION = 3;
  static final byte START = 4;
  static final byte CANCELLED = 5;

  /** Bound on events queued at once, so slot arrays stay addressable by int. */
  private static final int MAX_PENDING_EVENTS = 1 << 28;

  /** Sentinel for "no incarnation check". */
  private static final int ANY_INCARNATION = -1;

  private final long seed;
  private final RandomStreams randomStreams;
  private final EventQueue queue = new EventQueue(1024);
  private final Network network;
  private final Metrics metrics;
  private final History history = new History();
  private final List<NodeRuntime> nodes = new ArrayList<>();
  private NodeRuntime[] runtimes = new NodeRuntime[16]; // the same, for the hot path
  private final Map<String, NodeRuntime> nodesByName = new LinkedHashMap<>();

  // Event slots. meta holds four ints per slot (kind, target, source, incarnation) so that one
  // event's fields share a cache line; a slot is free from pop until it is reused.
  private int[] meta = new int[4 * 1024];
  private long[] auxes = new long[1024];
  private Object[] payloads = new Object[1024];
  private int[] timerGenerations = new int[1024];
  private int[] freeSlots = new int[1024];
  private int freeCount;
  private int slotLimit;

  private long nowNanos;
  private long eventsProcessed;
  private long traceHash = 0x2545F4914F6CDD1DL;
  private TraceListener traceListener;
  private String replayCommand;
  private boolean running;
  private long runUntilNanos;
  private boolean samplingScheduled;
  private double[] sampledBusy = new double[0];
  private double[] sampledQueue = new double[0];

  /** A new, empty simulation whose random streams derive from {@code seed}. */
  public Simulation(long seed) {
    this.seed = seed;
    this.randomStreams = new RandomStreams(seed);
    this.network = new Network(this);
    this.metrics = new Metrics();
    this.replayCommand = "(rerun the same code with seed " + seed + ")";
  }

  /** The run seed. */
  public long seed() {
    return seed;
  }

  /** The run's named random streams. */
  public RandomStreams randomStreams() {
    return randomStreams;
  }

  /** Current virtual (true) time in nanoseconds. */
  public long nowNanos() {
    return nowNanos;
  }

  /** The network: zones, latency, loss, duplication and connectivity. */
  public Network network() {
    return network;
  }

  /** The run's metrics. */
  public Metrics metrics() {
    return metrics;
  }

  /** The run's operation history. */
  public History history() {
    return history;
  }

  /** Events processed so far. */
  public long eventsProcessed() {
    return eventsProcessed;
  }

  /** Events waiting in the queue. */
  public int pendingEvents() {
    return queue.size();
  }

  /**
   * A running 64-bit hash of every processed event's time, kind, node and origin. Two runs that
   * processed the same events in the same order have the same hash.
   */
  public long traceHash() {
    return traceHash;
  }

  /**
   * Installs a listener told of every processed event (slow; for determinism checks and debugging).
   */
  public void traceListener(TraceListener listener) {
    this.traceListener = listener;
  }

  /** The command a person runs to replay this run; printed in every failure message. */
  public void replayCommand(String command) {
    this.replayCommand = command;
  }

  /** See {@link #replayCommand(String)}. */
  public String replayCommand() {
    return replayCommand;
  }

  /** Adds a node; it starts at the current time (time zero before the run). Returns its id. */
  public int addNode(NodeSpec spec) {
    if (nodesByName.containsKey(spec.name())) {
      throw new IllegalArgumentException("duplicate node name: " + spec.name());
    }
    int id = nodes.size();
    int zone = network.zone(spec.zone());
    NodeRuntime runtime = new NodeRuntime(this, id, spec, zone);
    nodes.add(runtime);
    if (id == runtimes.length) {
      runtimes = Arrays.copyOf(runtimes, Math.max(16, 2 * id));
    }
    runtimes[id] = runtime;
    network.addNode(id, zone);
    nodesByName.put(spec.name(), runtime);
    scheduleStart(runtime);
    return id;
  }

  /** Number of nodes. */
  public int nodeCount() {
    return nodes.size();
  }

  /** The id of the node called {@code name}. */
  public int nodeId(String name) {
    NodeRuntime runtime = nodesByName.get(name);
    if (runtime == null) {
      throw new IllegalArgumentException("no node named " + name);
    }
    return runtime.id;
  }

  /** The name of node {@code id}. */
  public String nodeName(int id) {
    return node(id).spec.name();
  }

  /** The zone of node {@code id}. */
  public String nodeZone(int id) {
    return node(id).spec.zone();
  }

  /** The current instance of node {@code id}, or {@code null} while it is crashed. */
  public Node nodeInstance(int id) {
    return node(id).instance;
  }

  /** Whether node {@code id} is up (not crashed; it may be paused). */
  public boolean isUp(int id) {
    return !node(id).down;
  }

  /** Whether node {@code id} is paused. */
  public boolean isPaused(int id) {
    return node(id).paused;
  }

  /** The local clock of node {@code id}. */
  public LocalClock clock(int id) {
    return node(id).clock;
  }

  /** The disk of node {@code id}. */
  public Disk disk(int id) {
    return node(id).disk;
  }

  /** CPU statistics of node {@code id}, integrated up to now. */
  public CpuStats cpuStats(int id) {
    return node(id).cpuStats(nowNanos);
  }

  /**
   * Crashes node {@code id} now: its instance, timers, queued and running jobs and paused backlog
   * are dropped, and its disk loses unsynced writes. Messages sent to it while down are lost.
   */
  public void crash(int id) {
    NodeRuntime runtime = node(id);
    if (runtime.down) {
      return;
    }
    runtime.crash(nowNanos);
    IntArrayList backlog = runtime.deferred;
    for (int i = 0; i < backlog.size(); i++) {
      int slot = backlog.getInt(i);
      if (meta[4 * slot] == MESSAGE) {
        network.droppedAtDownNode++;
      }
      freeSlot(slot);
    }
    backlog.clear();
  }

  /**
   * Restarts a crashed node {@code id} now: a fresh instance from its factory, recovering from
   * disk.
   */
  public void restart(int id) {
    NodeRuntime runtime = node(id);
    if (!runtime.down) {
      return;
    }
    runtime.down = false;
    runtime.restarts++;
    scheduleStart(runtime);
  }

  /**
   * Pauses node {@code id} now for {@code durationNanos}, like a stop-the-world GC: messages,
   * timers and job completions that fall due meanwhile wait, and are handled in order when it
   * resumes; a job in service resumes with the service time it had left. The clock keeps running.
   */
  public void pause(int id, long durationNanos) {
    if (durationNanos < 0) {
      throw new IllegalArgumentException("pause duration must be >= 0, got " + durationNanos);
    }
    NodeRuntime runtime = node(id);
    if (runtime.down || runtime.paused) {
      return;
    }
    runtime.paused = true;
    runtime.pauseStartNanos = nowNanos;
    int incarnation = runtime.incarnation;
    schedule(nowNanos + durationNanos, () -> resume(id, incarnation));
  }

  private void resume(int id, int incarnation) {
    NodeRuntime runtime = node(id);
    if (!runtime.paused || runtime.incarnation != incarnation) {
      return;
    }
    runtime.paused = false;
    // The backlog fell due before now, so it goes before anything queued for now: jobs resume their
    // remaining service; messages, timers and a start are handled at once, in the order they fell
    // due.
    IntArrayList backlog = new IntArrayList(runtime.deferred);
    runtime.deferred.clear();
    for (int i = 0; i < backlog.size(); i++) {
      int slot = backlog.getInt(i);
      if (meta[4 * slot] == JOB) {
        queue.push(nowNanos + auxes[slot], slot);
      } else {
        handleDeferred(runtime, slot);
      }
    }
  }

  private void handleDeferred(NodeRuntime runtime, int slot) {
    int base = 4 * slot;
    int kind = meta[base];
    int source = meta[base + 2];
    long aux = auxes[slot];
    Object payload = payloads[slot];
    freeSlot(slot);
    if (runtime.down) {
      if (kind == MESSAGE) {
        network.droppedAtDownNode++;
      }
      return;
    }
    switch (kind) {
      case MESSAGE -> {
        network.delivered++;
        runtime.instance.onMessage(source, payload);
      }
      case TIMER -> runtime.instance.onTimer(aux, payload);
      default -> runtime.start();
    }
  }

  /**
   * Runs {@code action} at absolute true time {@code atNanos} (not before now). For faults, probes
   * and external drivers; nodes use their context instead.
   */
  public void schedule(long atNanos, Runnable action) {
    if (atNanos < nowNanos) {
      throw new IllegalArgumentException(
          "cannot schedule in the past: " + atNanos + " < now " + nowNanos);
    }
    int slot = allocSlot(ACTION, -1, -1, ANY_INCARNATION, 0, action);
    queue.push(atNanos, slot);
  }

  /** Processes every event due at or before {@code untilNanos}, then sets the time to it. */
  public void runUntil(long untilNanos) {
    if (running) {
      throw new IllegalStateException("runUntil called from inside a handler");
    }
    running = true;
    try {
      runUntilNanos = untilNanos;
      scheduleSampling();
      while (!queue.isEmpty() && queue.peekTimeNanos() <= untilNanos) {
        long time = queue.peekTimeNanos();
        int slot = queue.pop();
        nowNanos = time;
        dispatch(slot);
      }
      if (untilNanos > nowNanos) {
        nowNanos = untilNanos;
      }
    } finally {
      running = false;
    }
  }

  /** Runs for {@code durationNanos} more of virtual time. */
  public void runFor(long durationNanos) {
    runUntil(Math.addExact(nowNanos, durationNanos));
  }

  private void scheduleSampling() {
    long interval = metrics.intervalNanos();
    long next = (nowNanos / interval + 1) * interval;
    if (!samplingScheduled && next <= runUntilNanos) {
      samplingScheduled = true;
      schedule(next, this::sampleInterval);
    }
  }

  /** Closes one metrics interval: CPU queue length and utilisation per busy node, then probes. */
  private void sampleInterval() {
    samplingScheduled = false;
    long interval = metrics.intervalNanos();
    if (sampledBusy.length < nodes.size()) {
      sampledBusy = Arrays.copyOf(sampledBusy, nodes.size());
      sampledQueue = Arrays.copyOf(sampledQueue, nodes.size());
    }
    long at = nowNanos - 1;
    for (NodeRuntime runtime : nodes) {
      CpuStats stats = runtime.cpuStats(nowNanos);
      if (stats.accepted() == 0) {
        continue;
      }
      int id = runtime.id;
      double busy = stats.busyWorkerNanos() - sampledBusy[id];
      double waiting = stats.queueLengthNanos() - sampledQueue[id];
      sampledBusy[id] = stats.busyWorkerNanos();
      sampledQueue[id] = stats.queueLengthNanos();
      String name = runtime.spec.name();
      metrics.gauge("cpu.queue/" + name, at, waiting / interval);
      metrics.gauge("cpu.utilisation/" + name, at, busy / ((double) stats.workers() * interval));
    }
    metrics.sampleProbes(nowNanos);
    scheduleSampling();
  }

  private void dispatch(int slot) {
    int base = 4 * slot;
    byte kind = (byte) meta[base];
    int target = meta[base + 1];
    if (kind == CANCELLED) {
      freeSlot(slot);
      return;
    }
    int source = meta[base + 2];
    long aux = auxes[slot];
    eventsProcessed++;
    long h = (traceHash ^ nowNanos) * 0x9E3779B97F4A7C15L;
    traceHash = Long.rotateLeft(h ^ ((long) kind << 56 ^ (long) target << 28 ^ source), 29);
    if (traceListener != null) {
      traceListener.onEvent(nowNanos, kind, target, source, aux);
    }
    try {
      switch (kind) {
        case MESSAGE -> deliverMessage(slot, target, source);
        case TIMER, JOB, START -> fireLocal(slot, kind, target, aux);
        case ACTION -> {
          Runnable action = (Runnable) payloads[slot];
          freeSlot(slot);
          action.run();
        }
        default -> throw new IllegalStateException("unknown event kind " + kind);
      }
    } catch (SimulationException e) {
      throw e;
    } catch (RuntimeException | AssertionError e) {
      throw new SimulationException(describeFailure(kind, target), e);
    }
  }

  private void deliverMessage(int slot, int target, int source) {
    NodeRuntime runtime = runtimes[target];
    if (runtime.down || runtime.instance == null) {
      // down, or restarted but not yet started: either way nobody is there to receive it
      network.droppedAtDownNode++;
      freeSlot(slot);
      return;
    }
    if (network.holdsOrDropsOnArrival(slot, source, target)) {
      return;
    }
    if (runtime.paused) {
      runtime.deferred.add(slot);
      return;
    }
    Object message = payloads[slot];
    freeSlot(slot);
    network.delivered++;
    runtime.instance.onMessage(source, message);
  }

  private void fireLocal(int slot, byte kind, int target, long aux) {
    NodeRuntime runtime = runtimes[target];
    if (runtime.down || meta[4 * slot + 3] != runtime.incarnation) {
      freeSlot(slot);
      return;
    }
    if (runtime.paused) {
      if (kind == JOB) {
        auxes[slot] = nowNanos - runtime.pauseStartNanos;
      }
      runtime.deferred.add(slot);
      return;
    }
    Object payload = payloads[slot];
    freeSlot(slot);
    switch (kind) {
      case TIMER -> runtime.instance.onTimer(aux, payload);
      case JOB -> runtime.jobDone(nowNanos, payload);
      default -> runtime.start();
    }
  }

  private String describeFailure(byte kind, int target) {
    String where = target >= 0 ? " on node " + nodes.get(target).spec.name() : "";
    String what =
        switch (kind) {
          case MESSAGE -> "message handler";
          case TIMER -> "timer handler";
          case JOB -> "job completion handler";
          case START -> "start handler";
          default -> "scheduled action";
        };
    return String.format(
        java.util.Locale.ROOT,
        "%s failed%s at t=%dns (seed %d, event #%d); replay: %s",
        what,
        where,
        nowNanos,
        seed,
        eventsProcessed,
        replayCommand);
  }

  // ---- services for NodeRuntime and Network ----

  NodeRuntime node(int id) {
    if (id < 0 || id >= nodes.size()) {
      throw new IllegalArgumentException("no node with id " + id);
    }
    return nodes.get(id);
  }

  long setTimer(NodeRuntime runtime, long delayLocalNanos, Object payload) {
    if (delayLocalNanos < 0) {
      throw new IllegalArgumentException("timer delay must be >= 0, got " + delayLocalNanos);
    }
    long trueDelay = runtime.clock.trueDelayNanos(delayLocalNanos);
    int slot = allocSlot(TIMER, runtime.id, runtime.id, runtime.incarnation, 0, payload);
    long timerId = ((long) ++timerGenerations[slot] << 32) | slot;
    auxes[slot] = timerId;
    queue.push(nowNanos + trueDelay, slot);
    return timerId;
  }

  boolean cancelTimer(NodeRuntime runtime, long timerId) {
    int slot = (int) timerId;
    if (slot < 0 || slot >= slotLimit) {
      return false;
    }
    int base = 4 * slot;
    if (timerGenerations[slot] != (int) (timerId >>> 32)
        || meta[base] != TIMER
        || meta[base + 1] != runtime.id
        || meta[base + 3] != runtime.incarnation
        || auxes[slot] != timerId) {
      return false;
    }
    meta[base] = CANCELLED;
    payloads[slot] = null;
    return true;
  }

  void scheduleJob(NodeRuntime runtime, long atNanos, Object job) {
    int slot = allocSlot(JOB, runtime.id, runtime.id, runtime.incarnation, 0, job);
    queue.push(atNanos, slot);
  }

  /** Queues a message; {@code sendSequence} orders messages held at a cut. */
  void scheduleMessage(long atNanos, int from, int to, Object message, long sendSequence) {
    queue.push(atNanos, allocSlot(MESSAGE, to, from, ANY_INCARNATION, sendSequence, message));
  }

  /** Creates a message slot without queueing it (held by a partition). */
  int heldMessageSlot(int from, int to, Object message, long sendSequence) {
    return allocSlot(MESSAGE, to, from, ANY_INCARNATION, sendSequence, message);
  }

  /** The send sequence of a message slot. */
  long sendSequence(int slot) {
    return auxes[slot];
  }

  void requeue(long atNanos, int slot) {
    queue.push(atNanos, slot);
  }

  void releaseSlot(int slot) {
    freeSlot(slot);
  }

  private void scheduleStart(NodeRuntime runtime) {
    queue.push(nowNanos, allocSlot(START, runtime.id, runtime.id, runtime.incarnation, 0, null));
  }

  private int allocSlot(
      byte kind, int target, int source, int incarnation, long aux, Object payload) {
    int slot;
    if (freeCount > 0) {
      slot = freeSlots[--freeCount];
    } else {
      if (slotLimit == auxes.length) {
        growSlots();
      }
      slot = slotLimit++;
    }
    int base = 4 * slot;
    meta[base] = kind;
    meta[base + 1] = target;
    meta[base + 2] = source;
    meta[base + 3] = incarnation;
    auxes[slot] = aux;
    payloads[slot] = payload;
    return slot;
  }

  private void freeSlot(int slot) {
    payloads[slot] = null;
    meta[4 * slot] = CANCELLED;
    if (freeCount == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
    }
    freeSlots[freeCount++] = slot;
  }

  private void growSlots() {
    int capacity = auxes.length * 2;
    if (capacity > MAX_PENDING_EVENTS) {
      throw new IllegalStateException(
          "more than " + MAX_PENDING_EVENTS + " pending events (seed " + seed + ")");
    }
    meta = Arrays.copyOf(meta, 4 * capacity);
    auxes = Arrays.copyOf(auxes, capacity);
    payloads = Arrays.copyOf(payloads, capacity);
    timerGenerations = Arrays.copyOf(timerGenerations, capacity);
  }

  /** Receives every processed event; see {@link #traceListener(TraceListener)}. */
  @FunctionalInterface
  public interface TraceListener {
    /**
     * Event of {@code kind} (0 message, 1 timer, 2 job, 3 action, 4 start) at {@code timeNanos}.
     */
    void onEvent(long timeNanos, int kind, int node, int source, long aux);
  }
}
