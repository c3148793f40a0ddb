package dev.tradeoff.cli;

/** Input the user can fix; reported as one line with exit code 64 and no stack trace. */
final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadInputException(String message) {
    super(message);
  }
}
