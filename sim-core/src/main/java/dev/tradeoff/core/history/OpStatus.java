package dev.tradeoff.core.history;

/** How an operation ended, in Jepsen's terms. */
public enum OpStatus {
  /** It happened, with the recorded result. */
  OK,
  /** It definitely did not happen. */
  FAIL,
  /** Unknown: it may or may not have happened (a timeout, a lost reply, or never completed). */
  INFO
}
