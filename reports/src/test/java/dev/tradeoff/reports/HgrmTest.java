package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HgrmTest {
  static final String HEADER = "       Value     Percentile TotalCount 1/(1-Percentile)";

  @Test
  void startsWithHdrHistogramsHeaderAndIsInMilliseconds() {
    String text = Hgrm.render(Fixtures.readHistogram());
    assertTrue(text.startsWith(HEADER + "\n\n"), text);
    // The first value row: 1 ms, scaled from nanoseconds.
    assertTrue(text.lines().skip(2).findFirst().orElseThrow().trim().startsWith("1.000"), text);
    assertTrue(text.contains("#[Max     =      100."), text);
  }

  @Test
  void isDeterministicAndIgnoresTheDefaultLocale() {
    String first = Hgrm.render(Fixtures.readHistogram());
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals(first, Hgrm.render(Fixtures.readHistogram()));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void anEmptyHistogramStillHasTheHeader() {
    assertTrue(Hgrm.render(new Histogram(3)).startsWith(HEADER));
  }

  @Test
  void fileNamesAreSanitisedAndUnique() {
    FileNames names = new FileNames();
    assertEquals("latency-read.hgrm", Hgrm.fileName(names.stem("read")));
    assertEquals("latency-write_cas.hgrm", Hgrm.fileName(names.stem("write/cas")));
    assertEquals("latency-write_cas-2.hgrm", Hgrm.fileName(names.stem("Write CAS")));
    assertEquals("unnamed", names.stem("../"));
    assertEquals("etc_passwd", FileNames.sanitise("../etc/passwd"));
  }
}
