package dev.tradeoff.patterns.resilience;

import java.util.List;
import java.util.Locale;

/**
 * The order in which a {@link ServiceNode} takes waiting requests, and when it sheds them.
 * Controlled delay is the server-queue form Facebook describes ("Fail at Scale", ACM Queue 2015): a
 * request arriving while the queue has not been empty for the last interval may wait only the short
 * target; otherwise it may wait a whole interval; past that it is shed.
 */
enum Discipline {
  /** Oldest first; a full queue refuses the newcomer. */
  FIFO,
  /** Newest first; a full queue sheds its oldest to admit the newcomer. */
  LIFO,
  /** Oldest first, with controlled-delay shedding. */
  CODEL,
  /** Controlled delay, taking the newest first while the queue is overloaded (not empty lately). */
  ADAPTIVE_LIFO;

  /** The names scenario files use, the default first. */
  static final List<String> NAMES = List.of("fifo", "lifo", "codel", "adaptive-lifo");

  static Discipline of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  boolean controlledDelay() {
    return this == CODEL || this == ADAPTIVE_LIFO;
  }
}
