package dev.tradeoff.patterns.caching;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;

/**
 * A client's driver for a cached system. It sends each key to the cache node consistent hashing
 * names for it.
 *
 * <p>Cache-aside, the application's code as it is usually written: a read gets the key from the
 * cache; on a miss it reads the DB through the hosted backend driver, answers, and sets the cache
 * with what it read (with the lease the miss carried, if any). A write goes to the DB, then deletes
 * the key in the cache (passing the version it wrote) and is acknowledged when the delete is; with
 * {@code deleteDelay} a second delete follows. Between a miss's DB read and its set, a write may
 * update the DB and delete the key: the set then installs the old value until the TTL — the race
 * this pattern is known for. A hit that asks for a refresh (soft TTL) is answered at once and
 * refreshed in the background. With single flight, a miss without a lease (the cache node was
 * overloaded) is answered from the DB but not set. A DB request unanswered after {@code
 * fillTimeout} is given up (the client's own timeout ends its operation); a write acknowledged
 * later still deletes its key.
 *
 * <p>Other policies: each request goes to the cache node as a call, which answers it.
 *
 * <p>Only reads and writes are served: in cache-aside other requests are never answered (the
 * client's timeout ends them); under the other policies the cache node fails them at once.
 *
 * <p>Only messages from its own cache nodes are taken as cache replies; anything else goes to the
 * hosted DB driver, so the database may itself be a cached system.
 */
final class CacheDriver implements StoreClient {
  /**
   * Internal DB request ids lie from here up, above any history operation index and any migration
   * host's own ids ({@code [2^29, 2^30)}).
   */
  static final int INTERNAL_OPS = 1 << 30;

  /** How far above {@link #INTERNAL_OPS} an incarnation's first DB request id may be drawn. */
  static final int FIRST_ID_SPAN = 1 << 29;

  private final Settings s;
  private final Ledger ledger;
  private final StoreClient db;
  private final Int2ObjectOpenHashMap<DbWork> work = new Int2ObjectOpenHashMap<>();
  private final IntOpenHashSet deleting = new IntOpenHashSet();
  // DB requests given up on, by id: a write's late acknowledgement still deletes its key.
  private final Int2ObjectOpenHashMap<DbWork> late = new Int2ObjectOpenHashMap<>();
  private final Int2LongOpenHashMap timers = new Int2LongOpenHashMap();
  private Context ctx;
  private int[] nodes;
  private int nextOp;

  /** A DB request made for client operation {@code op} (-1: a background refresh). */
  private record DbWork(OpKind kind, int op, long key, long value, long lease) {}

  /** The timer of a second, delayed delete; {@code owner} tells this driver's timers apart. */
  private record DelayedDelete(CacheDriver owner, long key, long version) {}

  /** The timeout of DB request {@code op}; {@code owner} tells this driver's timers apart. */
  private record DbTimeout(CacheDriver owner, int op) {}

  /** A driver; {@code db} is the hosted backend driver, needed only for cache-aside. */
  CacheDriver(Settings settings, Ledger ledger, StoreClient db) {
    this.s = settings;
    this.ledger = ledger;
    this.db = db;
  }

  @Override
  public void start(Context context) {
    ctx = context;
    // The DB's answers to an earlier incarnation's requests, late on a slow link, must not match
    // this one's: a restarted host would take an old write's acknowledgement for a new one's.
    nextOp = INTERNAL_OPS + ctx.random("request-ids").nextInt(FIRST_ID_SPAN);
    nodes = new int[s.names().size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = ctx.nodeId(s.names().get(i));
    }
    if (db != null) {
      db.start(ctx);
    }
  }

  private int nodeFor(long key) {
    return nodes[s.router().shardOf(key)];
  }

  @Override
  public void submit(Request r) {
    if (s.policy() != Policy.CACHE_ASIDE) {
      ctx.send(nodeFor(r.key()), new Messages.Call(r));
    } else if (r.kind() == OpKind.READ) {
      ctx.send(nodeFor(r.key()), new Messages.Get(r.op(), r.key()));
    } else if (r.kind() == OpKind.WRITE) {
      toDb(new DbWork(OpKind.WRITE, r.op(), r.key(), r.value(), 0));
    }
  }

