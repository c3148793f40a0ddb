package dev.tradeoff.scenarios;

import static dev.tradeoff.scenarios.CachingScenarioTest.holdOnSeedsOneToTen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Series;
import dev.tradeoff.patterns.resilience.Assignment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code cell/shuffle-sharding-poison-pill}: the variants its observe text names keep their word on
 * seeds 1 to 10, and the share of other customers the poison pill cuts off is exactly the
 * combinatorial count for the run's actual assignment — the customers whose instances all lie among
 * those the poison crashed, which are exactly the poison's own — and, over many customers, within a
 * tolerance of 1/C(n, k) for shuffle sharding and k/n for plain sharding.
 */
class ShuffleShardingScenarioTest {
  private static final String NAME = "cell/shuffle-sharding-poison-pill";

  /** A shorter run of the catalog scenario: the poison starts at 2 s, over by 10 s. */
  private static final List<String> SHORT =
      List.of("duration=10s", "system.backend.poisonFrom=2s", "expectations=[]");

  @Test
  void plainShardingCutsOffThePoisonsGroup() throws IOException {
    holdOnSeedsOneToTen(
        NAME,
        List.of("system.backend.assignment=shard"),
        "violations(cut-off) == 249",
        "min(svc/cut-off during 17s..30s) > 24.8%",
        "max(svc/cut-off) < 25%",
        "max(svc/down) == 2",
        "mean(svc/requests-failed during 17s..30s) > 20%",
        "mean(svc/requests-failed during 17s..30s) < 30%",
        "mean(client/goodput during 17s..30s) < 800/s",
        "violations(poison-contained) == 0");
  }

  @Test
  void oneSharedPoolLosesEveryInstanceAndEveryone() throws IOException {
    holdOnSeedsOneToTen(
        NAME,
        List.of("system.backend.assignment=shared"),
        "violations(cut-off) == 999",
        "min(svc/down during 22s..30s) == 8",
        "min(svc/cut-off during 22s..30s) == 1",
        "last(svc/customers-failed) == 1",
        "mean(svc/requests-failed during 22s..30s) == 1",
        "max(client/goodput during 22s..30s) == 0",
        "violations(poison-contained) == 0");
  }

  /** What one run shows: the instances down at its end, and its measured cut-off. */
  private record Outcome(int[] down, long cutOffViolations, double lastCutOffShare) {}

