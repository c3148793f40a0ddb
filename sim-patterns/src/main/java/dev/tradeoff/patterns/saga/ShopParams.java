package dev.tradeoff.patterns.saga;

import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import java.util.List;

/**
 * What {@code saga} and {@code two-phase-commit} declare alike, so that one scenario's shop runs
 * under either: the customers' accounts and the products' stock, and the rule on the name prefix.
 */
final class ShopParams {
  private ShopParams() {}

  /** customers, balance, price, products and stock, in that order. */
  static List<Param> books() {
    return List.of(
        Param.integer("customers", 100, 1, 10_000_000, "customer accounts"),
        Param.integer("balance", 1000, 0, 1_000_000_000, "each one's balance"),
        Param.integer("price", 10, 1, 1_000_000, "what an order costs"),
        Param.integer("products", 20, 1, 10_000_000, "products in stock"),
        Param.integer("stock", 1000, 0, 1_000_000_000, "each product's starting stock"));
  }

  /** The problem with {@code c}'s name prefix (field and message), or null. */
  static String[] nameProblem(Config c) {
    if (c.string("name").isEmpty()) {
      return new String[] {
        "name", "must not be empty: node names are <name>-coordinator-<i>, <name>-<service>"
      };
    }
    return null;
  }
}
