package dev.tradeoff.patterns.regions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The regions of a {@code multi-region} system, each a named group of zones, read from a string
 * such as {@code "east=east-1,east-2;west=west-1"}: regions separated by {@code ;}, each a name, an
 * {@code =} and its zones separated by {@code ,}. A region's stack lives in its first zone and its
 * gateway in its last; a region-wide fault names all of them. The latency between regions is the
 * scenario network's latency between their zones.
 */
record RegionMap(List<String> names, List<List<String>> zones) {
  /** Copies the lists. */
  RegionMap {
    names = List.copyOf(names);
    zones = zones.stream().map(List::copyOf).toList();
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message fit to follow the field name
   */
  static RegionMap parse(String text) {
    Map<String, List<String>> regions = new LinkedHashMap<>();
    TreeSet<String> seen = new TreeSet<>();
    for (String part : text.split(";", -1)) {
      String[] nameZones = part.split("=", -1);
      String name = nameZones[0].trim();
      if (nameZones.length != 2 || name.isEmpty()) {
        throw new IllegalArgumentException(
            "expected name=zone,zone;name=zone such as \"east=east-1;west=west-1\", got \""
                + text
                + "\"");
      }
      if (regions.containsKey(name)) {
        throw new IllegalArgumentException("region \"" + name + "\" is listed twice");
      }
      List<String> zones = new ArrayList<>();
      for (String z : nameZones[1].split(",", -1)) {
        String zone = z.trim();
        if (zone.isEmpty()) {
          throw new IllegalArgumentException(
              "region \"" + name + "\" has an empty zone name or no zones");
        }
        if (!seen.add(zone)) {
          throw new IllegalArgumentException("zone \"" + zone + "\" is in two regions");
        }
        zones.add(zone);
      }
      regions.put(name, zones);
    }
    if (regions.size() < 2) {
      throw new IllegalArgumentException("needs at least 2 regions, got " + regions.size());
    }
    return new RegionMap(new ArrayList<>(regions.keySet()), new ArrayList<>(regions.values()));
  }

  /** How many regions. */
  int size() {
    return names.size();
  }

  /** The index of region {@code name}, or -1. */
  int indexOf(String name) {
    return names.indexOf(name);
  }

  /** Where region {@code r}'s stack lives: its first zone. */
  String stackZone(int r) {
    return zones.get(r).get(0);
  }

  /** Where region {@code r}'s gateway lives: its last zone. */
  String gatewayZone(int r) {
    List<String> z = zones.get(r);
    return z.get(z.size() - 1);
  }
}