  private void toDb(DbWork w) {
    int op = nextOp++;
    work.put(op, w);
    timers.put(op, ctx.setTimer(s.fillTimeoutNanos(), new DbTimeout(this, op)));
    if (w.kind() == OpKind.READ) {
      ledger.dbReadSent(w.key());
    } else {
      ledger.dbWriteSent();
    }
    db.submit(new Request(op, w.kind(), w.key(), w.value(), History.NIL));
  }

  @Override
  public Response onMessage(int from, Object message) {
    if (isCacheReply(message) && isCacheNode(from)) {
      return fromCache(message);
    }
    if (db == null) {
      return null;
    }
    Response r = db.onMessage(from, message);
    if (r == null) {
      return null;
    }
    DbWork w = work.remove(r.op());
    if (w != null) {
      ctx.cancelTimer(timers.remove(r.op()));
      return fromDb(w, r);
    }
    DbWork gone = late.remove(r.op());
    if (gone != null && gone.kind() == OpKind.WRITE && r.status() == OpStatus.OK) {
      ledger.dbWriteAcked(gone.key(), gone.value());
      ctx.send(nodeFor(gone.key()), new Messages.Delete(-1, gone.key(), gone.value()));
    }
    return null;
  }

  private boolean isCacheNode(int from) {
    for (int n : nodes) {
      if (n == from) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCacheReply(Object message) {
    return message instanceof Messages.Answer
        || message instanceof Messages.Lookup
        || message instanceof Messages.Deleted;
  }

  /** A reply of one of this driver's cache nodes. */
  private Response fromCache(Object message) {
    if (message instanceof Messages.Answer a) {
      return a.response();
    }
    if (message instanceof Messages.Lookup l) {
      if (l.hit()) {
        if (l.lease() != 0) {
          toDb(new DbWork(OpKind.READ, -1, l.key(), History.NIL, l.lease()));
        }
        return new Response(l.id(), OpStatus.OK, l.value());
      }
      toDb(new DbWork(OpKind.READ, l.id(), l.key(), History.NIL, l.lease()));
      return null;
    }
    if (message instanceof Messages.Deleted d) {
      return deleting.remove(d.id()) ? new Response(d.id(), OpStatus.OK, History.NIL) : null;
    }
    return null;
  }

  private Response fromDb(DbWork w, Response r) {
    if (w.kind() == OpKind.READ) {
      ledger.dbReadDone(w.key());
      if (r.status() == OpStatus.OK && (w.lease() != 0 || !s.singleFlight())) {
        ctx.send(nodeFor(w.key()), new Messages.Set(w.key(), r.value(), w.lease()));
      }
      return w.op() < 0 ? null : new Response(w.op(), r.status(), r.value());
    }
    if (r.status() != OpStatus.OK) {
      return new Response(w.op(), r.status(), History.NIL);
    }
    ledger.dbWriteAcked(w.key(), w.value());
    deleting.add(w.op());
    ctx.send(nodeFor(w.key()), new Messages.Delete(w.op(), w.key(), w.value()));
    if (s.deleteDelayNanos() > 0) {
      ctx.setTimer(s.deleteDelayNanos(), new DelayedDelete(this, w.key(), w.value()));
    }
    return null;
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return (payload instanceof DelayedDelete d && d.owner() == this)
        || (payload instanceof DbTimeout t && t.owner() == this)
        || (db != null && db.ownsTimer(payload));
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload instanceof DelayedDelete d && d.owner() == this) {
      ctx.send(nodeFor(d.key()), new Messages.Delete(-1, d.key(), d.version()));
    } else if (payload instanceof DbTimeout t && t.owner() == this) {
      timers.remove(t.op());
      DbWork w = work.remove(t.op());
      if (w == null) {
        return;
      }
      if (w.kind() == OpKind.READ) {
        ledger.dbReadDone(w.key());
      } else {
        late.put(t.op(), w);
      }
    } else if (db != null) {
      db.onTimer(timerId, payload);
    }
  }
}
