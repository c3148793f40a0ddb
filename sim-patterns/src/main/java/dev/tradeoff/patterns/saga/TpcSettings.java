package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * The knobs of a two-phase-commit system, read from the scenario.
 *
 * @param name the system's name: coordinators {@code <name>-coordinator-<i>}, participants {@code
 *     <name>-<service>}, series {@code <measure>/<name>}
 * @param definition the work: one participant action per step (no compensations, no pivot)
 * @param coordinators coordinator instances; clients pick one at random per transaction
 * @param zone every node's zone
 * @param customers customer accounts, each starting with {@code balance}
 * @param balance each customer's starting balance
 * @param price what one order costs
 * @param products products in stock, each starting with {@code stock} units
 * @param stock each product's starting stock
 * @param voteTimeoutNanos how long a coordinator waits for every vote before it aborts
 * @param lockTimeoutNanos how long a prepare waits for a row lock before its participant votes no
 * @param inquiryNanos how often a participant in doubt asks the coordinator for the decision
 * @param heuristicAfterNanos 0: a participant in doubt waits for the decision however long;
 *     otherwise it aborts on its own after this long in doubt (an XA heuristic rollback)
 * @param commitRetryNanos how often a coordinator resends a commit not yet acknowledged (and, with
 *     a decision log, retries writing its decision there)
 * @param decisionLog the replicated store every coordinator writes its decisions to, or null: each
 *     coordinator's own disk
 * @param takeoverAfterNanos with a decision log: how long a participant stays in doubt before it
 *     asks the other coordinators in turn instead of the transaction's own
 * @param workers CPU servers per participant
 * @param queue CPU queue per node
 * @param service a participant's CPU time per prepare or commit
 * @param coordinatorService a coordinator's CPU time per message
 */
record TpcSettings(
    String name,
    SagaDefinition definition,
    int coordinators,
    String zone,
    int customers,
    long balance,
    long price,
    int products,
    long stock,
    long voteTimeoutNanos,
    long lockTimeoutNanos,
    long inquiryNanos,
    long heuristicAfterNanos,
    long commitRetryNanos,
    Store decisionLog,
    long takeoverAfterNanos,
    int workers,
    int queue,
    Distribution service,
    Distribution coordinatorService)
    implements Books.Opening {

  /** Coordinator {@code i}'s node name. */
  String coordinatorName(int i) {
    return name + "-coordinator-" + i;
  }

  /** The coordinators' node names, in index order. */
  List<String> coordinatorNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < coordinators; i++) {
      names.add(coordinatorName(i));
    }
    return names;
  }

  /** Service {@code service}'s node name. */
  String serviceName(String service) {
    return name + "-" + service;
  }

  /** The customer a transaction for workload key {@code key} charges. */
  long customerOf(long key) {
    return Math.floorMod(key, customers);
  }

  /** The product a transaction writing {@code value} reserves (as the saga picks it). */
  long productOf(long value) {
    return Math.floorMod(value * 0x9E3779B97F4A7C15L >>> 17, products);
  }
}
