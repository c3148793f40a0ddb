package dev.tradeoff.patterns.sharding;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Drivers;
import dev.tradeoff.patterns.Steps;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.List;

/**
 * The resharding job (Vitess's VReplication, a Redis cluster's {@code MIGRATE} loop), as a node
 * holding one backend driver per shard. At the resize time it flips the {@link Topology}, then
 * starts copying one moved key every {@code 1 / rate} seconds, in key order: it locks the key
 * (routers hold its requests), waits until no request sent to the old owner is unanswered (at most
 * {@link #DRAIN_LIMIT_NANOS}), reads the key from its old owner through that shard's driver, writes
 * the value to the new owner (nothing to write if it was never written), and marks the key copied —
 * only then do routers send it to the new owner. A step unanswered for {@link #STEP_TIMEOUT_NANOS}
 * or failed is retried. The old owner keeps its copy (clean-up is not modelled).
 *
 * <p>The copy reads through the backend's own driver: with a replicated backend whose driver reads
 * from followers, a copy may be stale (a real tool reads the primary). The topology survives a
 * crash of this node (it models a durable topology service); keys locked by a crashed migrator stay
 * locked until it restarts and copies them again.
 */
final class Migrator implements Node {
  /** The longest a copy waits for requests in flight to its key. */
  static final long DRAIN_LIMIT_NANOS = 500_000_000L;

  /** How long a read or write of a copy may go unanswered before it is sent again. */
  static final long STEP_TIMEOUT_NANOS = 1_000_000_000L;

  private static final long POLL_NANOS = 1_000_000L;
  private static final long RETRY_NANOS = 10_000_000L;
  private static final Object FLIP = new Object();
  private static final Object NEXT = new Object();

  private final Drivers shards;
  private final Topology topology;
  private final Tally tally;
  private final long resizeAtNanos;
  private final long gapNanos;
  private final Steps<Copy> steps = new Steps<>(STEP_TIMEOUT_NANOS, RETRY_NANOS, this::step);
  private Context ctx;
  private LongArrayList keys;
  private int next;
  private int nextOp = -2; // moved to a random range per incarnation in onStart

  /** One key's copy. */
  private static final class Copy {
    final long key;
    final long lockedNanos;
    long value = History.NIL;
    boolean writing;
    int op;

    Copy(long key, long lockedNanos) {
      this.key = key;
      this.lockedNanos = lockedNanos;
    }
  }

  /** A timer that re-checks a copy waiting for its key's requests to drain. */
  private record Drain(Copy copy) {}

  Migrator(
      StoreClient[] shards,
      List<List<String>> shardNodes,
      Topology topology,
      Tally tally,
      long resizeAtNanos,
      double keysPerSecond) {
    this.shards = new Drivers(shards, shardNodes);
    this.topology = topology;
    this.tally = tally;
    this.resizeAtNanos = resizeAtNanos;
    this.gapNanos = Math.max(1, Math.round(1e9 / keysPerSecond));
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    shards.start(ctx);
    // A reply to the previous incarnation's request may still arrive: start this incarnation's
    // ids elsewhere (below -2, which is taken; the drivers' own ids are not negative).
    nextOp = -2 - (ctx.random().nextInt(1 << 20) << 10);
    if (topology.flipped()) {
      resume();
    } else {
      ctx.setTimer(Math.max(0, resizeAtNanos - ctx.localNanos()), FLIP);
    }
  }

  /** After a restart: copy again every key not yet copied, locked ones first. */
  private void resume() {
    keys = new LongArrayList();
    LongArrayList moved = topology.flip(true);
    for (int pass = 0; pass < 2; pass++) {
      byte wanted = pass == 0 ? Topology.LOCKED : Topology.PENDING;
      for (int i = 0; i < moved.size(); i++) {
        if (topology.state(moved.getLong(i)) == wanted) {
          keys.add(moved.getLong(i));
        }
      }
    }
    next = 0;
    ctx.setTimer(0, NEXT);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (shards.onTimer(timerId, payload) || steps.onTimer(payload)) {
      return;
    }
    if (payload == FLIP) {
      keys = topology.flip(true);
      next = 0;
      ctx.setTimer(0, NEXT);
    } else if (payload == NEXT) {
      if (next < keys.size()) {
        long key = keys.getLong(next++);
        topology.lock(key);
        drain(new Copy(key, ctx.localNanos()));
        if (next < keys.size()) {
          ctx.setTimer(gapNanos, NEXT);
        }
      }
    } else if (payload instanceof Drain d) {
      drain(d.copy());
    }
  }

  private void drain(Copy c) {
    if (topology.inFlight(c.key) > 0 && ctx.localNanos() - c.lockedNanos < DRAIN_LIMIT_NANOS) {
      ctx.setTimer(POLL_NANOS, new Drain(c));
    } else {
      step(c);
    }
  }

  /** Sends the copy's next step: the read from the old owner, or the write to the new one. */
  private void step(Copy c) {
    c.op = nextOp--;
    if (c.writing) {
      shards
          .part(topology.newOwner(c.key))
          .submit(new Request(c.op, OpKind.WRITE, c.key, c.value, History.NIL));
    } else {
      shards
          .part(topology.oldOwner(c.key))
          .submit(new Request(c.op, OpKind.READ, c.key, History.NIL, History.NIL));
    }
    steps.sent(ctx, c.op, c);
  }

  @Override
  public void onMessage(int from, Object message) {
    Response r = shards.onMessage(from, message);
    if (r == null) {
      return;
    }
    Copy c = steps.answered(r.op());
    if (c == null) {
      return; // a step already given up and resent
    }
    if (r.status() != OpStatus.OK) {
      steps.retryLater(ctx, c);
    } else if (!c.writing && r.value() != History.NIL) {
      c.writing = true;
      c.value = r.value();
      step(c);
    } else {
      topology.copied(c.key);
      tally.copiedKey();
    }
  }
}
