package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.Release;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.SingleNodeStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deploying a release to a node: errors, added service time, crashes and the restart after. */
class ReleaseTest {
  private static final long MS = 1_000_000L;

  /** Sends a write of key {@code i} every millisecond and logs each answer with its time. */
  private static final class Client implements Node {
    final List<String> log;
    Context ctx;
    int next;

    Client(List<String> log) {
      this.log = log;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(MS, "tick");
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      int op = next++;
      ctx.send(ctx.nodeId("db"), new Request(op, OpKind.WRITE, op, op + 1, History.NIL));
      ctx.setTimer(MS, "tick");
    }

    @Override
    public void onMessage(int from, Object message) {
      Response r = (Response) message;
      log.add(r.op() + ":" + r.status() + "@" + ctx.localNanos() / 100_000);
    }
  }

  private static Simulation sim(List<String> log) {
    Simulation sim = new Simulation(1);
    sim.network().defaultLatency(Distribution.constant(0));
    sim.addNode(
        NodeSpec.of("db", "dc", SingleNodeStore::new).cpu(1, 100, Distribution.constant(MS / 10)));
    sim.addNode(NodeSpec.of("client", "dc", () -> new Client(log)));
    return sim;
  }

  @Test
  void theBaselineChangesNothingAndAnErrorRateOfOneFailsEveryRequest() {
    List<String> log = new ArrayList<>();
    Simulation sim = sim(log);
    int db = sim.nodeId("db");
    assertEquals(Release.BASELINE, sim.release(db));
    sim.runUntil(3 * MS + MS / 2);
    sim.deploy(db, new Release(1, 1.0, 0, 0, 0));
    sim.runUntil(5 * MS + MS / 2);
    sim.deploy(db, Release.BASELINE);
    sim.runUntil(6 * MS + MS / 2);
    // Requests at 1..3 ms served (0.1 ms CPU, no network delay), 4..5 ms failed, 6 ms served again.
    assertEquals(
        List.of("0:OK@11", "1:OK@21", "2:OK@31", "3:FAIL@41", "4:FAIL@51", "5:OK@61"), log);
  }

  @Test
  void addedServiceTimeDelaysEveryJobThatStartsAfterTheDeploy() {
    List<String> log = new ArrayList<>();
    Simulation sim = sim(log);
    sim.runUntil(MS + MS / 2);
    sim.deploy(sim.nodeId("db"), new Release(1, 0, MS / 5, 0, 0));
    sim.runUntil(3 * MS + MS / 2);
    assertEquals(List.of("0:OK@11", "1:OK@23", "2:OK@33"), log);
  }

  @Test
  void aPoisonKeyCrashesTheProcessWhichRestartsAfterTheDelay() {
    Release poison = new Release(1, 0, 0, 1.0, 2 * MS);
    assertTrue(poison.crashes(7));
    Release half = new Release(1, 0, 0, 0.5, 0);
    int crashing = 0;
    for (long key = 0; key < 10_000; key++) {
      crashing += half.crashes(key) ? 1 : 0;
    }
    assertTrue(crashing > 4_800 && crashing < 5_200, crashing + " of 10000 keys crash at 0.5");
    List<String> log = new ArrayList<>();
    Simulation sim = sim(log);
    int db = sim.nodeId("db");
    sim.runUntil(MS + MS / 2);
    sim.deploy(db, poison);
    sim.runUntil(2 * MS + MS / 2); // the request of 2 ms crashed it
    assertFalse(sim.isUp(db));
    sim.runUntil(4 * MS + MS / 2); // restarted at 2.1 + 2 ms; the request of 4 ms was lost
    assertTrue(sim.isUp(db));
    sim.runUntil(5 * MS + MS / 2); // still poisoned: the request of 5 ms crashes it again
    assertFalse(sim.isUp(db));
    assertEquals(poison, sim.release(db), "the release survives the crash");
    sim.deploy(db, Release.BASELINE); // a rollback while down: it restarts at 7.1 ms healthy
    sim.runUntil(8 * MS + MS / 2);
    assertTrue(sim.isUp(db));
    assertEquals(List.of("0:OK@11", "7:OK@81"), log);
  }
}
