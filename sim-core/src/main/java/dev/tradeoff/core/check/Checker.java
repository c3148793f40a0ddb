package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;

/** Reads a history and returns a verdict; never hangs and never throws on a well-formed history. */
public interface Checker {

  /** A short, stable name, such as {@code linearizability} or {@code read-your-writes}. */
  String name();

  /** The verdict on {@code history}. */
  CheckResult check(History history);

  /**
   * This checker, under its own name, judging {@code judged} whatever history it is handed: for a
   * store nested inside a pattern, whose requests are the pattern's own (a decision log, a
   * service's database) rather than the clients'.
   */
  default Checker judging(History judged) {
    Checker self = this;
    return new Checker() {
      @Override
      public String name() {
        return self.name();
      }

      @Override
      public CheckResult check(History ignored) {
        return self.check(judged);
      }
    };
  }
}
