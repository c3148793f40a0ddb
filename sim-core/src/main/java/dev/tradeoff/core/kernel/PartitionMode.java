package dev.tradeoff.core.kernel;

/** What a cut link does with the messages that try to cross it. */
public enum PartitionMode {
  /** Messages sent over, or arriving on, a cut link are lost. */
  DROP,
  /** Messages wait at the cut (like a clogged link) and are delivered after it heals, in order. */
  HOLD
}
