package dev.tradeoff.faults;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Exact, compact text for times, rates and name sets in fault descriptions. Every conversion is
 * exact (decimal arithmetic, no rounding), so a printed schedule names the very nanoseconds it ran.
 */
final class Text {
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  private Text() {}

  /**
   * A duration in the largest unit it reaches, with only the digits it needs: {@code 1.2s}, {@code
   * 300ms}, {@code 1.5us}, {@code 7ns}, {@code 0s}.
   */
  static String duration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    BigDecimal value = BigDecimal.valueOf(nanos);
    BigDecimal magnitude = value.abs();
    if (magnitude.compareTo(BigDecimal.valueOf(S)) >= 0) {
      return plain(value.movePointLeft(9)) + "s";
    }
    if (magnitude.compareTo(BigDecimal.valueOf(MS)) >= 0) {
      return plain(value.movePointLeft(6)) + "ms";
    }
    if (magnitude.compareTo(BigDecimal.valueOf(US)) >= 0) {
      return plain(value.movePointLeft(3)) + "us";
    }
    return nanos + "ns";
  }

  /** {@link #duration} with an explicit sign: {@code +200ms}, {@code -1s}. */
  static String signedDuration(long nanos) {
    return nanos < 0 ? duration(nanos) : "+" + duration(nanos);
  }

  /**
   * A point in time, in seconds, with the digits grouped like a clock reading: whole seconds as
   * {@code 5s}, otherwise three, six or nine decimals, as few as are exact ({@code 1.200s}, {@code
   * 0.000001500s}). Schedules read more easily when their times line up in milliseconds.
   */
  static String instant(long nanos) {
    if (nanos % S == 0) {
      return nanos / S + "s";
    }
    int scale = nanos % MS == 0 ? 3 : nanos % US == 0 ? 6 : 9;
    return BigDecimal.valueOf(nanos).movePointLeft(9).setScale(scale).toPlainString() + "s";
  }

  /** A double as the shortest exact decimal that reads back as it: {@code 1.5}, {@code 10}. */
  static String decimal(double value) {
    return plain(new BigDecimal(Double.toString(value)));
  }

  /** A probability or fraction as a percentage: {@code 0.1} is {@code 10%}. */
  static String percent(double fraction) {
    return plain(new BigDecimal(Double.toString(fraction)).movePointRight(2)) + "%";
  }

  /** {@link #percent} with an explicit sign. */
  static String signedPercent(double fraction) {
    return fraction < 0 ? percent(fraction) : "+" + percent(fraction);
  }

  /** A set of names, sorted, as {@code {a,b,c}}. */
  static String names(Collection<String> names) {
    return "{" + String.join(",", new TreeSet<>(names)) + "}";
  }

  /** An unmodifiable sorted copy of {@code names}; each must be a non-blank name. */
  static SortedSet<String> nameSet(String what, Collection<String> names) {
    if (names == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    TreeSet<String> copy = new TreeSet<>();
    for (String name : names) {
      copy.add(name(what, name));
    }
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(what + " must name at least one node");
    }
    return java.util.Collections.unmodifiableSortedSet(copy);
  }

  /** {@code name} if it is a non-blank name, else an exception saying which field was wrong. */
  static String name(String what, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          what + " must be a non-empty name, got " + (name == null ? "null" : "\"" + name + "\""));
    }
    return name;
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
