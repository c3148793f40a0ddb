package dev.tradeoff.reports;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * One chart of a report, ready to render as SVG text or PNG bytes at a fixed size of {@value
 * #WIDTH_PX} × {@value #HEIGHT_PX} pixels.
 *
 * <p>Contract: rendering is deterministic — the same chart gives the same SVG text and the same PNG
 * bytes every time on one machine. Both depend on the fonts the JVM finds for the logical {@code
 * SansSerif} font (text widths place labels in the SVG; glyphs are rasterised into the PNG), so two
 * machines with different fonts may differ; the data in {@code report.json} never does. Rendering
 * needs {@code java.awt.headless=true} on a machine without a display. A chart is not thread-safe:
 * render it from one thread at a time.
 */
public final class Chart {
  /** Width of every chart, in pixels. */
  public static final int WIDTH_PX = 900;

  /** Height of every chart, in pixels. */
  public static final int HEIGHT_PX = 360;

  private final String name;
  private final String title;
  private final String caption;
  private final JFreeChart chart;
  // The page inlines the same SVG that charts/<name>.svg holds: drawn once, not twice.
  private String svg;

  Chart(String name, String title, String caption, JFreeChart chart) {
    this.name = Objects.requireNonNull(name, "name");
    this.title = Objects.requireNonNull(title, "title");
    this.caption = Objects.requireNonNull(caption, "caption");
    this.chart = Objects.requireNonNull(chart, "chart");
  }

  /**
   * The file-name stem, unique within a report, e.g. {@code latency}; {@code charts/<name>.svg}.
   */
  public String name() {
    return name;
  }

  /** The chart's title, as drawn on it. */
  public String title() {
    return title;
  }

  /** One sentence on what the chart shows, for a caption. */
  public String caption() {
    return caption;
  }

  /**
   * The y axis's label, with its unit (e.g. {@code stale reads (% of reads)}): the SVG draws it
   * rotated, as outlines rather than text.
   */
  public String yLabel() {
    return chart.getXYPlot().getRangeAxis().getLabel();
  }

  JFreeChart jfreeChart() {
    return chart;
  }

  /**
   * The chart as one {@code <svg>} element with {@code id="svg-<name>"}, fit to inline in HTML or
   * to save as a file. Its defs ids start with {@code svg-<name>-}, so several charts can share a
   * page. Drawn on the first call; later calls return the same text.
   */
  public String svg() {
    if (svg == null) {
      svg = drawSvg();
    }
    return svg;
  }

  private String drawSvg() {
    SVGGraphics2D g2 = new SVGGraphics2D(WIDTH_PX, HEIGHT_PX);
    // JFreeSVG's default prefix is built from System.nanoTime(); a fixed one makes the text
    // repeatable, and a per-chart one keeps clip-path ids unique on a page with several charts.
    g2.setDefsKeyPrefix("svg-" + name + "-");
    chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH_PX, HEIGHT_PX));
    // A viewBox lets the page scale the chart down to a narrow window.
    return g2.getSVGElement(
        "svg-" + name, true, new ViewBox(0, 0, WIDTH_PX, HEIGHT_PX), null, null);
  }

  /** The chart as a PNG image, with no metadata chunks (so no timestamp). */
  public byte[] png() {
    return PngEncoder.encode(raster());
  }

  /** The chart drawn into an RGB image of {@value #WIDTH_PX} × {@value #HEIGHT_PX} pixels. */
  BufferedImage raster() {
    BufferedImage image = new BufferedImage(WIDTH_PX, HEIGHT_PX, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    try {
      // Fixed hints, so the rasteriser never picks one from the environment.
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g2.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH_PX, HEIGHT_PX));
    } finally {
      g2.dispose();
    }
    return image;
  }

  @Override
  public String toString() {
    return "Chart[" + name + "]";
  }
}
