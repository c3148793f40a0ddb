package dev.tradeoff.patterns.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One service instance, 10 ms a request, one worker, fed by a scripted sender. */
class ServiceNodeTest {
  private static final long MS = 1_000_000L;

  /** Sends {@code count} requests every {@code gapNanos} (all at once if 0) and logs answers. */
  private static final class Sender implements Node {
    final List<String> log = new ArrayList<>();
    private final int count;
    private final long gapNanos;
    private final long budgetNanos;
    private final java.util.function.IntFunction<Request> make;
    private int sent;
    private Context ctx;

    Sender(int count, long gapNanos, long budgetNanos) {
      this(count, gapNanos, budgetNanos, null);
    }

    /** Sends {@code make}'s request number i as the i-th (its op must be i). */
    Sender(
        int count, long gapNanos, long budgetNanos, java.util.function.IntFunction<Request> make) {
      this.count = count;
      this.gapNanos = gapNanos;
      this.budgetNanos = budgetNanos;
      this.make = make;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      if (gapNanos == 0) {
        while (sent < count) {
          send();
        }
      } else {
        ctx.setTimer(gapNanos, this);
      }
    }

    private void send() {
      Request r =
          make != null
              ? make.apply(sent++)
              : new Request(sent++, OpKind.READ, 1, History.NIL, History.NIL, budgetNanos);
      ctx.send(ctx.nodeId("svc-0"), r);
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      send();
      if (sent < count) {
        ctx.setTimer(gapNanos, this);
      }
    }

    @Override
    public void onMessage(int from, Object message) {
      if (message instanceof Response r) {
        log.add(r.op() + ":" + r.status().name().toLowerCase(java.util.Locale.ROOT));
      } else if (message instanceof ServiceNode.Expired e) {
        log.add(e.op() + ":expired");
      }
    }
  }

  private record Run(List<String> log, ServiceLedger ledger) {}

  private static Run run(
      Discipline d, int queue, long maxQueue, boolean dropExpired, Sender sender) {
    return run(d, queue, maxQueue, dropExpired, 0, sender);
  }

  private static Run run(
      Discipline d,
      int queue,
      long maxQueue,
      boolean dropExpired,
      double rateLimit,
      Sender sender) {
    return run(settings(d, queue, maxQueue, dropExpired, rateLimit, 1, Isolation.NONE), sender);
  }

  private static ServiceSettings settings(
      Discipline d,
      int queue,
      long maxQueue,
      boolean dropExpired,
      double rateLimit,
      int concurrency,
      Isolation isolation) {
    return new ServiceSettings(
        List.of("svc-0"),
        "dc1",
        Balancer.ROUND_ROBIN,
        concurrency,
        queue,
        d,
        maxQueue,
        dropExpired,
        5 * MS,
        50 * MS,
        Distribution.constant(10 * MS),
        rateLimit,
        10,
        null,
        1_000 * MS,
        isolation,
        HealthCheck.OFF);
  }

  private static Run run(ServiceSettings s, Sender sender) {
    ServiceLedger ledger = new ServiceLedger();
    Simulation sim = new Simulation(1);
    sim.network().defaultLatency(Distribution.constant(0));
    sim.addNode(
        NodeSpec.of("svc-0", "dc1", () -> new ServiceNode(s, ledger, 0))
            .cpu(s.concurrency() * s.pools(), 0, s.service()));
    sim.addNode(NodeSpec.of("sender", "dc1", () -> sender));
    sim.runUntil(10_000 * MS);
    return new Run(sender.log, ledger);
  }

  private static Sender burst(int n) {
    return new Sender(n, 0, Request.NO_DEADLINE);
  }

  @Test
  void fifoServesInArrivalOrderAndLifoNewestFirst() {
    assertEquals(
        List.of("0:ok", "1:ok", "2:ok", "3:ok", "4:ok"),
        run(Discipline.FIFO, 10, 0, false, burst(5)).log());
    assertEquals(
        List.of("0:ok", "4:ok", "3:ok", "2:ok", "1:ok"),
        run(Discipline.LIFO, 10, 0, false, burst(5)).log());
  }

