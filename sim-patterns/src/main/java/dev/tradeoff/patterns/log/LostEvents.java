package dev.tradeoff.patterns.log;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.List;

/**
 * Acknowledged events that never reach a consumer group, judged one by one.
 *
 * <p>Every write of the history that completed OK and that {@link Record#acknowledged} says the log
 * acknowledged is one event. It is <em>lost</em> when
 *
 * <ul>
 *   <li>the final log of its partition does not hold it (a leader acknowledged it and a leader
 *       without it took over: the {@code acks=1} tail, or an unsynced write a crash took), or
 *   <li>the final log holds it at an offset some group has already moved past, yet that group never
 *       handled it (applied it, or sent it to the dead-letter topic): at-most-once consumption
 *       committed it and the member crashed before handling it.
 * </ul>
 *
 * Every group must handle every event. An event in the final log that a group has not reached yet
 * is <em>pending</em>, counted in the detail and not judged. One violation per lost event; the
 * witnesses are the first five in history order, each with the broker, epoch and time of its
 * acknowledgement.
 */
public final class LostEvents implements Checker {
  /** What the log and its group did with the events, from the run's record (never the history). */
  public interface Record {
    /** Where events are looked for, e.g. {@code the final logs of the leaders}. */
    String source();

    /** Whether the log acknowledged the produce of {@code value} to {@code key}. */
    boolean acknowledged(long key, long value);

    /** How the log acknowledged it, in plain words (broker, epoch, time). */
    String acknowledgement(long value);

    /** The partition {@code key} belongs to. */
    int partition(long key);

    /** The offset of {@code value} in the final log of {@code partition}, or -1 if absent. */
    long finalOffset(int partition, long value);

    /** Number of consumer groups, each of which must handle every event. */
    int groups();

    /** One past the highest offset of {@code partition} that {@code group} handled. */
    long reach(int group, int partition);

    /** How many times {@code group} handled {@code value}. */
    int timesHandled(int group, long value);
  }

  private final Record record;

  private LostEvents(Record record) {
    this.record = record;
  }

  /** Judges each acknowledged event against {@code record}. */
  public static LostEvents against(Record record) {
    return new LostEvents(java.util.Objects.requireNonNull(record, "record"));
  }

  @Override
  public String name() {
    return "lost-events";
  }

  @Override
  public CheckResult check(History history) {
    Writes writes = new Writes(history);
    long checked = 0;
    long absent = 0;
    long skipped = 0;
    long pending = 0;
    List<String> witnesses = new ArrayList<>();
    for (int op = 0; op < history.size(); op++) {
      if (!Writes.isOkWrite(history, op)) {
        continue;
      }
      long key = history.key(op);
      long value = history.value(op);
      if (!record.acknowledged(key, value)) {
        continue;
      }
      checked++;
      int p = record.partition(key);
      long offset = record.finalOffset(p, value);
      String why = null;
      if (offset < 0) {
        absent++;
        why = "absent from the final log of partition " + p;
      } else {
        why = skipped(p, offset, value);
        if (why != null) {
          skipped++;
        } else if (unreached(p, offset, value)) {
          pending++;
        }
      }
      if (why != null && witnesses.size() < 5) {
        witnesses.add(
            writes.describe(value) + " is lost: " + record.acknowledgement(value) + "; " + why);
      }
    }
    long lost = absent + skipped;
    String who = record.groups() == 1 ? "the group" : "a group";
    String detail =
        checked
            + " acknowledged events checked one by one against "
            + record.source()
            + ": "
            + absent
            + " absent from the log, "
            + skipped
            + " skipped by "
            + who
            + ", "
            + pending
            + " not yet reached by "
            + who;
    return lost == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), lost, witnesses, detail);
  }

  /** Why a group skipped the event at {@code offset}, or null if none did. */
  private String skipped(int p, long offset, long value) {
    for (int g = 0; g < record.groups(); g++) {
      if (record.timesHandled(g, value) == 0 && offset < record.reach(g, p)) {
        String group = record.groups() == 1 ? "the group" : "group g" + g;
        return "at offset "
            + offset
            + " of partition "
            + p
            + ", which "
            + group
            + " moved past (to "
            + record.reach(g, p)
            + ") without handling it";
      }
    }
    return null;
  }

  /** Whether some group has not reached the event at {@code offset} yet. */
  private boolean unreached(int p, long offset, long value) {
    for (int g = 0; g < record.groups(); g++) {
      if (record.timesHandled(g, value) == 0 && offset >= record.reach(g, p)) {
        return true;
      }
    }
    return false;
  }
}
