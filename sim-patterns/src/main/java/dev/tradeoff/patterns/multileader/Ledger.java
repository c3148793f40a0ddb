package dev.tradeoff.patterns.multileader;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the run recorded about the leaders, for checkers and series: every write a leader accepted,
 * in acceptance order, and every conflict a leader met. Like the history it is harness bookkeeping,
 * kept outside the leaders, so it survives their crashes.
 */
public final class Ledger {
  /** Conflicts spelled out for witnesses. */
  static final int MAX_WITNESSES = 5;

  private final List<String> leaderNames;
  private final List<Write> accepted = new ArrayList<>();
  // Membership only, never iterated.
  private final LongOpenHashSet conflicted = new LongOpenHashSet();
  private final List<String> witnesses = new ArrayList<>();
  private long conflictEvents;

  /** An empty ledger for leaders named {@code leaderNames}, by index. */
  public Ledger(List<String> leaderNames) {
    this.leaderNames = List.copyOf(leaderNames);
  }

  /** Leader {@code index}'s name. */
  public String leaderName(int index) {
    return leaderNames.get(index);
  }

  /** Records that a leader accepted {@code write} from a client. */
  void accepted(Write write) {
    accepted.add(write);
  }

  /**
   * Records that leader {@code at}, applying {@code incoming}, found it concurrent with {@code
   * held}, which it held for the same key.
   */
  void conflict(int at, Write incoming, Write held, long trueNanos) {
    conflictEvents++;
    conflicted.add(incoming.value());
    conflicted.add(held.value());
    if (witnesses.size() < MAX_WITNESSES) {
      witnesses.add(
          leaderName(at)
              + " at "
              + trueNanos / 1_000_000
              + "ms: write "
              + incoming.value()
              + " from "
              + leaderName(incoming.origin())
              + " is concurrent with write "
              + held.value()
              + " from "
              + leaderName(held.origin())
              + " on key "
              + incoming.key());
    }
  }

  /** Every accepted write, in acceptance order. */
  public List<Write> accepted() {
    return Collections.unmodifiableList(accepted);
  }

  /** How many times a leader met a conflict (one write pair at one leader counts once there). */
  public long conflictEvents() {
    return conflictEvents;
  }

  /** How many distinct writes took part in a conflict at some leader. */
  public long conflictedWrites() {
    return conflicted.size();
  }

  /** The first conflicts, in plain words. */
  public List<String> conflictWitnesses() {
    return Collections.unmodifiableList(witnesses);
  }
}
