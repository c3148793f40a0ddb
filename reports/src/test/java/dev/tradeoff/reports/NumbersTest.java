package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
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

  @Test
  void readableTimesAreInMillisecondsOrSeconds() {
    assertEquals("0 ms", Numbers.readable(0));
    assertEquals("0.00017 ms", Numbers.readable(170));
    assertEquals("5.250 ms", Numbers.readable(5_250_000));
    assertEquals("12.001 s", Numbers.readable(12_000_586_865L));
    assertEquals("-1.500 s", Numbers.readable(-1_500_000_000L));
  }

  @Test
  void rewritesRawNanosecondsInText() {
    assertEquals(
        "leader db-0 (term 1, 0 s..12.001 s) acknowledged",
        Numbers.readableTimes("leader db-0 (term 1, 0..12000586865 ns) acknowledged"));
    assertEquals("(term 2, 5.175 s..end)", Numbers.readableTimes("(term 2, 5174843495..end ns)"));
    assertEquals(
        "read, 10.168 s..10.169 s) was 1 version and 0.00017 ms behind",
        Numbers.readableTimes("read, 10168087035..10169115419 ns) was 1 version and 170ns behind"));
    assertEquals("a span 0.0002 ms..0.00021 ms", Numbers.readableTimes("a span 200..210 ns"));
    // Not nanoseconds, or not raw: left alone.
    for (String same :
        List.of(
            "12.5 ns",
            "3 runs",
            "at 5.669s",
            "12 nsx",
            "no time here",
            "op 40 (process 5, 0.0002ms..0.00021ms)",
            "99999999999999999999 ns")) {
      assertEquals(same, Numbers.readableTimes(same), same);
    }
  }
}
