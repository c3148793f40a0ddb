package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.random.RandomStreams;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A client's driver of a {@link Service}: a client-side load balancer that sends each request to
 * one instance chosen by its {@link Balancer} and passes the answers through. It counts its own
 * requests outstanding per instance, settling one when the instance answers or reports it {@link
 * ServiceNode.Expired}. With a {@link HealthCheck} it asks every instance how it is each interval
 * and leaves out of its choice those that did not answer the previous question or report a wait
 * above the limit, until they answer well again; with all of them out it chooses among all.
 *
 * <p>A request lost in a crash stays counted until a health answer shows that its instance has
 * restarted since the last one: then none of the requests counted there can be answered any more,
 * as a balancer learns from a reset connection, and the count starts again from zero (requests sent
 * to the new incarnation before that answer are forgotten too; their answers find nothing to
 * settle). Without health checks lost requests stay counted, and a balancer that prefers the
 * instance with fewer outstanding avoids one that crashed for as long as its count stays higher.
 *
 * <p>With customers given instances of their own ({@link Assignment}: plain or shuffle sharding),
 * it chooses for each request among the instances of the request's customer only, by the same
 * balancer (round-robin keeps a turn per customer); with all of them out of rotation it chooses
 * among all of them again, or, with the {@link Shards#fallback}, among every instance.
 */
final class ServiceDriver implements StoreClient {
  /** Time for this driver's next health round. */
  private record HealthTick(ServiceDriver owner) {}

  private final ServiceSettings s;
  private final int index;
  private final ServiceLedger ledger;
  private final int[] outstanding;
  private final Int2IntOpenHashMap indexOfNode = new Int2IntOpenHashMap();
  private int[] ids;
  private int next;
  private Context ctx;
  private UniformRandomProvider random;
  // Health check: instances out of rotation, instances yet to answer this round, and the
  // instances in rotation (the first `liveCount` of `live`, in index order).
  private boolean[] out;
  private boolean[] awaiting;
  private long[] startedNanos; // per instance, its incarnation's start in its last health answer
  private int[] live;
  private int liveCount;
  private int round;
  // Sharded: the customer's instances in rotation, and each customer's round-robin turn.
  private int[] scratch;
  private int[] turns;

  ServiceDriver(ServiceSettings settings, int index, ServiceLedger ledger) {
    this.s = settings;
    this.index = index;
    this.ledger = ledger;
    this.outstanding = new int[settings.names().size()];
    indexOfNode.defaultReturnValue(-1);
  }

  @Override
  public void start(Context context) {
    ctx = context;
    int n = s.names().size();
    ids = new int[n];
    live = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = ctx.nodeId(s.names().get(i));
      indexOfNode.put(ids[i], i);
      live[i] = i;
    }
    liveCount = n;
    next = index % n;
    random = new RandomStreams(ctx.random().nextLong()).fork("balancer");
    if (s.health().on()) {
      out = new boolean[n];
      awaiting = new boolean[n];
      startedNanos = new long[n];
      Arrays.fill(startedNanos, -1);
      ledger.checkedPairs += n;
      ctx.setTimer(s.health().intervalNanos(), new HealthTick(this));
    }
  }

  @Override
  public void submit(Request request) {
    Assignment a = s.shards().assignment();
    int i = a == null || a.shared() ? pick() : pickFor(a, s.isolation().tenant(request.key()));
    outstanding[i]++;
    ctx.send(ids[i], request);
  }

  /** The instance for the next request, among those in rotation (all, if none is). */
  int pick() {
    int n = ids.length;
    if (n == 1) {
      return 0;
    }
    int m = liveCount == 0 ? n : liveCount;
    int[] from = liveCount == 0 ? identity() : live;
    return s.balancer() == Balancer.ROUND_ROBIN ? roundRobin() : among(from, m);
  }

  /** The instance for the next request of customer {@code tenant}, among its own. */
  private int pickFor(Assignment a, int tenant) {
    int[] set = a.set(tenant);
    if (scratch == null) {
      scratch = new int[ids.length];
      turns = new int[s.isolation().tenants()];
      Arrays.fill(turns, index);
    }
    int m = 0;
    for (int i : set) {
      if (out == null || !out[i]) {
        scratch[m++] = i;
      }
    }
    if (m == 0) {
      if (s.shards().fallback()) {
        return pick();
      }
      System.arraycopy(set, 0, scratch, 0, set.length);
      m = set.length;
    }
    if (m == 1) {
      return scratch[0];
    }
    if (s.balancer() == Balancer.ROUND_ROBIN) {
      return scratch[Math.floorMod(turns[tenant]++, m)];
    }
    return among(scratch, m);
  }

  /** Random, least-outstanding or two-choices among the first {@code m} of {@code from}. */
  private int among(int[] from, int m) {
    return switch (s.balancer()) {
      case ROUND_ROBIN -> throw new IllegalStateException("round-robin keeps turns");
      case RANDOM -> from[random.nextInt(m)];
      case LEAST_OUTSTANDING -> {
        int best = from[0];
        for (int k = 1; k < m; k++) {
          best = outstanding[from[k]] < outstanding[best] ? from[k] : best;
        }
        yield best;
      }
      case TWO_CHOICES -> {
        if (m == 1) {
          yield from[0];
        }
        int a = random.nextInt(m);
        int b = random.nextInt(m - 1);
        b = b >= a ? b + 1 : b;
        yield outstanding[from[b]] < outstanding[from[a]] ? from[b] : from[a];
      }
    };
  }

  private int roundRobin() {
    int n = ids.length;
    for (int tries = 0; tries < n; tries++) {
      int i = next;
      next = (next + 1) % n;
      if (out == null || liveCount == 0 || !out[i]) {
        return i;
      }
    }
    return next; // unreachable: some instance is in rotation
  }

  private int[] identity() {
    int[] all = new int[ids.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  @Override
  public Response onMessage(int from, Object message) {
    if (message instanceof Response r) {
      settle(from);
      return r;
    }
    if (message instanceof ServiceNode.Expired) {
      settle(from);
    } else if (message instanceof ServiceNode.HealthReply h && out != null) {
      int i = indexOfNode.get(from);
      if (i >= 0 && h.round() == round && awaiting[i]) {
        awaiting[i] = false;
        if (startedNanos[i] != h.startedNanos()) {
          if (startedNanos[i] >= 0) {
            outstanding[i] = 0; // restarted: what the old incarnation held is lost
          }
          startedNanos[i] = h.startedNanos();
        }
        long max = s.health().maxWaitNanos();
        setOut(i, max > 0 && h.oldestWaitNanos() > max);
      }
    }
    return null;
  }

  private void settle(int from) {
    int i = indexOfNode.get(from);
    if (i >= 0 && outstanding[i] > 0) {
      outstanding[i]--;
    }
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return payload instanceof HealthTick t && t.owner() == this;
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    round++;
    for (int i = 0; i < ids.length; i++) {
      if (awaiting[i]) {
        setOut(i, true); // no answer in a whole interval: down or cut off
      }
      awaiting[i] = true;
      ctx.send(ids[i], new ServiceNode.Health(round));
    }
    ctx.setTimer(s.health().intervalNanos(), new HealthTick(this));
  }

  private void setOut(int i, boolean isOut) {
    if (out[i] == isOut) {
      return;
    }
    out[i] = isOut;
    ledger.ejectedPairs += isOut ? 1 : -1;
    liveCount = 0;
    for (int k = 0; k < ids.length; k++) {
      if (!out[k]) {
        live[liveCount++] = k;
      }
    }
  }
}
