package dev.tradeoff.patterns.migration;

import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import java.util.List;

/**
 * {@code strangler-fig}: a facade in front of two nested systems, {@code legacy} (built with
 * node-name prefix {@code legacy-}) and {@code new} (prefix {@code new-}), moving routes of traffic
 * from the first to the second on a {@code schedule} ({@link Cutover}), while the new system is fed
 * by change data capture ({@link CdcRelay}, node {@code cdc-relay}) or by the facade's dual writes,
 * and shadow reads compare both ({@link FacadeDriver}).
 *
 * <p>Series: {@code strangler/traffic-new} (share of the interval's requests the new system
 * served), {@code strangler/shadow-mismatches} (shadow reads so far whose value differed from the
 * served one), {@code strangler/shadow-reads} (shadow reads compared so far); with CDC, {@code
 * strangler/cdc-lag} (ms the oldest change not yet applied has waited, 0 when caught up) and {@code
 * strangler/cdc-backlog} (changes waiting); with dual writes, {@code strangler/dual-write-failures}
 * (second writes so far that failed or went unanswered). Checker: {@code migration} ({@link
 * StaleReads}).
 */
public final class StranglerFig implements PatternSpec {
  @Override
  public String name() {
    return "strangler-fig";
  }

  @Override
  public String description() {
    return "a facade moving routes from a legacy to a new system; CDC or dual writes; shadow reads";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string(
            "name", "", "prefix of every node name it creates (legacy-…, new-…, cdc-relay)"),
        Param.string(
            "routes",
            "all",
            "named key ranges, NAME=LO..HI, comma-separated, plus at most one bare NAME taking"
                + " every other key"),
        Param.string(
            "schedule",
            "",
            "cutover steps AT [ROUTE] SHARE, comma-separated, e.g. \"5s 0.25, 10s users 1\": from"
                + " AT on the new system serves SHARE of the route's keys (every route's without"
                + " a name)"),
        Param.choice("sync", List.of("cdc", "dual-write"), "how writes reach the new system"),
        Param.duration("cdcInterval", "50ms", 1_000_000, "cdc: how often the relay polls"),
        Param.integer("cdcBatch", 100, 1, 1_000_000, "cdc: most changes the relay takes a poll"),
        Param.duration(
            "cdcDelay", "0s", 0, "cdc: age a change must reach before the relay takes it"),
        Param.number(
            "shadowReads", 0.0, 0, 1, "share of legacy-served reads also sent to the new system"),
        Param.duration(
            "timeout", "500ms", 1_000_000, "a dual write's or the relay's write given up after"),
        Param.system("legacy", "the legacy system: a nested system object"),
        Param.system("new", "the new system: a nested system object"));
  }

  @Override
  public String[] validate(Config c) {
    return validate(c, Long.MAX_VALUE);
  }

  @Override
  public String[] validate(Config c, long durationNanos) {
    return Cutover.problem(c.string("routes"), c.string("schedule"), durationNanos);
  }

  @Override
  public Store build(Config c) {
    return new StranglerStore(
        c.string("name"),
        c.backend("legacy"),
        c.backend("new"),
        Cutover.of(c.string("routes"), c.string("schedule")),
        c.string("sync").equals("cdc"),
        c.nanos("cdcInterval"),
        (int) c.integer("cdcBatch"),
        c.nanos("cdcDelay"),
        c.number("shadowReads"),
        c.nanos("timeout"));
  }
}
