package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChartsTest {
  @Test
  void chartsComeInPageOrder() {
    List<String> names = Charts.of(Fixtures.report()).stream().map(Chart::name).toList();
    assertEquals(List.of("latency", "throughput", "lag", "queue_depth", "spectrum"), names);
    assertEquals(
        List.of("spectrum"), Charts.of(Fixtures.minimal()).stream().map(Chart::name).toList());
  }

  @Test
  void svgIsIdenticalAcrossRendersAndReports() {
    List<Chart> a = Charts.of(Fixtures.report());
    List<Chart> b = Charts.of(Fixtures.report());
    for (int i = 0; i < a.size(); i++) {
      String svg = a.get(i).svg();
      assertEquals(svg, a.get(i).svg(), a.get(i).name());
      assertEquals(svg, b.get(i).svg(), a.get(i).name());
    }
  }

  @Test
  void pngIsIdenticalAcrossRendersAndReports() {
    List<Chart> a = Charts.of(Fixtures.report());
    List<Chart> b = Charts.of(Fixtures.report());
    for (int i = 0; i < a.size(); i++) {
      byte[] png = a.get(i).png();
      assertArrayEquals(png, a.get(i).png(), a.get(i).name());
      assertArrayEquals(png, b.get(i).png(), a.get(i).name());
      assertEquals((byte) 0x89, png[0]);
      assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
      // Chunks after the header: no tIME (timestamp) and no text chunks.
      String chunks = new String(png, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertFalse(chunks.contains("tIME"), a.get(i).name());
      assertFalse(chunks.contains("tEXt"), a.get(i).name());
    }
  }

  @Test
  void svgIdsUseTheFixedPerChartPrefix() {
    for (Chart c : Charts.of(Fixtures.report())) {
      String svg = c.svg();
      assertTrue(svg.startsWith("<svg "), c.name());
      assertTrue(svg.startsWith("<svg id='svg-" + c.name() + "'"), c.name());
      Matcher ids = Pattern.compile(" id=['\"]([^'\"]*)['\"]").matcher(svg);
      int count = 0;
      while (ids.find()) {
        count++;
        assertTrue(ids.group(1).startsWith("svg-" + c.name()), c.name() + ": " + ids.group(1));
      }
      assertTrue(count >= 1);
      Matcher refs = Pattern.compile("url\\(([^)]*)\\)").matcher(svg);
      while (refs.find()) {
        assertTrue(refs.group(1).startsWith("#svg-" + c.name() + "-"), refs.group(1));
      }
    }
  }

  @Test
  void faultLabelsAreXmlEscapedInSvg() {
    String svg = Charts.of(Fixtures.report()).get(0).svg();
    assertFalse(svg.contains("<script"), "raw <script> in the SVG");
    assertTrue(svg.contains("&lt;script&gt;"), "the fault label is drawn, escaped");
    assertTrue(svg.contains("partition [n1] | [n2, n3]"));
  }

  @Test
  void spectrumTicksReadAsPercentiles() {
    Chart spectrum = Charts.of(Fixtures.report()).get(4);
    String svg = spectrum.svg();
    for (String label : List.of(">50%<", ">90%<", ">99%<", ">99.9%<", ">99.99%<")) {
      assertTrue(svg.contains(label), label);
    }
    assertTrue(svg.contains(">write/cas<"), "legend names each kind");
  }

  @Test
  void fontsAreTheLogicalSansSerif() {
    String svg = Charts.of(Fixtures.report()).get(0).svg();
    assertTrue(svg.contains("font-family: sans-serif") || svg.contains("font-family:sans-serif"));
    assertFalse(svg.contains("Tahoma"));
  }

  @Test
  void aGroupThatMixesUnitsGetsOneChartPerUnit() {
    RunReport r = Fixtures.report();
    long[] t = {1_000_000_000L, 2_000_000_000L};
    java.util.List<TimeSeries> series = new java.util.ArrayList<>(r.series());
    series.add(new TimeSeries("cache", "hit-ratio", "share", t, new double[] {0.9, 0.1}));
    series.add(new TimeSeries("cache", "entries", "entries", t, new double[] {2800, 300}));
    RunReport mixed = Fixtures.with(r, r.operations(), series);
    java.util.List<String> titles = Charts.of(mixed).stream().map(Chart::title).toList();
    org.junit.jupiter.api.Assertions.assertTrue(
        titles.contains("cache (share)") && titles.contains("cache (entries)"), titles.toString());
  }
}
