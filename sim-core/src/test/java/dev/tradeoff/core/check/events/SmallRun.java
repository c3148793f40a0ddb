package dev.tradeoff.core.check.events;

import java.util.ArrayList;
import java.util.List;

/**
 * A correct run with the faults a correct system must absorb, built by hand: aggregate 1's v2 was
 * published twice (a retried publish) and its consumer skipped the copy; v2 was applied late (300
 * ms after its commit); aggregate 2's v2 was committed at 9 s, after the run's judging cut-off of 8
 * s, and is neither logged nor applied yet (pending).
 */
final class SmallRun {
  static final long S = 1_000_000_000L;
  static final long MS = 1_000_000L;
  static final long JUDGED_BEFORE_NANOS = 8 * S;

  final List<Change> committed = new ArrayList<>();
  final List<Published> log = new ArrayList<>();
  final List<Applied> applied = new ArrayList<>();
  final List<ReadRow> rows = new ArrayList<>();

  SmallRun() {
    committed.add(new Change(10, 1, 1, 100, 1 * S));
    committed.add(new Change(11, 1, 2, 101, 2 * S));
    committed.add(new Change(12, 2, 1, 200, 2500 * MS));
    committed.add(new Change(13, 1, 3, 102, 3 * S));
    committed.add(new Change(14, 2, 2, 201, 9 * S));
    log.add(new Published(10, 1, 1, 100, 0, 0));
    log.add(new Published(11, 1, 2, 101, 0, 1));
    log.add(new Published(12, 2, 1, 200, 1, 0));
    log.add(new Published(11, 1, 2, 101, 0, 2));
    log.add(new Published(13, 1, 3, 102, 0, 3));
    applied.add(new Applied(10, 1, 1, 100, "c-0", 1100 * MS));
    applied.add(new Applied(11, 1, 2, 101, "c-0", 2300 * MS));
    applied.add(new Applied(12, 2, 1, 200, "c-1", 2600 * MS));
    applied.add(new Applied(13, 1, 3, 102, "c-0", 3050 * MS));
    rows.add(new ReadRow(1, 3, 102, 3));
    rows.add(new ReadRow(2, 1, 200, 1));
  }
}
