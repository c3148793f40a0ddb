package dev.tradeoff.patterns;

import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.workload.StoreClient;
import java.util.List;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * A system under test built from a pattern: the nodes it adds to a simulation, and the driver
 * ({@link StoreClient}) through which clients — workload clients, or nodes of a pattern stacked on
 * top — talk to it.
 *
 * <p>Contract: {@link #nodes()} and {@link #zones()} are known before {@link #addTo} (so a scenario
 * can check its faults against them); {@link #addTo} is called once; {@link #client} may be called
 * any number of times, once per client, after it. {@link #checker} offers checkers that need what
 * the run recorded inside the pattern (leadership terms, final replica states); they are asked for
 * after the run.
 */
public interface Store {
  /** Names of the nodes {@link #addTo} creates, in creation order. */
  List<String> nodes();

  /** Zones those nodes live in, without repeats. */
  List<String> zones();

  /** Adds the nodes (and any probes for its series) to {@code sim}. */
  void addTo(Simulation sim);

  /** The driver for client {@code index}. */
  StoreClient client(int index);

  /**
   * The checkers this store offers, built from what the run recorded (lost writes, split brain,
   * convergence, …); register a new one here, in the pattern's table, and nowhere else.
   */
  default StoreCheckers checkers() {
    return StoreCheckers.none();
  }

  /**
   * The value each key holds once the store is quiet at the end of the run (what a read would
   * return once every replica caught up, {@link dev.tradeoff.core.history.History#NIL} for none),
   * asked for after the run by a pattern stacked on this one that judges its own records against
   * its database; null when this pattern cannot say.
   */
  default LongUnaryOperator finalState() {
    return null;
  }

  /** The names in {@link #checkers()}; derived, not to be overridden. */
  default List<String> checkerNames() {
    return checkers().names();
  }

  /** A fresh checker {@code name} from {@link #checkers()}, if offered; derived. */
  default Optional<Checker> checker(String name) {
    return checkers().create(name);
  }
}
