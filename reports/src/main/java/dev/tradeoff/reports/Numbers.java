package dev.tradeoff.reports;

import dev.tradeoff.core.check.StalenessReport;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number formats every report file uses, in one place so JSON, text and HTML agree. All of them
 * depend on the value alone, never on the default locale.
 */
final class Numbers {
  private static final MathContext SIX_SIGNIFICANT = new MathContext(6, RoundingMode.HALF_EVEN);

  // An integer count of nanoseconds, or a span of them ("0..12000586865 ns", "5..end ns"), as a
  // checker may write it into a witness.
  private static final Pattern RAW_NANOS =
      Pattern.compile("(?<![\\w.])(-?\\d+)(?:\\.\\.(-?\\d+|end))? ?ns\\b");

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

  /**
   * A t-visibility share with four decimals for tables, e.g. {@code 0.9745}; {@code -} when no read
   * qualified at that delay (a share of nothing is not a measurement).
   */
  static String shareFixed(StalenessReport.Visibility v) {
    return v.reads() == 0 ? "-" : String.format(Locale.ROOT, "%.4f", v.share());
  }

  /** A rate with one decimal for tables. */
  static String rateFixed(double perSec) {
    if (!Double.isFinite(perSec)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f", perSec);
  }

  /**
   * A duration or instant as a person reads it: {@code 12.001 s} from one second on, {@code 5.250
   * ms} from one millisecond on, exact milliseconds below ({@code 0.00017 ms}), {@code 0 s} for
   * zero.
   */
  static String readable(long nanos) {
    return readable(nanos, Math.abs(nanos));
  }

  /** {@code nanos} in the unit {@link #readable(long)} picks for {@code scaleNanos}. */
  private static String readable(long nanos, long scaleNanos) {
    if (scaleNanos >= 1_000_000_000L) {
      return nanos == 0
          ? "0 s"
          : BigDecimal.valueOf(nanos, 9).setScale(3, RoundingMode.HALF_EVEN).toPlainString() + " s";
    }
    if (nanos == 0) {
      return "0 ms";
    }
    if (scaleNanos >= 1_000_000L) {
      return BigDecimal.valueOf(nanos, 6).setScale(3, RoundingMode.HALF_EVEN).toPlainString()
          + " ms";
    }
    return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + " ms";
  }

  /**
   * {@code text} with every raw nanosecond figure ({@code 12000586865 ns}, {@code 0..12000586865
   * ns}) rewritten in ms or s as {@link #readable(long)} gives them; a span shares the unit of its
   * larger end ({@code 0 s..12.001 s}). Witnesses come from checkers the report does not control,
   * and no text a person reads should make them count digits.
   */
  static String readableTimes(String text) {
    if (text.indexOf("ns") < 0) {
      return text;
    }
    Matcher m = RAW_NANOS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      try {
        long from = Long.parseLong(m.group(1));
        String to = m.group(2);
        if (to == null) {
          replacement = readable(from);
        } else if (to.equals("end")) {
          replacement = readable(from) + "..end";
        } else {
          long until = Long.parseLong(to);
          long scale = Math.max(Math.abs(from), Math.abs(until));
          replacement = readable(from, scale) + ".." + readable(until, scale);
        }
      } catch (NumberFormatException tooLong) {
        replacement = m.group(); // beyond a long: leave it as written
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Nanoseconds as seconds with three decimals, e.g. {@code 12.500s}. */
  static String seconds(long nanos) {
    return BigDecimal.valueOf(nanos, 9).setScale(3, RoundingMode.HALF_EVEN).toPlainString() + "s";
  }
}
