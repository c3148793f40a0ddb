package dev.tradeoff.faults;

import dev.tradeoff.core.json.Json;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Single faults as JSON objects in the dialect people write in scenario files: {@code {"type":
 * "isolate", "node": "db"}}. It is {@link FaultSchedule#toJson()}'s fault object with three
 * differences: {@code kind} may be left out; a partition {@code mode} may be left out and is then
 * {@code DROP}; and each duration component {@code xNanos} is the field {@code x}, read and written
 * by the caller's functions (so a scenario can say {@code "offset": "250ms"}).
 *
 * <p>Reading is as strict as the schedule format: unknown types and fields, missing fields, wrong
 * types and values a fault's constructor rejects all fail with a {@link
 * dev.tradeoff.core.json.JsonException} naming the path, line and column.
 */
public final class FaultJson {
  private FaultJson() {}

  /** The fault type names, e.g. {@code crash}, {@code isolate}, {@code clock-skew}. */
  public static SortedSet<String> types() {
    return new TreeSet<>(FaultScheduleJson.TYPES.values());
  }

  /** The fault {@code object} holds; durations are read by {@code durationNanos}. */
  public static Fault read(Json.Cursor object, ToLongFunction<Json.Cursor> durationNanos) {
    return FaultScheduleJson.fault(object, durationNanos);
  }

  /** {@code fault} as an object; durations are written by {@code duration}. */
  public static Json.Obj write(Fault fault, LongFunction<Json.Value> duration) {
    return FaultScheduleJson.fault(fault, duration);
  }
}
