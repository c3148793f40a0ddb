package dev.tradeoff.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the files every report folder has in common — text in UTF-8 and charts as SVG and PNG
 * under {@code charts/} — recording each written path, relative and with {@code /} separators.
 */
final class FolderFiles {
  private FolderFiles() {}

  /** Writes {@code text} to {@code root/relative} in UTF-8 and records {@code relative}. */
  static void text(Path root, String relative, String text, List<String> written)
      throws IOException {
    Files.writeString(root.resolve(relative), text, StandardCharsets.UTF_8);
    written.add(relative);
  }

  /**
   * Writes each chart as {@code charts/<name>.svg} and {@code charts/<name>.png}, creating {@code
   * charts/} only when there is a chart.
   */
  static void charts(Path root, List<Chart> charts, List<String> written) throws IOException {
    if (!charts.isEmpty()) {
      Files.createDirectory(root.resolve("charts"));
    }
    for (Chart c : charts) {
      text(root, "charts/" + c.name() + ".svg", c.svg(), written);
      Files.write(root.resolve("charts").resolve(c.name() + ".png"), c.png());
      written.add("charts/" + c.name() + ".png");
    }
  }
}
