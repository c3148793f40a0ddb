package dev.tradeoff.faults;

import dev.tradeoff.core.kernel.PartitionMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Validation and naming shared by the fault records. */
final class FaultRules {
  private FaultRules() {}

  static SortedSet<String> single(String name) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(name)));
  }

  static SortedSet<String> union(Set<String> a, Set<String> b) {
    TreeSet<String> names = new TreeSet<>(a);
    names.addAll(b);
    return Collections.unmodifiableSortedSet(names);
  }

  static void disjoint(String what, Set<String> a, Set<String> b) {
    for (String name : a) {
      if (b.contains(name)) {
        throw new IllegalArgumentException(
            what + ": sides must be disjoint, but " + name + " is on both");
      }
    }
  }

  static String modeSuffix(PartitionMode mode) {
    // DROP is the usual partition; a held (clogged) one is called out.
    return mode == PartitionMode.HOLD ? " (hold)" : "";
  }

  static void probability(String what, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1], got " + p);
    }
  }

  static void positiveFactor(String what, double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(what + " must be finite and > 0, got " + factor);
    }
  }

  /**
   * {@code sides} checked and copied: at least two, each a non-empty set of valid names, no name on
   * two sides; messages start with {@code what}.
   */
  static List<Set<String>> disjointSides(String what, List<Set<String>> sides) {
    Objects.requireNonNull(sides, what + ": sides");
    if (sides.size() < 2) {
      throw new IllegalArgumentException(what + ": needs at least 2 sides, got " + sides.size());
    }
    List<Set<String>> copy = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    for (int i = 0; i < sides.size(); i++) {
      SortedSet<String> side = Text.nameSet(what + ": side " + i, sides.get(i));
      for (String name : side) {
        if (!seen.add(name)) {
          throw new IllegalArgumentException(
              what + ": sides must be disjoint, but " + name + " is on more than one");
        }
      }
      copy.add(side);
    }
    return Collections.unmodifiableList(copy);
  }
}
