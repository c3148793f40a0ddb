package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.random.RandomStreams;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Which of a {@link Service}'s {@code n} instances serve each customer (tenant: a request's key
 * modulo {@code tenants}); a client's balancer chooses only among the instances of the request's
 * customer.
 *
 * <ul>
 *   <li>{@link Kind#SHARED}: every customer is served by every instance (one shared pool).
 *   <li>{@link Kind#SHARD}: the instances are split into {@code n / k} fixed groups of {@code k}
 *       consecutive instances (group {@code g} is instances {@code g·k … g·k + k − 1}); customer
 *       {@code c} is in group {@code c mod (n / k)}.
 *   <li>{@link Kind#SHUFFLE_SHARD}: customer {@code c} gets {@code k} distinct instances drawn
 *       uniformly among the {@code C(n, k)} combinations, by the first {@code k} steps of a
 *       Fisher–Yates shuffle of {@code 0 … n − 1} driven by the random stream {@code
 *       shuffle-shard/<c>} of {@link RandomStreams} seeded with {@code seed}: a customer's set
 *       depends on the seed, {@code n}, {@code k} and its own number only, never on how many
 *       customers there are.
 * </ul>
 *
 * <p>Each customer's instances are kept in ascending order. Immutable.
 */
public final class Assignment {
  /** How customers are given instances. */
  public enum Kind {
    /** One pool: every instance serves every customer. */
    SHARED,
    /** Plain sharding: fixed groups of {@code k}. */
    SHARD,
    /** Shuffle sharding: a seeded combination of {@code k} per customer. */
    SHUFFLE_SHARD;

    /** The names scenario files use, the default first. */
    public static final List<String> NAMES = List.of("shared", "shard", "shuffle-shard");

    /** The kind a scenario file calls {@code name}. */
    public static Kind of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  private final Kind kind;
  private final int instances;
  private final int[][] sets;

  private Assignment(Kind kind, int instances, int[][] sets) {
    this.kind = kind;
    this.instances = instances;
    this.sets = sets;
  }

  /**
   * The assignment of {@code tenants} customers to {@code instances} instances by {@code kind},
   * {@code size} (k) instances each (ignored for {@link Kind#SHARED}).
   *
   * @throws IllegalArgumentException if {@code size} is not in [1, instances], or, for {@link
   *     Kind#SHARD}, does not divide {@code instances}
   */
  public static Assignment of(Kind kind, int instances, int size, int tenants, long seed) {
    if (instances < 1 || tenants < 1) {
      throw new IllegalArgumentException("needs an instance and a customer");
    }
    int k = kind == Kind.SHARED ? instances : size;
    if (k < 1 || k > instances) {
      throw new IllegalArgumentException(
          "shard size " + k + " must be in [1, " + instances + "] (the instances)");
    }
    if (kind == Kind.SHARD && instances % k != 0) {
      throw new IllegalArgumentException(
          "plain sharding needs the instances (" + instances + ") a multiple of " + k);
    }
    int[][] sets = new int[tenants][];
    RandomStreams streams = new RandomStreams(seed);
    int[] all = range(0, instances); // one array for every customer of a shared pool
    for (int c = 0; c < tenants; c++) {
      sets[c] =
          switch (kind) {
            case SHARED -> all;
            case SHARD -> range((c % (instances / k)) * k, k);
            case SHUFFLE_SHARD -> draw(instances, k, streams.fork("shuffle-shard/" + c));
          };
    }
    return new Assignment(kind, instances, sets);
  }

  /** One shared pool of {@code instances} for {@code tenants} customers. */
  public static Assignment shared(int instances, int tenants) {
    return of(Kind.SHARED, instances, instances, tenants, 0);
  }

  private static int[] range(int first, int count) {
    int[] r = new int[count];
    for (int i = 0; i < count; i++) {
      r[i] = first + i;
    }
    return r;
  }

  /** {@code k} distinct of {@code 0 … n − 1}, each k-set equally likely, ascending. */
  private static int[] draw(int n, int k, UniformRandomProvider random) {
    int[] deck = range(0, n);
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = deck[i];
      deck[i] = deck[j];
      deck[j] = t;
    }
    int[] set = Arrays.copyOf(deck, k);
    Arrays.sort(set);
    return set;
  }

  /** How customers were given instances. */
  public Kind kind() {
    return kind;
  }

  /** Whether every customer is served by every instance. */
  public boolean shared() {
    return kind == Kind.SHARED;
  }

  /** The instances (n). */
  public int instances() {
    return instances;
  }

  /** The customers. */
  public int tenants() {
    return sets.length;
  }

  /** The instances per customer (k; n when shared). */
  public int size() {
    return sets[0].length;
  }

  /** Customer {@code tenant}'s instance indices, ascending (a copy). */
  public int[] instancesOf(int tenant) {
    return sets[tenant].clone();
  }

  /** Customer {@code tenant}'s instances, ascending; callers must not change it. */
  int[] set(int tenant) {
    return sets[tenant];
  }

  /** Whether instance {@code instance} serves customer {@code tenant}. */
  public boolean serves(int tenant, int instance) {
    return Arrays.binarySearch(sets[tenant], instance) >= 0;
  }
}