  @Test
  void aFullQueueRefusesTheNewcomerOrUnderLifoShedsTheOldest() {
    assertEquals(
        List.of("3:fail", "4:fail", "0:ok", "1:ok", "2:ok"),
        run(Discipline.FIFO, 2, 0, false, burst(5)).log());
    assertEquals(
        List.of("1:fail", "2:fail", "0:ok", "4:ok", "3:ok"),
        run(Discipline.LIFO, 2, 0, false, burst(5)).log());
  }

  @Test
  void expiredRequestsAreDroppedUnworkedWithANoticeAndOthersShedByQueueTime() {
    // 25 ms budgets: request 2 starts after 20 ms of waiting; when it is done, at 30 ms, 3 and 4
    // have waited past their budgets.
    Run expired = run(Discipline.FIFO, 10, 0, true, new Sender(5, 0, 25 * MS));
    assertEquals(List.of("0:ok", "1:ok", "2:ok", "3:expired", "4:expired"), expired.log());
    assertEquals(2, expired.ledger().expired);
    assertEquals(3, expired.ledger().served);
    assertEquals(1, expired.ledger().wasted); // 2 started in time but finished at 30 ms, too late
    // Without dropping, the same requests are worked on after their clients gave up.
    Run kept = run(Discipline.FIFO, 10, 0, false, new Sender(5, 0, 25 * MS));
    assertEquals(3, kept.ledger().wasted);
    Run shed = run(Discipline.FIFO, 10, 15 * MS, false, burst(5));
    assertEquals(List.of("0:ok", "1:ok", "2:fail", "3:fail", "4:fail"), shed.log());
  }

  @Test
  void controlledDelayKeepsTheWaitShortUnderOverloadWhereFifoLetsItGrow() {
    // A request every 5 ms for 2 s to a server of 10 ms: twice its capacity.
    Run fifo = run(Discipline.FIFO, 100_000, 0, false, new Sender(400, 5 * MS, Long.MAX_VALUE));
    Run codel = run(Discipline.CODEL, 100_000, 0, false, new Sender(400, 5 * MS, Long.MAX_VALUE));
    double fifoWaitMs = fifo.ledger().waitedNanos / 1e6 / fifo.ledger().startedCount;
    double codelWaitMs = codel.ledger().waitedNanos / 1e6 / codel.ledger().startedCount;
    assertTrue(fifoWaitMs > 500, "fifo mean wait " + fifoWaitMs);
    // No request waits past the interval; while overloaded, only the 5 ms target. The queue
    // empties as it sheds, which lets the next arrivals wait a whole interval again.
    assertTrue(codelWaitMs < 50, "codel mean wait " + codelWaitMs);
    assertTrue(codel.ledger().shed > 150, "codel shed " + codel.ledger().shed);
    // It stays busy: shedding the excess does not starve the worker.
    assertTrue(codel.ledger().served > 190, "codel served " + codel.ledger().served);
  }

  @Test
  void aTokenBucketAdmitsRateTimesTimePlusBurst() {
    // A request every millisecond for 2 s against 100/s with a burst of 10: the bucket admits
    // 10 + 100 × 1.999 s = 209 (the last arrival is at 1.999 s).
    Run r = run(Discipline.FIFO, 100_000, 0, false, 100, new Sender(2000, MS, Long.MAX_VALUE));
    assertEquals(2000, r.log().size());
    long admitted = r.log().stream().filter(e -> e.endsWith(":ok")).count();
    assertEquals(209, admitted);
    assertEquals(2000 - 209, r.ledger().limited);
  }

  private static Request request(int op, OpKind kind, long key) {
    long value = kind == OpKind.READ ? History.NIL : op + 1;
    return new Request(op, kind, key, value, History.NIL, Request.NO_DEADLINE);
  }

  private static long admitted(List<String> log, java.util.function.IntPredicate ofTenant) {
    return log.stream()
        .filter(e -> e.endsWith(":ok") && ofTenant.test(Integer.parseInt(e.split(":")[0])))
        .count();
  }

