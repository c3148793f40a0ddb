package dev.tradeoff.patterns.regions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tradeoff.patterns.Backend;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.PatternDefaults;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.caching.Cached;
import dev.tradeoff.patterns.replication.LeaderFollower;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How {@code multi-region} lays a nested stack out per region and which configurations it refuses;
 * its checkers are shown firing and quiet on runs in the scenarios module (RegionScenarioTest,
 * RegionPropertyTest).
 */
class MultiRegionTest {
  private static final MultiRegion SPEC = new MultiRegion();

  private static Config config(Map<String, Object> overrides) {
    Config lf = PatternDefaults.config(new LeaderFollower(), Map.of());
    Map<String, Object> values = new java.util.LinkedHashMap<>(overrides);
    values.putIfAbsent("backend", new Backend(new LeaderFollower(), lf));
    return PatternDefaults.config(SPEC, values);
  }

  @Test
  void eachRegionRunsItsOwnStackInItsFirstZoneAndItsGatewayInItsLast() {
    Store store = SPEC.build(config(Map.of("regions", "east=east-1,east-2;west=west-1")));
    assertEquals(
        List.of(
            "east-db-0",
            "east-db-1",
            "east-db-2",
            "east-gw",
            "west-db-0",
            "west-db-1",
            "west-db-2",
            "west-gw",
            "gtm"),
        store.nodes());
    assertEquals(List.of("east-1", "east-2", "west-1", "global"), store.zones());
  }

  @Test
  void aStackNestedInsideTheRegionsBackendMovesToTheRegionToo() {
    Config lf = PatternDefaults.config(new LeaderFollower(), Map.of());
    Config cached =
        PatternDefaults.config(
            new Cached(), Map.of("backend", new Backend(new LeaderFollower(), lf)));
    Store store = SPEC.build(config(Map.of("backend", new Backend(new Cached(), cached))));
    // Neither the cache's zone nor its database's default (dc1) survives.
    assertEquals(List.of("east-1", "west-1", "global"), store.zones());
  }

  @Test
  void refusesWhatCannotRun() {
    assertArrayEquals(
        new String[] {"regions", "needs at least 2 regions, got 1"},
        SPEC.validate(config(Map.of("regions", "east=east-1"))));
    assertArrayEquals(
        new String[] {"regions", "zone \"z\" is in two regions"},
        SPEC.validate(config(Map.of("regions", "east=z;west=z"))));
    assertEquals(
        "evacuate", SPEC.validate(config(Map.of("evacuate", "north", "failover", "manual")))[0]);
    assertEquals("failoverAt", SPEC.validate(config(Map.of("failover", "manual")))[0]);
    assertEquals(
        "failoverAt",
        SPEC.validate(
                config(Map.of("failover", "manual", "failoverAt", 12_000_000_000L)),
                11_000_000_000L)[0]);
    assertNull(
        SPEC.validate(
            config(Map.of("failover", "manual", "failoverAt", 10_000_000_000L)), 11_000_000_000L));
    assertEquals(
        "lease", SPEC.validate(config(Map.of("fencing", true, "lease", 2_000_000_000L)))[0]);
    assertEquals("managerZone", SPEC.validate(config(Map.of("managerZone", "east-1")))[0]);
  }
}
