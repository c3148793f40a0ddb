package dev.tradeoff.scenarios;

import dev.tradeoff.core.json.Json;
import dev.tradeoff.core.json.JsonException;
import java.util.ArrayList;
import java.util.List;

/**
 * One object of a scenario file being read: every accessor checks the field's type and range, fills
 * in the default when the field is absent, and records the value used, so that {@link #effective()}
 * is the object after defaults, in the order the fields were read. Problems are {@link
 * JsonException}s at the offending value (or at this object, for a missing field).
 */
final class Section {
  private final Json.Cursor cursor; // null when the whole object is absent and defaulted
  private final Json.Cursor parent; // where to complain when a required field of an absent object
  private final String name;
  private final Json.ObjBuilder out = new Json.ObjBuilder();

  /** The object at {@code cursor}, which may hold only {@code known} fields. */
  Section(Json.Cursor cursor, List<String> known) {
    this.cursor = cursor;
    this.parent = cursor;
    this.name = cursor.path();
    cursor.onlyFieldsSuggesting(known);
  }

  private Section(Json.Cursor parent, String name) {
    this.cursor = null;
    this.parent = parent;
    this.name = name;
  }

  /** Field {@code field} of {@code parent} as a section, or an empty one if it is absent. */
  static Section child(Json.Cursor parent, String field, List<String> known) {
    return parent.has(field) ? new Section(parent.field(field), known) : new Section(parent, field);
  }

  /** Whether the field is present in the file. */
  boolean has(String field) {
    return cursor != null && cursor.has(field);
  }

  /** The field, which must be present. */
  Json.Cursor field(String field) {
    if (cursor == null) {
      throw parent.fail("missing field \"" + name + "." + field + "\"");
    }
    return cursor.field(field);
  }

  /** The cursor of this object, for complaints about it as a whole. */
  Json.Cursor cursor() {
    return cursor != null ? cursor : parent;
  }

  /** Records {@code value} as the effective value of {@code field}. */
  void put(String field, Json.Value value) {
    out.put(field, value);
  }

  String string(String field) {
    Json.Cursor c = field(field);
    String value = c.string();
    put(field, Json.string(value));
    return value;
  }

  String string(String field, String fallback) {
    return has(field) ? string(field) : recordString(field, fallback);
  }

  private String recordString(String field, String value) {
    put(field, Json.string(value));
    return value;
  }

  long integer(String field, long fallback, long min, long max) {
    long value = has(field) ? field(field).integer() : fallback;
    if (value < min || value > max) {
      throw field(field).fail("must be in [" + min + ", " + max + "], got " + value);
    }
    put(field, Json.number(value));
    return value;
  }

  long integer(String field, long min, long max) {
    field(field);
    return integer(field, 0, min, max);
  }

  double number(String field, double fallback, double min, double max) {
    double value = has(field) ? field(field).number() : fallback;
    if (!(value >= min && value <= max)) {
      throw field(field).fail("must be in [" + min + ", " + max + "], got " + value);
    }
    put(field, has(field) ? field(field).value() : Json.number(value));
    return value;
  }

  boolean bool(String field, boolean fallback) {
    boolean value = has(field) ? field(field).bool() : fallback;
    put(field, Json.bool(value));
    return value;
  }

  /** A duration field: a string such as {@code "250ms"}, at least {@code minNanos}. */
  long duration(String field, String fallback, long minNanos) {
    Json.Cursor c = has(field) ? field(field) : null;
    String text = c != null ? c.string() : fallback;
    if (text == null) {
      field(field); // throws: missing
    }
    long nanos = durationNanos(c != null ? c : cursor(), text, minNanos);
    put(field, Json.string(text));
    return nanos;
  }

  /** Parses {@code text} as a duration of at least {@code minNanos}, complaining at {@code at}. */
  static long durationNanos(Json.Cursor at, String text, long minNanos) {
    String bound =
        minNanos > 1 ? "at least " + Durations.format(minNanos) : minNanos == 1 ? "> 0" : ">= 0";
    if (text.trim().startsWith("-")) {
      throw at.fail("must be " + bound + ", got \"" + text + "\"");
    }
    long nanos;
    try {
      nanos = Durations.parseNanos(text);
    } catch (IllegalArgumentException e) {
      throw at.fail(e.getMessage());
    }
    if (nanos < minNanos) {
      throw at.fail("must be " + bound + ", got \"" + text + "\"");
    }
    return nanos;
  }

  /** A rate field such as {@code "900/s"}. */
  double rate(String field) {
    Json.Cursor c = field(field);
    String text = c.string();
    if (text.trim().startsWith("-")) {
      throw c.fail("must be > 0, got \"" + text + "\"");
    }
    try {
      double perSecond = Units.parsePerSecond(text);
      put(field, Json.string(text));
      return perSecond;
    } catch (IllegalArgumentException e) {
      throw c.fail(e.getMessage());
    }
  }

  /** A distribution-of-durations field such as {@code "exp(1ms)"}. */
  dev.tradeoff.core.random.Distribution distribution(String field, String fallback) {
    Json.Cursor c = has(field) ? field(field) : null;
    String text = c != null ? c.string() : fallback;
    if (text == null) {
      field(field);
    }
    try {
      dev.tradeoff.core.random.Distribution d = Units.parseDistributionNanos(text);
      put(field, Json.string(text));
      return d;
    } catch (IllegalArgumentException e) {
      throw (c != null ? c : cursor()).fail(e.getMessage());
    }
  }

  /**
   * A per-node field such as {@code "db-2=exp(2ms), db-1=200ms"}, none when absent; {@code element}
   * parses one value.
   */
  <T> java.util.Map<String, T> perNode(
      String field, java.util.function.Function<String, T> element) {
    Json.Cursor c = has(field) ? field(field) : null;
    String text = c != null ? c.string() : "";
    try {
      java.util.Map<String, T> values = Units.parsePerNode(text, element);
      put(field, Json.string(text));
      return java.util.Collections.unmodifiableMap(values);
    } catch (IllegalArgumentException e) {
      throw (c != null ? c : cursor()).fail(e.getMessage());
    }
  }

  /** The items of an array field, or none if absent. */
  List<Json.Cursor> items(String field) {
    return has(field) ? field(field).items() : new ArrayList<>();
  }

  /** Whether this object was given at all. */
  boolean present() {
    return cursor != null;
  }

  /** The object with the values used, defaults included. */
  Json.Obj effective() {
    return out.build();
  }
}