  @Test
  void aPerTenantBucketLimitsTheNoisyTenantAndLeavesTheQuietOneAlone() {
    // Two tenants by key parity; a request every millisecond for 2 s, nine in ten from tenant 0
    // (even keys), against 100/s per tenant with a burst of 10 and a server fast enough for all.
    Isolation iso = new Isolation(2, 100, 10, Bulkhead.NONE, false, 1);
    ServiceSettings s = settings(Discipline.FIFO, 100_000, 0, false, 0, 100, iso);
    Sender mixed =
        new Sender(2000, MS, Long.MAX_VALUE, i -> request(i, OpKind.READ, i % 10 == 9 ? 1 : 0));
    Run r = run(s, mixed);
    long quiet = admitted(r.log(), i -> i % 10 == 9);
    long noisy = admitted(r.log(), i -> i % 10 != 9);
    assertEquals(200, quiet); // 100/s from tenant 1: every one admitted
    assertTrue(noisy <= 10 + 200 && noisy >= 200, "noisy tenant admitted " + noisy);
    assertEquals(1800 - noisy, r.ledger().limited);
    // Without the per-tenant limit both are admitted whole.
    Run free =
        run(
            settings(Discipline.FIFO, 100_000, 0, false, 0, 100, Isolation.NONE),
            new Sender(
                2000, MS, Long.MAX_VALUE, i -> request(i, OpKind.READ, i % 10 == 9 ? 1 : 0)));
    assertEquals(0, free.ledger().limited);
  }

  @Test
  void aBulkheadByKindKeepsAReadOutOfAFloodOfWrites() {
    // Twenty writes and then one read, all at once; one worker per pool, 10 ms a request.
    java.util.function.IntFunction<Request> make =
        i -> request(i, i == 20 ? OpKind.READ : OpKind.WRITE, i);
    Isolation kind = new Isolation(1, 0, 10, Bulkhead.KIND, false, 1);
    Run shared =
        run(
            settings(Discipline.FIFO, 100, 0, false, 0, 1, Isolation.NONE),
            new Sender(21, 0, Long.MAX_VALUE, make));
    Run split =
        run(
            settings(Discipline.FIFO, 100, 0, false, 0, 1, kind),
            new Sender(21, 0, Long.MAX_VALUE, make));
    // Shared, the read waits behind every write and is answered last; in its own pool it is
    // answered with the first write, while the other writes still wait.
    assertEquals(20, shared.log().indexOf("20:ok"));
    assertTrue(split.log().indexOf("20:ok") <= 1, split.log().toString());
    assertEquals(21, split.log().size());
  }

  @Test
  void anAdaptiveLimitShrinksWhenRequestsWaitPastTheTargetAndStaysFullWhenTheyDoNot() {
    // Four workers, 10 ms a request, a target of 25 ms in the instance.
    Isolation adaptive = new Isolation(1, 0, 10, Bulkhead.NONE, true, 25 * MS);
    ServiceSettings s = settings(Discipline.FIFO, 100_000, 0, false, 0, 4, adaptive);
    // 40 at once: the later ones wait longer than the target, and the limit falls.
    assertTrue(limitAfter(s, burst(40)) < 4);
    // One every 5 ms: never more than one at work, never late; the limit stays at 4.
    assertEquals(4, limitAfter(s, new Sender(400, 5 * MS, Long.MAX_VALUE)));
  }

  private static int limitAfter(ServiceSettings s, Sender sender) {
    ServiceLedger ledger = new ServiceLedger();
    Simulation sim = new Simulation(1);
    sim.network().defaultLatency(Distribution.constant(0));
    int id =
        sim.addNode(
            NodeSpec.of("svc-0", "dc1", () -> new ServiceNode(s, ledger, 0))
                .cpu(s.concurrency(), 0, s.service()));
    sim.addNode(NodeSpec.of("sender", "dc1", () -> sender));
    sim.runUntil(10_000 * MS);
    assertEquals(0, ledger.refused + ledger.shed);
    return ((ServiceNode) sim.nodeInstance(id)).limit();
  }
}
