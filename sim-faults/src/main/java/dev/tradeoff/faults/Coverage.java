package dev.tradeoff.faults;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Coverage statistics of one property run: for each fault kind the property's nemesis may use, in
 * how many cases it occurred at least once.
 *
 * @param property the property's name
 * @param cases how many cases ran
 * @param casesWithKind fault kind to the number of cases whose schedule had it; sorted by kind, and
 *     listing every kind the nemesis config allows (zero counts included), so the order and the
 *     keys do not depend on the seeds
 * @param casesWithLabel label to the number of cases an invariant gave it (such as {@code
 *     "linearizability: unknown"}), sorted by label; only labels that occurred
 */
public record Coverage(
    String property,
    int cases,
    SortedMap<String, Integer> casesWithKind,
    SortedMap<String, Integer> casesWithLabel) {

  /** Copies the counts. */
  public Coverage {
    casesWithKind = Collections.unmodifiableSortedMap(new TreeMap<>(casesWithKind));
    casesWithLabel = Collections.unmodifiableSortedMap(new TreeMap<>(casesWithLabel));
  }

  /** Coverage without labels. */
  public Coverage(String property, int cases, SortedMap<String, Integer> casesWithKind) {
    this(property, cases, casesWithKind, new TreeMap<>());
  }

  /** The share of cases, in {@code [0, 1]}, that had {@code label}; 0 if none ran. */
  public double labelShare(String label) {
    Integer count = casesWithLabel.get(label);
    return cases == 0 || count == null ? 0 : (double) count / cases;
  }

  /** The share of cases, in {@code [0, 1]}, in which {@code kind} occurred; 0 if none ran. */
  public double share(String kind) {
    Integer count = casesWithKind.get(kind);
    return cases == 0 || count == null ? 0 : (double) count / cases;
  }

  /**
   * E.g. {@code coverage of "p" over 50 cases: crash 31 (62%), partition 28 (56%); labels:
   * linearizability: unknown 2 (4%)}.
   */
  @Override
  public String toString() {
    StringBuilder out =
        new StringBuilder("coverage of \"" + property + "\" over " + cases + " cases:");
    String sep = " ";
    for (var entry : casesWithKind.entrySet()) {
      out.append(sep)
          .append(entry.getKey())
          .append(' ')
          .append(entry.getValue())
          .append(" (")
          .append(Text.percent(Math.round(share(entry.getKey()) * 1000) / 1000.0))
          .append(')');
      sep = ", ";
    }
    sep = "; labels: ";
    for (var entry : casesWithLabel.entrySet()) {
      out.append(sep)
          .append(entry.getKey())
          .append(' ')
          .append(entry.getValue())
          .append(" (")
          .append(Text.percent(Math.round(labelShare(entry.getKey()) * 1000) / 1000.0))
          .append(')');
      sep = ", ";
    }
    return out.toString();
  }
}
