package dev.tradeoff.patterns.replication;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.replication.Messages.ClientReply;
import dev.tradeoff.patterns.replication.Messages.ClientRequest;
import dev.tradeoff.patterns.replication.Messages.NotLeader;
import dev.tradeoff.patterns.replication.Messages.Status;
import dev.tradeoff.patterns.replication.Messages.StatusReply;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.Arrays;

/**
 * A client's driver for a leader/follower group, as database drivers and proxies route: writes go
 * to the leader it believes in (a replica that is not the leader answers "not leader", naming the
 * leader if it knows one, and the driver retries there); reads go where {@link Settings.Reads}
 * says. The session token — the highest log index this session has written or read — travels with
 * requests only under {@link Settings.Reads#SESSION}, where a replica waits until it has applied
 * that index before answering.
 *
 * <p>With a monitoring interval, the driver asks every replica for its role, term and lag (as
 * MongoDB's drivers or a proxy's health checks do), follows the highest-term leader, and routes
 * lag-aware reads to followers whose reported lag is within bounds.
 *
 * <p>With {@link Settings#suspectAfterNanos()}, the driver keeps passive health as connection pools
 * and proxies do: a replica that has left a request unanswered for that long (or, with monitoring,
 * missed the last status round) is suspect, and reads routed to any replica, by session or (outside
 * its window) by leader-after-write go to the others; a write whose leader is suspect goes to
 * another replica, which names the leader it knows. Once every that long, one request probes a
 * suspect replica; its first answer makes it healthy again. So after a crash, reads stop timing out
 * against the dead replica within about that long.
 */
final class LfDriver implements StoreClient {
  private final Object monitorTimer = new Object(); // per driver: a host may hold several
  private static final int MAX_REDIRECTS = 3;

  private final Settings settings;
  private final int clientIndex;
  private Context ctx;
  private int[] replicas;
  private int leader; // replica index
  private long leaderTerm;
  private long token;
  // When this session last sent a write or had one answered, on its local clock.
  private long lastWriteNanos = Long.MIN_VALUE / 2;
  private final long[] lagNanos;
  private final boolean[] answered;
  private int statusRound;
  // Passive health: the local time of the oldest request sent to each replica since it last
  // answered (NONE: nothing outstanding), when it was last probed while suspect, and whether it
  // missed the last status round.
  private static final long NONE = Long.MAX_VALUE;
  private final long[] unansweredSince;
  private final long[] probedAt;
  private final boolean[] missedPoll;
  private final Int2ObjectOpenHashMap<Pending> pending = new Int2ObjectOpenHashMap<>();

  /**
   * A request no replica answered for this long was given up by its client long ago (client
   * timeouts are far shorter): forgetting it keeps a long run's memory flat.
   */
  private static final long ABANDON_NANOS = 60_000_000_000L;

  /** Requests in submission order, {op, local submit time}, for {@link #forgetAbandoned}. */
  private final java.util.ArrayDeque<long[]> submitted = new java.util.ArrayDeque<>();

  private void forgetAbandoned() {
    long now = ctx.localNanos();
    while (!submitted.isEmpty() && now - submitted.peekFirst()[1] > ABANDON_NANOS) {
      pending.remove((int) submitted.pollFirst()[0]);
    }
  }

  /** A request in flight, with its redirect count. */
  private record Pending(Request request, int redirects) {}

  LfDriver(Settings settings, int clientIndex) {
    this.settings = settings;
    this.clientIndex = clientIndex;
    this.lagNanos = new long[settings.size()];
    this.answered = new boolean[settings.size()];
    this.unansweredSince = new long[settings.size()];
    this.probedAt = new long[settings.size()];
    this.missedPoll = new boolean[settings.size()];
    Arrays.fill(unansweredSince, NONE);
    Arrays.fill(probedAt, Long.MIN_VALUE / 2);
  }

  @Override
  public void start(Context context) {
    ctx = context;
    replicas = new int[settings.size()];
    for (int i = 0; i < replicas.length; i++) {
      replicas[i] = ctx.nodeId(settings.names().get(i));
    }
    leader = 0;
    Arrays.fill(lagNanos, Long.MAX_VALUE);
    if (settings.monitorNanos() > 0) {
      monitor();
    }
  }

  @Override
  public void submit(Request request) {
    forgetAbandoned();
    pending.put(request.op(), new Pending(request, 0));
    submitted.add(new long[] {request.op(), ctx.localNanos()});
    send(request);
  }

  private void send(Request request) {
    if (request.kind() != OpKind.READ) {
      lastWriteNanos = ctx.localNanos();
    }
    int target = request.kind() == OpKind.READ ? readTarget() : writeTarget();
    sendTo(target, new ClientRequest(request, tokenToSend()));
  }

  private void sendTo(int replica, ClientRequest message) {
    if (unansweredSince[replica] == NONE) {
      unansweredSince[replica] = ctx.localNanos();
    }
    ctx.send(replicas[replica], message);
  }

