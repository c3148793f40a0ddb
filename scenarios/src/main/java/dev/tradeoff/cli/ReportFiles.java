package dev.tradeoff.cli;

import dev.tradeoff.reports.ReportJson;
import dev.tradeoff.reports.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;

/** The report.json a command is given: the file itself, or the report folder holding it. */
final class ReportFiles {
  private ReportFiles() {}

  /**
   * {@code input}'s report.json: {@code input} itself, or {@code input/report.json} for a folder.
   */
  static Path file(Path input) {
    return Files.isDirectory(input) ? input.resolve("report.json") : input;
  }

  /** The report {@code file} holds; bad input, in one line naming the file, if it holds none. */
  static RunReport read(Path file) {
    try {
      return ReportJson.parse(TextFiles.read(file));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file + ": " + e.getMessage());
    }
  }
}
