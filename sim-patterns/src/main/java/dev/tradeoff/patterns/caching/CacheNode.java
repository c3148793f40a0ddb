package dev.tradeoff.patterns.caching;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cache node: memory only (a crash or {@code cache-flush} empties it), a CPU that charges the
 * cache's service time for every get, set, delete and call.
 *
 * <p><b>Cache-aside</b> (memcached-like): it answers {@link Messages.Get}, {@link Messages.Set} and
 * {@link Messages.Delete}; the driver does the rest. With single flight it hands out leases as in
 * Facebook's "Scaling Memcache" §3.2.1: the first miss of a key gets a lease and fills it, later
 * misses are parked and answered by the leased set; a delete invalidates the lease, so a fill
 * racing a write is refused. A lease not used within {@code fillTimeout} passes to a waiter. A set
 * without a lease (a miss rejected under overload carries none, and its reader then does not set)
 * is refused too, so an overloaded cache does not reopen the race.
 *
 * <p><b>Read-through, write-through, write-behind</b>: it serves {@link Messages.Call}s itself
 * through a hosted backend driver. It sees writes and fills alike, so a fill that started before a
 * write of its key is answered but not installed (the race that cache-aside suffers cannot happen
 * here). With single flight, concurrent misses of a key share one DB read. Write-through installs
 * after the DB acknowledged (unversioned, two concurrent writes may install in the other order);
 * read-through writes the DB then invalidates; write-behind acknowledges at once and flushes the
 * dirty keys, newest value each, every {@code flushInterval} — a crash first loses them.
 *
 * <p>Soft TTL: a hit on an entry older than {@code softTtl} is served and refreshed in the
 * background, once per key at a time (by the reader's driver in cache-aside, by the node
 * otherwise).
 */
final class CacheNode implements Node {
  /** The role timeline's track of a cache node's flushes (its memory, or write-behind's). */
  static final String CACHE_TRACK = "cache";

  /** The role timeline's track of the keys a write invalidated. */
  static final String INVALIDATION_TRACK = "invalidations";

  /** The role timeline's track of the keys found expired (their TTL ran out) on a lookup. */
  static final String EXPIRY_TRACK = "expiries";

  /** The mark of a {@code cache-flush} fault: the node's memory emptied. */
  static final String FLUSHED_MEMORY = "memory flushed";

  /**
   * Internal DB request ids start at a random point of {@code [2^30, 2^30 + 2^29)}, above any
   * history operation index: each incarnation starts elsewhere, so a reply to an earlier
   * incarnation's request (still in flight at a crash) almost never matches a request of this one.
   */
  private static final int INTERNAL_OPS = 1 << 30;

  private static final Object FLUSH = new Object();

  private final Settings s;
  private final int index;
  private final Ledger ledger;
  private int memory; // this node's memory in the ledger's write-behind record
  private final Long2ObjectOpenHashMap<Lease> leases = new Long2ObjectOpenHashMap<>();
  private final Long2ObjectOpenHashMap<DbCall> reads = new Long2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<DbCall> calls = new Int2ObjectOpenHashMap<>();
  // Bumped by every write the node handles: a fill started under an older generation is stale.
  private final Long2LongOpenHashMap generation = new Long2LongOpenHashMap();
  // Write-behind: acknowledged values not yet sent, and sent but not yet acknowledged by the DB.
  private final LinkedHashMap<Long, Long> dirty = new LinkedHashMap<>();
  private final LinkedHashMap<Long, Long> flushing = new LinkedHashMap<>();
  private Context ctx;
  private StoreClient db;
  private CacheTable table;
  private int nextOp;
  private long nextLease;

  /** A cache-aside fill in progress: its lease, its timeout and the misses parked on it. */
  private static final class Lease {
    final long token;
    final long timer;
    final List<Waiter> waiters = new ArrayList<>();

    Lease(long token, long timer) {
      this.token = token;
      this.timer = timer;
    }
  }

  /** A DB request of this node; a read may carry parked client reads. */
  private static final class DbCall {
    final OpKind kind;
    final long key;
    final long value;
    final long generation;
    final boolean flush;
    final List<Waiter> waiters = new ArrayList<>();
    long timer;

    DbCall(OpKind kind, long key, long value, long generation, boolean flush) {
      this.kind = kind;
      this.key = key;
      this.value = value;
      this.generation = generation;
      this.flush = flush;
    }
  }

  /** A request to answer later: a {@link Messages.Get} ({@code call} false) or a call. */
  private record Waiter(int from, int id, boolean call) {}

  private record Job(int from, Object message) {}

  private record LeaseTimeout(long key, long token) {}

