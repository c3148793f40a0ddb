package dev.tradeoff.faults;

import java.util.Objects;

/**
 * A system parameter a {@link Property} generates for each case, as it generates fault schedules: a
 * whole number in {@code [min, max]} (replicas, a timeout in milliseconds, a key count), drawn from
 * the case's seed and the parameter's name alone, so adding a parameter changes no other
 * parameter's values and no schedule. The {@link Shrinker} moves a failing case's value toward
 * {@code min}, the simplest system.
 *
 * @param name the parameter's name, as {@link Case#parameter(String)} takes it
 * @param min the smallest value, and the one shrinking aims for
 * @param max the largest value, {@code >= min}
 */
public record Parameter(String name, long min, long max) {
  /** Validates the range. */
  public Parameter {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "parameter: name must be letters, digits, '.', '_' or '-', got \"" + name + "\"");
    }
    if (max < min || max - min < 0) {
      throw new IllegalArgumentException(
          "parameter "
              + name
              + ": need min <= max (and a range that fits a long), got "
              + min
              + ".."
              + max);
    }
  }

  /** The value for the case with seed {@code seed}. */
  public long draw(long seed) {
    long span = max - min + 1; // 0 when the range is all of long's values
    long bits = mix(seed ^ mix(name.hashCode()));
    return span == 0 ? bits : min + Long.remainderUnsigned(bits, span);
  }

  /** SplitMix64's finalizer: every input bit moves about half the output bits. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return name + " in " + min + ".." + max;
  }
}
