package dev.tradeoff.core.kernel;

import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.Release;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.metrics.Metrics;
import dev.tradeoff.core.random.RandomStreams;
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
  /** The {@link dev.tradeoff.core.metrics.Timeline} track of crashes and pauses. */
  public static final String PROCESS_TRACK = "process";

  /** The {@link dev.tradeoff.core.metrics.Timeline} track of cut links. */
  public static final String NETWORK_TRACK = "network";

  static final int MESSAGE = 0;
  static final int TIMER = 1;
  static final int JOB = 2;
  static final int ACTION = 3;
  static final int START = 4;
  static final int FLUSH = 5;

  private static final int INCARNATION_MASK = 0xFFFFFF;

  // Below these, a run's per-node objects stay in cache or a refill is too small to overlap misses.
  private static final int WARM_MIN_BATCH = 16;
  private static final int WARM_MIN_NODES = 2048;

  private final long seed;
  private final RandomStreams randomStreams;
  private final EventQueue queue = new EventQueue();
  private final Network network;
  private final Metrics metrics;
  private final History history = new History();
  private final List<NodeRuntime> nodes = new ArrayList<>();
  private NodeRuntime[] runtimes = new NodeRuntime[16]; // the same, for the hot path
  private final Map<String, NodeRuntime> nodesByName = new LinkedHashMap<>();

  private final TimerTable timers = new TimerTable();

  private long nowNanos;
  private long eventsProcessed;
  private long traceHash = 0x2545F4914F6CDD1DL;
  private TraceListener traceListener;
  private String replayCommand;
  private boolean running;
  private long runUntilNanos;
  private boolean samplingScheduled;
  private final CpuSampler cpuSampler = new CpuSampler();
  private long warmedRefills;
  private int warmSink; // keeps the warming loads from being optimised away
  private long warmedBatches;

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
    return queue.size() - timers.cancelledQueued();
  }

  /** Entries in the event queue, cancelled timers included: what the queue actually holds. */
  int queuedEntries() {
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

  /**
   * Records messages into {@code recorder} from now on (null stops recording). Recording only
   * watches: the trace hash, history and metrics are the same with or without it.
   */
  public void traceRecorder(TraceRecorder recorder) {
    network.recorder = recorder;
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
    metrics.timeline().lane(spec.name());
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

  /**
   * Makes node {@code id}'s CPU {@code factor} times slower (a gray failure): the service time of
   * every job that starts from now on, queued ones included, is multiplied by it; 1 restores it.
   * Jobs already in service keep their time.
   */
  public void slowDown(int id, double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("slow-down factor must be finite and > 0, got " + factor);
    }
    node(id).serviceScale = factor;
  }

  /**
   * The slow-down factor of node {@code id} now in force (1 unless {@link #slowDown} changed it).
   */
  public double slowDownFactor(int id) {
    return node(id).serviceScale;
  }

  /**
   * Installs {@code release} on node {@code id} now (a deploy or a rollback): from now on its jobs
   * take the release's added time when they start and the node reads it through {@link
   * dev.tradeoff.core.Context#release()}. It survives crashes and restarts.
   */
  public void deploy(int id, Release release) {
    node(id).release = java.util.Objects.requireNonNull(release, "release");
  }

  /** The release node {@code id} runs now ({@link Release#BASELINE} unless deployed). */
  public Release release(int id) {
    return node(id).release;
  }

  /**
   * A crash the node's own release caused ({@link dev.tradeoff.core.Context#crash()}): an action
   * due now, after the handler that asked for it, then a restart after the release's restart delay.
   * A node already down is left as it is.
   */
  void crashFromInside(NodeRuntime runtime) {
    schedule(
        nowNanos,
        () -> {
          if (runtime.down) {
            return;
          }
          crash(runtime.id, false);
          schedule(
              saturatedAdd(nowNanos, runtime.release.restartNanos()), () -> restart(runtime.id));
        });
  }

  /**
   * Tells node {@code id} to drop its caches, through {@link Node#onCacheFlush()}, as an event due
   * now: it is traced like any other, waits out a pause, and does nothing while the node is down.
   */
  public void flushCache(int id) {
    NodeRuntime runtime = node(id);
    queue.push(nowNanos, header(FLUSH, runtime.id, runtime.incarnation), 0, null);
  }

  /** Ids of the nodes in zone {@code zone}, ascending. */
  public List<Integer> nodesInZone(String zone) {
    List<Integer> ids = new ArrayList<>();
    for (NodeRuntime runtime : nodes) {
      if (runtime.spec.zone().equals(zone)) {
        ids.add(runtime.id);
      }
    }
    return ids;
  }

  /**
   * The local clock of node {@code id}. The kernel makes it on the first call; until then the node
   * read true time, so the clock starts with no offset and no drift.
   */
  public LocalClock clock(int id) {
    return node(id).clock();
  }

  /** The disk of node {@code id}. */
  public Disk disk(int id) {
    return node(id).disk();
  }

  /** CPU statistics of node {@code id}, integrated up to now. */
  public CpuStats cpuStats(int id) {
    return node(id).cpuStats(nowNanos);
  }

  /**
   * Crashes node {@code id} now: its instance, timers, queued and running jobs and paused backlog
   * are dropped, and its disk loses unsynced writes (a power loss). Messages sent to it while down
   * are lost. Does nothing if the node is already down.
   */
  public void crash(int id) {
    crash(id, true);
  }

  /**
   * {@link #crash(int)}, choosing whether the disk loses its unsynced writes: {@code false} models
   * a process crash whose writes the operating system still flushes.
   */
  public void crash(int id, boolean loseUnsyncedWrites) {
    NodeRuntime runtime = node(id);
    if (runtime.down) {
      return;
    }
    runtime.crash(nowNanos, loseUnsyncedWrites);
    // A crashed node holds no role: every state it published ends with it.
    metrics.timeline().endLane(runtime.spec.name(), nowNanos, NETWORK_TRACK);
    metrics.state(runtime.spec.name(), PROCESS_TRACK, nowNanos, "crashed");
    for (NodeRuntime.Deferred event : runtime.deferred) {
      if (kindOf(event.header()) == MESSAGE) {
        network.droppedAtDownNode++;
      }
    }
    runtime.deferred.clear();
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
    metrics.state(runtime.spec.name(), PROCESS_TRACK, nowNanos, null);
    scheduleStart(runtime);
  }

  /**
   * Pauses node {@code id} now for {@code durationNanos}, like a stop-the-world GC: messages,
   * timers and job completions that fall due meanwhile wait, and are handled in order when it
   * resumes; a job in service resumes with the service time it had left. The clock keeps running. A
   * pause that overlaps a longer-running one extends it. A held-back event appears twice in the
   * trace: when it fell due and when it is handled.
   */
  public void pause(int id, long durationNanos) {
    if (durationNanos < 0) {
      throw new IllegalArgumentException("pause duration must be >= 0, got " + durationNanos);
    }
    NodeRuntime runtime = node(id);
    if (runtime.down) {
      return;
    }
    long until = saturatedAdd(nowNanos, durationNanos);
    if (!runtime.paused) {
      runtime.paused = true;
      runtime.pauseStartNanos = nowNanos;
      metrics.state(runtime.spec.name(), PROCESS_TRACK, nowNanos, "paused");
      runtime.pausedUntilNanos = until;
    } else if (until > runtime.pausedUntilNanos) {
      runtime.pausedUntilNanos = until; // overlapping pauses: the later end wins
    } else {
      return;
    }
    int incarnation = runtime.incarnation;
    schedule(until, () -> resume(id, incarnation));
  }

  private void resume(int id, int incarnation) {
    NodeRuntime runtime = node(id);
    if (!runtime.paused
        || runtime.incarnation != incarnation
        || nowNanos < runtime.pausedUntilNanos) {
      return;
    }
    runtime.paused = false;
    metrics.state(runtime.spec.name(), PROCESS_TRACK, nowNanos, null);
    // The backlog fell due before now, so it goes before anything queued for now: jobs resume their
    // remaining service; everything else is handled at once, in the order it fell due.
    List<NodeRuntime.Deferred> backlog = new ArrayList<>(runtime.deferred);
    runtime.deferred.clear();
    for (NodeRuntime.Deferred event : backlog) {
      long header = event.header();
      if (kindOf(header) == JOB) {
        queue.push(saturatedAdd(nowNanos, event.aux()), header, 0, event.payload());
      } else {
        handle(header, event.aux(), event.payload());
      }
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
    queue.push(atNanos, header(ACTION, -1, 0), 0, action);
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
        if (queue.refills() != warmedRefills) {
          warmFloor();
        }
        long header = queue.pop();
        nowNanos = queue.poppedTimeNanos();
        dispatch(header, queue.poppedAux(), queue.poppedPayload());
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
    long next = saturatedAdd((nowNanos / interval) * interval, interval);
    // Sampling covers a bounded run to its end, but never keeps an unbounded one going: running to
    // Long.MAX_VALUE ends when nothing but the sampler is left.
    boolean bounded = runUntilNanos != Long.MAX_VALUE;
    if (!samplingScheduled && next <= runUntilNanos && (bounded || !queue.isEmpty())) {
      samplingScheduled = true;
      schedule(next, this::sampleInterval);
    }
  }

  /** Closes one metrics interval: CPU queue length and utilisation per busy node, then probes. */
  private void sampleInterval() {
    samplingScheduled = false;
    cpuSampler.sample(nodes, nowNanos, metrics.intervalNanos(), metrics);
    metrics.sampleProbes(nowNanos);
    scheduleSampling();
  }

  /**
   * Touches the objects the events just moved into the queue's floor window will need: their nodes'
   * runtimes (which hold the nodes' network streams), instances and own random streams, and their
   * payloads. A node's clock is left out: only an event that sets a timer reads it. With tens of
   * thousands of nodes these are cache misses; touched one level at a time for a whole batch of
   * events, they overlap instead of being taken one after another inside the handlers. Reads only:
   * nothing a run observes changes.
   */
  private void warmFloor() {
    warmedRefills = queue.refills();
    int n = queue.floorSize();
    int count = nodes.size();
    if (n < WARM_MIN_BATCH || count < WARM_MIN_NODES) {
      return;
    }
    warmedBatches++;
    int sink = 0;
    for (int i = 0; i < n; i++) {
      int target = (int) queue.floorHeader(i);
      if (target >= 0 && target < count) {
        sink += runtimes[target].incarnation;
      }
      sink += touch(queue.floorPayload(i));
    }
    for (int i = 0; i < n; i++) {
      int target = (int) queue.floorHeader(i);
      if (target >= 0 && target < count) {
        NodeRuntime runtime = runtimes[target];
        // the runtime's header and stream words, the instance's header and the node's own stream,
        // whose state may sit on the line after its header's
        sink += touch(runtime) + touch(runtime.instance) + touch(runtime.random);
        sink += (int) (runtime.lastWord() ^ runtime.random.lastWord());
      }
    }
    warmSink += sink;
  }

  /** How many batches of due events {@link #warmFloor()} has touched, for tests. */
  long warmedBatches() {
    return warmedBatches;
  }

  /** Reads {@code object}'s header, bringing it into cache; the result means nothing. */
  private static int touch(Object object) {
    return object != null && object.getClass() == Simulation.class ? 1 : 0;
  }

  private void dispatch(long header, long aux, Object payload) {
    if (kindOf(header) == TIMER) {
      payload = timers.claim(aux);
      if (payload == TimerTable.CANCELLED) {
        return;
      }
    }
    handle(header, aux, payload);
  }

  /** Records an event in the trace, then handles it; also used for a pause's backlog. */
  private void handle(long header, long aux, Object payload) {
    int kind = kindOf(header);
    int target = (int) header;
    int source = kind == MESSAGE ? (int) aux : kind == ACTION ? -1 : target;
    eventsProcessed++;
    long h = (traceHash ^ nowNanos) * 0x9E3779B97F4A7C15L;
    traceHash = Long.rotateLeft(h ^ ((long) kind << 56 ^ (long) target << 28 ^ source), 29);
    if (traceListener != null) {
      traceListener.onEvent(nowNanos, EventKind.of(kind), target, source, aux, payload);
    }
    try {
      switch (kind) {
        case MESSAGE -> deliverMessage(header, target, source, payload);
        case ACTION -> ((Runnable) payload).run();
        default -> fireLocal(kind, header, target, aux, payload);
      }
    } catch (SimulationException e) {
      throw e;
    } catch (RuntimeException | AssertionError e) {
      throw new SimulationException(describeFailure(kind, target), e);
    }
  }

  private void deliverMessage(long header, int target, int source, Object message) {
    // A cut link holds or drops whatever crosses it, whatever the state of the node behind it.
    if (network.holdsOrDropsOnArrival(source, target, queue.poppedSequence(), message)) {
      return;
    }
    NodeRuntime runtime = runtimes[target];
    TraceRecorder recorder = network.recorder;
    if (runtime.paused) {
      runtime.deferred.add(new NodeRuntime.Deferred(header, source, message));
      if (recorder != null) {
        recorder.arrived(nowNanos, source, target, message, TraceRecorder.Fate.DEFERRED);
      }
      return;
    }
    if (runtime.down || runtime.instance == null) {
      // down, or restarted but not yet started: either way nobody is there to receive it
      network.droppedAtDownNode++;
      if (recorder != null) {
        recorder.arrived(
            nowNanos, source, target, message, TraceRecorder.Fate.DROPPED_AT_DOWN_NODE);
      }
      return;
    }
    network.delivered++;
    if (recorder != null) {
      recorder.arrived(nowNanos, source, target, message, TraceRecorder.Fate.DELIVERED);
    }
    runtime.instance.onMessage(source, message);
  }

  private void fireLocal(int kind, long header, int target, long aux, Object payload) {
    NodeRuntime runtime = runtimes[target];
    boolean anyIncarnation = kind == FLUSH;
    if (runtime.down
        || (!anyIncarnation && incarnationOf(header) != (runtime.incarnation & INCARNATION_MASK))) {
      return;
    }
    if (runtime.paused) {
      // a job in service when the pause began still needs the time it had left then
      long kept = kind == JOB ? nowNanos - runtime.pauseStartNanos : aux;
      runtime.deferred.add(new NodeRuntime.Deferred(header, kept, payload));
      return;
    }
    switch (kind) {
      case TIMER -> runtime.instance.onTimer(aux, payload);
      case JOB -> runtime.jobDone(nowNanos, payload);
      case FLUSH -> {
        if (runtime.instance != null) {
          runtime.instance.onCacheFlush();
        }
      }
      default -> runtime.start();
    }
  }

  private String describeFailure(int kind, int target) {
    String where = target >= 0 ? " on node " + nodes.get(target).spec.name() : "";
    String what =
        switch (kind) {
          case MESSAGE -> "message handler";
          case TIMER -> "timer handler";
          case JOB -> "job completion handler";
          case START -> "start handler";
          case FLUSH -> "cache flush handler";
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
    LocalClock clock = runtime.clock;
    long trueDelay = clock == null ? delayLocalNanos : clock.trueDelayNanos(delayLocalNanos);
    long timerId = timers.add(runtime.id, runtime.incarnation, payload);
    queue.push(
        saturatedAdd(nowNanos, trueDelay),
        header(TIMER, runtime.id, runtime.incarnation),
        timerId,
        null);
    return timerId;
  }

  boolean cancelTimer(NodeRuntime runtime, long timerId) {
    return timers.cancel(runtime.id, runtime.incarnation, timerId);
  }

  /**
   * {@code a + b} for non-negative {@code b}, or {@link Long#MAX_VALUE} (never) if it overflows.
   */
  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  void scheduleJob(NodeRuntime runtime, long atNanos, Object job) {
    queue.push(atNanos, header(JOB, runtime.id, runtime.incarnation), 0, job);
  }

  void scheduleMessage(long atNanos, int from, int to, Object message) {
    queue.push(atNanos, header(MESSAGE, to, 0), from, message);
  }

  /** A place in the event order for a message held outside the queue by a cut link. */
  long reserveSequence() {
    return queue.reserveSequence();
  }

  private void scheduleStart(NodeRuntime runtime) {
    queue.push(nowNanos, header(START, runtime.id, runtime.incarnation), 0, null);
  }

  private static long header(int kind, int target, int incarnation) {
    return ((long) kind << 56)
        | ((long) (incarnation & INCARNATION_MASK) << 32)
        | (target & 0xFFFFFFFFL);
  }

  private static int kindOf(long header) {
    return (int) (header >>> 56);
  }

  private static int incarnationOf(long header) {
    return (int) (header >>> 32) & INCARNATION_MASK;
  }

  /** Receives every processed event; see {@link #traceListener(TraceListener)}. */
  @FunctionalInterface
  public interface TraceListener {
    /**
     * Event of {@code kind} at {@code timeNanos}, for {@code node}, from {@code source}, with its
     * auxiliary word (a timer's id) and payload (a message, a timer's payload, a job).
     */
    void onEvent(long timeNanos, EventKind kind, int node, int source, long aux, Object payload);
  }
}
