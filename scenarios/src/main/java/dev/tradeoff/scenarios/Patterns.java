package dev.tradeoff.scenarios;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.Simulation;
import dev.tradeoff.core.json.Json;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.SingleNodeStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The patterns a scenario's {@code system} can name, registered by hand under stable names (as
 * Caffeine's simulator registers its policies), each with the reader of its configuration.
 */
public final class Patterns {
  private static final Map<String, Function<Section, SystemPlan>> READERS = new TreeMap<>();

  static {
    READERS.put("single-node", Patterns::singleNode);
  }

  private Patterns() {}

  /** The registered pattern names, sorted. */
  public static List<String> names() {
    return List.copyOf(READERS.keySet());
  }

  /** A system read from a scenario: the plan, and its configuration after defaults. */
  record Read(SystemPlan plan, Json.Obj effective) {}

  /** Reads {@code system}: its {@code pattern} field chooses the reader of the rest. */
  static Read read(Json.Cursor system) {
    Json.Cursor pattern = system.field("pattern");
    Function<Section, SystemPlan> reader = READERS.get(pattern.string());
    if (reader == null) {
      throw pattern.fail(
          "unknown pattern \"" + pattern.string() + "\"; known: " + String.join(", ", names()));
    }
    Section section = sectionFor(system, pattern.string());
    SystemPlan plan = reader.apply(section);
    return new Read(plan, section.effective());
  }

  private static Section sectionFor(Json.Cursor system, String pattern) {
    return switch (pattern) {
      case "single-node" ->
          new Section(system, List.of("pattern", "name", "zone", "workers", "queue", "service"));
      default -> throw new IllegalStateException(pattern);
    };
  }

  /**
   * {@code single-node}: one in-memory key-value store ({@link SingleNodeStore}), linearizable,
   * with a CPU of {@code workers} servers, a FIFO queue of {@code queue} requests (beyond which
   * requests fail at once) and a {@code service} time distribution.
   */
  private static SystemPlan singleNode(Section s) {
    s.string("pattern");
    String name = s.string("name", "db");
    String zone = s.string("zone", "dc1");
    int workers = (int) s.integer("workers", 1, 1, 10_000);
    int queue = (int) s.integer("queue", 100_000, 0, 100_000_000);
    Distribution service = s.distribution("service", "exp(1ms)");
    return new SingleNode(name, zone, workers, queue, service);
  }

  private record SingleNode(String name, String zone, int workers, int queue, Distribution service)
      implements SystemPlan {
    @Override
    public String pattern() {
      return "single-node";
    }

    @Override
    public List<String> nodes() {
      return List.of(name);
    }

    @Override
    public List<String> zones() {
      return List.of(zone);
    }

    @Override
    public List<String> targets() {
      return List.of(name);
    }

    @Override
    public void addTo(Simulation sim) {
      sim.addNode(NodeSpec.of(name, zone, SingleNodeStore::new).cpu(workers, queue, service));
    }
  }
}
