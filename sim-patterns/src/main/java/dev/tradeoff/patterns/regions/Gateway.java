package dev.tradeoff.patterns.regions;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.regions.Messages.Ping;
import dev.tradeoff.patterns.regions.Messages.Pong;
import dev.tradeoff.patterns.regions.Messages.Promote;
import dev.tradeoff.patterns.regions.Messages.Repl;
import dev.tradeoff.patterns.regions.Messages.Ship;
import dev.tradeoff.patterns.regions.Messages.ShipAck;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A region's gateway: its application tier and cross-region replicator, holding a driver of the
 * region's own stack. It serves the clients' reads and writes of the key slots it owns through that
 * stack and refuses ({@code fail}) those of slots it does not own. A write the stack applied is
 * acknowledged at once ({@code async}) or once every other region the traffic manager last called
 * healthy has applied it ({@code sync}), and joins the log stream to every other region, shipped
 * every {@code batch} and resent until acknowledged.
 *
 * <p>A receiver applies another region's stream in order through its own stack and acknowledges it
 * once applied. It refuses a write whose epoch is older than the newest it knows for the slot — an
 * old owner's writes that never arrived before the failover are not applied afterwards, as errant
 * transactions are not — and a write of a slot it owns itself (unless fenced and the write's epoch
 * is newer: then it steps down first).
 *
 * <p>The streams are durable ({@link ReplicationLog}, the region's binlog): a restarted gateway
 * resumes shipping what its peers had not acknowledged, and applying where it stopped.
 *
 * <p>Ownership is volatile: a gateway starts (and restarts) owning its home slots at epoch 1, as
 * its configuration says. With {@code fencing}, it acts as owner only while it holds a lease,
 * renewed by each health check that names it owner, and steps down when a check or a replicated
 * write shows a newer epoch; a restarted gateway holds no lease until a check grants one.
 */
final class Gateway implements Node {
  /** How long an unacknowledged shipment waits before it is sent again. */
  static final long RESEND_NANOS = 200_000_000L;

  /** The most writes in one shipment. */
  static final int MAX_SHIP = 1000;

  /** How long an apply of a shipment may go unanswered by the stack before it is abandoned. */
  static final long APPLY_TIMEOUT_NANOS = 1_000_000_000L;

  /** The most received writes of one region held until they can be applied in order. */
  static final int MAX_INBOX = 100_000;

  private static final Object TICK = new Object();
  private static final long[] NONE = new long[0];

  private final int self;
  private final Settings s;
  private final StoreClient stack;
  private final List<String> stackNodes;
  private final String[] gatewayNames;
  private final String managerName;
  private final RegionFacts facts;
  private final ReplicationLog log;
  private final boolean firstIncarnation;

  private final IntOpenHashSet stackIds = new IntOpenHashSet();
  private final Int2ObjectOpenHashMap<Pending> pending = new Int2ObjectOpenHashMap<>();
  private final ArrayDeque<SyncWait> syncWaits = new ArrayDeque<>();
  private Context ctx;
  private int[] gateways;
  private long[] ownEpoch; // epoch under which this gateway owns each slot; 0 when not owner
  private long[] knownEpoch;
  private boolean[] healthy;
  private long leaseUntilNanos;
  private int nextOp;
  private final Apply[] applying;
  private final List<TreeMap<Long, Repl>> inboxes = new ArrayList<>();
  private final TreeMap<Long, Repl>[] inbox;
  private int applyBatches;

  /** A request this gateway sent its stack: a client's, or one replicated write's apply. */
  private record Pending(int client, Request request, int slot, Apply apply, Repl repl) {}

  /** A shipment being applied, write by write, in order. */
  private static final class Apply {
    final int origin;
    final int id;
    final long[] seqs;
    final boolean[] ok;
    final boolean[] refused;
    int missing;

    Apply(int origin, int id, int writes) {
      this.origin = origin;
      this.id = id;
      this.seqs = new long[writes];
      this.ok = new boolean[writes];
      this.refused = new boolean[writes];
    }
  }

  /** A timer abandoning apply {@code id} of {@code origin}'s stream. */
  private record ApplyTimeout(int origin, int id) {}

  /** A synchronous write acknowledged once every region in {@code peers} applied {@code seq}. */
  private record SyncWait(int client, int op, long seq, boolean[] peers, RegionFacts.Ack ack) {}

  Gateway(
      int self,
      Settings s,
      StoreClient stack,
      List<String> stackNodes,
      String[] gatewayNames,
      String managerName,
      RegionFacts facts,
      ReplicationLog log,
      boolean firstIncarnation) {
    this.self = self;
    this.s = s;
    this.stack = stack;
    this.stackNodes = stackNodes;
    this.gatewayNames = gatewayNames;
    this.managerName = managerName;
    this.facts = facts;
    this.log = log;
    this.firstIncarnation = firstIncarnation;
    int n = s.regions().size();
    applying = new Apply[n];
    for (int r = 0; r < n; r++) {
      inboxes.add(new TreeMap<>());
    }
    @SuppressWarnings("unchecked")
    TreeMap<Long, Repl>[] boxes = inboxes.toArray(new TreeMap[0]);
    inbox = boxes;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    for (String name : stackNodes) {
      stackIds.add(ctx.nodeId(name));
    }
    stack.start(ctx);
    int n = s.regions().size();
    gateways = new int[n];
    for (int r = 0; r < n; r++) {
      gateways[r] = ctx.nodeId(gatewayNames[r]);
    }
    ownEpoch = new long[s.slots()];
    knownEpoch = new long[s.slots()];
    for (int slot = 0; slot < s.slots(); slot++) {
      knownEpoch[slot] = 1;
      if (s.home(slot) == self) {
        ownEpoch[slot] = 1;
      }
    }
    healthy = new boolean[n];
    Arrays.fill(healthy, true);
    // The first incarnation starts with the lease its configuration grants; a restart waits for
    // a health check. Replies to a previous incarnation's requests must not match this one's ids.
    leaseUntilNanos = firstIncarnation ? ctx.localNanos() + s.leaseNanos() : Long.MIN_VALUE;
    nextOp = ctx.random().nextInt(1 << 20) << 10;
    ctx.setTimer(tickNanos(), TICK);
  }

  private long tickNanos() {
    return s.batchNanos() > 0 ? s.batchNanos() : RESEND_NANOS / 2;
  }

  @Override
  public void onMessage(int from, Object message) {
    if (stackIds.contains(from)) {
      Response r = stack.onMessage(from, message);
      if (r != null) {
        onStackResponse(r.relayedFrom(from));
      }
      return;
    }
    if (message instanceof Request r) {
      onClient(from, r);
    } else if (message instanceof Ship ship) {
      onShip(from, ship);
    } else if (message instanceof ShipAck ack) {
      onShipAck(ack);
    } else if (message instanceof Ping ping) {
      onPing(from, ping);
    } else if (message instanceof Promote p) {
      onPromote(p);
    }
  }

  private boolean acting(int slot) {
    if (ownEpoch[slot] == 0) {
      return false;
    }
    return !s.fencing() || ctx.localNanos() < leaseUntilNanos;
  }

  private void onClient(int client, Request r) {
    int slot = s.slot(r.key());
    if (!acting(slot)) {
      ctx.send(client, new Response(r.op(), OpStatus.FAIL, History.NIL));
      return;
    }
    int op = nextOp++;
    pending.put(op, new Pending(client, r, slot, null, null));
    stack.submit(new Request(op, r.kind(), r.key(), r.value(), r.expected()));
  }

  private void onStackResponse(Response r) {
    Pending p = pending.remove(r.op());
    if (p == null) {
      return;
    }
    if (p.apply() != null) {
      onApplied(p, r.status() == OpStatus.OK);
      return;
    }
    Request req = p.request();
    boolean write = req.kind() == OpKind.WRITE;
    if (!write || r.status() != OpStatus.OK) {
      ctx.send(p.client(), new Response(req.op(), r.status(), r.value(), r.server()));
      return;
    }
    facts.apply(self, req.value());
    long epoch = ownEpoch[p.slot()];
    if (epoch == 0 || (s.fencing() && ctx.localNanos() >= leaseUntilNanos)) {
      // Deposed while the write was applied: its fate is unknown to the client.
      ctx.send(p.client(), new Response(req.op(), OpStatus.INFO, History.NIL));
      return;
    }
    Repl repl = log.append(p.slot(), epoch, req.key(), req.value());
    if (!s.sync() || !anyPeerHealthy()) {
      facts.acknowledged(req.key(), req.value(), p.slot(), self, epoch);
      ctx.send(p.client(), new Response(req.op(), OpStatus.OK, History.NIL));
    } else {
      boolean[] peers = healthy.clone();
      peers[self] = false;
      syncWaits.add(
          new SyncWait(
              p.client(),
              req.op(),
              repl.seq(),
              peers,
              new RegionFacts.Ack(req.key(), req.value(), p.slot(), self, epoch, 0)));
    }
    if (s.batchNanos() == 0 || s.sync()) {
      shipAll(false);
    }
  }

  private boolean anyPeerHealthy() {
    for (int r = 0; r < healthy.length; r++) {
      if (r != self && healthy[r]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload == TICK) {
      shipAll(true);
      ctx.setTimer(tickNanos(), TICK);
    } else if (payload instanceof ApplyTimeout t) {
      Apply a = applying[t.origin()];
      if (a != null && a.id == t.id()) {
        applying[t.origin()] = null; // the sender resends what was not acknowledged
        inbox[t.origin()].clear();
      }
    } else if (stack.ownsTimer(payload)) {
      stack.onTimer(timerId, payload);
    }
  }

  /** Ships to every other region what it has not been sent, or resends an overdue head. */
  private void shipAll(boolean resend) {
    long now = ctx.localNanos();
    for (int r = 0; r < gateways.length; r++) {
      if (r == self) {
        continue;
      }
      List<Repl> batch = log.toShip(r, now, resend ? RESEND_NANOS : Long.MAX_VALUE, MAX_SHIP);
      if (!batch.isEmpty()) {
        ctx.send(gateways[r], new Ship(self, batch));
      }
    }
  }

  private void onShip(int from, Ship ship) {
    int origin = ship.origin();
    TreeMap<Long, Repl> box = inbox[origin];
    long done = log.doneUpTo(origin);
    for (Repl w : ship.writes()) {
      // Shipments may arrive out of order (jitter): hold what is ahead until the gap fills.
      if (w.seq() > done && box.size() < MAX_INBOX) {
        box.put(w.seq(), w);
      }
    }
    if (applying[origin] == null) {
      applyNext(origin);
    }
  }

  /** Applies {@code origin}'s writes that follow what was applied, in order, if any. */
  private void applyNext(int origin) {
    TreeMap<Long, Repl> box = inbox[origin];
    box.headMap(log.doneUpTo(origin), true).clear();
    List<Repl> fresh = new ArrayList<>();
    long next = log.doneUpTo(origin) + 1;
    while (!box.isEmpty() && box.firstKey() == next && fresh.size() < MAX_SHIP) {
      fresh.add(box.pollFirstEntry().getValue());
      next++;
    }
    if (fresh.isEmpty()) {
      ctx.send(gateways[origin], new ShipAck(self, log.doneUpTo(origin), NONE));
      return;
    }
    Apply a = new Apply(origin, applyBatches++, fresh.size());
    applying[origin] = a;
    for (int i = 0; i < fresh.size(); i++) {
      Repl w = fresh.get(i);
      a.seqs[i] = w.seq();
      if (!accepts(w)) {
        facts.refusedStale();
        a.ok[i] = true;
        a.refused[i] = true;
        continue;
      }
      a.missing++;
      int op = nextOp++;
      pending.put(op, new Pending(gateways[origin], null, w.slot(), a, w));
      stack.submit(new Request(op, OpKind.WRITE, w.key(), w.value(), History.NIL));
    }
    if (a.missing == 0) {
      finish(a);
    } else {
      ctx.setTimer(APPLY_TIMEOUT_NANOS, new ApplyTimeout(origin, a.id));
    }
  }

  /** Whether a replicated write is applied here; steps down first when fenced by a newer epoch. */
  private boolean accepts(Repl w) {
    int slot = w.slot();
    if (w.epoch() < knownEpoch[slot]) {
      return false;
    }
    if (ownEpoch[slot] != 0) {
      if (!s.fencing() || w.epoch() <= ownEpoch[slot]) {
        return false;
      }
      stepDown(slot);
    }
    knownEpoch[slot] = w.epoch();
    return true;
  }

  private void onApplied(Pending p, boolean ok) {
    Apply a = p.apply();
    if (applying[a.origin] != a) {
      return;
    }
    if (ok) {
      facts.apply(self, p.repl().value());
      for (int i = 0; i < a.seqs.length; i++) {
        if (a.seqs[i] == p.repl().seq()) {
          a.ok[i] = true;
        }
      }
    }
    if (--a.missing == 0) {
      finish(a);
    }
  }

  private void finish(Apply a) {
    applying[a.origin] = null;
    LongArrayList refused = new LongArrayList();
    for (int i = 0; i < a.seqs.length && a.ok[i]; i++) {
      log.done(a.origin, a.seqs[i]);
      if (a.refused[i]) {
        refused.add(a.seqs[i]);
      }
    }
    ctx.send(gateways[a.origin], new ShipAck(self, log.doneUpTo(a.origin), refused.toLongArray()));
  }

  private void onShipAck(ShipAck ack) {
    log.acknowledged(ack.region(), ack.upTo());
    for (long seq : ack.refused()) {
      refusedBy(ack.region(), seq);
    }
    releaseSyncWaits();
  }

  /**
   * A peer refused one of this region's writes: a synchronous write waiting for it ends unknown
   * (applied here, not there), and a fenced gateway learns it was replaced and steps down.
   */
  private void refusedBy(int peer, long seq) {
    for (java.util.Iterator<SyncWait> it = syncWaits.iterator(); it.hasNext(); ) {
      SyncWait w = it.next();
      if (w.seq() == seq && w.peers()[peer]) {
        it.remove();
        if (s.fencing()) {
          stepDown(w.ack().slot());
        }
        ctx.send(w.client(), new Response(w.op(), OpStatus.INFO, History.NIL));
      }
    }
  }

  private void releaseSyncWaits() {
    while (!syncWaits.isEmpty() && settled(syncWaits.peek())) {
      SyncWait w = syncWaits.poll();
      RegionFacts.Ack a = w.ack();
      facts.acknowledged(a.key(), a.value(), a.slot(), a.region(), a.epoch());
      ctx.send(w.client(), new Response(w.op(), OpStatus.OK, History.NIL));
    }
  }

  private boolean settled(SyncWait w) {
    for (int r = 0; r < w.peers().length; r++) {
      if (w.peers()[r] && healthy[r] && log.ackedUpTo(r) < w.seq()) {
        return false;
      }
    }
    return true;
  }

  private void onPing(int from, Ping ping) {
    System.arraycopy(ping.healthy(), 0, healthy, 0, healthy.length);
    for (int slot = 0; slot < s.slots(); slot++) {
      long epoch = ping.epochs()[slot];
      if (ping.owners()[slot] == self && ownEpoch[slot] == epoch) {
        leaseUntilNanos = ctx.localNanos() + s.leaseNanos();
      } else if (s.fencing() && epoch > knownEpoch[slot]) {
        stepDown(slot);
        knownEpoch[slot] = epoch;
      }
    }
    ctx.send(from, new Pong(self, log.positions()));
    releaseSyncWaits(); // a peer the manager dropped no longer holds them up
  }

  private void onPromote(Promote p) {
    ownEpoch[p.slot()] = p.epoch();
    knownEpoch[p.slot()] = Math.max(knownEpoch[p.slot()], p.epoch());
    leaseUntilNanos = ctx.localNanos() + s.leaseNanos();
  }

  private void stepDown(int slot) {
    ownEpoch[slot] = 0;
  }
}
