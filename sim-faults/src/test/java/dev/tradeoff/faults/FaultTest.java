package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.kernel.PartitionMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The vocabulary as values: printing, kinds, names, equality and validation. */
class FaultTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  @Test
  void everyFaultPrintsAsAShortReadableLine() {
    List<Object[]> cases =
        List.of(
            new Object[] {Fault.crash("n2"), "crash n2"},
            new Object[] {new NodeFault.Crash("n2", false), "crash n2 (keeps unsynced writes)"},
            new Object[] {Fault.restart("n2"), "restart n2"},
            new Object[] {Fault.pause("n1"), "pause n1"},
            new Object[] {Fault.isolate("n1"), "partition isolate n1"},
            new Object[] {
              new NetworkFault.Isolate("n1", PartitionMode.HOLD), "partition isolate n1 (hold)"
            },
            new Object[] {
              Fault.partition(Set.of("n1"), Set.of("n3", "n2")), "partition {n1} | {n2,n3}"
            },
            new Object[] {
              new NetworkFault.Partition(
                  List.of(Set.of("a"), Set.of("b"), Set.of("c", "d")), PartitionMode.HOLD),
              "partition {a} | {b} | {c,d} (hold)"
            },
            new Object[] {
              new NetworkFault.OneWayPartition(
                  Set.of("n1"), Set.of("n3", "n2"), PartitionMode.DROP),
              "partition {n1} -> {n2,n3}"
            },
            new Object[] {
              new NetworkFault.Bridge(
                  Set.of("n1", "n2"), "n3", Set.of("n5", "n4"), PartitionMode.DROP),
              "partition {n1,n2} | {n4,n5} bridged by n3"
            },
            new Object[] {Fault.heal(), "heal"},
            new Object[] {new NetworkFault.ClogLink("n1", "n2"), "clog n1 -> n2"},
            new Object[] {new NetworkFault.ClogNode("n1"), "clog n1"},
            new Object[] {new NetworkFault.UnclogLink("n1", "n2"), "unclog n1 -> n2"},
            new Object[] {new NetworkFault.UnclogNode("n1"), "unclog n1"},
            new Object[] {Fault.loss(0.1), "loss 10%"},
            new Object[] {Fault.loss(0.005), "loss 0.5%"},
            new Object[] {Fault.loss(1), "loss 100%"},
            new Object[] {new NetworkFault.Duplication(0.25), "duplicate 25%"},
            new Object[] {
              new NetworkFault.LatencySpike("east", "west", 3, 2 * MS),
              "latency-spike east <-> west x3 +2ms"
            },
            new Object[] {
              new NetworkFault.LatencySpike("east", "west", 10, 0),
              "latency-spike east <-> west x10"
            },
            new Object[] {
              new NetworkFault.LatencySpike("east", "west", 1, 500_000),
              "latency-spike east <-> west +500us"
            },
            new Object[] {new ClockFault.ClockSkew("n1", 200 * MS), "clock-skew n1 +200ms"},
            new Object[] {new ClockFault.ClockSkew("n1", -1_500 * MS), "clock-skew n1 -1.5s"},
            new Object[] {new ClockFault.ClockDrift("n1", 0.0001), "clock-drift n1 +0.01%"},
            new Object[] {new ClockFault.ClockDrift("n1", -0.1), "clock-drift n1 -10%"},
            new Object[] {new ClockFault.ClockJump("n1", -S), "clock-jump n1 -1s"},
            new Object[] {new NodeFault.SlowNode("n1", 2.5), "slow-node n1 x2.5"},
            new Object[] {new NodeFault.ZoneOutage("west"), "zone-outage west"},
            new Object[] {new NodeFault.CacheFlush("n1"), "cache-flush n1"});
    for (Object[] c : cases) {
      assertEquals(c[1], c[0].toString());
    }
  }

  @Test
  void kindsAreShortNamesFromTheFixedList() {
    List<Fault> faults =
        List.of(
            Fault.crash("a"),
            Fault.restart("a"),
            Fault.pause("a"),
            Fault.isolate("a"),
            Fault.partition(Set.of("a"), Set.of("b")),
            new NetworkFault.OneWayPartition(Set.of("a"), Set.of("b"), PartitionMode.DROP),
            new NetworkFault.Bridge(Set.of("a"), "b", Set.of("c"), PartitionMode.DROP),
            Fault.heal(),
            new NetworkFault.ClogLink("a", "b"),
            new NetworkFault.ClogNode("a"),
            new NetworkFault.UnclogLink("a", "b"),
            new NetworkFault.UnclogNode("a"),
            Fault.loss(0.5),
            new NetworkFault.Duplication(0.5),
            new NetworkFault.LatencySpike("z", "y", 2, 0),
            new ClockFault.ClockSkew("a", 1),
            new ClockFault.ClockDrift("a", 0.1),
            new ClockFault.ClockJump("a", 1),
            new NodeFault.SlowNode("a", 2),
            new NodeFault.ZoneOutage("z"),
            new NodeFault.CacheFlush("a"));
    List<String> kinds = new ArrayList<>();
    for (Fault fault : faults) {
      kinds.add(fault.kind());
    }
    assertEquals(
        List.of(
            "crash",
            "restart",
            "pause",
            "partition",
            "partition",
            "partition",
            "partition",
            "heal",
            "clog",
            "clog",
            "unclog",
            "unclog",
            "loss",
            "duplicate",
            "latency-spike",
            "clock-skew",
            "clock-drift",
            "clock-jump",
            "slow-node",
            "zone-outage",
            "cache-flush"),
        kinds);
    assertEquals(new TreeSet<>(kinds), Fault.KINDS, "KINDS lists exactly the kinds in use");
  }

  @Test
  void faultsNameTheirNodesAndZonesSorted() {
    Fault bridge =
        new NetworkFault.Bridge(Set.of("n5", "n1"), "n3", Set.of("n4"), PartitionMode.DROP);
    assertEquals(List.of("n1", "n3", "n4", "n5"), List.copyOf(bridge.nodeNames()));
    assertEquals(List.of(), List.copyOf(bridge.zoneNames()));
    Fault spike = new NetworkFault.LatencySpike("west", "east", 2, 0);
    assertEquals(List.of("east", "west"), List.copyOf(spike.zoneNames()));
    assertEquals(List.of("west"), List.copyOf(new NodeFault.ZoneOutage("west").zoneNames()));
  }

  @Test
  void sidesCompareAsSetsAndIterateSorted() {
    Set<String> insertionOrdered = new LinkedHashSet<>(List.of("n3", "n2"));
    NetworkFault.Partition a = Fault.partition(Set.of("n1"), insertionOrdered);
    NetworkFault.Partition b = Fault.partition(new TreeSet<>(Set.of("n1")), Set.of("n2", "n3"));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(List.of("n2", "n3"), List.copyOf(a.sides().get(1)));
    assertTrue(a.sides().get(1) instanceof SortedSet, "sides are stored sorted");
    assertThrows(UnsupportedOperationException.class, () -> a.sides().get(0).add("x"));
    assertThrows(UnsupportedOperationException.class, () -> a.sides().add(Set.of("x")));
  }

  @Test
  void invalidFieldsAreRejectedWithTheFieldAndTheValue() {
    expect("loss: rate must be in [0, 1], got 1.5", () -> Fault.loss(1.5));
    expect("loss: rate must be in [0, 1], got NaN", () -> Fault.loss(Double.NaN));
    expect("duplicate: rate must be in [0, 1], got -0.1", () -> new NetworkFault.Duplication(-0.1));
    expect(
        "slow-node: factor must be finite and > 0, got 0.0", () -> new NodeFault.SlowNode("n1", 0));
    expect(
        "slow-node: factor must be finite and > 0, got Infinity",
        () -> new NodeFault.SlowNode("n1", Double.POSITIVE_INFINITY));
    expect(
        "latency-spike: factor must be finite and > 0, got -1.0",
        () -> new NetworkFault.LatencySpike("a", "b", -1, 0));
    expect(
        "latency-spike: extraNanos must be >= 0, got -5",
        () -> new NetworkFault.LatencySpike("a", "b", 1, -5));
    expect("crash: node must be a non-empty name, got \"\"", () -> Fault.crash(""));
    expect("crash: node must be a non-empty name, got null", () -> Fault.crash(null));
    expect("pause: node must be a non-empty name, got \" \"", () -> Fault.pause(" "));
    expect(
        "zone-outage: zone must be a non-empty name, got \"\"", () -> new NodeFault.ZoneOutage(""));
    expect("partition: needs at least 2 sides, got 1", () -> Fault.partition(Set.of("n1")));
    expect(
        "partition: side 1 must name at least one node",
        () -> Fault.partition(Set.of("n1"), Set.of()));
    expect(
        "partition: sides must be disjoint, but n2 is on more than one",
        () -> Fault.partition(Set.of("n1", "n2"), Set.of("n2", "n3")));
    expect(
        "one-way partition: sides must be disjoint, but n1 is on both",
        () ->
            new NetworkFault.OneWayPartition(Set.of("n1"), Set.of("n1", "n2"), PartitionMode.DROP));
    expect(
        "bridge partition: bridge node n2 must be on neither side",
        () -> new NetworkFault.Bridge(Set.of("n1", "n2"), "n2", Set.of("n3"), PartitionMode.DROP));
    expect(
        "bridge partition: sides must be disjoint, but n1 is on both",
        () -> new NetworkFault.Bridge(Set.of("n1"), "n2", Set.of("n1"), PartitionMode.DROP));
    expect("clog: from and to must differ, got n1", () -> new NetworkFault.ClogLink("n1", "n1"));
    expect(
        "unclog: from and to must differ, got n1", () -> new NetworkFault.UnclogLink("n1", "n1"));
    expect(
        "clock-drift: drift must be finite and > -1, got -1.0",
        () -> new ClockFault.ClockDrift("n1", -1));
    expect(
        "clock-skew: offsetNanos must be non-zero (and not Long.MIN_VALUE), got 0",
        () -> new ClockFault.ClockSkew("n1", 0));
    expect("clock-jump: deltaNanos must be non-zero", () -> new ClockFault.ClockJump("n1", 0));
    assertThrows(NullPointerException.class, () -> new NetworkFault.Isolate("n1", null));
  }

  private static void expect(String message, Supplier<Fault> build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertEquals(message, e.getMessage());
  }
}