  /** Whether {@code replica} is suspect (see the class comment). */
  private boolean suspect(int replica) {
    long after = settings.suspectAfterNanos();
    if (after == 0) {
      return false;
    }
    long since = unansweredSince[replica];
    return missedPoll[replica] || (since != NONE && ctx.localNanos() - since > after);
  }

  /**
   * {@code chosen}, unless it is suspect and not due a probe: then a healthy replica drawn from the
   * routing stream, among {@code allowed} ones (all when none is healthy).
   */
  private int healthy(int chosen, boolean leaderAllowed) {
    if (!suspect(chosen)) {
      return chosen;
    }
    long now = ctx.localNanos();
    if (now - probedAt[chosen] >= settings.suspectAfterNanos()) {
      probedAt[chosen] = now; // one request probes it
      return chosen;
    }
    int[] ok = new int[replicas.length];
    int n = 0;
    for (int i = 0; i < replicas.length; i++) {
      if (!suspect(i) && (leaderAllowed || i != leader)) {
        ok[n++] = i;
      }
    }
    return n == 0 ? chosen : ok[ctx.random("routing").nextInt(n)];
  }

  /** The leader, or while it is suspect another replica, which redirects to the leader it knows. */
  private int writeTarget() {
    return healthy(leader, false);
  }

  /** Only session routing asks replicas to wait for the token; the others ignore it. */
  private long tokenToSend() {
    return settings.reads() == Settings.Reads.SESSION ? token : 0;
  }

  private int readTarget() {
    return switch (settings.reads()) {
      case LEADER -> leader;
      case ANY, SESSION -> healthy(ctx.random("routing").nextInt(replicas.length), true);
      case STICKY -> clientIndex % replicas.length;
      case LAG_AWARE -> lagAware();
      case LEADER_AFTER_WRITE ->
          ctx.localNanos() - lastWriteNanos < settings.leaderWindowNanos()
              ? leader
              : healthy(ctx.random("routing").nextInt(replicas.length), true);
    };
  }

  /** A random follower whose last reported lag is within bounds, else the leader. */
  private int lagAware() {
    int[] ok = new int[replicas.length];
    int n = 0;
    for (int i = 0; i < replicas.length; i++) {
      if (i != leader && lagNanos[i] <= settings.maxLagNanos()) {
        ok[n++] = i;
      }
    }
    return n == 0 ? leader : ok[ctx.random("routing").nextInt(n)];
  }

  @Override
  public Response onMessage(int from, Object message) {
    answeredBy(from);
    if (message instanceof ClientReply r) {
      Pending p = pending.remove(r.op());
      if (p == null) {
        return null;
      }
      if (p.request().kind() != OpKind.READ) {
        lastWriteNanos = ctx.localNanos(); // the window counts from the answer, not the send
      }
      token = Math.max(token, r.index());
      return new Response(r.op(), r.status(), r.value());
    }
    if (message instanceof NotLeader n) {
      return redirect(n);
    }
    if (message instanceof StatusReply s) {
      status(from, s);
    }
    return null;
  }

  /** Any message from a replica shows it alive: it is healthy again. */
  private void answeredBy(int from) {
    for (int i = 0; i < replicas.length; i++) {
      if (replicas[i] == from) {
        unansweredSince[i] = NONE;
        missedPoll[i] = false;
      }
    }
  }

  private Response redirect(NotLeader n) {
    Pending p = pending.get(n.op());
    if (p == null) {
      return null;
    }
    if (n.term() >= leaderTerm) {
      leaderTerm = n.term();
      // Follow the hint; without one, try the next replica.
      leader = n.leader() >= 0 ? n.leader() : (leader + 1) % replicas.length;
    }
    if (p.redirects() >= MAX_REDIRECTS) {
      pending.remove(n.op());
      return new Response(n.op(), OpStatus.FAIL, dev.tradeoff.core.history.History.NIL);
    }
    pending.put(n.op(), new Pending(p.request(), p.redirects() + 1));
    sendTo(leader, new ClientRequest(p.request(), tokenToSend()));
    return null;
  }

  private void status(int from, StatusReply s) {
    if (s.token() != statusRound) {
      return; // an old round's answer: its lag is stale
    }
    for (int i = 0; i < replicas.length; i++) {
      if (replicas[i] == from) {
        lagNanos[i] = s.lagNanos();
        answered[i] = true;
        if (s.leader() && s.term() >= leaderTerm) {
          leaderTerm = s.term();
          leader = i;
        }
      }
    }
  }

  private void monitor() {
    statusRound++;
    for (int i = 0; i < replicas.length; i++) {
      if (!answered[i]) {
        lagNanos[i] = Long.MAX_VALUE; // no answer to the last round: treat as lagging
      }
      missedPoll[i] = statusRound > 1 && !answered[i];
      answered[i] = false;
    }
    for (int replica : replicas) {
      ctx.send(replica, new Status(statusRound));
    }
    ctx.setTimer(settings.monitorNanos(), monitorTimer);
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return payload == monitorTimer;
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    monitor();
  }
}
