package dev.tradeoff.faults;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny simulation for fault tests: pinging nodes whose every message, start, alarm and cache
 * flush is logged outside the instances, so the log survives crashes. Latency is the network's
 * default, a constant 1 ms, unless a test changes it.
 */
final class World {
  static final long MS = 1_000_000L;
  static final long TICK_NANOS = 10 * MS;

  /** A ping {@code seq} from {@code from}, handled by {@code to} at true time {@code atNanos}. */
  record Ping(long atNanos, String from, String to, int seq) {}

  /**
   * Something else a node handled: {@code start#k} (boot k), {@code alarm}, {@code flush}, {@code
   * job}.
   */
  record Seen(long atNanos, String node, String what) {}

  final long seed;
  final Simulation sim;
  final List<Ping> pings = new ArrayList<>();
  final List<Seen> seen = new ArrayList<>();

  World(long seed) {
    this.seed = seed;
    this.sim = new Simulation(seed);
  }

  /** {@code what}, with the seed, for assertion messages. */
  String msg(String what) {
    return what + " (seed " + seed + ")";
  }

  /**
   * Adds a node in {@code zone} that sends a ping to each of {@code targets} every 10 ms of its
   * clock from 10 ms after each start, and counts its boots on disk.
   */
  int add(String name, String zone, String... targets) {
    return addWithAlarm(name, zone, 0, targets);
  }

  /** {@link #add} with a one-shot timer, {@code alarmNanos} of local time after the first start. */
  int addWithAlarm(String name, String zone, long alarmNanos, String... targets) {
    return sim.addNode(
        NodeSpec.of(name, zone, () -> new Pinger(this, name, List.of(targets), alarmNanos)));
  }

  /**
   * Adds a node with one CPU worker and a constant 10 ms service time that keeps one job in service
   * all the time, logging {@code job} at each completion.
   */
  int addWorker(String name, String zone) {
    return sim.addNode(
        NodeSpec.of(name, zone, () -> new Worker(this, name))
            .cpu(1, 100, Distribution.constant(10 * MS)));
  }

  /** Times, in ms, at which {@code to} handled pings from {@code from}, within [loMs, hiMs]. */
  List<Long> pingTimesMs(String from, String to, long loMs, long hiMs) {
    List<Long> times = new ArrayList<>();
    for (Ping ping : pings) {
      if (ping.from().equals(from)
          && ping.to().equals(to)
          && ping.atNanos() >= loMs * MS
          && ping.atNanos() <= hiMs * MS) {
        times.add(ms(ping.atNanos()));
      }
    }
    return times;
  }

  /** Sequence numbers of the pings {@code from → to} handled at exactly {@code atMs}. */
  List<Integer> pingSeqsAt(String from, String to, long atMs) {
    List<Integer> seqs = new ArrayList<>();
    for (Ping ping : pings) {
      if (ping.from().equals(from) && ping.to().equals(to) && ping.atNanos() == atMs * MS) {
        seqs.add(ping.seq());
      }
    }
    return seqs;
  }

  /** Times, in ms, at which {@code node} logged {@code what}. */
  List<Long> seenMs(String node, String what) {
    List<Long> times = new ArrayList<>();
    for (Seen s : seen) {
      if (s.node().equals(node) && s.what().equals(what)) {
        times.add(ms(s.atNanos()));
      }
    }
    return times;
  }

  /** Times, in ms, at which {@code node} started (every boot). */
  List<Long> startsMs(String node) {
    List<Long> times = new ArrayList<>();
    for (Seen s : seen) {
      if (s.node().equals(node) && s.what().startsWith("start#")) {
        times.add(ms(s.atNanos()));
      }
    }
    return times;
  }

  /** How many times node {@code name} has started, from its disk. */
  int boots(String name) {
    Object boots = sim.disk(sim.nodeId(name)).get("boots");
    return boots == null ? 0 : (Integer) boots;
  }

  private long ms(long nanos) {
    if (nanos % MS != 0) {
      throw new AssertionError(msg("not a whole millisecond: " + nanos + "ns"));
    }
    return nanos / MS;
  }

  /** Pings its targets every tick; counts boots on disk (synced) and leaves one unsynced write. */
  private static final class Pinger implements Node {
    private final World world;
    private final String name;
    private final List<String> targets;
    private final long alarmNanos;
    private Context ctx;
    private int seq;

    Pinger(World world, String name, List<String> targets, long alarmNanos) {
      this.world = world;
      this.name = name;
      this.targets = targets;
      this.alarmNanos = alarmNanos;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      Object previous = ctx.disk().get("boots");
      int boot = previous == null ? 1 : (Integer) previous + 1;
      ctx.disk().put("boots", boot);
      ctx.disk().sync();
      ctx.disk().put("unsynced", boot);
      log("start#" + boot);
      ctx.setTimer(TICK_NANOS, "tick");
      if (alarmNanos > 0 && boot == 1) {
        ctx.setTimer(alarmNanos, "alarm");
      }
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      if (payload.equals("alarm")) {
        log("alarm");
        return;
      }
      seq++;
      for (String target : targets) {
        ctx.send(ctx.nodeId(target), new Message(name, seq));
      }
      ctx.setTimer(TICK_NANOS, "tick");
    }

    @Override
    public void onMessage(int from, Object message) {
      Message m = (Message) message;
      world.pings.add(new Ping(world.sim.nowNanos(), m.from(), name, m.seq()));
    }

    @Override
    public void onCacheFlush() {
      log("flush");
    }

    private void log(String what) {
      world.seen.add(new Seen(world.sim.nowNanos(), name, what));
    }
  }

  private record Message(String from, int seq) {}

  /** Keeps its single CPU worker busy with back-to-back jobs. */
  private static final class Worker implements Node {
    private final World world;
    private final String name;
    private Context ctx;

    Worker(World world, String name) {
      this.world = world;
      this.name = name;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.process("job");
    }

    @Override
    public void onProcessed(Object job) {
      world.seen.add(new Seen(world.sim.nowNanos(), name, "job"));
      ctx.process("job");
    }

    @Override
    public void onMessage(int from, Object message) {}
  }
}
