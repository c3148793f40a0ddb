package dev.tradeoff.patterns.regions;

import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import java.util.List;
import java.util.Locale;

/**
 * {@code multi-region}: regions (zone groups) each running an instance of a nested {@code backend}
 * stack behind a regional {@link Gateway}, replicating acknowledged writes to each other across the
 * inter-region links, with a global {@link TrafficManager} that health-checks the regions and
 * routes clients ({@link RegionDriver}). {@code active-passive}: the first region owns every key;
 * {@code active-active}: key {@code k}'s home is region {@code k mod regions} (region-pinned
 * customers). A failover — automatic after {@code detectAfter} without answers, manual at {@code
 * failoverAt}, or none (the region's customers are unavailable until it returns) — hands a failed
 * region's keys, with whatever of their writes had reached it, to the next region.
 *
 * <p>Node names: the traffic manager {@code <name>gtm} in {@code managerZone}; for region {@code
 * r}, the gateway {@code <name><r>-gw} in its last zone and the backend built with prefix {@code
 * <name><r>-} and its {@code zone} (and its nested systems' zones) set to the region's first zone.
 *
 * <p>Checkers: {@code rpo} ({@link Rpo}), {@code rto} ({@link Rto}), {@code split-brain} ({@link
 * StaleOwners}). Series: {@code route/slot-<i>} (index of the region the router sends slot {@code
 * i} to), {@code backlog/<a> to <b>} (writes region a acknowledged that region b has not yet
 * applied).
 */
public final class MultiRegion implements PatternSpec {
  @Override
  public String name() {
    return "multi-region";
  }

  @Override
  public String description() {
    return "regions of a backend stack, cross-region replication, health-checked failover";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string("name", "", "prefix of every node name it creates"),
        Param.string(
            "regions",
            "east=east-1;west=west-1",
            "regions as name=zone,zone;name=zone: the stack in the first zone, the gateway in the"
                + " last; the first region is the primary (active-passive)"),
        Param.choice(
            "mode",
            List.of("active-passive", "active-active"),
            "one primary region, or each key homed in region key mod regions"),
        Param.choice(
            "replication",
            List.of("async", "sync"),
            "acknowledge a write at once, or after every healthy other region applied it"),
        Param.duration("batch", "100ms", 0, "how often a gateway ships its writes; 0s at once"),
        Param.choice(
            "failover",
            List.of("automatic", "manual", "none"),
            "who moves a failed region's keys: the traffic manager, an operator, nobody"),
        Param.duration("failoverAt", "0s", 0, "when the operator fails over (manual)"),
        Param.string("evacuate", "", "the region a manual failover moves keys off; first if empty"),
        Param.duration("probe", "100ms", 1_000_000, "the traffic manager's health-check interval"),
        Param.duration("detectAfter", "1s", 1_000_000, "silence before a region is declared down"),
        Param.bool("fencing", false, "epochs and leases fence an old owner"),
        Param.duration("lease", "500ms", 1_000_000, "how long a health check lets an owner act"),
        Param.bool(
            "failback",
            false,
            "route keys back to their home region as soon as it answers again (no fencing)"),
        Param.string("managerZone", "global", "the traffic manager's zone"),
        Param.duration(
            "rtoObjective", "5s", 1_000_000, "the rto checker's bound on a client's write outage"),
        Param.system("backend", "the stack each region runs"));
  }

  @Override
  public String[] validate(Config c) {
    RegionMap regions;
    try {
      regions = RegionMap.parse(c.string("regions"));
    } catch (IllegalArgumentException e) {
      return new String[] {"regions", e.getMessage()};
    }
    String evacuate = c.string("evacuate");
    if (!evacuate.isEmpty() && regions.indexOf(evacuate) < 0) {
      return new String[] {
        "evacuate",
        "unknown region \"" + evacuate + "\"; regions: " + String.join(", ", regions.names())
      };
    }
    if (c.string("failover").equals("manual") && c.nanos("failoverAt") == 0) {
      return new String[] {"failoverAt", "a manual failover needs a time > 0s"};
    }
    if (c.bool("fencing") && c.bool("failback")) {
      return new String[] {
        "failback", "cannot go with fencing: a fenced failover hands keys on only by promotion"
      };
    }
    if (c.bool("fencing") && c.nanos("lease") >= c.nanos("detectAfter")) {
      return new String[] {
        "lease", "must be shorter than detectAfter, or a promoted region may act while it holds"
      };
    }
    if (regions.names().contains(c.string("managerZone"))
        || regions.zones().stream().anyMatch(z -> z.contains(c.string("managerZone")))) {
      return new String[] {
        "managerZone", "must be outside every region, or a region outage takes the router down"
      };
    }
    return null;
  }

  @Override
  public String[] validate(Config c, long durationNanos) {
    String[] problem = validate(c);
    if (problem == null
        && c.string("failover").equals("manual")
        && c.nanos("failoverAt") >= durationNanos) {
      long ms = durationNanos / 1_000_000;
      String end = ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
      return new String[] {"failoverAt", "is at or after the end of the load (" + end + ")"};
    }
    return problem;
  }

  @Override
  public Store build(Config c) {
    RegionMap regions = RegionMap.parse(c.string("regions"));
    String evacuate = c.string("evacuate");
    Settings s =
        new Settings(
            regions,
            c.string("mode").equals("active-active"),
            c.string("replication").equals("sync"),
            c.nanos("batch"),
            Settings.Failover.valueOf(c.string("failover").toUpperCase(Locale.ROOT)),
            c.nanos("failoverAt"),
            evacuate.isEmpty() ? 0 : regions.indexOf(evacuate),
            c.nanos("probe"),
            c.nanos("detectAfter"),
            c.bool("fencing"),
            c.nanos("lease"),
            c.bool("failback"));
    return new RegionStore(
        c.string("name"),
        s,
        c.backend("backend"),
        c.string("managerZone"),
        c.nanos("rtoObjective"));
  }
}
