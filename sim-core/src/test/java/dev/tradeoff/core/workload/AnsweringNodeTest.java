package dev.tradeoff.core.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The history names, for each answered operation, the node whose state the answer reports: the
 * sender of the completing message, unless the answer names another ({@link Response#server()}).
 */
class AnsweringNodeTest {
  private static final long MS = 1_000_000L;

  /** Answers every request OK; names {@code reported} as the answer's node, if not null. */
  private static final class Answerer implements Node {
    private final String reported;
    private Context ctx;

    Answerer(String reported) {
      this.reported = reported;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
    }

    @Override
    public void onMessage(int from, Object message) {
      Request r = (Request) message;
      int server = reported == null ? Response.SENDER : ctx.nodeId(reported);
      ctx.send(from, new Response(r.op(), OpStatus.OK, History.NIL, server));
    }
  }

  /** Passes every request to {@code replica-b} and its answer back, naming where it came from. */
  private static final class Relay implements Node {
    private final Map<Integer, Integer> clients = new TreeMap<>();
    private Context ctx;

    @Override
    public void onStart(Context context) {
      ctx = context;
    }

    @Override
    public void onMessage(int from, Object message) {
      if (message instanceof Request r) {
        clients.put(r.op(), from);
        ctx.send(ctx.nodeId("replica-b"), r);
      } else if (message instanceof Response r) {
        ctx.send(clients.remove(r.op()), r.relayedFrom(from));
      }
    }
  }

  private static History run(String reported) {
    return runWith(() -> new Answerer(reported));
  }

  private static History runWith(Supplier<Node> front) {
    Simulation sim = new Simulation(3);
    sim.network().defaultLatency(Distribution.constant(MS));
    sim.addNode(NodeSpec.of("front", "z", front));
    sim.addNode(NodeSpec.of("replica-b", "z", () -> new Answerer(null)));
    new Workload(
            2,
            Arrivals.poisson(200),
            0.5,
            KeyDistribution.uniform(10),
            List.of(),
            100 * MS,
            500 * MS,
            i -> StoreClient.direct("front"))
        .addTo(sim, "z");
    sim.runUntil(600 * MS);
    return sim.history();
  }

  @Test
  void anAnswerThatNamesItsNodeIsRecordedAsThatNodes() {
    History named = run("replica-b");
    History plain = run(null);
    assertTrue(named.size() > 50, "too few operations: " + named.size());
    for (int op = 0; op < named.size(); op++) {
      assertEquals("replica-b", named.server(op), "op " + op);
    }
    for (int op = 0; op < plain.size(); op++) {
      assertEquals("front", plain.server(op), "op " + op);
    }
  }

  @Test
  void aRelayedAnswerIsRecordedAsTheNodeItWasRelayedFrom() {
    History relayed = runWith(Relay::new);
    assertTrue(relayed.size() > 50, "too few operations: " + relayed.size());
    for (int op = 0; op < relayed.size(); op++) {
      assertEquals("replica-b", relayed.server(op), "op " + op);
    }
  }
}
