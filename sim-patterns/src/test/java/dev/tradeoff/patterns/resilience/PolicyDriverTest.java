package dev.tradeoff.patterns.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.patterns.resilience.Backoff.Jitter;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The client-side policies against a scripted server: each request copy is answered OK after a
 * delay the script draws, answered fail at once, or never answered.
 */
class PolicyDriverTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;
  private static final long NEVER = -1;
  private static final long FAIL = -2;

  /** Answers each request copy as {@code script} says: after a delay, fail at once, or never. */
  private static final class Scripted implements Node {
    private final ToLongFunction<Context> script;
    final LongArrayList budgets = new LongArrayList();
    long received;
    private Context ctx;

    Scripted(ToLongFunction<Context> script) {
      this.script = script;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
    }

    @Override
    public void onMessage(int from, Object message) {
      Request r = (Request) message;
      received++;
      budgets.add(r.budgetNanos());
      long delay = script.applyAsLong(ctx);
      if (delay == FAIL) {
        ctx.send(from, new Response(r.op(), OpStatus.FAIL, History.NIL));
      } else if (delay >= 0) {
        ctx.setTimer(delay, new Object[] {from, r.op()});
      }
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      Object[] p = (Object[]) payload;
      ctx.send((Integer) p[0], new Response((Integer) p[1], OpStatus.OK, History.NIL));
    }
  }

  private record Run(History history, Ledger ledger, Scripted server) {
    long count(OpStatus status) {
      long n = 0;
      for (int op = 0; op < history.size(); op++) {
        n += history.status(op) == status ? 1 : 0;
      }
      return n;
    }
  }

  private static Policies policies(
      long attemptTimeout, long deadline, int attempts, Policies.BudgetSettings budget) {
    return policies(attemptTimeout, deadline, attempts, budget, null, 0);
  }

  private static Policies policies(
      long attemptTimeout,
      long deadline,
      int attempts,
      Policies.BudgetSettings budget,
      Policies.BreakerSettings breaker,
      long hedge) {
    return new Policies(
        "client",
        attemptTimeout,
        deadline,
        attempts,
        new Backoff(true, MS, 10 * MS, Jitter.FULL),
        budget,
        breaker,
        true,
        hedge);
  }

  /** Four clients at {@code perSecond} in all for 10 s, through {@code p}, to the script. */
  private static Run run(Policies p, ToLongFunction<Context> script, double perSecond) {
    Simulation sim = new Simulation(3);
    sim.network().defaultLatency(Distribution.constant(0));
    Scripted server = new Scripted(script);
    sim.addNode(NodeSpec.of("srv", "dc1", () -> server));
    Ledger ledger = new Ledger();
    new Workload(
            4,
            Arrivals.poisson(perSecond),
            0.5,
            KeyDistribution.uniform(100),
            List.of(),
            Long.MAX_VALUE,
            10 * S,
            i -> new PolicyDriver(p, ledger, i, StoreClient.direct("srv")))
        .addTo(sim, "clients");
    sim.runUntil(15 * S);
    assertTrue(sim.history().size() > perSecond * 9, "a real load: " + sim.history().size());
    return new Run(sim.history(), ledger, server);
  }

  @Test
  void definiteFailuresAreRetriedUpToTheAttemptsAndEndFail() {
    Run r = run(policies(0, 0, 3, null), c -> FAIL, 100);
    long ops = r.history().size();
    assertEquals(ops, r.count(OpStatus.FAIL));
    assertEquals(3 * ops, r.ledger().attempts);
    assertEquals(3 * ops, r.server().received);
    assertEquals(2 * ops, r.ledger().retries);
  }

  @Test
  void aTimedOutAttemptMakesTheEndUnknownAndItsLateAnswerStillWins() {
    // Every copy is answered after 150 ms; attempts time out after 100 ms: the first attempt's
    // late answer arrives while the second waits, and wins.
    Run r = run(policies(100 * MS, 0, 3, null), c -> 150 * MS, 100);
    long ops = r.history().size();
    assertEquals(ops, r.count(OpStatus.OK));
    assertEquals(ops, r.ledger().goodput);
    assertEquals(2 * ops, r.ledger().attempts);
    // Nothing answered and attempts exhausted: info, not fail, since an attempt may have
    // happened.
    Run lost = run(policies(100 * MS, 0, 2, null), c -> NEVER, 100);
    assertEquals(lost.history().size(), lost.count(OpStatus.INFO));
  }

  @Test
  void theDeadlineEndsARequestAndEachAttemptCarriesWhatIsLeftOfIt() {
    Run r = run(policies(300 * MS, 500 * MS, 10, null), c -> NEVER, 100);
    History h = r.history();
    for (int op = 0; op < h.size(); op++) {
      assertEquals(OpStatus.INFO, h.status(op));
      assertEquals(500 * MS, h.completeNanos(op) - h.invokeNanos(op), "op " + op);
    }
    assertEquals(2 * h.size(), r.ledger().attempts); // 300 ms, then the last 200 ms
    LongArrayList budgets = r.server().budgets;
    for (int i = 0; i < budgets.size(); i++) {
      long b = budgets.getLong(i);
      assertTrue(b == 300 * MS || (b > 180 * MS && b < 200 * MS), Long.toString(b));
    }
  }

  @Test
  void aBudgetHoldsRetriesToItsShareOfRequests() {
    Run r = run(policies(0, 0, 5, new Policies.BudgetSettings(0.1, 10)), c -> FAIL, 400);
    long requests = r.ledger().requests;
    // 4 clients × 10 tokens to start, then 0.1 a request.
    long most = 40 + requests / 10;
    assertTrue(
        r.ledger().retries <= most && r.ledger().retries >= most - 4,
        r.ledger().retries + " retries for " + requests + " requests");
    assertTrue(r.ledger().budgetDenied > requests / 2);
  }

  @Test
  void anOpenBreakerRefusesAtOnceAndSparesTheServer() {
    Policies.BreakerSettings breaker = new Policies.BreakerSettings(10, 0.5, S, 2);
    Run r = run(policies(0, 0, 1, null, breaker, 0), c -> FAIL, 400);
    long requests = r.ledger().requests;
    // Each client sends 10 calls, opens, then lets 2 probes through per second: about 4 × (10 +
    // 2 × 10) calls reach the server in 10 s of a 1000-request-a-client load.
    assertTrue(r.server().received < 200, r.server().received + " of " + requests);
    assertEquals(requests - r.server().received, r.ledger().breakerRefused);
    assertEquals(requests, r.count(OpStatus.FAIL));
  }

  @Test
  void hedgingCostsTheShareOfRequestsSlowerThanTheHedgeDelay() {
    // Each copy takes exp(10 ms): a hedge at 20 ms goes out for P(T > 20 ms) = e^-2 of requests.
    Distribution service = Distribution.exponential(10 * MS);
    var sampler = new Object[1];
    Run r =
        run(
            policies(0, 0, 1, null, null, 20 * MS),
            c -> {
              if (sampler[0] == null) {
                sampler[0] = service.sampler(c.random());
              }
              return Math.round(
                  ((org.apache.commons.rng.sampling.distribution.ContinuousSampler) sampler[0])
                      .sample());
            },
            400);
    double share = r.ledger().hedges / (double) r.ledger().requests;
    assertEquals(Math.exp(-2), share, 0.015, "hedges per request");
    assertEquals(r.ledger().requests + r.ledger().hedges, r.server().received);
    assertEquals(r.history().size(), r.count(OpStatus.OK));
  }
}
