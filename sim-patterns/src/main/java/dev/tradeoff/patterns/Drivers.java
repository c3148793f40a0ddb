package dev.tradeoff.patterns;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.List;

/**
 * Several drivers hosted on one node, one for each part of a system (a shard, a cell): the host
 * starts them together, hands each message to the driver of the part whose node sent it, and each
 * timer to the driver that owns it. Not thread-safe, like the node that hosts it.
 */
public final class Drivers {
  private final StoreClient[] parts;
  private final List<List<String>> nodes;
  private final Int2IntOpenHashMap partOfNode = new Int2IntOpenHashMap();

  /**
   * The drivers {@code parts}, the driver of part {@code i} talking to the nodes named {@code
   * nodes.get(i)}; the two lists must be as long as each other.
   */
  public Drivers(StoreClient[] parts, List<List<String>> nodes) {
    if (parts.length != nodes.size()) {
      throw new IllegalArgumentException(
          parts.length + " drivers for " + nodes.size() + " lists of nodes");
    }
    this.parts = parts.clone();
    this.nodes = List.copyOf(nodes);
    partOfNode.defaultReturnValue(-1);
  }

  /** Starts every driver on its host's {@code ctx}; called at each start of the host. */
  public void start(Context ctx) {
    for (int p = 0; p < parts.length; p++) {
      for (String name : nodes.get(p)) {
        partOfNode.put(ctx.nodeId(name), p);
      }
      parts[p].start(ctx);
    }
  }

  /** How many parts there are. */
  public int size() {
    return parts.length;
  }

  /** The driver of part {@code p}. */
  public StoreClient part(int p) {
    return parts[p];
  }

  /** The part whose nodes include node {@code node}, or -1 if none does. */
  public int partOf(int node) {
    return partOfNode.get(node);
  }

  /**
   * What the driver of the part whose node {@code from} is makes of {@code message}: a response to
   * one of the requests it was given, or null (not from one of the parts' nodes, or no answer yet).
   */
  public Response onMessage(int from, Object message) {
    int p = partOfNode.get(from);
    return p < 0 ? null : parts[p].onMessage(from, message);
  }

  /** Whether one of the drivers owns the timer {@code payload}. */
  public boolean ownsTimer(Object payload) {
    for (StoreClient d : parts) {
      if (d.ownsTimer(payload)) {
        return true;
      }
    }
    return false;
  }

  /** Passes the timer {@code payload} to the driver that owns it; says whether one did. */
  public boolean onTimer(long timerId, Object payload) {
    for (StoreClient d : parts) {
      if (d.ownsTimer(payload)) {
        d.onTimer(timerId, payload);
        return true;
      }
    }
    return false;
  }
}
