package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.random.Distribution;
import java.util.List;

/**
 * The knobs of an orchestrated saga system, read from the scenario.
 *
 * @param name the system's name: the orchestrators are {@code <name>-coordinator-<i>} (the names
 *     two-phase commit gives its coordinators, so one scenario's faults fit both), each service
 *     {@code <name>-<service>}, series {@code <measure>/<name>}
 * @param definition the saga's steps
 * @param coordinators orchestrator instances; clients pick one at random per order
 * @param zone every node's zone
 * @param customers customer accounts, each starting with {@code balance}
 * @param balance each customer's starting balance, in money units
 * @param price what one order costs
 * @param products products in stock, each starting with {@code stock} units
 * @param stock each product's starting stock
 * @param idempotencyKeys whether requests carry keys the services deduplicate on
 * @param durableLog whether the orchestrator's saga log is on its disk, synced at each transition
 * @param atomicCharge whether a charge's debit and credit are one local transaction
 * @param stockCheck whether a reservation beyond stock is refused
 * @param stepTimeoutNanos how long the orchestrator waits for a step's answer
 * @param maxRetries retries of a step that can still be compensated before the saga gives up on it
 * @param retryBackoffNanos the wait before a retry, doubled at each retry (capped at 1 s)
 * @param stuckAfterNanos a saga started this long before the end must have ended
 * @param workers CPU servers per service
 * @param queue CPU queue per service
 * @param service a service's CPU time per local transaction
 * @param coordinatorService the orchestrator's CPU time per message
 */
record Settings(
    String name,
    SagaDefinition definition,
    int coordinators,
    String zone,
    int customers,
    long balance,
    long price,
    int products,
    long stock,
    boolean idempotencyKeys,
    boolean durableLog,
    boolean atomicCharge,
    boolean stockCheck,
    long stepTimeoutNanos,
    int maxRetries,
    long retryBackoffNanos,
    long stuckAfterNanos,
    int workers,
    int queue,
    Distribution service,
    Distribution coordinatorService)
    implements Books.Opening {

  /** Orchestrator {@code i}'s node name. */
  String orchestratorName(int i) {
    return name + "-coordinator-" + i;
  }

  /** Service {@code service}'s node name. */
  String serviceName(String service) {
    return name + "-" + service;
  }

  /** Every service's node name, in order of first appearance in the steps. */
  List<String> serviceNames() {
    return definition.services().stream().map(this::serviceName).toList();
  }

  /** The money in every account at the start: customers × balance (the merchant starts at 0). */
  long moneyAtStart() {
    return customers * balance;
  }

  /** The customer whose account a saga for workload key {@code key} charges. */
  long customerOf(long key) {
    return Math.floorMod(key, customers);
  }

  /** The product a saga writing {@code value} reserves: spread over products by the value. */
  long productOf(long value) {
    return Math.floorMod(value * 0x9E3779B97F4A7C15L >>> 17, products);
  }
}
