package dev.tradeoff.patterns.log;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.log.LogMessages.GroupState;
import dev.tradeoff.patterns.log.LogMessages.GroupStateRequest;
import dev.tradeoff.patterns.log.LogMessages.NotOwner;
import dev.tradeoff.patterns.log.LogMessages.Query;
import dev.tradeoff.patterns.log.LogMessages.QueryReply;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.function.LongSupplier;

/**
 * The key-value workload mapped onto the log, as a client's driver. A write of {@code value} to
 * {@code key} is a produce of that record to the key's partition through a {@link Producer}; it
 * completes OK when the partition's leader acknowledges it (per {@code acks}). A read of {@code
 * key} queries the group's materialised view on the member that owns the key's partition (the last
 * value that member applied to the key): the driver learns owners from the coordinator every {@code
 * monitor} and follows a member's "not owner" redirect; a read no member claims, or still
 * redirected after three redirects, fails.
 */
final class LogDriver implements StoreClient {
  private static final int MAX_REDIRECTS = 3;

  private final Object monitorTimer = new Object(); // per driver: a host may hold several
  private final LogSettings settings;
  private final Producer producer;
  private Context ctx;
  private int controller;
  private int[] consumers;
  private int[] owner;
  private long generation;
  private final Int2IntOpenHashMap redirects = new Int2IntOpenHashMap();
  private final it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap readKeys =
      new it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap();

  LogDriver(LogSettings settings, LogFacts facts, LongSupplier producerIds) {
    this.settings = settings;
    this.producer =
        new Producer(settings, facts, producerIds.getAsLong(), settings.deliveryTimeoutNanos());
  }

  @Override
  public void start(Context context) {
    ctx = context;
    controller = ctx.nodeId(settings.controllerName());
    consumers = settings.consumerIds(ctx, 0);
    owner = new int[settings.partitions()];
    java.util.Arrays.fill(owner, -1);
    producer.start(ctx);
    monitor();
  }

  @Override
  public void submit(Request request) {
    if (request.kind() == OpKind.WRITE) {
      producer.send(
          settings.partitionOf(request.key()), request.key(), request.value(), request.op());
      return;
    }
    readKeys.put(request.op(), request.key());
    redirects.put(request.op(), 0);
    ask(request.op(), owner[settings.partitionOf(request.key())]);
  }

  private void ask(int op, int member) {
    // With no owner known, any member answers with the owner it knows (or that it knows none).
    int to = member >= 0 ? member : Math.floorMod(op, consumers.length);
    ctx.send(consumers[to], new Query(op, readKeys.get(op)));
  }

  @Override
  public Response onMessage(int from, Object message) {
    if (message instanceof QueryReply r) {
      readKeys.remove(r.op());
      redirects.remove(r.op());
      return new Response(r.op(), OpStatus.OK, r.value());
    }
    if (message instanceof NotOwner n) {
      return redirect(n);
    }
    if (message instanceof GroupState g) {
      if (g.generation() > generation) {
        generation = g.generation();
        owner = g.owner();
      }
      return null;
    }
    Producer.Acked acked = producer.onMessage(message);
    return acked == null ? null : new Response((int) acked.token(), OpStatus.OK, History.NIL);
  }

  private Response redirect(NotOwner n) {
    if (!readKeys.containsKey(n.op())) {
      return null;
    }
    int tries = redirects.get(n.op()) + 1;
    if (tries > MAX_REDIRECTS || n.owner() < 0) {
      readKeys.remove(n.op());
      redirects.remove(n.op());
      ctx.send(controller, new GroupStateRequest(0)); // our picture of the group is off
      return new Response(n.op(), OpStatus.FAIL, History.NIL);
    }
    redirects.put(n.op(), tries);
    ask(n.op(), n.owner());
    return null;
  }

  private void monitor() {
    ctx.send(controller, new GroupStateRequest(0));
    if (settings.monitorNanos() > 0) {
      ctx.setTimer(settings.monitorNanos(), monitorTimer);
    }
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return payload == monitorTimer || producer.owns(payload);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload == monitorTimer) {
      monitor();
    } else {
      producer.onTimer(payload);
    }
  }
}
