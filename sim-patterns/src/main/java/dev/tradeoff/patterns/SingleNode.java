package dev.tradeoff.patterns;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.SingleNodeStore;
import dev.tradeoff.core.workload.StoreClient;
import java.util.List;

/**
 * {@code single-node}: one in-memory key-value store ({@link SingleNodeStore}), linearizable, with
 * a CPU of {@code workers} servers, a FIFO queue of {@code queue} requests beyond which requests
 * fail at once, and a {@code service} time distribution. The reference replicated patterns are
 * measured against.
 */
public final class SingleNode implements PatternSpec {
  /** The pattern, for the catalog. */
  public SingleNode() {}

  @Override
  public String name() {
    return "single-node";
  }

  @Override
  public String description() {
    return "one linearizable in-memory key-value store";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string("name", "db", "node name (faults refer to it)"),
        Param.string("zone", "dc1", "its zone"),
        Param.integer("workers", 1, 1, 10_000, "CPU servers"),
        Param.integer("queue", 100_000, 0, 100_000_000, "requests waiting beyond busy workers"),
        Param.distribution("service", "exp(1ms)", "service time per request"));
  }

  @Override
  public Store build(Config config) {
    String name = config.string("name");
    String zone = config.string("zone");
    int workers = (int) config.integer("workers");
    int queue = (int) config.integer("queue");
    Distribution service = config.distribution("service");
    return new Store() {
      @Override
      public List<String> nodes() {
        return List.of(name);
      }

      @Override
      public List<String> zones() {
        return List.of(zone);
      }

      @Override
      public void addTo(Simulation sim) {
        sim.addNode(NodeSpec.of(name, zone, SingleNodeStore::new).cpu(workers, queue, service));
      }

      @Override
      public StoreClient client(int index) {
        return StoreClient.direct(name);
      }
    };
  }
}
