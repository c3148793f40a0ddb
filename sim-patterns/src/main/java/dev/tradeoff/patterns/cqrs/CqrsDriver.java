package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.cqrs.Messages.Command;
import dev.tradeoff.patterns.cqrs.Messages.CommandReply;
import dev.tradeoff.patterns.cqrs.Messages.Query;
import dev.tradeoff.patterns.cqrs.Messages.ReadOwn;
import dev.tradeoff.patterns.cqrs.Messages.ReadReply;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

/**
 * The key-value workload mapped onto CQRS, as a client's driver. A write of {@code value} to key
 * {@code k} is a command to the service owning aggregate {@code k}; it completes OK when the
 * service answers that the change committed, and the driver remembers the version it produced and
 * when (local time). A read of {@code k} queries the read model, except:
 *
 * <ul>
 *   <li>{@code readYourWrites=wait-for-version}: the query carries the version this client's last
 *       command on {@code k} returned, and the read model holds it until its row reaches it;
 *   <li>{@code readYourWrites=write-model}: a read of a key this client wrote within {@code
 *       ownWritesWindow} goes to the owning service's database instead.
 * </ul>
 */
final class CqrsDriver implements StoreClient {
  private final Settings settings;
  private Context ctx;
  private int[] services;
  private int readModel;
  private final Int2LongOpenHashMap commandKeys = new Int2LongOpenHashMap();
  private final Long2LongOpenHashMap versions = new Long2LongOpenHashMap();
  private final Long2LongOpenHashMap writtenLocal = new Long2LongOpenHashMap();

  CqrsDriver(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void start(Context context) {
    ctx = context;
    services = new int[settings.services()];
    for (int i = 0; i < services.length; i++) {
      services[i] = ctx.nodeId(settings.serviceName(i));
    }
    readModel = ctx.nodeId(settings.readModelName());
  }

  @Override
  public void submit(Request r) {
    int owner = services[settings.serviceOf(r.key())];
    if (r.kind() == OpKind.WRITE) {
      commandKeys.put(r.op(), r.key());
      ctx.send(owner, new Command(r.op(), r.key(), r.value()));
      return;
    }
    switch (settings.readYourWrites()) {
      case NONE -> ctx.send(readModel, new Query(r.op(), r.key(), 0));
      case WAIT_FOR_VERSION ->
          ctx.send(readModel, new Query(r.op(), r.key(), versions.get(r.key())));
      case WRITE_MODEL -> {
        boolean recent =
            writtenLocal.containsKey(r.key())
                && ctx.localNanos() - writtenLocal.get(r.key()) <= settings.ownWritesWindowNanos();
        ctx.send(
            recent ? owner : readModel,
            recent ? new ReadOwn(r.op(), r.key()) : new Query(r.op(), r.key(), 0));
      }
    }
  }

  @Override
  public Response onMessage(int from, Object message) {
    if (message instanceof ReadReply r) {
      return new Response(r.op(), r.ok() ? OpStatus.OK : OpStatus.FAIL, r.value());
    }
    if (message instanceof CommandReply c) {
      if (!commandKeys.containsKey(c.op())) {
        return null;
      }
      long key = commandKeys.remove(c.op());
      if (!c.ok()) {
        return new Response(c.op(), OpStatus.FAIL, History.NIL);
      }
      if (c.version() > versions.get(key)) {
        versions.put(key, c.version());
      }
      writtenLocal.put(key, ctx.localNanos());
      return new Response(c.op(), OpStatus.OK, History.NIL);
    }
    return null;
  }
}