  /** Runs the short scenario with {@code sets}, its service having {@code n} instances. */
  private static Outcome run(int n, String... sets) throws IOException {
    List<String> all = new ArrayList<>(SHORT);
    all.add("system.backend.instances=" + n);
    all.addAll(List.of(sets));
    Scenario s = ScenarioReader.read(NAME, CachingScenarioTest.text(NAME), all);
    ScenarioRunner.Run r = ScenarioRunner.run(s, "test", "test");
    Simulation sim = r.simulation();
    List<Integer> down = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!sim.isUp(sim.nodeId("svc-" + i))) {
        down.add(i);
      }
    }
    CheckResult cutOff =
        r.report().checks().stream()
            .filter(c -> c.checker().equals("cut-off"))
            .findFirst()
            .orElseThrow();
    Series share = sim.metrics().series("svc/cut-off");
    return new Outcome(
        down.stream().mapToInt(Integer::intValue).toArray(),
        cutOff.violations(),
        share.last(share.intervals() - 1));
  }

  /** Customers other than customer 0 whose instances all lie in {@code crashed}. */
  private static int containedIn(Assignment a, int[] crashed) {
    int count = 0;
    for (int c = 1; c < a.tenants(); c++) {
      boolean all = true;
      for (int i : a.instancesOf(c)) {
        all &= java.util.Arrays.binarySearch(crashed, i) >= 0;
      }
      count += all ? 1 : 0;
    }
    return count;
  }

  private static void exactCount(Assignment.Kind kind, int n, int k, int tenants, long shardSeed)
      throws IOException {
    Outcome o =
        run(
            n,
            "system.backend.assignment="
                + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
            "system.backend.shardSize=" + k,
            "system.backend.tenants=" + tenants,
            "system.backend.shardSeed=" + shardSeed);
    Assignment a = Assignment.of(kind, n, k, tenants, shardSeed);
    String what = kind + " n=" + n + " k=" + k + " seed " + shardSeed;
    // The poison took down exactly its own instances, no more and no fewer.
    assertArrayEquals(a.instancesOf(0), o.down(), what);
    int expected = containedIn(a, o.down());
    assertEquals(expected, o.cutOffViolations(), what);
    assertEquals(expected / (double) (tenants - 1), o.lastCutOffShare(), 1e-12, what);
  }

  @Test
  void theCutOffIsExactlyTheCustomersWhoseInstancesThePoisonTookDown() throws IOException {
    for (long seed : new long[] {1, 2, 3}) {
      exactCount(Assignment.Kind.SHUFFLE_SHARD, 8, 2, 1000, seed);
    }
    exactCount(Assignment.Kind.SHUFFLE_SHARD, 9, 3, 1000, 7);
    exactCount(Assignment.Kind.SHARD, 8, 2, 1000, 1);
    exactCount(Assignment.Kind.SHARD, 9, 3, 1000, 1);
  }

  private static double binomial(int n, int k) {
    double r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return r;
  }

  @Test
  void overManyCustomersShuffleShardingCutsOffOneInCOfNKAndPlainShardingKOverN()
      throws IOException {
    int tenants = 10_000;
    // Ten times the load, so that the poison customer still sends a request a second.
    String load = "workload.arrivals.rate=10000/s";
    // 9,999 others, each with the poison's pair with probability 1/28: 357 expected, sd 18.5
    // (5% of it); four assignments, each within 15% and their mean within 8%.
    double sum = 0;
    for (long seed = 1; seed <= 4; seed++) {
      double share =
          run(8, load, "system.backend.tenants=" + tenants, "system.backend.shardSeed=" + seed)
              .lastCutOffShare();
      double ratio = share * binomial(8, 2);
      assertTrue(Math.abs(ratio - 1) < 0.15, "seed " + seed + ": " + share + " vs 1/28");
      sum += ratio;
    }
    assertTrue(Math.abs(sum / 4 - 1) < 0.08, "mean over four assignments: " + sum / 4 + " of 1/28");
    // k = 3 of 8: 1/56, 179 expected, sd 13 (7%).
    double three =
        run(8, load, "system.backend.tenants=" + tenants, "system.backend.shardSize=3")
            .lastCutOffShare();
    assertTrue(Math.abs(three * binomial(8, 3) - 1) < 0.25, three + " vs 1/56");
    // Plain sharding: the others in the poison's group of k/n of everyone, exactly.
    double plain =
        run(8, load, "system.backend.tenants=" + tenants, "system.backend.assignment=shard")
            .lastCutOffShare();
    assertEquals((tenants / 4 - 1) / (double) (tenants - 1), plain, 1e-12);
  }

  @Test
  void restartedInstancesAreCrashedAgainAndTheBlastRadiusStaysThePoisons() throws IOException {
    List<String> all = new ArrayList<>(SHORT);
    all.add("system.backend.poisonRestart=1s");
    Scenario s = ScenarioReader.read(NAME, CachingScenarioTest.text(NAME), all);
    ScenarioRunner.Run r = ScenarioRunner.run(s, "test", "test");
    Series poisoned = r.simulation().metrics().series("svc/poisoned");
    Series down = r.simulation().metrics().series("svc/down");
    double crashes = 0;
    double mostDown = 0;
    for (int i = 0; i < poisoned.intervals(); i++) {
      crashes += poisoned.count(i) == 0 ? 0 : poisoned.last(i);
      mostDown = Math.max(mostDown, down.count(i) == 0 ? 0 : down.last(i));
    }
    // Each instance comes back after 1 s and the poison's next request takes it down again.
    assertTrue(crashes >= 6, crashes + " poison crashes in 8 s");
    assertEquals(2, mostDown);
    Assignment a = Assignment.of(Assignment.Kind.SHUFFLE_SHARD, 8, 2, 1000, 1);
    long cutOff =
        r.report().checks().stream()
            .filter(c -> c.checker().equals("cut-off"))
            .findFirst()
            .orElseThrow()
            .violations();
    assertEquals(containedIn(a, a.instancesOf(0)), cutOff);
  }

  @Test
  void withoutAPoisonCustomerNoOneIsCutOff() throws IOException {
    Outcome o = run(8, "system.backend.poisonTenants=0");
    assertEquals(0, o.down().length);
    assertEquals(0, o.cutOffViolations());
    assertEquals(0, o.lastCutOffShare());
  }
}
