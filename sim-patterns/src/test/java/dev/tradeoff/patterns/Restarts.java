package dev.tradeoff.patterns;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A test fixture for what a node does at each start: a host that crashes and restarts twenty times,
 * beside peers that answer nothing.
 */
public final class Restarts {
  /** How many times the host restarts, so it starts once more than this. */
  public static final int RESTARTS = 20;

  private static final long MS = 1_000_000L;

  private Restarts() {}

  /**
   * What {@code atStart} returns at each of the host's {@code RESTARTS + 1} starts, in order; the
   * host, named {@code host}, and the silent {@code peers} share one zone of a simulation of seed
   * {@code seed}.
   */
  public static <T> List<T> eachStart(
      long seed, String host, List<String> peers, Function<Context, T> atStart) {
    List<T> starts = new ArrayList<>();
    Simulation sim = new Simulation(seed);
    for (String peer : peers) {
      sim.addNode(NodeSpec.of(peer, "z", Silent::new));
    }
    int id =
        sim.addNode(NodeSpec.of(host, "z", () -> new Host(ctx -> starts.add(atStart.apply(ctx)))));
    for (int i = 1; i <= RESTARTS; i++) {
      long at = i * 10 * MS;
      sim.schedule(at, () -> sim.crash(id));
      sim.schedule(at + MS, () -> sim.restart(id));
    }
    sim.runUntil((RESTARTS + 2) * 10 * MS);
    return starts;
  }

  /** A node that does {@code atStart} at each start and nothing else. */
  private static final class Host implements Node {
    private final Consumer<Context> atStart;

    Host(Consumer<Context> atStart) {
      this.atStart = atStart;
    }

    @Override
    public void onStart(Context ctx) {
      atStart.accept(ctx);
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  /** A node that answers nothing. */
  private static final class Silent implements Node {
    @Override
    public void onStart(Context ctx) {}

    @Override
    public void onMessage(int from, Object message) {}
  }
}
