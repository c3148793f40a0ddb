package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.random.RandomStreams;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A client's driver of a {@link Service}: a client-side load balancer that sends each request to
 * one instance chosen by its {@link Balancer} and passes the answers through. It counts its own
 * requests outstanding per instance, settling one when the instance answers or reports it {@link
 * ServiceNode.Expired}; a request lost in a crash stays counted.
 */
final class ServiceDriver implements StoreClient {
  private final ServiceSettings s;
  private final int index;
  private final int[] outstanding;
  private final Int2IntOpenHashMap indexOfNode = new Int2IntOpenHashMap();
  private int[] ids;
  private int next;
  private Context ctx;
  private UniformRandomProvider random;

  ServiceDriver(ServiceSettings settings, int index) {
    this.s = settings;
    this.index = index;
    this.outstanding = new int[settings.names().size()];
    indexOfNode.defaultReturnValue(-1);
  }

  @Override
  public void start(Context context) {
    ctx = context;
    ids = new int[s.names().size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = ctx.nodeId(s.names().get(i));
      indexOfNode.put(ids[i], i);
    }
    next = index % ids.length;
    random = new RandomStreams(ctx.random().nextLong()).fork("balancer");
  }

  @Override
  public void submit(Request request) {
    int i = pick();
    outstanding[i]++;
    ctx.send(ids[i], request);
  }

  /** The instance for the next request. */
  int pick() {
    int n = ids.length;
    if (n == 1) {
      return 0;
    }
    return switch (s.balancer()) {
      case ROUND_ROBIN -> {
        int i = next;
        next = (next + 1) % n;
        yield i;
      }
      case RANDOM -> random.nextInt(n);
      case LEAST_OUTSTANDING -> {
        int best = 0;
        for (int i = 1; i < n; i++) {
          best = outstanding[i] < outstanding[best] ? i : best;
        }
        yield best;
      }
      case TWO_CHOICES -> {
        int a = random.nextInt(n);
        int b = random.nextInt(n - 1);
        b = b >= a ? b + 1 : b;
        yield outstanding[b] < outstanding[a] ? b : a;
      }
    };
  }

  @Override
  public Response onMessage(int from, Object message) {
    if (message instanceof Response r) {
      settle(from);
      return r;
    }
    if (message instanceof ServiceNode.Expired) {
      settle(from);
    }
    return null;
  }

  private void settle(int from) {
    int i = indexOfNode.get(from);
    if (i >= 0 && outstanding[i] > 0) {
      outstanding[i]--;
    }
  }
}
