package dev.tradeoff.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;

/**
 * Axis tick labels with exactly as many decimals as the tick size needs, computed from the exact
 * binary value of the tick ({@link BigDecimal#BigDecimal(double)}), never through {@link
 * java.text.DecimalFormat} or {@link Double#toString}, whose roundings changed between JDK 17 and
 * later: the same seed gives the same SVG on every JDK, and neighbouring ticks never print alike.
 */
final class TickFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;
  private final int decimals;

  private TickFormat(int decimals) {
    this.decimals = decimals;
  }

  /** Tick sizes 1, 2 and 5 times every power of ten from 10^-9 to 10^12, each with its format. */
  static TickUnits units() {
    TickUnits units = new TickUnits();
    for (int exponent = -9; exponent <= 12; exponent++) {
      TickFormat format = new TickFormat(Math.max(0, -exponent));
      for (int mantissa : new int[] {1, 2, 5}) {
        double size = new BigDecimal(mantissa).scaleByPowerOfTen(exponent).doubleValue();
        units.add(new NumberTickUnit(size, format));
      }
    }
    return units;
  }

  @Override
  public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
    if (!Double.isFinite(number)) {
      return toAppendTo.append(number > 0 ? "∞" : number < 0 ? "-∞" : "NaN");
    }
    BigDecimal rounded = new BigDecimal(number).setScale(decimals, RoundingMode.HALF_EVEN);
    if (rounded.signum() == 0) {
      rounded = rounded.abs(); // no "-0"
    }
    return toAppendTo.append(rounded.toPlainString());
  }

  @Override
  public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
    return format((double) number, toAppendTo, pos);
  }

  @Override
  public Number parse(String source, ParsePosition parsePosition) {
    return null; // axes only format
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TickFormat t && t.decimals == decimals;
  }

  @Override
  public int hashCode() {
    return decimals;
  }
}
