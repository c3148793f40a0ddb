package dev.tradeoff.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The number formats every report file uses, in one place so JSON, text and HTML agree. All of them
 * depend on the value alone, never on the default locale.
 */
final class Numbers {
  private static final MathContext SIX_SIGNIFICANT = new MathContext(6, RoundingMode.HALF_EVEN);

  private Numbers() {}

  /** Nanoseconds as exact milliseconds: up to six decimals, trailing zeros dropped. */
  static String exactMs(long nanos) {
    return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString();
  }

  /**
   * Nanoseconds (possibly fractional, e.g. a mean) as milliseconds rounded half-even to three
   * decimals (microseconds), trailing zeros dropped; {@code null} when not finite.
   */
  static String ms3(double nanos) {
    if (!Double.isFinite(nanos)) {
      return null;
    }
    return plain(new BigDecimal(nanos).movePointLeft(6).setScale(3, RoundingMode.HALF_EVEN));
  }

  /** A value rounded half-even to six significant digits; {@code null} when not finite. */
  static String sig6(double value) {
    if (!Double.isFinite(value)) {
      return null;
    }
    return plain(new BigDecimal(value).round(SIX_SIGNIFICANT));
  }

  private static String plain(BigDecimal d) {
    if (d.signum() == 0) {
      return "0";
    }
    BigDecimal s = d.stripTrailingZeros();
    // Plain notation reads better, but 1e-300 would be 300 digits long; beyond these bounds the
    // exponent form (still valid JSON) is shorter.
    int exponent = s.precision() - s.scale() - 1;
    return exponent < -9 || exponent > 20 ? s.toString() : s.toPlainString();
  }

  /** A JSON number node for {@link #ms3}, or {@code null}. */
  static Json.Num ms3Json(double nanos) {
    String t = ms3(nanos);
    return t == null ? null : new Json.Num(t);
  }

  /** A JSON number node for {@link #sig6}, or {@code null}. */
  static Json.Num sig6Json(double value) {
    String t = sig6(value);
    return t == null ? null : new Json.Num(t);
  }

  /** A 64-bit value as 16 lower-case hex digits. */
  static String hex16(long value) {
    String hex = Long.toHexString(value);
    return "0".repeat(16 - hex.length()) + hex;
  }

  /** Milliseconds with three decimals for tables, e.g. {@code 12.400}; {@code -} when absent. */
  static String msFixed(double nanos) {
    if (!Double.isFinite(nanos)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  /** A rate with one decimal for tables. */
  static String rateFixed(double perSec) {
    if (!Double.isFinite(perSec)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f", perSec);
  }

  /** Nanoseconds as seconds with three decimals, e.g. {@code 12.500s}. */
  static String seconds(long nanos) {
    return BigDecimal.valueOf(nanos, 9).setScale(3, RoundingMode.HALF_EVEN).toPlainString() + "s";
  }
}
