package dev.tradeoff.scenarios;

import dev.tradeoff.core.Simulation;
import java.util.List;

/**
 * A scenario's system, read and validated, ready to be added to a simulation: the nodes it will
 * create (so faults can be checked against them), the zones they live in (so the network can be
 * checked to cover them), and the nodes clients send requests to.
 */
public interface SystemPlan {
  /** The pattern's stable name, e.g. {@code single-node}. */
  String pattern();

  /** Names of the nodes {@link #addTo} creates, in creation order. */
  List<String> nodes();

  /** Zones those nodes live in, without repeats. */
  List<String> zones();

  /** Nodes that clients send their requests to. */
  List<String> targets();

  /** Creates the nodes in {@code sim}. */
  void addTo(Simulation sim);
}
