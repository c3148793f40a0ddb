package dev.tradeoff.reports;

import java.io.IOException;

/**
 * An output folder tradeoff will not replace: it holds files tradeoff did not write, or it is the
 * working directory, the home directory or the root. The message is one line for the user.
 */
public final class FolderRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  FolderRefusedException(String message) {
    super(message);
  }
}
