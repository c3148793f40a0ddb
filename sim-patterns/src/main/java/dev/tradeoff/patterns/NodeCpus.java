package dev.tradeoff.patterns;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.random.Distribution;
import java.util.List;
import java.util.Map;

/**
 * The CPUs of a pattern's nodes as its scenario states them: {@code workers}, {@code queue} and
 * {@code service} for every node, and the per-node {@code workerCounts} and {@code serviceTimes}
 * for the nodes they name (a smaller or slower machine).
 *
 * @param workers CPU servers of a node not named in {@code workerCounts}
 * @param queue requests waiting beyond busy workers, on every node
 * @param service service time of a request on a node not named in {@code serviceTimes}
 * @param workerCounts CPU servers of named nodes
 * @param serviceTimes service times of named nodes
 */
public record NodeCpus(
    int workers,
    int queue,
    Distribution service,
    Map<String, Long> workerCounts,
    Map<String, Distribution> serviceTimes) {
  /** Copies the maps. */
  public NodeCpus {
    workerCounts = Map.copyOf(workerCounts);
    serviceTimes = Map.copyOf(serviceTimes);
  }

  /** The five parameters of {@code c}. */
  public static NodeCpus of(Config c) {
    return new NodeCpus(
        (int) c.integer("workers"),
        (int) c.integer("queue"),
        c.distribution("service"),
        c.integersPerNode("workerCounts"),
        c.distributionsPerNode("serviceTimes"));
  }

  /** Every node with the same CPU. */
  public static NodeCpus uniform(int workers, int queue, Distribution service) {
    return new NodeCpus(workers, queue, service, Map.of(), Map.of());
  }

  /** {@code spec} with the CPU of the node it names. */
  public NodeSpec apply(NodeSpec spec) {
    return spec.cpu(
        workerCounts.getOrDefault(spec.name(), (long) workers).intValue(),
        queue,
        serviceTimes.getOrDefault(spec.name(), service));
  }

  /**
   * The problem with a per-node parameter of {@code c} naming a node that is not one of {@code
   * nodes}, as {@link PatternSpec#validate} returns it; null when all are nodes.
   */
  public static String[] unknownNode(Config c, List<String> nodes, String noun) {
    String[] problem =
        PerNode.unknown("workerCounts", c.integersPerNode("workerCounts"), nodes, noun);
    return problem != null
        ? problem
        : PerNode.unknown("serviceTimes", c.distributionsPerNode("serviceTimes"), nodes, noun);
  }
}