  private record CallTimeout(int op) {}

  CacheNode(Settings settings, int index, Ledger ledger) {
    this.s = settings;
    this.index = index;
    this.ledger = ledger;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    table = new CacheTable(s.capacity(), s.ttlNanos(), s.versioned());
    memory = ledger.behind().newMemory();
    if (s.warmKeys() > 0 && ledger.firstStart(index)) {
      warm();
    }
    // Leases of an earlier incarnation must never match: start somewhere random.
    nextLease = (ctx.random().nextLong() >>> 2) + 1;
    // So must the DB replies to its requests, which the new driver would take for its own.
    nextOp = INTERNAL_OPS + (int) (ctx.random().nextLong() >>> 35);
    if (s.policy() != Policy.CACHE_ASIDE) {
      db = s.backend().client(index);
      db.start(ctx);
    }
    if (s.policy() == Policy.WRITE_BEHIND) {
      ctx.setTimer(s.flushIntervalNanos(), FLUSH);
    }
  }

  /** Preloads the warm keys this node owns with what the database holds at the start: nil. */
  private void warm() {
    long now = ctx.localNanos();
    for (long key = 0; key < s.warmKeys(); key++) {
      if (s.router().shardOf(key) == index) {
        table.install(key, History.NIL, now);
      }
    }
  }

  @Override
  public void onCacheFlush() {
    mark(CACHE_TRACK, FLUSHED_MEMORY);
    memory = ledger.behind().newMemory();
    table.clear();
    dirty.clear();
    flushing.clear();
  }

  /** Entries held (tombstones included), for the {@code cache/entries} series. */
  int entries() {
    return table.size();
  }

  /** Write-behind values acknowledged but not yet acknowledged by the DB. */
  int unflushed() {
    return dirty.size() + flushing.size();
  }

