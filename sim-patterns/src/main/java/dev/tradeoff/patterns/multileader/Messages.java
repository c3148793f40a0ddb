package dev.tradeoff.patterns.multileader;

/** What leaders send each other. */
final class Messages {
  private Messages() {}

  /**
   * A slice of leader {@code origin}'s log: consecutive writes, oldest first. Receivers apply what
   * directly follows what they have and ignore the rest, so resending after loss is harmless.
   */
  record Replicate(int origin, Write[] entries) {}

  /** The receiver has applied {@code origin}'s log up to and including {@code appliedSeq}. */
  record Ack(int origin, long appliedSeq) {}
}
