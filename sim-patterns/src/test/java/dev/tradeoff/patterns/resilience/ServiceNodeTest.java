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
    private int sent;
    private Context ctx;

    Sender(int count, long gapNanos, long budgetNanos) {
      this.count = count;
      this.gapNanos = gapNanos;
      this.budgetNanos = budgetNanos;
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
      Request r = new Request(sent++, OpKind.READ, 1, History.NIL, History.NIL, budgetNanos);
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
    ServiceSettings s =
        new ServiceSettings(
            List.of("svc-0"),
            "dc1",
            Balancer.ROUND_ROBIN,
            1,
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
            1_000 * MS);
    ServiceLedger ledger = new ServiceLedger();
    Simulation sim = new Simulation(1);
    sim.network().defaultLatency(Distribution.constant(0));
    sim.addNode(
        NodeSpec.of("svc-0", "dc1", () -> new ServiceNode(s, ledger, 0)).cpu(1, 0, s.service()));
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
}
