package dev.tradeoff.faults;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import java.util.List;

/**
 * A tiny replicated register for shrinker and property tests. Leader n1 writes 1, 2, 3, ... every 5
 * ms, sends each write to n2 and n3, and records it as acknowledged (synced to its disk) when n2
 * acks. n3 syncs each write at once and, when it restarts, asks n1 to resend every acknowledged
 * write, so a crash of n3 loses nothing. No retries otherwise.
 *
 * <p><b>The planted bug</b> ({@code buggy}): n2 acks before it syncs (it syncs every 50 ms). A
 * crash of n2 loses its unsynced writes; they survive on n3 unless n3 missed them too, which only a
 * partition between n1 and n3 does. So an acknowledged write is lost exactly when n2 crashes while
 * n3 is cut off from n1. Fixed, n2 syncs before acking.
 */
final class Register {
  static final long MS = 1_000_000L;
  static final long WRITE_EVERY_NANOS = 5 * MS;
  static final long SYNC_EVERY_NANOS = 50 * MS;
  static final List<String> NODES = List.of("n1", "n2", "n3");

  private Register() {}

  /** A fresh simulation of the register for {@code c} (schedule not installed). */
  static Simulation build(Case c, boolean buggy) {
    Simulation sim = new Simulation(c.seed());
    sim.addNode(NodeSpec.of("n1", "z", Leader::new));
    sim.addNode(NodeSpec.of("n2", "z", () -> new Replica(buggy ? SYNC_EVERY_NANOS : 0, false)));
    sim.addNode(NodeSpec.of("n3", "z", () -> new Replica(0, true)));
    return sim;
  }

  /** Runs {@code c} afresh: build, install its schedule, run to its end. */
  static Simulation run(Case c, boolean buggy) {
    Simulation sim = build(c, buggy);
    c.schedule().install(sim);
    sim.runUntil(c.runNanos());
    return sim;
  }

  /**
   * The invariant: every write n1 acknowledged is on n2's or n3's disk (synced or not: unsynced
   * writes still count at the end of a run; a crash is what loses them). Null if it holds.
   */
  static String lostAckedWrite(Simulation sim) {
    Disk leader = sim.disk(sim.nodeId("n1"));
    Disk n2 = sim.disk(sim.nodeId("n2"));
    Disk n3 = sim.disk(sim.nodeId("n3"));
    int lost = 0;
    String first = null;
    for (String key : leader.keys()) {
      if (!key.startsWith("acked/")) {
        continue;
      }
      String value = "v/" + key.substring("acked/".length());
      if (n2.get(value) == null && n3.get(value) == null) {
        lost++;
        if (first == null) {
          first = key.substring("acked/".length());
        }
      }
    }
    return lost == 0
        ? null
        : lost + " acknowledged writes lost, the first is write " + Integer.parseInt(first);
  }

  /** The key of write {@code k}, zero-padded so disk keys sort by write. */
  private static String key(String prefix, int k) {
    return prefix + String.format(java.util.Locale.ROOT, "%08d", k);
  }

  private record Write(int k) {}

  private record Ack(int k) {}

  private record CatchUp() {}

  private static final class Leader implements Node {
    private Context ctx;

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(WRITE_EVERY_NANOS, "write");
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      Object last = ctx.disk().get("next");
      int k = last == null ? 1 : (Integer) last;
      ctx.disk().put("next", k + 1);
      ctx.disk().sync(); // a restarted leader never reuses a number
      ctx.send(ctx.nodeId("n2"), new Write(k));
      ctx.send(ctx.nodeId("n3"), new Write(k));
      ctx.setTimer(WRITE_EVERY_NANOS, "write");
    }

    @Override
    public void onMessage(int from, Object message) {
      if (message instanceof Ack ack && from == ctx.nodeId("n2")) { // n3's acks do not count
        ctx.disk().put(key("acked/", ack.k()), Boolean.TRUE);
        ctx.disk().sync();
      } else if (message instanceof CatchUp) {
        for (String key : ctx.disk().keys()) {
          if (key.startsWith("acked/")) {
            ctx.send(from, new Write(Integer.parseInt(key.substring("acked/".length()))));
          }
        }
      }
    }
  }

  /** A replica; {@code syncEveryNanos > 0} means it acks before syncing (the bug). */
  private static final class Replica implements Node {
    private final long syncEveryNanos;
    private final boolean catchUpOnRestart;
    private Context ctx;

    Replica(long syncEveryNanos, boolean catchUpOnRestart) {
      this.syncEveryNanos = syncEveryNanos;
      this.catchUpOnRestart = catchUpOnRestart;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      boolean restart = ctx.disk().get("booted") != null;
      ctx.disk().put("booted", Boolean.TRUE);
      ctx.disk().sync();
      if (restart && catchUpOnRestart) {
        ctx.send(ctx.nodeId("n1"), new CatchUp());
      }
      if (syncEveryNanos > 0) {
        ctx.setTimer(syncEveryNanos, "sync");
      }
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      ctx.disk().sync();
      ctx.setTimer(syncEveryNanos, "sync");
    }

    @Override
    public void onMessage(int from, Object message) {
      if (message instanceof Write write) {
        ctx.disk().put(key("v/", write.k()), Boolean.TRUE);
        if (syncEveryNanos == 0) {
          ctx.disk().sync();
        }
        ctx.send(from, new Ack(write.k()));
      }
    }
  }
}
