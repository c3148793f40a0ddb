package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.patterns.NestedClient;
import dev.tradeoff.patterns.saga.TpcMessages.Abort;
import dev.tradeoff.patterns.saga.TpcMessages.Commit;
import dev.tradeoff.patterns.saga.TpcMessages.Committed;
import dev.tradeoff.patterns.saga.TpcMessages.Prepare;
import dev.tradeoff.patterns.saga.TpcMessages.Status;
import dev.tradeoff.patterns.saga.TpcMessages.Vote;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A two-phase-commit coordinator with presumed abort (Mohan, Lindsay and Obermarck): a client's
 * write starts transaction {@code v} (the written value), whose steps go to their participants as
 * prepares. Nothing is logged before the decision.
 *
 * <p>Every vote yes: the coordinator writes the commit decision to its log on disk and syncs it,
 * answers the client OK, and sends the commits, resending every commit interval until each is
 * acknowledged, after which it forgets the transaction. A vote no, or a vote missing at the vote
 * timeout: it aborts — answers FAIL and sends aborts, logging nothing. A participant in doubt that
 * asks is told commit if the log holds the decision, nothing while the votes are still being
 * gathered, and abort otherwise: no record means abort.
 *
 * <p>A crash forgets the transactions whose votes were being gathered; their participants stay in
 * doubt, holding their locks, until this coordinator is back and tells them abort. A restarted
 * coordinator resends the commits its log holds.
 *
 * <p><b>With a shared decision log</b> (a replicated store every coordinator reaches), the decision
 * is a compare-and-set of the transaction's key from empty to its commit value instead of a record
 * on this coordinator's disk, retried every commit interval until the log answers; it is decided
 * when the log says so. A coordinator asked about a transaction it is not deciding settles it in
 * the log the other way — empty to abort — and answers with whatever the log then holds. Whoever
 * writes first wins, so a participant in doubt may ask any coordinator: one that takes over fences
 * the original, whose late commit then fails and turns into an abort (the idea of Paxos Commit,
 * Gray and Lamport 2006, with the log's own replication in place of a consensus per transaction).
 */
final class CoordinatorNode implements Node {
  private final TpcSettings settings;
  private final Ledger ledger;
  private final LockStats stats;
  private final List<Step> steps;
  private Context ctx;
  private Disk disk;
  private int[] services;
  // Transactions gathering votes, and committed ones awaiting acknowledgements; lookups only.
  private final Long2ObjectOpenHashMap<Txn> voting = new Long2ObjectOpenHashMap<>();
  private final Long2ObjectOpenHashMap<BitSet> unacknowledged = new Long2ObjectOpenHashMap<>();
  // With a decision log: its driver, transactions whose commit it is writing, and its requests in
  // flight by op; lookups only.
  private final int index;
  private final History decisionHistory;
  private NestedClient decisions;
  private final Long2ObjectOpenHashMap<Txn> deciding = new Long2ObjectOpenHashMap<>();

  /**
   * A compare-and-set in flight in the decision log.
   *
   * @param txn the transaction
   * @param commit whether it writes commit (this coordinator's decision) or abort (a takeover)
   * @param participant who asked, to tell the outcome; -1 for this coordinator's own decision
   * @param step the step the participant asked about
   */
  private record Asked(long txn, boolean commit, int participant, int step) {}

  private record DecisionRetry(long txn) {}

  /** A transaction gathering votes. */
  private static final class Txn {
    final long id;
    final long customer;
    final long product;
    final int client;
    final int op;
    final BitSet yes = new BitSet();
    long timer;

    Txn(long id, long customer, long product, int client, int op) {
      this.id = id;
      this.customer = customer;
      this.product = product;
      this.client = client;
      this.op = op;
    }
  }

  /**
   * The commit decision, as the log holds it under {@code g/<txn>}.
   *
   * @param txn the transaction
   */
  record Decision(long txn) {}

  private record VoteTimeout(long txn) {}

  private record Resend(long txn) {}

  /** A message waiting for or holding the coordinator's CPU. */
  private record Job(int from, Object message) {}

  /**
   * Coordinator {@code index}; with a decision log, its compare-and-sets are recorded in {@code
   * decisionHistory} (one history for all coordinators: the log's checkers judge it).
   */
  CoordinatorNode(
      TpcSettings settings, int index, Ledger ledger, LockStats stats, History decisionHistory) {
    this.settings = settings;
    this.index = index;
    this.decisionHistory = decisionHistory;
    this.ledger = ledger;
    this.stats = stats;
    this.steps = settings.definition().steps();
  }

  /** The value a decision log holds for transaction {@code txn} once it commits. */
  static long commitValue(long txn) {
    return txn;
  }

  /** The value a decision log holds for {@code txn} once it aborts; unique, like commit's. */
  static long abortValue(long txn) {
    return ~txn;
  }

  static String logKey(long txn) {
    return String.format(Locale.ROOT, "g/%016x", txn ^ Long.MIN_VALUE);
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    services = new int[steps.size()];
    for (int i = 0; i < services.length; i++) {
      services[i] = ctx.nodeId(settings.serviceName(steps.get(i).service()));
    }
    for (String k : disk.keys().subSet("g/", "g0")) {
      Decision d = (Decision) disk.get(k);
      BitSet all = new BitSet();
      all.set(0, steps.size());
      unacknowledged.put(d.txn(), all);
      resend(d.txn());
    }
    if (settings.decisionLog() != null) {
      decisions =
          new NestedClient(
              settings.decisionLog().client(index),
              decisionHistory,
              ledger::nowNanos,
              settings.commitRetryNanos());
      decisions.start(ctx);
    }
  }

  @Override
  public void onMessage(int from, Object message) {
    if (decisions != null
        && !(message instanceof Request
            || message instanceof Vote
            || message instanceof Committed
            || message instanceof Status)) {
      decisions.onMessage(from, message);
      return;
    }
    ctx.process(new Job(from, message)); // a full queue drops it: timeouts and retries cover it
  }

  @Override
  public void onProcessed(Object job) {
    Job j = (Job) job;
    Object m = j.message();
    if (m instanceof Request r) {
      start(j.from(), r);
    } else if (m instanceof Vote v) {
      vote(v);
    } else if (m instanceof Committed c) {
      acknowledged(c);
    } else if (m instanceof Status s) {
      status(j.from(), s);
    }
  }

  private void start(int client, Request r) {
    if (r.kind() == OpKind.READ) {
      ctx.send(client, new Response(r.op(), OpStatus.FAIL, History.NIL));
      return;
    }
    long id = r.value();
    if (voting.containsKey(id) || deciding.containsKey(id) || unacknowledged.containsKey(id)) {
      return; // a duplicated request
    }
    Txn t = new Txn(id, settings.customerOf(r.key()), settings.productOf(id), client, r.op());
    ledger.started(id, t.customer, t.product);
    voting.put(id, t);
    for (int i = 0; i < steps.size(); i++) {
      ctx.send(services[i], new Prepare(id, i, t.customer, t.product));
    }
    t.timer = ctx.setTimer(settings.voteTimeoutNanos(), new VoteTimeout(id));
  }

  private void vote(Vote v) {
    Txn t = voting.get(v.txn());
    if (t == null) {
      return; // decided already
    }
    if (!v.yes()) {
      abort(t);
      return;
    }
    t.yes.set(v.step());
    if (t.yes.cardinality() == steps.size()) {
      commit(t);
    }
  }

  private void commit(Txn t) {
    voting.remove(t.id);
    ctx.cancelTimer(t.timer);
    if (decisions != null) {
      deciding.put(t.id, t);
      decide(t.id);
      return;
    }
    disk.put(logKey(t.id), new Decision(t.id));
    disk.sync(); // the decision is durable before anyone hears it
    committed(t);
  }

  /** Writes commit for {@code txn} to the decision log, and plans a retry. */
  private void decide(long txn) {
    ask(txn, true, -1, -1);
    ctx.setTimer(settings.commitRetryNanos(), new DecisionRetry(txn));
  }

  private void ask(long txn, boolean commit, int participant, int step) {
    Asked a = new Asked(txn, commit, participant, step);
    long value = commit ? commitValue(txn) : abortValue(txn);
    decisions.compareAndSet(txn, History.NIL, value, (status, held) -> logged(a, status, held));
  }

  /**
   * The decision log answered: OK means this coordinator's value is the decision; a failure naming
   * the other value means that one is; anything else (no leader, a full queue) decides nothing, and
   * the retry or the participant's next inquiry asks again (as when the log does not answer).
   */
  private void logged(Asked a, OpStatus status, long held) {
    boolean commit;
    if (status == OpStatus.OK) {
      commit = a.commit();
    } else if (held == commitValue(a.txn()) || held == abortValue(a.txn())) {
      commit = held == commitValue(a.txn());
    } else {
      return;
    }
    if (a.participant() >= 0) {
      ctx.send(
          a.participant(), commit ? new Commit(a.txn(), a.step()) : new Abort(a.txn(), a.step()));
      return;
    }
    Txn t = deciding.remove(a.txn());
    if (t != null && commit) {
      committed(t);
    } else if (t != null) {
      abort(t); // another coordinator took over first
    }
  }

  /** {@code t} is durably committed: answer the client and send the commits. */
  private void committed(Txn t) {
    stats.decision(true);
    ledger.moved(t.id, Ledger.Phase.COMPLETED, steps.size() - 1);
    ctx.send(t.client, new Response(t.op, OpStatus.OK, History.NIL));
    BitSet all = new BitSet();
    all.set(0, steps.size());
    unacknowledged.put(t.id, all);
    resend(t.id);
  }

  private void abort(Txn t) {
    voting.remove(t.id);
    ctx.cancelTimer(t.timer);
    stats.decision(false);
    ledger.moved(t.id, Ledger.Phase.COMPENSATED, 0);
    ctx.send(t.client, new Response(t.op, OpStatus.FAIL, History.NIL));
    for (int i = 0; i < steps.size(); i++) {
      ctx.send(services[i], new Abort(t.id, i));
    }
  }

  /** Sends the commit to every participant that has not acknowledged it, and plans the next. */
  private void resend(long txn) {
    BitSet left = unacknowledged.get(txn);
    if (left == null) {
      return;
    }
    for (int i = left.nextSetBit(0); i >= 0; i = left.nextSetBit(i + 1)) {
      ctx.send(services[i], new Commit(txn, i));
    }
    ctx.setTimer(settings.commitRetryNanos(), new Resend(txn));
  }

  private void acknowledged(Committed c) {
    BitSet left = unacknowledged.get(c.txn());
    if (left == null) {
      return;
    }
    left.clear(c.step());
    if (left.isEmpty()) {
      unacknowledged.remove(c.txn());
      disk.remove(logKey(c.txn())); // every participant has it: the record may go
    }
  }

  private void status(int from, Status s) {
    if (unacknowledged.containsKey(s.txn())) {
      ctx.send(from, new Commit(s.txn(), s.step()));
    } else if (voting.containsKey(s.txn()) || deciding.containsKey(s.txn())) {
      return; // not decided yet
    } else if (decisions != null) {
      ask(s.txn(), false, from, s.step()); // settle it in the shared log: abort unless committed
    } else {
      ctx.send(from, new Abort(s.txn(), s.step())); // presumed abort: no record, no commit
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload instanceof VoteTimeout v) {
      Txn t = voting.get(v.txn());
      if (t != null) {
        abort(t);
      }
    } else if (payload instanceof Resend r) {
      resend(r.txn());
    } else if (payload instanceof DecisionRetry d) {
      if (deciding.containsKey(d.txn())) {
        decide(d.txn());
      }
    } else if (decisions != null) {
      decisions.onTimer(timerId, payload);
    }
  }
}
