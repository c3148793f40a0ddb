package dev.tradeoff.scenarios;

/**
 * A scenario that cannot be run as written. The message is one line: {@code file:line:col: path:
 * problem}, or {@code --set path=value: path: problem} for an override.
 */
public final class ScenarioException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception with the one-line {@code message}. */
  public ScenarioException(String message) {
    super(message);
  }
}
