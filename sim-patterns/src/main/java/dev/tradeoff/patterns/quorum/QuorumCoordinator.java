package dev.tradeoff.patterns.quorum;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.quorum.Messages.Read;
import dev.tradeoff.patterns.quorum.Messages.ReadReply;
import dev.tradeoff.patterns.quorum.Messages.Write;
import dev.tradeoff.patterns.quorum.Messages.WriteAck;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The coordinator of a leaderless group, living in the client (client-side routing, as Voldemort's
 * clients and Cassandra's token-aware drivers do): it sends every request to all N home replicas at
 * once and answers after W write acks or R read replies — exactly the WARS model of the PBS paper,
 * where a write commits at its W-th ack and a read returns the newest of its first R replies.
 *
 * <p>A write is versioned by this client's local clock when submitted (ties broken by the unique
 * value), so concurrent writers race last-writer-wins by client clock, like Cassandra with
 * client-side timestamps; a skewed client clock can make a later write lose. With read repair on,
 * after a read it waits for every replica's reply (up to {@code coordinatorTimeout}) and sends the
 * newest version it saw to those that replied with an older one, without waiting for acks.
 *
 * <p>With a sloppy quorum, {@code sloppyAfter} after sending, each home replica that has not
 * answered is replaced by the next unused spare: a write goes to the spare with a hint naming that
 * home replica (and counts towards W when the spare acks), a read still short of R replies also
 * asks the spare. The requests themselves are never retried; the client's timeout covers an
 * operation that never reaches its quorum.
 */
final class QuorumCoordinator implements StoreClient {
  private final Settings config;
  private final Int2ObjectOpenHashMap<Pending> pending = new Int2ObjectOpenHashMap<>();
  private final Int2IntOpenHashMap indexOfNode = new Int2IntOpenHashMap();
  private int[] nodeIds;
  private Context ctx;
  private ContinuousSampler writeDelay;
  private ContinuousSampler readDelay;

  QuorumCoordinator(Settings config) {
    this.config = config;
    indexOfNode.defaultReturnValue(-1);
  }

  /** Timer payloads of this driver. */
  /** A timer of this coordinator; {@code owner} tells it from another's in the same host. */
  private sealed interface Timer permits Outbound, Fallback, Expire {
    QuorumCoordinator owner();
  }

  /** A message held back by its WARS delay. */
  private record Outbound(QuorumCoordinator owner, int to, Object message) implements Timer {}

  /** Time to fall back to spares for request {@code op}. */
  private record Fallback(QuorumCoordinator owner, int op) implements Timer {}

  /** Time to forget request {@code op}. */
  private record Expire(QuorumCoordinator owner, int op) implements Timer {}

  /** One outstanding request. */
  private static final class Pending {
    final Request request;
    final long stamp;
    final long[] replyStamps; // per node index; MIN_VALUE until it replied
    final long[] replyValues;
    int sentTo; // bit per node index
    int repliedBy;
    int replies;
    boolean answered;
    long bestStamp = Long.MIN_VALUE;
    long bestValue = History.NIL;
    int bestNode = -1; // index of the node that sent the newest version; -1 while all were nil
    int nextSpare;

    Pending(Request request, long stamp, int nodes) {
      this.request = request;
      this.stamp = stamp;
      replyStamps = new long[nodes];
      replyValues = new long[nodes];
      java.util.Arrays.fill(replyStamps, Long.MIN_VALUE);
    }
  }

  @Override
  public void start(Context context) {
    ctx = context;
    nodeIds = new int[config.nodeCount()];
    for (int i = 0; i < nodeIds.length; i++) {
      nodeIds[i] = ctx.nodeId(config.node(i));
      indexOfNode.put(nodeIds[i], i);
    }
    if (config.wars().active()) {
      writeDelay = config.wars().writeNanos().sampler(ctx.random());
      readDelay = config.wars().readNanos().sampler(ctx.random());
    }
  }

  @Override
  public void submit(Request request) {
    OpKind kind = request.kind();
    if (kind != OpKind.READ && kind != OpKind.WRITE) {
      // No compare-and-set or append on a leaderless store (it could not be atomic): such a
      // request is never answered and ends at the client's timeout.
      return;
    }
    Pending p = new Pending(request, ctx.localNanos(), config.nodeCount());
    pending.put(request.op(), p);
    for (int i = 0; i < config.n(); i++) {
      sendTo(p, i, Messages.NO_HINT);
    }
    if (config.sloppyQuorum()) {
      ctx.setTimer(config.sloppyAfterNanos(), new Fallback(this, request.op()));
    }
    ctx.setTimer(config.coordinatorTimeoutNanos(), new Expire(this, request.op()));
  }

