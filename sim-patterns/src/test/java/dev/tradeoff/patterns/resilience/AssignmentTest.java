package dev.tradeoff.patterns.resilience;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The assignment of customers to instances: shuffle sharding draws k distinct instances per
 * customer, each of the C(n, k) sets equally likely, from the seed and the customer alone; plain
 * sharding puts customer c in group c mod (n/k); one poison customer's set is shared, on average
 * over the customers, by 1/C(n, k) of the others.
 */
class AssignmentTest {
  private static Assignment shuffle(int n, int k, int tenants, long seed) {
    return Assignment.of(Assignment.Kind.SHUFFLE_SHARD, n, k, tenants, seed);
  }

  @Test
  void shuffleShardingGivesEachCustomerKDistinctInstancesInOrder() {
    Assignment a = shuffle(8, 3, 500, 1);
    for (int c = 0; c < a.tenants(); c++) {
      int[] set = a.instancesOf(c);
      assertEquals(3, set.length);
      for (int i = 0; i < set.length; i++) {
        assertTrue(set[i] >= 0 && set[i] < 8, Arrays.toString(set));
        assertTrue(
            i == 0 || set[i] > set[i - 1], "distinct and ascending: " + Arrays.toString(set));
        assertTrue(a.serves(c, set[i]));
      }
    }
  }

  @Test
  void aCustomersInstancesDependOnTheSeedAndItsNumberOnly() {
    Assignment few = shuffle(8, 2, 10, 1);
    Assignment many = shuffle(8, 2, 1000, 1);
    Assignment other = shuffle(8, 2, 10, 2);
    int differ = 0;
    for (int c = 0; c < 10; c++) {
      assertArrayEquals(few.instancesOf(c), many.instancesOf(c));
      assertArrayEquals(few.instancesOf(c), shuffle(8, 2, 10, 1).instancesOf(c));
      differ += Arrays.equals(few.instancesOf(c), other.instancesOf(c)) ? 0 : 1;
    }
    assertTrue(differ > 5, "another seed, another assignment: " + differ + " of 10 differ");
  }

  @Test
  void everyPairOfEightIsAboutEquallyLikely() {
    // 28,000 customers over 28 pairs: 1,000 each, standard deviation 31; within 150 of it.
    Assignment a = shuffle(8, 2, 28_000, 3);
    Map<String, Integer> counts = new TreeMap<>();
    for (int c = 0; c < a.tenants(); c++) {
      counts.merge(Arrays.toString(a.instancesOf(c)), 1, Integer::sum);
    }
    assertEquals(28, counts.size(), counts.toString());
    counts.forEach((set, n) -> assertTrue(Math.abs(n - 1000) < 150, set + ": " + n));
  }

  @Test
  void plainShardingPutsCustomerCInGroupCModNOverK() {
    Assignment a = Assignment.of(Assignment.Kind.SHARD, 8, 2, 10, 1);
    assertArrayEquals(new int[] {0, 1}, a.instancesOf(0));
    assertArrayEquals(new int[] {2, 3}, a.instancesOf(1));
    assertArrayEquals(new int[] {6, 7}, a.instancesOf(3));
    assertArrayEquals(new int[] {0, 1}, a.instancesOf(4));
    assertArrayEquals(new int[] {4, 5}, a.instancesOf(6));
  }

  @Test
  void oneSharedPoolServesEveryoneFromEveryInstance() {
    Assignment a = Assignment.shared(4, 3);
    assertTrue(a.shared());
    for (int c = 0; c < 3; c++) {
      assertArrayEquals(new int[] {0, 1, 2, 3}, a.instancesOf(c));
    }
    assertFalse(shuffle(4, 2, 3, 1).shared());
  }

  /** Over every choice of poison customer, the mean share of the others with its very set. */
  private static double meanShareWithThePoisonsSet(Assignment a) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int c = 0; c < a.tenants(); c++) {
      counts.merge(Arrays.toString(a.instancesOf(c)), 1, Integer::sum);
    }
    double sum = 0;
    for (int c = 0; c < a.tenants(); c++) {
      sum += (counts.get(Arrays.toString(a.instancesOf(c))) - 1) / (double) (a.tenants() - 1);
    }
    return sum / a.tenants();
  }

  @Test
  void onAverageThePoisonsSetIsSharedByOneInCOfNKOfTheOthers() {
    assertEquals(1 / 28.0, meanShareWithThePoisonsSet(shuffle(8, 2, 5_000, 1)), 0.05 / 28);
    assertEquals(1 / 56.0, meanShareWithThePoisonsSet(shuffle(8, 3, 5_000, 1)), 0.05 / 56);
    assertEquals(1 / 120.0, meanShareWithThePoisonsSet(shuffle(10, 3, 5_000, 1)), 0.08 / 120);
    // Plain sharding: the rest of the poison's group, k/n of everyone.
    Assignment plain = Assignment.of(Assignment.Kind.SHARD, 8, 2, 1_000, 1);
    assertEquals(249 / 999.0, meanShareWithThePoisonsSet(plain), 1e-12);
  }

  @Test
  void refusesShardSizesTheInstancesCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> shuffle(4, 5, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> shuffle(4, 0, 10, 1));
    assertThrows(
        IllegalArgumentException.class, () -> Assignment.of(Assignment.Kind.SHARD, 8, 3, 10, 1));
  }
}
