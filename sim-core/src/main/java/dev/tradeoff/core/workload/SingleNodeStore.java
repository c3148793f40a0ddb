package dev.tradeoff.core.workload;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

/**
 * The simplest store: one node holding a key-value map in memory. Every request costs a service
 * time drawn from the node's CPU model; when the CPU's queue is full the request fails at once.
 * Reads, writes and compare-and-set take effect when their service completes, so the store is
 * linearizable — the reference that replicated patterns are measured against. It honours its node's
 * {@link dev.tradeoff.core.Release}: a bad version fails a share of requests or crashes on some
 * keys (losing the map, which lives in memory only).
 */
public final class SingleNodeStore implements Node {
  private final Long2LongOpenHashMap data = new Long2LongOpenHashMap();
  private Context ctx;

  /** An empty store. */
  public SingleNodeStore() {
    data.defaultReturnValue(History.NIL);
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Request request && !ctx.process(new Job(from, request))) {
      ctx.send(from, new Response(request.op(), OpStatus.FAIL, History.NIL));
    }
  }

  @Override
  public void onProcessed(Object job) {
    Job done = (Job) job;
    Request request = done.request();
    switch (ctx.release().effect(request.key(), ctx.random())) {
      case CRASH -> ctx.crash(); // answers nothing: the process is gone
      case ERROR -> ctx.send(done.client(), new Response(request.op(), OpStatus.FAIL, History.NIL));
      case SERVE -> ctx.send(done.client(), apply(request));
    }
  }

  private Response apply(Request request) {
    return switch (request.kind()) {
      case READ -> new Response(request.op(), OpStatus.OK, data.get(request.key()));
      case APPEND -> new Response(request.op(), OpStatus.FAIL, History.NIL); // not a list store
      case WRITE -> {
        data.put(request.key(), request.value());
        yield new Response(request.op(), OpStatus.OK, History.NIL);
      }
      case CAS -> {
        if (data.get(request.key()) != request.expected()) {
          yield new Response(request.op(), OpStatus.FAIL, History.NIL);
        }
        data.put(request.key(), request.value());
        yield new Response(request.op(), OpStatus.OK, History.NIL);
      }
    };
  }

  private record Job(int client, Request request) {}
}