  private void sendTo(Pending p, int node, int hintFor) {
    Request q = p.request;
    p.sentTo |= 1 << node;
    if (q.kind() == OpKind.WRITE) {
      send(nodeIds[node], new Write(q.op(), q.key(), p.stamp, q.value(), hintFor), writeDelay);
    } else {
      send(nodeIds[node], new Read(q.op(), q.key()), readDelay);
    }
  }

  private void send(int to, Object message, ContinuousSampler delay) {
    if (delay == null) {
      ctx.send(to, message);
    } else {
      ctx.setTimer(Math.max(0L, Math.round(delay.sample())), new Outbound(this, to, message));
    }
  }

  @Override
  public Response onMessage(int from, Object message) {
    int node = indexOfNode.get(from);
    if (node < 0) {
      return null;
    }
    if (message instanceof WriteAck ack) {
      Pending p = pending.get(ack.op());
      if (p == null || !reply(p, node)) {
        return null;
      }
      Response answer = null;
      if (!p.answered && p.replies >= config.w()) {
        p.answered = true;
        answer = new Response(ack.op(), OpStatus.OK, History.NIL);
      }
      forgetIfDone(p);
      return answer;
    }
    if (message instanceof ReadReply r) {
      Pending p = pending.get(r.op());
      if (p == null || !reply(p, node)) {
        return null;
      }
      p.replyStamps[node] = r.stamp();
      p.replyValues[node] = r.value();
      if (newer(r.stamp(), r.value(), p.bestStamp, p.bestValue)) {
        p.bestStamp = r.stamp();
        p.bestValue = r.value();
        p.bestNode = node;
      }
      Response answer = null;
      if (!p.answered && p.replies >= config.r()) {
        p.answered = true;
        // the version returned is the newest reply's, whichever reply completed the quorum
        int server = p.bestNode < 0 ? Response.SENDER : nodeIds[p.bestNode];
        answer = new Response(r.op(), OpStatus.OK, p.bestValue, server);
      }
      forgetIfDone(p);
      return answer;
    }
    return null;
  }

  /** Records a reply from {@code node}; false for a duplicate. */
  private static boolean reply(Pending p, int node) {
    int bit = 1 << node;
    if ((p.repliedBy & bit) != 0) {
      return false;
    }
    p.repliedBy |= bit;
    p.replies++;
    return true;
  }

  private void forgetIfDone(Pending p) {
    boolean allReplied = (p.repliedBy & p.sentTo) == p.sentTo;
    boolean done =
        p.request.kind() == OpKind.READ && config.readRepair()
            ? allReplied
            : p.answered && (allReplied || !config.sloppyQuorum());
    if (done) {
      finish(p);
    }
  }

  /** Drops the request's state, repairing first if it is a read and read repair is on. */
  private void finish(Pending p) {
    pending.remove(p.request.op());
    if (p.request.kind() != OpKind.READ || !config.readRepair() || p.replies == 0) {
      return;
    }
    for (int node = 0; node < config.n(); node++) {
      if ((p.repliedBy & (1 << node)) != 0
          && newer(p.bestStamp, p.bestValue, p.replyStamps[node], p.replyValues[node])) {
        send(
            nodeIds[node],
            new Write(
                Messages.NO_REPLY, p.request.key(), p.bestStamp, p.bestValue, Messages.NO_HINT),
            writeDelay);
      }
    }
  }

  private static boolean newer(long stampA, long valueA, long stampB, long valueB) {
    return stampA > stampB || (stampA == stampB && valueA > valueB);
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return payload instanceof Timer t && t.owner() == this;
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload instanceof Outbound out) {
      ctx.send(out.to(), out.message());
    } else if (payload instanceof Fallback f) {
      fallBack(f.op());
    } else if (payload instanceof Expire e) {
      Pending p = pending.get(e.op());
      if (p != null) {
        finish(p);
      }
    }
  }

  private void fallBack(int op) {
    Pending p = pending.get(op);
    if (p == null || (p.request.kind() == OpKind.READ && p.answered)) {
      return;
    }
    for (int home = 0; home < config.n() && p.nextSpare < config.spares(); home++) {
      if ((p.repliedBy & (1 << home)) == 0) {
        int spare = config.n() + p.nextSpare++;
        sendTo(p, spare, p.request.kind() == OpKind.WRITE ? home : Messages.NO_HINT);
      }
    }
  }
}
