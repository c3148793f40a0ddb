package dev.tradeoff.core.history.io;

import dev.tradeoff.core.history.History;
import java.util.Locale;

/**
 * The history formats this package reads, and the single entry point for reading them. See each
 * reader for its exact format and how it assigns times; all share the contract of {@link
 * dev.tradeoff.core.history.io the package}.
 */
public enum HistoryFormat {
  /**
   * Jepsen's text log ({@code INFO jepsen.util - 3 :invoke :cas [1 4]}); times are zero-based line
   * indices; key 0 unless values are independent {@code [key value]} tuples; list reads and
   * read-only {@code :txn} snapshot reads as in {@link JepsenOps}.
   */
  JEPSEN_LOG {
    @Override
    public History read(String sourceName, String text) {
      return JepsenLog.read(sourceName, text);
    }
  },
  /**
   * Jepsen/Knossos EDN op maps ({@code {:process 0, :type :invoke, :f :write, :value 3}}), one
   * after another or in one vector; {@code :time} when present, else the op's position; {@code
   * :key} or independent {@code [key value]} tuples; list reads and read-only {@code :txn} snapshot
   * reads as in {@link JepsenOps}.
   */
  EDN {
    @Override
    public History read(String sourceName, String text) {
      return EdnHistory.read(sourceName, text);
    }
  },
  /**
   * This project's JSON-lines format, with list reads ({@code "value":[1,2]}) and snapshot reads
   * ({@code "f":"read-snapshot"}), see {@link HistoryJsonLines}.
   */
  JSON_LINES {
    @Override
    public History read(String sourceName, String text) {
      return HistoryJsonLines.read(sourceName, text);
    }
  };

  /**
   * Reads {@code text}, naming {@code sourceName} in error messages.
   *
   * @throws IllegalArgumentException on malformed input, as {@code sourceName:line:column: what was
   *     expected}
   */
  public abstract History read(String sourceName, String text);

  /**
   * The format of a file: by extension first ({@code .edn}; {@code .jsonl} or {@code .json},
   * case-insensitive), since a name is a stated intent; otherwise by the first non-blank line:
   * {@code {"} starts JSON lines, {@code {} or {@code [} starts EDN, and a line containing {@code
   * jepsen.util} anywhere in the text means a Jepsen log. A {@code .log} or {@code .txt} name is
   * a Jepsen log when the text contains {@code jepsen.util} or the first line tells nothing else,
   * since such names are generic (Porcupine's key-value histories are EDN in {@code .txt} files).
   *
   * @throws IllegalArgumentException naming {@code sourceName} when neither tells
   */
  public static HistoryFormat detect(String sourceName, String text) {
    String name = sourceName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".edn")) {
      return EDN;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".json")) {
      return JSON_LINES;
    }
    boolean logName = name.endsWith(".log") || name.endsWith(".txt");
    if (logName && text.contains("jepsen.util")) {
      return JEPSEN_LOG;
    }
    String first = text.strip();
    if (first.startsWith("{\"") || first.startsWith("{ \"")) {
      return JSON_LINES;
    }
    if (first.startsWith("{") || first.startsWith("[")) {
      return EDN;
    }
    if (logName || text.contains("jepsen.util")) {
      return JEPSEN_LOG;
    }
    throw new IllegalArgumentException(
        sourceName
            + ": cannot tell the history format: expected a .edn, .jsonl, .json, .log or .txt"
            + " name, or content starting with '{' or '[', or Jepsen log lines (jepsen.util)");
  }
}
