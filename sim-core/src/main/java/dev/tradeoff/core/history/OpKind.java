package dev.tradeoff.core.history;

import java.util.Locale;

/** What an operation does to its key. */
public enum OpKind {
  /** Returns the key's current value ({@link History#NIL} if none). */
  READ,
  /** Sets the key to a new, unique value. */
  WRITE,
  /** Sets the key to a new value if it currently holds the expected one. */
  CAS,
  /** Appends a unique value to the key's list. */
  APPEND;

  private final String label = name().toLowerCase(Locale.ROOT);

  /**
   * The kind in lower case ({@code read}, {@code write}, …), as histories, metrics and messages
   * spell it; the same string every call.
   */
  public String label() {
    return label;
  }
}
