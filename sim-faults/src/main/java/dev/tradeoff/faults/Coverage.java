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
 */
public record Coverage(String property, int cases, SortedMap<String, Integer> casesWithKind) {

  /** Copies the counts. */
  public Coverage {
    casesWithKind = Collections.unmodifiableSortedMap(new TreeMap<>(casesWithKind));
  }

  /** The share of cases, in {@code [0, 1]}, in which {@code kind} occurred; 0 if none ran. */
  public double share(String kind) {
    Integer count = casesWithKind.get(kind);
    return cases == 0 || count == null ? 0 : (double) count / cases;
  }

  /** E.g. {@code coverage of "p" over 50 cases: crash 31 (62%), partition 28 (56%)}. */
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
    return out.toString();
  }
}
