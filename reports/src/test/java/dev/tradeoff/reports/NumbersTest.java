package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void formatsMillisecondsAndSignificantDigits() {
    assertEquals("1.5", Numbers.exactMs(1_500_000));
    assertEquals("0.000001", Numbers.exactMs(1));
    assertEquals("0", Numbers.exactMs(0));
    assertEquals("12.346", Numbers.ms3(12_345_678));
    assertEquals("0.001", Numbers.ms3(1_000));
    assertEquals("0", Numbers.ms3(100));
    assertNull(Numbers.ms3(Double.NaN));
    assertEquals("123457", Numbers.sig6(123_456.7));
    assertEquals("0.1", Numbers.sig6(0.1));
    assertEquals("1E-12", Numbers.sig6(1e-12));
    assertEquals("0", Numbers.sig6(-0.0));
    assertNull(Numbers.sig6(Double.POSITIVE_INFINITY));
    assertEquals("00000000000000ff", Numbers.hex16(255));
    assertEquals("ffffffffffffffff", Numbers.hex16(-1));
    assertEquals("12.500s", Numbers.seconds(12_500_000_000L));
  }
}
