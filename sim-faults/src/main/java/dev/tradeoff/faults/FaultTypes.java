package dev.tradeoff.faults;

import dev.tradeoff.faults.Fault.DurationRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every fault record, found through the sealed hierarchy under {@link Fault} and described by its
 * {@link FaultType} annotation: its {@code type} in files, its {@code kind} in statistics and
 * shading, and whether it lasts. The JSON codecs, {@link Fault#KINDS}, {@link Fault#kind()} and
 * {@link Fault#durationRule()} all read this table, so a new fault is one annotated record and
 * nothing else; a record without the annotation, or two records with one type, fail here when the
 * class loads.
 */
final class FaultTypes {
  /**
   * One fault record.
   *
   * @param record its class
   * @param type its name in scenario and schedule files, e.g. {@code one-way-partition}
   * @param kind its family, e.g. {@code partition}
   * @param rule whether it lasts
   */
  record Entry(Class<? extends Fault> record, String type, String kind, DurationRule rule) {}

  private static final List<Entry> ENTRIES = discover();

  // Looked up by class only; iteration goes through ENTRIES, in the order above.
  private static final Map<Class<? extends Fault>, Entry> BY_RECORD = byRecord();

  private FaultTypes() {}

  /** The records under {@link Fault}, sorted by type so the order depends on nothing else. */
  private static List<Entry> discover() {
    List<Entry> entries = new ArrayList<>();
    collect(Fault.class, entries);
    entries.sort(Comparator.comparing(Entry::type));
    for (int i = 1; i < entries.size(); i++) {
      if (entries.get(i).type().equals(entries.get(i - 1).type())) {
        throw new IllegalStateException("two fault records have the type " + entries.get(i).type());
      }
    }
    return List.copyOf(entries);
  }

  @SuppressWarnings("unchecked")
  private static void collect(Class<?> type, List<Entry> entries) {
    if (!type.isRecord()) {
      for (Class<?> sub : type.getPermittedSubclasses()) {
        collect(sub, entries);
      }
      return;
    }
    FaultType a = type.getAnnotation(FaultType.class);
    if (a == null) {
      throw new IllegalStateException(type.getName() + " has no @FaultType");
    }
    String kind = a.kind().isEmpty() ? a.value() : a.kind();
    entries.add(new Entry((Class<? extends Fault>) type, a.value(), kind, a.lasts()));
  }

  private static Map<Class<? extends Fault>, Entry> byRecord() {
    Map<Class<? extends Fault>, Entry> map = new LinkedHashMap<>();
    for (Entry e : ENTRIES) {
      map.put(e.record(), e);
    }
    return Collections.unmodifiableMap(map);
  }

  /** Every entry, in a fixed order. */
  static List<Entry> all() {
    return ENTRIES;
  }

  /** The entry of {@code record}; throws if it was never registered. */
  static Entry of(Class<? extends Fault> record) {
    Entry e = BY_RECORD.get(record);
    if (e == null) {
      throw new IllegalStateException(record.getSimpleName() + " is not registered in FaultTypes");
    }
    return e;
  }

  /** Every kind, sorted. */
  static SortedSet<String> kinds() {
    SortedSet<String> kinds = new TreeSet<>();
    for (Entry e : ENTRIES) {
      kinds.add(e.kind());
    }
    return Collections.unmodifiableSortedSet(kinds);
  }

  /** The record classes, in order (for tests). */
  static List<Class<? extends Fault>> records() {
    List<Class<? extends Fault>> records = new ArrayList<>();
    ENTRIES.forEach(e -> records.add(e.record()));
    return records;
  }
}
