package dev.tradeoff.patterns.resilience;

import java.util.List;
import java.util.Locale;

/**
 * How a client's driver picks the {@link Service} instance for a request, from what that client
 * alone knows (its own requests outstanding per instance), as a client-side load balancer does.
 */
enum Balancer {
  /** Instances in turn, each client starting at its own index. */
  ROUND_ROBIN,
  /** One instance uniformly at random. */
  RANDOM,
  /** The instance with the fewest of this client's requests outstanding; ties to the lowest. */
  LEAST_OUTSTANDING,
  /** Two distinct instances at random, the one with fewer outstanding (Mitzenmacher). */
  TWO_CHOICES;

  /** The names scenario files use, the default first. */
  static final List<String> NAMES =
      List.of("round-robin", "random", "least-outstanding", "two-choices");

  static Balancer of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
