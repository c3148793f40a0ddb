package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Whether replicas converged: after the network healed and a quiet period passed, every replica
 * reported a digest of its state, and the digests must all be equal. The history is not read.
 *
 * <p>The result is valid when there are no replicas or all digests are equal. Otherwise the
 * replicas fall into groups by digest; the violation count is the number of groups minus one (how
 * many states would have to disappear for the replicas to agree), and the single witness lists the
 * groups, largest first (ties by digest), each with its replicas in name order, e.g. {@code 3
 * replicas in 2 digest groups: 0x2a on n1, n2; 0x7 on n3}. At most 5 groups are spelled out; the
 * rest are counted.
 */
public final class Convergence implements Checker {
  private final SortedMap<String, Long> digests;

  private Convergence(SortedMap<String, Long> digests) {
    this.digests = digests;
  }

  /** Checks the digests the replicas reported, replica name to digest. */
  public static Convergence of(Map<String, Long> digests) {
    Objects.requireNonNull(digests, "digests");
    SortedMap<String, Long> copy = new TreeMap<>();
    digests.forEach(
        (replica, digest) ->
            copy.put(
                Objects.requireNonNull(replica, "replica"),
                Objects.requireNonNull(digest, "digest of " + replica)));
    return new Convergence(copy);
  }

  @Override
  public String name() {
    return "convergence";
  }

  /** The verdict on the digests given at construction; {@code history} is ignored. */
  @Override
  public CheckResult check(History history) {
    Map<Long, List<String>> groups = new TreeMap<>();
    digests.forEach(
        (replica, digest) -> groups.computeIfAbsent(digest, d -> new ArrayList<>()).add(replica));
    String detail = digests.size() + " replica digests compared";
    if (groups.size() <= 1) {
      return CheckResult.valid(name(), detail);
    }
    List<Map.Entry<Long, List<String>>> ordered = new ArrayList<>(groups.entrySet());
    // Largest group first; TreeMap order (by digest) breaks ties, as the sort is stable.
    ordered.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
    StringBuilder witness =
        new StringBuilder()
            .append(digests.size())
            .append(" replicas in ")
            .append(groups.size())
            .append(" digest groups: ");
    int shown = Math.min(ordered.size(), SessionGuarantees.MAX_WITNESSES);
    for (int i = 0; i < shown; i++) {
      Map.Entry<Long, List<String>> group = ordered.get(i);
      if (i > 0) {
        witness.append("; ");
      }
      witness
          .append("0x")
          .append(Long.toHexString(group.getKey()))
          .append(" on ")
          .append(String.join(", ", group.getValue()));
    }
    if (ordered.size() > shown) {
      witness.append("; and ").append(ordered.size() - shown).append(" more groups");
    }
    return CheckResult.invalid(name(), groups.size() - 1, List.of(witness.toString()), detail);
  }
}
