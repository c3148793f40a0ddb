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
 * Every group subscribed to the topic must handle every event; a group subscribed to the
 * dead-letter topic is not asked to. An event in the final log that a group has not reached yet is
 * <em>pending</em>, counted in the detail and not judged.
 *
 * <p>When some group reads the dead-letter topic, every event a topic group dead-lettered must
 * reach it too: a dead letter is lost when the final log of the dead-letter partition does not hold
 * it, or holds it at an offset a dead-letter group moved past without handling it (the same two
 * ways as an event). One violation per lost event or dead letter; the witnesses are the first five,
 * events in history order and then dead letters in the order they were sent, each saying how the
 * log acknowledged it.
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

    /**
     * Whether {@code group} subscribes to the topic the events go to; a group subscribed to the
     * dead-letter topic does not, and is judged on the dead letters instead.
     */
    boolean readsTopic(int group);

    /**
     * The values a topic group sent to the dead-letter topic, each once, in the order first sent;
     * empty when no group reads the dead-letter topic (then no one must handle them).
     */
    long[] deadLetters();

    /** Who dead-lettered {@code value} first and when, in plain words. */
    String deadLettering(long value);

    /** The dead-letter topic's partition. */
    int deadLetterPartition();
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
    DeadLetterCount dead = deadLetters(writes, witnesses);
    long lost = absent + skipped + dead.lost();
    String who = topicGroups() == 1 ? "the group" : "a group";
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
            + who
            + dead.detail();
    return lost == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), lost, witnesses, detail);
  }

  /** What the dead-letter groups did with the dead letters. */
  private record DeadLetterCount(long checked, long absent, long skipped, long pending) {
    long lost() {
      return absent + skipped;
    }

    String detail() {
      return checked == 0
          ? ""
          : "; "
              + checked
              + " dead letters: "
              + absent
              + " absent from the dead-letter log, "
              + skipped
              + " skipped by a dead-letter group, "
              + pending
              + " not yet reached";
    }
  }

  /** Judges each dead letter, adding a witness per lost one while fewer than five. */
  private DeadLetterCount deadLetters(Writes writes, List<String> witnesses) {
    int p = record.deadLetterPartition();
    long absent = 0;
    long skipped = 0;
    long pending = 0;
    long[] values = record.deadLetters();
    for (long value : values) {
      long offset = record.finalOffset(p, value);
      String why = null;
      if (offset < 0) {
        absent++;
        why = "absent from the final log of the dead-letter topic";
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
            writes.describe(value)
                + " is lost as a dead letter: "
                + record.deadLettering(value)
                + "; "
                + why);
      }
    }
    return new DeadLetterCount(values.length, absent, skipped, pending);
  }

  /** The groups subscribed to the topic. */
  private int topicGroups() {
    int n = 0;
    for (int g = 0; g < record.groups(); g++) {
      n += record.readsTopic(g) ? 1 : 0;
    }
    return n;
  }

  /** Whether {@code group} must handle what sits in {@code partition}. */
  private boolean judged(int group, int partition) {
    boolean deadLetter = partition == record.deadLetterPartition();
    return record.readsTopic(group) != deadLetter;
  }

  /** Why a group skipped the record at {@code offset} of {@code p}, or null if none did. */
  private String skipped(int p, long offset, long value) {
    for (int g = 0; g < record.groups(); g++) {
      if (judged(g, p) && record.timesHandled(g, value) == 0 && offset < record.reach(g, p)) {
        String group = record.groups() == 1 ? "the group" : "group g" + g;
        return "at offset "
            + offset
            + (p == record.deadLetterPartition()
                ? " of the dead-letter topic"
                : " of partition " + p)
            + ", which "
            + group
            + " moved past (to "
            + record.reach(g, p)
            + ") without handling it";
      }
    }
    return null;
  }

  /** Whether some group has not reached the record at {@code offset} of {@code p} yet. */
  private boolean unreached(int p, long offset, long value) {
    for (int g = 0; g < record.groups(); g++) {
      if (judged(g, p) && record.timesHandled(g, value) == 0 && offset >= record.reach(g, p)) {
        return true;
      }
    }
    return false;
  }
}
