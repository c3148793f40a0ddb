package dev.tradeoff.patterns.migration;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code shard-key-migration}: data moving from an old layout to a new one — two nested systems,
 * {@code old} (node-name prefix {@code old-}) and {@code new} (prefix {@code new-}), typically two
 * {@code sharded} systems keyed differently — through scheduled phases: dual writes, backfill,
 * verify, flip reads, stop dual writes ({@link Phases}). Clients route through {@link PhaseDriver};
 * the backfill and the verify run on the {@code mover} node ({@link Mover}), present when either is
 * on. Turning {@code backfill} off leaves the keys written before the dual writes (and not since)
 * on the old layout only — the verify reports them but does not copy them; turning {@code verify}
 * off leaves what dual writes and the backfill got wrong unrepaired.
 *
 * <p>Series: {@code shard-key/phase} (0 old layout only, 1 dual writes, 2 reads flipped, 3 new
 * layout only), {@code shard-key/reads-new} (share of the interval's reads the new layout served),
 * {@code shard-key/backfilled} (keys the backfill has finished), {@code shard-key/repaired} (keys
 * the verify found different and rewrote, so far), {@code shard-key/missing} (keys the verify found
 * absent from the new layout, so far), {@code shard-key/dirty-keys} (keys marked dirty now) and
 * {@code shard-key/dual-write-failures} (second writes so far that failed or went unanswered).
 * Checker: {@code migration} ({@link StaleReads}).
 */
public final class ShardKeyMigration implements PatternSpec {
  private static final List<String> PHASES =
      List.of("dualWritesAt", "backfillAt", "verifyAt", "flipReadsAt", "stopDualWritesAt");

  @Override
  public String name() {
    return "shard-key-migration";
  }

  @Override
  public String description() {
    return "data moved between layouts: dual write, backfill, verify, flip reads, stop dual writes";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string("name", "", "prefix of every node name it creates (old-…, new-…, mover)"),
        Param.integer(
            "keySpace", 1000, 1, 10_000_000, "keys [0, keySpace): backfilled and verified"),
        Param.duration("dualWritesAt", "2s", 0, "when writes start going to both layouts"),
        Param.duration("backfillAt", "3s", 0, "when the backfill starts copying keys"),
        Param.duration(
            "verifyAt", "5s", 0, "when the verify starts (not before the backfill ends)"),
        Param.duration(
            "flipReadsAt",
            "8s",
            0,
            "when reads go to the new layout (not before the backfill and verify that are on end)"),
        Param.duration(
            "stopDualWritesAt",
            "0s",
            0,
            "when writes go to the new layout only (not before no key is dirty); 0s never"),
        Param.bool("backfill", true, "run the backfill; false skips it"),
        Param.bool("verify", true, "run the verify and repair dirty keys; false skips it"),
        Param.number("backfillRate", 1000.0, 0.001, 1e7, "keys the backfill starts per second"),
        Param.integer(
            "backfillChunk", 100, 1, 1_000_000, "keys the backfill reads before writing them"),
        Param.number("verifyRate", 1000.0, 0.001, 1e7, "keys the verify starts per second"),
        Param.duration(
            "timeout", "200ms", 1_000_000, "a dual write's or a job's step given up after"),
        Param.system("old", "the old layout: a nested system object"),
        Param.system("new", "the new layout: a nested system object"));
  }

  @Override
  public String[] validate(Config c) {
    return validate(c, Long.MAX_VALUE);
  }

  @Override
  public String[] validate(Config c, long durationNanos) {
    List<String> on = new ArrayList<>();
    for (String phase : PHASES) {
      boolean skipped =
          (phase.equals("backfillAt") && !c.bool("backfill"))
              || (phase.equals("verifyAt") && !c.bool("verify"))
              || (phase.equals("stopDualWritesAt") && c.nanos(phase) == 0);
      if (!skipped) {
        on.add(phase);
      }
    }
    for (int i = 0; i < on.size(); i++) {
      String phase = on.get(i);
      long at = c.nanos(phase);
      if (at >= durationNanos) {
        return new String[] {
          phase,
          "at "
              + TimeText.of(at)
              + " is at or after the end of the run ("
              + TimeText.of(durationNanos)
              + ")"
        };
      }
      if (i > 0 && at <= c.nanos(on.get(i - 1))) {
        return new String[] {
          phase,
          "at "
              + TimeText.of(at)
              + " must come after "
              + on.get(i - 1)
              + " ("
              + TimeText.of(c.nanos(on.get(i - 1)))
              + "): the phases run dual writes, backfill, verify, flip reads, stop dual writes"
        };
      }
    }
    return null;
  }

  @Override
  public Store build(Config c) {
    return new ShardKeyStore(
        c.string("name"),
        c.backend("old"),
        c.backend("new"),
        new Phases(c.bool("backfill"), c.bool("verify"), c.integer("keySpace")),
        c.nanos("dualWritesAt"),
        c.nanos("backfillAt"),
        c.nanos("verifyAt"),
        c.nanos("flipReadsAt"),
        c.nanos("stopDualWritesAt"),
        c.number("backfillRate"),
        (int) c.integer("backfillChunk"),
        c.number("verifyRate"),
        c.nanos("timeout"));
  }
}
