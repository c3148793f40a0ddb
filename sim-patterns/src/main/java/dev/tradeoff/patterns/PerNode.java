package dev.tradeoff.patterns;

import java.util.List;
import java.util.Map;

/** Checks of per-node parameters ({@link Param.Type#DISTRIBUTION_PER_NODE} and the like). */
public final class PerNode {
  private PerNode() {}

  /**
   * The problem with {@code values} naming a node that is not one of {@code nodes}, as {@link
   * PatternSpec#validate} returns it, or null when every name is a node.
   *
   * @param param the parameter's name
   * @param values the parameter's values by node name
   * @param nodes the nodes the pattern builds under this configuration
   * @param noun what the pattern calls them ({@code "replica"}); its plural adds an s
   */
  public static String[] unknown(
      String param, Map<String, ?> values, List<String> nodes, String noun) {
    for (String name : values.keySet()) {
      if (!nodes.contains(name)) {
        return new String[] {
          param, "no " + noun + " \"" + name + "\"; " + noun + "s: " + String.join(", ", nodes)
        };
      }
    }
    return null;
  }
}
