package dev.tradeoff.core.kernel;

/**
 * A failure inside a run. Its message always names the seed, the virtual time, the node and the
 * command that replays the run.
 */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SimulationException(String message, Throwable cause) {
    super(message + ": " + cause, cause);
  }
}
