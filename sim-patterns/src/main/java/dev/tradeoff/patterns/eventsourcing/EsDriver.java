package dev.tradeoff.patterns.eventsourcing;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;

/**
 * A client's driver: each request goes to a handler drawn at random (a round-robin or random load
 * balancer in front of stateless services), so concurrent commands on one aggregate race on
 * different handlers. There is no health check: a request sent to a crashed handler goes
 * unanswered, and the client's timeout ends it unknown.
 */
final class EsDriver implements StoreClient {
  private final Settings settings;
  private Context ctx;
  private int[] handlers;

  EsDriver(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void start(Context context) {
    ctx = context;
    handlers = new int[settings.handlers()];
    for (int i = 0; i < handlers.length; i++) {
      handlers[i] = ctx.nodeId(settings.handlerNames().get(i));
    }
  }

  @Override
  public void submit(Request request) {
    ctx.send(handlers[ctx.random("routing").nextInt(handlers.length)], request);
  }

  @Override
  public Response onMessage(int from, Object message) {
    if (message instanceof Response r) {
      for (int h : handlers) {
        if (h == from) {
          return r;
        }
      }
    }
    return null;
  }
}
