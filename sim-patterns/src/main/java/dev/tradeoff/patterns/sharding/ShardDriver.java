package dev.tradeoff.patterns.sharding;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Drivers;
import dev.tradeoff.patterns.HeldRequests;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.List;

/**
 * A client's smart driver for a sharded store (like vtgate in process, or a Redis-cluster-aware
 * client): it holds one backend driver per shard, routes each request by key through the {@link
 * Topology}, and hands every incoming message to the driver of the shard whose node sent it.
 *
 * <p>Salted keys: a write goes to one sub-key, round robin per client (starting at the client's
 * index, so clients spread from the first write); a read reads every sub-key and answers the
 * largest value seen — a max-register merge. Written values are unique and grow with invocation
 * time, so the merge returns the write invoked last among those the sub-reads saw: right for
 * counters, sets and max-registers, where writes commute; for a plain register a late-applied
 * earlier write on one sub-key can no longer hide a later one on another, but a read may pair a
 * write in flight with older ones, which a checker may flag. A sub-read that fails fails the read.
 *
 * <p>Requests for a key being copied are held and retried every millisecond until the copy ends.
 * Queries need nothing of their own: the client submits one read per key, which this driver
 * scatters to the keys' shards.
 */
final class ShardDriver implements StoreClient {

  private final Drivers shards;
  private final Topology topology;
  private final Tally tally;
  private final Salt salt;
  private final Int2ObjectOpenHashMap<Sent> sent = new Int2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<Gather> gathers = new Int2ObjectOpenHashMap<>();
  private final HeldRequests held = new HeldRequests(this::send);
  private Context ctx;
  private int nextSubOp = -2; // negative: never a history index; -1 is a "no reply" mark
  private int roundRobin;

  /** A request on its way to a shard. */
  private record Sent(int shard, long key, long sentNanos) {}

  /** A read of a salted key, waiting for its sub-reads. */
  private static final class Gather {
    final int op;
    int missing;
    long max = History.NIL;
    OpStatus status = OpStatus.OK;

    Gather(int op, int parts) {
      this.op = op;
      this.missing = parts;
    }
  }

  ShardDriver(
      StoreClient[] shards,
      List<List<String>> shardNodes,
      Topology topology,
      Tally tally,
      Salt salt,
      int clientIndex) {
    this.shards = new Drivers(shards, shardNodes);
    this.topology = topology;
    this.tally = tally;
    this.salt = salt;
    this.roundRobin = clientIndex;
  }

  @Override
  public void start(Context context) {
    ctx = context;
    shards.start(ctx);
  }

  @Override
  public void submit(Request request) {
    long key = request.key();
    tally.request(key);
    if (!salt.salted(key) || request.kind() == OpKind.APPEND) {
      dispatch(request);
    } else if (request.kind() == OpKind.READ) {
      Gather g = new Gather(request.op(), salt.salt());
      for (int j = 0; j < salt.salt(); j++) {
        int op = nextSubOp--;
        gathers.put(op, g);
        dispatch(new Request(op, OpKind.READ, Salt.subKey(key, j), History.NIL, History.NIL));
      }
    } else {
      // A compare-and-set cannot see the merged value: it goes to sub-key 0 like a write would.
      int j = request.kind() == OpKind.CAS ? 0 : Math.floorMod(roundRobin++, salt.salt());
      dispatch(
          new Request(
              request.op(),
              request.kind(),
              Salt.subKey(key, j),
              request.value(),
              request.expected()));
    }
  }

  private void dispatch(Request request) {
    byte state = topology.state(request.key());
    if (state != Topology.NOT_MOVED) {
      tally.moveRequest(state);
    }
    held.offer(ctx, request);
  }

  /** Sends {@code request} to its key's shard; false if the key is locked. */
  private boolean send(Request request) {
    int shard = topology.route(request.key());
    if (shard == Topology.HOLD) {
      return false;
    }
    tally.sent(shard);
    topology.sent(request.key());
    sent.put(request.op(), new Sent(shard, request.key(), ctx.localNanos()));
    shards.part(shard).submit(request);
    return true;
  }

  @Override
  public Response onMessage(int from, Object message) {
    Response r = shards.onMessage(from, message);
    if (r == null) {
      return null;
    }
    Sent s = sent.remove(r.op());
    if (s != null) {
      topology.answered(s.key());
      tally.answered(s.shard(), ctx.localNanos() - s.sentNanos(), r.status() == OpStatus.OK);
    }
    if (r.op() >= 0) {
      return r;
    }
    Gather g = gathers.remove(r.op());
    if (g == null) {
      return null;
    }
    if (r.status() != OpStatus.OK) {
      g.status = g.status == OpStatus.FAIL ? OpStatus.FAIL : r.status();
    } else if (r.value() != History.NIL && (g.max == History.NIL || r.value() > g.max)) {
      g.max = r.value();
    }
    if (--g.missing > 0) {
      return null;
    }
    return new Response(g.op, g.status, g.status == OpStatus.OK ? g.max : History.NIL);
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return held.ownsTimer(payload) || shards.ownsTimer(payload);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (held.ownsTimer(payload)) {
      held.onTimer(ctx);
    } else {
      shards.onTimer(timerId, payload);
    }
  }
}
