package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tradeoff.core.history.History;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
  private static final History NONE = new History();

  private static SortedMap<String, Long> digests(Object... replicaDigest) {
    SortedMap<String, Long> m = new TreeMap<>();
    for (int i = 0; i < replicaDigest.length; i += 2) {
      m.put((String) replicaDigest[i], ((Number) replicaDigest[i + 1]).longValue());
    }
    return m;
  }

  @Test
  void equalDigestsConverged() {
    CheckResult r = Convergence.of(digests("n1", 42, "n2", 42, "n3", 42)).check(NONE);
    assertEquals(Verdict.VALID, r.verdict());
    assertEquals("3 replica digests compared", r.detail());
  }

  @Test
  void noReplicasOrOneReplicaIsTriviallyConverged() {
    assertEquals(Verdict.VALID, Convergence.of(digests()).check(NONE).verdict());
    assertEquals(Verdict.VALID, Convergence.of(digests("n1", 7)).check(NONE).verdict());
  }

  @Test
  void divergentReplicaIsNamedWithItsGroup() {
    CheckResult r = Convergence.of(digests("n3", 7, "n2", 42, "n1", 42)).check(NONE);
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(1, r.violations());
    assertEquals(
        List.of("3 replicas in 2 digest groups: 0x2a on n1, n2; 0x7 on n3"), r.witnesses());
  }

  @Test
  void everyReplicaDifferentCountsGroupsMinusOneAndTruncates() {
    SortedMap<String, Long> m = new TreeMap<>();
    for (int i = 0; i < 7; i++) {
      m.put("n" + i, (long) (100 + i));
    }
    CheckResult r = Convergence.of(m).check(NONE);
    assertEquals(6, r.violations());
    assertEquals(
        "7 replicas in 7 digest groups: 0x64 on n0; 0x65 on n1; 0x66 on n2; 0x67 on n3; 0x68 on"
            + " n4; and 2 more groups",
        r.witnesses().get(0));
  }

  @Test
  void tiedGroupsAreOrderedByDigest() {
    CheckResult r = Convergence.of(digests("a", 2, "b", 1, "c", 2, "d", 1)).check(NONE);
    assertEquals(List.of("4 replicas in 2 digest groups: 0x1 on b, d; 0x2 on a, c"), r.witnesses());
  }
}
