package dev.tradeoff.cli;

import picocli.CommandLine.Option;

/** {@code --format}, shared by every command that prints a table: what goes to stdout. */
final class TableFormat {
  /** What a command prints on stdout. */
  enum Format {
    /** The summary text, as summary.txt holds it. */
    TEXT,
    /** The decision table as CSV (decision.csv). */
    CSV,
    /** The whole result as JSON (compare.json, sweep.json, report.json). */
    JSON
  }

  @Option(
      names = "--format",
      paramLabel = "text|csv|json",
      defaultValue = "text",
      converter = FormatConverter.class,
      description =
          "What to print on stdout: text (the summary, default), csv (the decision table, as"
              + " decision.csv) or json (as the folder's JSON file). The folder is written either"
              + " way.")
  Format format = Format.TEXT;

  /** Reads {@code text}, {@code csv} or {@code json}, in any case. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected text, csv or json, got '" + value + "'");
      }
    }
  }
}
