package dev.tradeoff.core.check.events;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.CheckResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What the event checkers share: argument checks, the witness limit, and how facts read. */
final class Facts {
  /** Witnesses kept per result, as for every other checker. */
  static final int MAX_WITNESSES = 5;

  private Facts() {}

  /** An immutable copy of {@code list}; names the argument, or the index of a null element. */
  static <T> List<T> copy(List<T> list, String name) {
    Objects.requireNonNull(list, name + " must not be null");
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new NullPointerException(name + "[" + i + "] is null");
      }
    }
    return List.copyOf(list);
  }

  /** Committed changes by event id; an event id committed twice is refused (ids are unique). */
  static Map<Long, Change> byEventId(List<Change> committed) {
    Map<Long, Change> byId = new TreeMap<>();
    for (Change c : committed) {
      if (byId.putIfAbsent(c.eventId(), c) != null) {
        throw new IllegalArgumentException(
            "committed holds event " + c.eventId() + " twice: event ids must be unique");
      }
    }
    return byId;
  }

  /** {@code aggregate 7 v5 (event 33)}. */
  static String change(long eventId, long aggregate, long version) {
    return "aggregate " + aggregate + " v" + version + " (event " + eventId + ")";
  }

  /** A time as every witness prints it. */
  static String at(long nanos) {
    return TimeText.of(nanos);
  }

  /** {@code partition 2 offset 14}. */
  static String where(Published p) {
    return "partition " + p.partition() + " offset " + p.offset();
  }

  /** Valid when nothing was found, else invalid with the witnesses. */
  static CheckResult result(String checker, long found, List<String> witnesses, String detail) {
    return found == 0
        ? CheckResult.valid(checker, detail)
        : CheckResult.invalid(checker, found, witnesses, detail);
  }
}
