package dev.tradeoff.core.json;

/**
 * A problem with a JSON document or with what a reader expected of it: its message is one line,
 * {@code <path>: <problem> (at <line>:<column>)}, and its parts are kept so that a caller can
 * prefix a file name or reorder them.
 */
public final class JsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String problem;
  private final int line;
  private final int column;

  /** A problem at {@code path}, found at {@code line:column} (both from 1). */
  public JsonException(String path, String problem, int line, int column) {
    super(path + ": " + problem + " (at " + line + ":" + column + ")");
    this.path = path;
    this.problem = problem;
    this.line = line;
    this.column = column;
  }

  /** Where in the document, like {@code faults[2].duration}; {@code $} for the document. */
  public String path() {
    return path;
  }

  /** What is wrong, without the path or position. */
  public String problem() {
    return problem;
  }

  /** Line of the offending value, from 1; 0 for a value built rather than parsed. */
  public int line() {
    return line;
  }

  /** Column of the offending value, from 1, in code points. */
  public int column() {
    return column;
  }

  /**
   * {@code source:line:column: path: problem}, the shape of every bad-input message; the path is
   * left out for the document itself ({@code $}).
   */
  public String inFile(String source) {
    String where = path.equals("$") ? "" : path + ": ";
    return source + ":" + line + ":" + column + ": " + where + problem;
  }
}
