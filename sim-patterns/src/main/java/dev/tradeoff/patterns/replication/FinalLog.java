package dev.tradeoff.patterns.replication;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.LostWrites;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.List;

/**
 * The log a replica holds at the end of a run, as the record {@code lost-writes} judges each
 * acknowledged write against: a write the group acknowledged is kept when its entry is in this log
 * (the final leader's, or the replica an election would pick when no one leads), whatever later
 * entries overwrote its key.
 */
final class FinalLog implements LostWrites.Record {
  private final Facts facts;
  private final String holder;
  private final long term;
  private final int entries;
  private final Long2LongOpenHashMap keyOfValue = new Long2LongOpenHashMap();

  /** {@code holder}'s {@code log} at the end of the run, in {@code term}; null if none is up. */
  FinalLog(Facts facts, String holder, long term, List<Messages.Entry> log) {
    this.facts = facts;
    this.holder = holder;
    this.term = term;
    this.entries = log == null ? 0 : log.size();
    keyOfValue.defaultReturnValue(ReplicaNode.NO_OP_KEY);
    if (log != null) {
      // Replayed, so that a compare-and-set that found another value keeps nothing.
      Long2LongOpenHashMap state = new Long2LongOpenHashMap();
      state.defaultReturnValue(dev.tradeoff.core.history.History.NIL);
      for (Messages.Entry e : log) {
        if (e.takesEffect(state)) {
          state.put(e.key(), e.value());
          keyOfValue.put(e.value(), e.key());
        }
      }
    }
  }

  @Override
  public String source() {
    return holder == null
        ? "no replica (none is up at the end)"
        : holder + "'s log at the end (term " + term + ", " + entries + " entries)";
  }

  @Override
  public boolean acknowledged(long key, long value) {
    return facts.acknowledgedIn(key, value) >= 0;
  }

  @Override
  public boolean kept(long key, long value) {
    return keyOfValue.get(value) == key;
  }

  @Override
  public String fate(long key, long value) {
    int tenure = facts.acknowledgedIn(key, value);
    return "acknowledged by "
        + facts.leaderOf(tenure)
        + " as leader of term "
        + facts.termOf(tenure)
        + " at "
        + TimeText.of(facts.acknowledgedAtNanos(value))
        + ", absent from "
        + source();
  }
}
