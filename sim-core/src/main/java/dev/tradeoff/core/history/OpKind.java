package dev.tradeoff.core.history;

/** What an operation does to its key. */
public enum OpKind {
  /** Returns the key's current value ({@link History#NIL} if none). */
  READ,
  /** Sets the key to a new, unique value. */
  WRITE,
  /** Sets the key to a new value if it currently holds the expected one. */
  CAS,
  /** Appends a unique value to the key's list. */
  APPEND
}
