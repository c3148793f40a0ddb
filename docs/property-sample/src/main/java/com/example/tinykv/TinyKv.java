package com.example.tinykv;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import java.util.TreeMap;

/**
 * A one-node key-value store that keeps its data in memory and in a log on its disk, and reloads
 * the disk when it restarts. The disk is synced every {@link #SYNC_EVERY_NANOS}, and either
 * before a write is acknowledged ({@code syncBeforeAck}) or not: acknowledging first is faster, and
 * a power loss then forgets writes the clients were told are stored.
 */
public final class TinyKv implements Node {
  /** How often the background sync runs. */
  public static final long SYNC_EVERY_NANOS = 50_000_000L;

  private static final Object SYNC = "sync";

  private final boolean syncBeforeAck;
  private final TreeMap<Long, Long> data = new TreeMap<>();
  private Context ctx;

  /** A store that syncs before acknowledging a write if {@code syncBeforeAck}. */
  public TinyKv(boolean syncBeforeAck) {
    this.syncBeforeAck = syncBeforeAck;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    Disk disk = ctx.disk();
    for (String key : disk.keys()) { // a restart: what the disk kept is the data
      data.put(Long.parseLong(key), (Long) disk.get(key));
    }
    ctx.setTimer(SYNC_EVERY_NANOS, SYNC);
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    ctx.disk().sync();
    ctx.setTimer(SYNC_EVERY_NANOS, SYNC);
  }

  @Override
  public void onMessage(int from, Object message) {
    if (!(message instanceof Request request)) {
      return;
    }
    switch (request.kind()) {
      case READ ->
          ctx.send(
              from,
              new Response(
                  request.op(), OpStatus.OK, data.getOrDefault(request.key(), History.NIL)));
      case WRITE -> {
        data.put(request.key(), request.value());
        ctx.disk().put(Long.toString(request.key()), request.value());
        if (syncBeforeAck) {
          ctx.disk().sync();
        }
        ctx.send(from, new Response(request.op(), OpStatus.OK, History.NIL));
      }
      default -> ctx.send(from, new Response(request.op(), OpStatus.FAIL, History.NIL));
    }
  }
}