  /**
   * The write-behind value of {@code key} this node still owes the DB (the newest, if one is both
   * waiting and in flight), or {@link History#NIL}.
   */
  long unflushedValue(long key) {
    Long v = dirty.containsKey(key) ? dirty.get(key) : flushing.get(key);
    return v == null ? History.NIL : v;
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof Messages.Get
        || message instanceof Messages.Set
        || message instanceof Messages.Delete
        || message instanceof Messages.Call) {
      if (!ctx.process(new Job(from, message))) {
        reject(from, message);
      }
    } else if (db != null) {
      Response r = db.onMessage(from, message);
      if (r != null) {
        onDb(r);
      }
    }
  }

  /**
   * The CPU queue is full: a get misses without a lease (the client falls back to the DB, and with
   * single flight its set is refused), a call fails.
   */
  private void reject(int from, Object message) {
    if (message instanceof Messages.Get g) {
      ctx.send(from, new Messages.Lookup(g.id(), g.key(), false, History.NIL, 0));
    } else if (message instanceof Messages.Call c) {
      ctx.send(from, answer(c.request().op(), OpStatus.FAIL, History.NIL));
    }
  }

  @Override
  public void onProcessed(Object job) {
    Job j = (Job) job;
    Object m = j.message();
    if (m instanceof Messages.Get g) {
      get(j.from(), g);
    } else if (m instanceof Messages.Set set) {
      set(set);
    } else if (m instanceof Messages.Delete d) {
      delete(j.from(), d);
    } else if (m instanceof Messages.Call c) {
      call(j.from(), c.request());
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload == FLUSH) {
      flush();
      ctx.setTimer(s.flushIntervalNanos(), FLUSH);
    } else if (payload instanceof LeaseTimeout t) {
      Lease lease = leases.get(t.key());
      if (lease != null && lease.token == t.token()) {
        leases.remove(t.key());
        handOver(t.key(), lease.waiters);
      }
    } else if (payload instanceof CallTimeout t) {
      DbCall c = calls.remove(t.op());
      if (c != null) {
        dbFailed(c, false);
      }
    } else if (db != null && db.ownsTimer(payload)) {
      db.onTimer(timerId, payload);
    }
  }

  // ---- cache-aside: get / set / delete ----

  private void get(int from, Messages.Get g) {
    long now = ctx.localNanos();
    if (table.expired(g.key(), now)) {
      mark(EXPIRY_TRACK, "key " + g.key() + " expired");
    }
    CacheTable.Entry e = table.lookup(g.key(), now);
    if (e != null) {
      ledger.hit(g.key(), e.value);
      long lease = 0;
      if (softExpired(e, now) && !leases.containsKey(g.key())) {
        lease = newLease(g.key()).token; // this reader refreshes it
      }
      ctx.send(from, new Messages.Lookup(g.id(), g.key(), true, e.value, lease));
      return;
    }
    ledger.miss();
    if (!s.singleFlight()) {
      ctx.send(from, new Messages.Lookup(g.id(), g.key(), false, History.NIL, 0));
      return;
    }
    Lease lease = leases.get(g.key());
    if (lease != null) {
      lease.waiters.add(new Waiter(from, g.id(), false));
    } else {
      long token = newLease(g.key()).token;
      ctx.send(from, new Messages.Lookup(g.id(), g.key(), false, History.NIL, token));
    }
  }

  private boolean softExpired(CacheTable.Entry e, long nowNanos) {
    return s.softTtlNanos() > 0 && nowNanos - e.setNanos >= s.softTtlNanos();
  }

  private Lease newLease(long key) {
    long token = nextLease++;
    Lease lease =
        new Lease(token, ctx.setTimer(s.fillTimeoutNanos(), new LeaseTimeout(key, token)));
    leases.put(key, lease);
    return lease;
  }

  private void set(Messages.Set set) {
    long key = set.key();
    if (set.lease() == 0) {
      // With single flight every fill carries a lease; a lease-free set (after a miss answered
      // without one, under overload) may predate a write: refuse it, as a stale lease is refused.
      if (!s.singleFlight()) {
        table.install(key, set.value(), ctx.localNanos());
      }
      return;
    }
    Lease lease = leases.get(key);
    if (lease == null || lease.token != set.lease()) {
      return; // a delete (or a crash) invalidated the lease: the value may predate a write
    }
    leases.remove(key);
    ctx.cancelTimer(lease.timer);
    if (table.install(key, set.value(), ctx.localNanos())) {
      for (Waiter w : lease.waiters) {
        ctx.send(w.from(), new Messages.Lookup(w.id(), key, true, set.value(), 0));
      }
    } else {
      handOver(key, lease.waiters); // older than a known write: someone must read again
    }
  }

  private void delete(int from, Messages.Delete d) {
    mark(INVALIDATION_TRACK, "invalidated key " + d.key());
    table.invalidate(d.key(), d.version(), ctx.localNanos());
    Lease lease = leases.remove(d.key());
    if (lease != null) {
      ctx.cancelTimer(lease.timer);
      handOver(d.key(), lease.waiters);
    }
    if (d.id() >= 0) {
      ctx.send(from, new Messages.Deleted(d.id()));
    }
  }

  /** The first of {@code waiters} gets a fresh lease and fills; the rest wait on it. */
  private void handOver(long key, List<Waiter> waiters) {
    if (waiters.isEmpty()) {
      return;
    }
    Lease lease = newLease(key);
    Waiter first = waiters.get(0);
    lease.waiters.addAll(waiters.subList(1, waiters.size()));
    ctx.send(first.from(), new Messages.Lookup(first.id(), key, false, History.NIL, lease.token));
  }

  // ---- read-through, write-through, write-behind ----

  private void call(int from, Request r) {
    switch (r.kind()) {
      case READ -> read(from, r);
      case WRITE -> write(from, r);
      default ->
          ctx.send(from, answer(r.op(), OpStatus.FAIL, History.NIL)); // reads and writes only
    }
  }

  private void read(int from, Request r) {
    long key = r.key();
    if (s.policy() == Policy.WRITE_BEHIND) {
      Long pending = dirty.containsKey(key) ? dirty.get(key) : flushing.get(key);
      if (pending != null) {
        ledger.hit(key, pending);
        ctx.send(from, answer(r.op(), OpStatus.OK, pending));
        return;
      }
    }
    long now = ctx.localNanos();
    CacheTable.Entry e = table.lookup(key, now);
    if (e != null) {
      ledger.hit(key, e.value);
      ctx.send(from, answer(r.op(), OpStatus.OK, e.value));
      if (softExpired(e, now) && !reads.containsKey(key)) {
        reads.put(key, dbRead(key)); // background refresh, no one waits on it
      }
      return;
    }
    ledger.miss();
    Waiter waiter = new Waiter(from, r.op(), true);
    DbCall shared = s.singleFlight() ? reads.get(key) : null;
    if (shared != null) {
      shared.waiters.add(waiter);
      return;
    }
    DbCall c = dbRead(key);
    c.waiters.add(waiter);
    if (s.singleFlight()) {
      reads.put(key, c);
    }
  }

  private void write(int from, Request r) {
    long key = r.key();
    invalidateFills(key);
    if (s.policy() == Policy.WRITE_BEHIND) {
      ledger.behind().accepted(memory, key, r.value());
      if (table.install(key, r.value(), ctx.localNanos())) {
        dirty.remove(key); // keeps the dirty map in order of last write
        dirty.put(key, r.value());
      } else {
        ledger.behind().refused(r.value(), table.versionHeld(key));
      }
      ctx.send(from, answer(r.op(), OpStatus.OK, History.NIL));
      return;
    }
    DbCall c = dbCall(OpKind.WRITE, key, r.value(), false);
    c.waiters.add(new Waiter(from, r.op(), true));
  }

  /** A fill that began before this moment may carry an older value: detach and disarm it. */
  private void invalidateFills(long key) {
    generation.addTo(key, 1);
    reads.remove(key);
  }

  private void flush() {
    if (!dirty.isEmpty()) {
      mark(CACHE_TRACK, "flushed " + dirty.size() + " writes to the database");
    }
    for (Map.Entry<Long, Long> e : dirty.entrySet()) {
      flushing.put(e.getKey(), e.getValue());
      ledger.behind().sent(e.getValue());
      dbCall(OpKind.WRITE, e.getKey(), e.getValue(), true);
    }
    dirty.clear();
  }

  private DbCall dbRead(long key) {
    return dbCall(OpKind.READ, key, History.NIL, false);
  }

  private DbCall dbCall(OpKind kind, long key, long value, boolean flush) {
    int op = nextOp++;
    DbCall c = new DbCall(kind, key, value, generation.get(key), flush);
    c.timer = ctx.setTimer(s.fillTimeoutNanos(), new CallTimeout(op));
    calls.put(op, c);
    if (kind == OpKind.READ) {
      ledger.dbReadSent(key);
    } else {
      ledger.dbWriteSent();
    }
    db.submit(new Request(op, kind, key, value, History.NIL));
    return c;
  }

  private void onDb(Response r) {
    DbCall c = calls.remove(r.op());
    if (c == null) {
      return; // timed out already
    }
    ctx.cancelTimer(c.timer);
    if (r.status() != OpStatus.OK) {
      dbFailed(c, r.status() == OpStatus.FAIL);
      return;
    }
    long key = c.key;
    long now = ctx.localNanos();
    if (c.kind == OpKind.READ) {
      ledger.dbReadDone(key);
      if (reads.get(key) == c) {
        reads.remove(key);
      }
      if (generation.get(key) == c.generation) {
        table.install(key, r.value(), now);
      }
      answerAll(c.waiters, OpStatus.OK, r.value());
      return;
    }
    ledger.dbWriteAcked(key, c.value);
    if (c.flush) {
      Long sent = flushing.get(key);
      if (sent != null && sent == c.value) {
        flushing.remove(key);
      }
      return;
    }
    invalidateFills(key);
    if (s.policy() == Policy.WRITE_THROUGH) {
      table.install(key, c.value, now);
    } else {
      mark(INVALIDATION_TRACK, "invalidated key " + key);
      table.invalidate(key, c.value, now);
    }
    answerAll(c.waiters, OpStatus.OK, History.NIL);
  }

  /** A DB request failed ({@code definite}: it did not happen) or timed out. */
  private void dbFailed(DbCall c, boolean definite) {
    long key = c.key;
    if (c.kind == OpKind.READ) {
      ledger.dbReadDone(key);
      if (reads.get(key) == c) {
        reads.remove(key);
      }
      answerAll(c.waiters, OpStatus.FAIL, History.NIL);
    } else if (c.flush) {
      if (definite) {
        ledger.behind().failed(c.value);
      }
      Long sent = flushing.get(key);
      if (sent != null && sent == c.value) {
        flushing.remove(key);
        dirty.putIfAbsent(key, c.value); // retried at the next flush unless overwritten
      }
    } else if (definite) {
      answerAll(c.waiters, OpStatus.FAIL, History.NIL);
    } else {
      // The write may or may not have reached the DB: drop the key, leave the client to time out.
      invalidateFills(key);
      table.invalidate(key, c.value, ctx.localNanos());
    }
  }

  /**
   * Marks {@code what} (a flush, an invalidation, an expiry) on this node's {@code track} of the
   * role timeline at this instant: a mark, not a state, so it lasts a nanosecond.
   */
  private void mark(String track, String what) {
    long now = ledger.behind().trueNanos();
    ctx.metrics().state(ctx.name(), track, now, what, now + 1);
  }

  private void answerAll(List<Waiter> waiters, OpStatus status, long value) {
    for (Waiter w : waiters) {
      ctx.send(w.from(), answer(w.id(), status, value));
    }
  }

  private static Messages.Answer answer(int op, OpStatus status, long value) {
    return new Messages.Answer(new Response(op, status, value));
  }
}
