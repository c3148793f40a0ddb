package dev.tradeoff.faults;

import dev.tradeoff.core.json.Json;
import dev.tradeoff.core.kernel.PartitionMode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * The JSON form of a {@link FaultSchedule}, behind {@link FaultSchedule#toJson()} and {@link
 * FaultSchedule#fromJson(String)}.
 *
 * <p><b>Format</b> ({@value #SCHEMA}), one event per line so that saved schedules diff well:
 *
 * <pre>
 * {
 *   "schema": "tradeoff.faults/1",
 *   "events": [
 *     {"atNanos": 1200000000, "durationNanos": 300000000, "fault": {"kind": "partition", "type": "partition", "sides": [["n1"], ["n2", "n3"]], "mode": "DROP"}},
 *     {"atNanos": 5000000000, "durationNanos": 0, "fault": {"kind": "crash", "type": "crash", "node": "n2", "loseUnsyncedWrites": true}}
 *   ]
 * }
 * </pre>
 *
 * A fault is an object with its {@link Fault#kind()} (redundant, for readers and grep; checked on
 * reading), a {@code type} naming its record ({@link #TYPES}), and one field per record component,
 * named as the component, in component order: names as strings, name sets as sorted arrays of
 * strings, partition sides as an array of such arrays, {@link PartitionMode} as {@code "DROP"} or
 * {@code "HOLD"}, {@code long}s as integers (exact), {@code double}s as {@link
 * Double#toString(double)} writes them (read back bit for bit), booleans as booleans. The text ends
 * with a newline.
 *
 * <p><b>Reading</b> is strict: besides JSON syntax ({@link Json}), it rejects unknown and missing
 * fields, values of the wrong type, non-integers and out-of-range integers for nanoseconds, unknown
 * types, a kind that does not match the type, duplicate names in a name set, and an unknown schema.
 * It is lenient in two ways that lose nothing: field order within an object is free, and events may
 * come in any order (the schedule sorts them, stably, as it always does). Invalid faults and events
 * are rejected by their own constructors, whose message is kept after the path. Every error is an
 * {@link IllegalArgumentException} of one line, {@code <path>: <problem> (at <line>:<column>)}.
 *
 * <p>Fault records are mapped to JSON through their record components, by reflection, so a field
 * always carries its component's name and a new component cannot be forgotten; only the type names
 * are listed here, and a record without one cannot be written.
 */
final class FaultScheduleJson {
  /** The schema tag; bump it when the meaning of a saved schedule would change. */
  static final String SCHEMA = "tradeoff.faults/1";

  /** The {@code type} of each fault record; every record permitted by {@link Fault} has one. */
  static final Map<Class<? extends Fault>, String> TYPES = types();

  private static final Map<String, Class<? extends Fault>> BY_TYPE = byType();

  private static final Type NAME_SET = typeOf("nameSet");
  private static final Type SIDES = typeOf("sides");

  private FaultScheduleJson() {}

  private static Map<Class<? extends Fault>, String> types() {
    // LinkedHashMap: looked up by class, iterated (for messages) in the registry's order.
    Map<Class<? extends Fault>, String> types = new LinkedHashMap<>();
    for (FaultTypes.Entry e : FaultTypes.all()) {
      types.put(e.record(), e.type());
    }
    return Collections.unmodifiableMap(types);
  }

  private static Map<String, Class<? extends Fault>> byType() {
    Map<String, Class<? extends Fault>> byType = new TreeMap<>();
    TYPES.forEach((type, name) -> byType.put(name, type));
    return Collections.unmodifiableMap(byType);
  }

  /** Generic types of the collection components, taken from declarations so they match exactly. */
  private static Type typeOf(String component) {
    for (RecordComponent c : Shapes.class.getRecordComponents()) {
      if (c.getName().equals(component)) {
        return c.getGenericType();
      }
    }
    throw new IllegalStateException(component);
  }

  /** Only declares the generic component types this codec knows, for {@link #typeOf}. */
  private record Shapes(Set<String> nameSet, List<Set<String>> sides) {}

  // ---- writing ----

  /** {@code schedule} in the format above. */
  static String write(FaultSchedule schedule) {
    StringBuilder out = new StringBuilder();
    out.append("{\n  \"schema\": ").append(Json.quote(SCHEMA)).append(",\n  \"events\": [");
    String separator = "\n    ";
    for (FaultEvent event : schedule.events()) {
      out.append(separator);
      Json.write(event(event), out);
      separator = ",\n    ";
    }
    out.append(schedule.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    return out.toString();
  }

  private static Json.Obj event(FaultEvent event) {
    return new Json.ObjBuilder()
        .put("atNanos", Json.number(event.atNanos()))
        .put("durationNanos", Json.number(event.durationNanos()))
        .put("fault", fault(event.fault()))
        .build();
  }

  private static Json.Obj fault(Fault fault) {
    return fault(fault, null);
  }

  /**
   * {@code fault} as an object; with {@code durations} non-null, in the scenario dialect: no {@code
   * kind}, and each {@code long} component {@code xNanos} as field {@code x} written by {@code
   * durations}.
   */
  static Json.Obj fault(Fault fault, LongFunction<Json.Value> durations) {
    String type = TYPES.get(fault.getClass());
    if (type == null) {
      throw new IllegalStateException("no JSON type for fault record " + fault.getClass());
    }
    Json.ObjBuilder obj = new Json.ObjBuilder();
    if (durations == null) {
      obj.put("kind", Json.string(fault.kind()));
    }
    obj.put("type", Json.string(type));
    for (RecordComponent component : fault.getClass().getRecordComponents()) {
      Object value = accessor(component, fault);
      if (durations != null && isDuration(component)) {
        obj.put(fieldName(component, true), durations.apply((Long) value));
      } else {
        obj.put(component.getName(), component(component, value));
      }
    }
    return obj.build();
  }

  private static boolean isDuration(RecordComponent component) {
    return component.getType() == long.class && component.getName().endsWith("Nanos");
  }

  /** The JSON field of {@code component}: its name, less a {@code Nanos} suffix in the dialect. */
  private static String fieldName(RecordComponent component, boolean dialect) {
    String name = component.getName();
    return dialect && isDuration(component)
        ? name.substring(0, name.length() - "Nanos".length())
        : name;
  }

  private static Object accessor(RecordComponent component, Fault fault) {
    try {
      return component.getAccessor().invoke(fault);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  @SuppressWarnings("unchecked") // the casts follow the component's declared generic type
  private static Json.Value component(RecordComponent component, Object value) {
    Type type = component.getGenericType();
    if (type == String.class) {
      return Json.string((String) value);
    } else if (type == boolean.class) {
      return Json.bool((Boolean) value);
    } else if (type == long.class) {
      return Json.number((Long) value);
    } else if (type == double.class) {
      return Json.number((Double) value);
    } else if (type == PartitionMode.class) {
      return Json.string(((PartitionMode) value).name());
    } else if (type.equals(NAME_SET)) {
      return Json.strings(new TreeSet<>((Set<String>) value));
    } else if (type.equals(SIDES)) {
      List<Json.Value> sides = new ArrayList<>();
      for (Set<String> side : (List<Set<String>>) value) {
        sides.add(Json.strings(new TreeSet<>(side)));
      }
      return Json.array(sides);
    }
    throw new IllegalStateException("no JSON form for component " + component);
  }

  // ---- reading ----

  /** The schedule {@code json} holds; see the class comment for what is rejected. */
  static FaultSchedule read(String json) {
    Json.Cursor root = Json.parse(json);
    Json.Cursor schema = root.field("schema");
    if (!schema.string().equals(SCHEMA)) {
      throw schema.fail(
          "unsupported schema " + Json.quote(schema.string()) + ", expected " + Json.quote(SCHEMA));
    }
    root.onlyFields(List.of("schema", "events"));
    List<FaultEvent> events = new ArrayList<>();
    for (Json.Cursor event : root.field("events").items()) {
      events.add(event(event));
    }
    return new FaultSchedule(events);
  }

  private static FaultEvent event(Json.Cursor event) {
    event.onlyFields(List.of("atNanos", "durationNanos", "fault"));
    long atNanos = event.field("atNanos").integer();
    long durationNanos = event.field("durationNanos").integer();
    Fault fault = fault(event.field("fault"));
    try {
      return new FaultEvent(atNanos, durationNanos, fault);
    } catch (IllegalArgumentException e) {
      throw event.fail(e.getMessage());
    }
  }

  private static Fault fault(Json.Cursor fault) {
    return fault(fault, null);
  }

  /**
   * The fault {@code fault} holds; with {@code durations} non-null, in the scenario dialect: {@code
   * kind} optional, {@code mode} optional (default {@code DROP}), and each {@code long} component
   * {@code xNanos} read from field {@code x} by {@code durations}.
   */
  static Fault fault(Json.Cursor fault, ToLongFunction<Json.Cursor> durations) {
    boolean dialect = durations != null;
    Json.Cursor typeField = fault.field("type");
    String type = typeField.string();
    Class<? extends Fault> record = BY_TYPE.get(type);
    if (record == null) {
      throw typeField.fail(
          "unknown fault type "
              + Json.quote(type)
              + "; known: "
              + String.join(", ", BY_TYPE.keySet()));
    }
    RecordComponent[] components = record.getRecordComponents();
    List<String> allowed = new ArrayList<>(List.of("kind", "type"));
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      allowed.add(fieldName(components[i], dialect));
      parameterTypes[i] = components[i].getType();
    }
    fault.onlyFields(allowed);
    Object[] arguments = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = fieldName(components[i], dialect);
      if (dialect && components[i].getType() == PartitionMode.class && !fault.has(name)) {
        arguments[i] = PartitionMode.DROP;
      } else if (dialect && isDuration(components[i])) {
        arguments[i] = durations.applyAsLong(fault.field(name));
      } else {
        arguments[i] = component(components[i], fault.field(name));
      }
    }
    Fault built = construct(fault, record, parameterTypes, arguments);
    if (dialect && !fault.has("kind")) {
      return built;
    }
    Json.Cursor kindField = fault.field("kind");
    String kind = kindField.string();
    if (!built.kind().equals(kind)) {
      throw kindField.fail(
          "expected "
              + Json.quote(built.kind())
              + " for type "
              + Json.quote(type)
              + ", got "
              + Json.quote(kind));
    }
    return built;
  }

  private static Object component(RecordComponent component, Json.Cursor value) {
    Type type = component.getGenericType();
    if (type == String.class) {
      return value.string();
    } else if (type == boolean.class) {
      return value.bool();
    } else if (type == long.class) {
      return value.integer();
    } else if (type == double.class) {
      return value.number();
    } else if (type == PartitionMode.class) {
      return mode(value);
    } else if (type.equals(NAME_SET)) {
      return nameSet(value);
    } else if (type.equals(SIDES)) {
      List<Set<String>> sides = new ArrayList<>();
      for (Json.Cursor side : value.items()) {
        sides.add(nameSet(side));
      }
      return sides;
    }
    throw new IllegalStateException("no JSON form for component " + component);
  }

  private static PartitionMode mode(Json.Cursor value) {
    String name = value.string();
    for (PartitionMode mode : PartitionMode.values()) {
      if (mode.name().equals(name)) {
        return mode;
      }
    }
    throw value.fail("expected \"DROP\" or \"HOLD\", got " + Json.quote(name));
  }

  /**
   * A set of names, in any order; a name twice is rejected rather than silently merged, since it
   * means the text was not written by {@link #write} and probably not meant as it reads.
   */
  private static Set<String> nameSet(Json.Cursor value) {
    TreeSet<String> names = new TreeSet<>();
    for (Json.Cursor item : value.items()) {
      if (!names.add(item.string())) {
        throw item.fail("duplicate name " + Json.quote(item.string()));
      }
    }
    return names;
  }

  private static Fault construct(
      Json.Cursor fault,
      Class<? extends Fault> record,
      Class<?>[] parameterTypes,
      Object[] arguments) {
    Constructor<? extends Fault> canonical;
    try {
      canonical = record.getDeclaredConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("no canonical constructor for " + record, e);
    }
    try {
      return canonical.newInstance(arguments);
    } catch (InvocationTargetException e) {
      // The record rejected a value: keep its message, which names the field, behind the path.
      if (e.getCause() instanceof IllegalArgumentException invalid) {
        throw fault.fail(invalid.getMessage());
      }
      throw new IllegalStateException("constructing " + record + " failed", e.getCause());
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot construct " + record, e);
    }
  }
}
