package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;

/** Reads a history and returns a verdict; never hangs and never throws on a well-formed history. */
public interface Checker {

  /** A short, stable name, such as {@code linearizability} or {@code read-your-writes}. */
  String name();

  /** The verdict on {@code history}. */
  CheckResult check(History history);
}
