package dev.tradeoff.core.check;

/** What a checker concluded. */
public enum Verdict {
  /** The history satisfies the property. */
  VALID,
  /** The history violates it; the result carries witnesses. */
  INVALID,
  /** The checker ran out of budget before deciding: an honest third answer. */
  UNKNOWN
}
