package dev.tradeoff.patterns.saga;

import java.util.Locale;

/**
 * One step of a saga: a local transaction {@code action} on service {@code service}, with its
 * compensating action (null if it has none), whether it is the pivot, and its business failure
 * probability per attempt (besides insufficient funds and out of stock).
 *
 * <p>What a step does to the numbers follows its action: {@code charge} moves the price from the
 * customer's account to the merchant's, {@code reserve} takes one unit of the product from stock;
 * any other action writes a row (an order, a shipment). Its compensation undoes exactly that.
 *
 * @param service the service (node {@code <name>-<service>}) that runs it
 * @param action what it does
 * @param compensation the compensating action's name, or null when it cannot be compensated
 * @param pivot whether it is the go/no-go step after which only forward recovery is allowed
 * @param failure the probability that an attempt is refused for a business reason
 */
record Step(String service, String action, String compensation, boolean pivot, double failure) {
  /** What a step does to the numbers the invariants sum. */
  enum Effect {
    /** Moves money from the customer's account to the merchant's. */
    CHARGE,
    /** Takes a unit of the product from stock. */
    RESERVE,
    /** Writes a row of its own. */
    ROW
  }

  /** The step's name as scenarios write it: {@code service.action}. */
  String name() {
    return service + "." + action;
  }

  /** What it does to the numbers. */
  Effect effect() {
    return switch (action.toLowerCase(Locale.ROOT)) {
      case "charge" -> Effect.CHARGE;
      case "reserve" -> Effect.RESERVE;
      default -> Effect.ROW;
    };
  }

  /** Whether it can be undone. */
  boolean compensatable() {
    return compensation != null;
  }
}
