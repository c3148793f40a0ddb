package dev.tradeoff.core.check.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.random.RandomStreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Random correct runs of an event-driven system — a serial publisher per partition that sometimes
 * retries a publish (the log holds the event twice), an idempotent in-order consumer per partition
 * that lags, and changes committed too late to be published — on which all six checkers stay quiet;
 * then exactly one fault, and exactly the checkers that judge it fire, once each.
 */
class EventCheckersRandomTest {
  private static final long MS = 1_000_000L;
  private static final long BOUND_NANOS = 1_000 * MS;

  private enum Fault {
    DROP_APPLICATION,
    PHANTOM_RECORD,
    APPLY_TWICE,
    SWAP_VERSIONS,
    CORRUPT_ROW
  }

  /** A record the log holds, with the time it was appended (the publisher's, not a fact). */
  private record Append(Published record, long appendNanos) {}

  private static final class Run {
    final List<Change> committed = new ArrayList<>();
    final List<Append> appends = new ArrayList<>();
    List<Applied> applied = new ArrayList<>();
    List<ReadRow> rows = new ArrayList<>();
    long judgedBeforeNanos = Long.MAX_VALUE;
    int partitions;
    long retries;
    long pending;

    List<Published> log() {
      List<Append> byOffset = new ArrayList<>(appends);
      byOffset.sort(
          Comparator.comparingInt((Append a) -> a.record().partition())
              .thenComparingLong(a -> a.record().offset()));
      return byOffset.stream().map(Append::record).toList();
    }

    List<Checker> checkers() {
      List<Published> log = log();
      return List.of(
          LostEvents.of(committed, log, applied, judgedBeforeNanos),
          PhantomEvents.of(committed, log, applied),
          RepeatedEffects.of(applied),
          AggregateOrder.of(applied),
          ReadModelConvergence.of(rows, log),
          ReadModelStaleness.of(
              committed, applied, List.of(0L, 10 * MS, 100 * MS), BOUND_NANOS, judgedBeforeNanos));
    }
  }

  /** The changes and the publisher's log; the consumer runs later, after a log fault if any. */
  private static Run generate(UniformRandomProvider rng) {
    Run run = new Run();
    int aggregates = 1 + rng.nextInt(4);
    int changes = 20 + rng.nextInt(41);
    run.partitions = 1 + rng.nextInt(3);
    int pending = rng.nextInt(4);
    Map<Long, Long> versions = new TreeMap<>();
    long eventId = 1000 + rng.nextInt(100);
    long t = 0;
    for (int i = 0; i < changes; i++) {
      // Every aggregate gets three changes first, so a swap always finds one to reorder.
      long aggregate = i < 3 * aggregates ? i % aggregates + 1 : 1 + rng.nextInt(aggregates);
      long version = versions.merge(aggregate, 1L, Long::sum);
      t += 1 + rng.nextInt((int) (20 * MS));
      eventId += 1 + rng.nextInt(3);
      run.committed.add(new Change(eventId, aggregate, version, rng.nextInt(1_000_000), t));
    }
    if (pending > 0) {
      run.judgedBeforeNanos = run.committed.get(changes - pending).committedNanos();
      run.pending = pending;
    }
    long[] lastAppend = new long[run.partitions];
    long[] offsets = new long[run.partitions];
    List<Append> unordered = new ArrayList<>();
    for (Change c : run.committed.subList(0, changes - pending)) {
      int p = (int) (c.aggregate() % run.partitions);
      // One publisher per partition, in commit order: an aggregate's events stay in order.
      long at = Math.max(c.committedNanos() + rng.nextInt((int) (5 * MS)), lastAppend[p] + 1);
      lastAppend[p] = at;
      unordered.add(new Append(published(c, p, 0), at));
      if (rng.nextInt(4) == 0) {
        // The acknowledgement was lost and the publish retried: the log holds it twice.
        unordered.add(new Append(published(c, p, 0), at + 1 + rng.nextInt((int) (30 * MS))));
        run.retries++;
      }
    }
    unordered.sort(Comparator.comparingLong(Append::appendNanos));
    for (Append a : unordered) {
      int p = a.record().partition();
      Published r = a.record();
      run.appends.add(
          new Append(
              new Published(r.eventId(), r.aggregate(), r.version(), r.value(), p, offsets[p]++),
              a.appendNanos()));
    }
    return run;
  }

  private static Published published(Change c, int partition, long offset) {
    return new Published(c.eventId(), c.aggregate(), c.version(), c.value(), partition, offset);
  }

  /** One consumer per partition, reading in offset order, skipping event ids it has applied. */
  private static void consume(Run run, UniformRandomProvider rng) {
    List<Append> byOffset = new ArrayList<>(run.appends);
    byOffset.sort(Comparator.comparingLong((Append a) -> a.record().offset()));
    long[] clock = new long[run.partitions];
    TreeSet<Long> seen = new TreeSet<>();
    List<Applied> applied = new ArrayList<>();
    for (Append a : byOffset) {
      Published r = a.record();
      int p = r.partition();
      clock[p] = Math.max(clock[p] + 1, a.appendNanos() + rng.nextInt((int) (10 * MS)));
      if (seen.add(r.eventId())) {
        applied.add(
            new Applied(r.eventId(), r.aggregate(), r.version(), r.value(), "c-" + p, clock[p]));
      }
    }
    applied.sort(Comparator.comparingLong(Applied::appliedNanos));
    setApplied(run, applied);
  }

  /** The applications, and the rows a store that overwrites and counts ends with. */
  private static void setApplied(Run run, List<Applied> applied) {
    run.applied = applied;
    Map<Long, ReadRow> rows = new TreeMap<>();
    for (Applied a : applied) {
      ReadRow before = rows.get(a.aggregate());
      long events = before == null ? 1 : before.events() + 1;
      rows.put(a.aggregate(), new ReadRow(a.aggregate(), a.version(), a.value(), events));
    }
    run.rows = new ArrayList<>(rows.values());
  }

  /** The last application of a randomly chosen aggregate that has one. */
  private static Applied lastOfSomeAggregate(Run run, UniformRandomProvider rng) {
    Map<Long, Applied> last = new TreeMap<>();
    for (Applied a : run.applied) {
      last.put(a.aggregate(), a);
    }
    List<Applied> candidates = new ArrayList<>(last.values());
    return candidates.get(rng.nextInt(candidates.size()));
  }

  /** Injects {@code fault} and says which checkers must fire on it. */
  private static Set<String> inject(Fault fault, Run run, UniformRandomProvider rng) {
    switch (fault) {
      case DROP_APPLICATION -> {
        // The consumer skipped an aggregate's newest event: nothing newer hides it.
        List<Applied> applied = new ArrayList<>(run.applied);
        applied.remove(lastOfSomeAggregate(run, rng));
        setApplied(run, applied);
        return Set.of("lost-events", "read-model-convergence", "read-model-staleness");
      }
      case PHANTOM_RECORD -> {
        // A change that rolled back after its event went out; the consumer applies it.
        Change c = run.committed.get(rng.nextInt(run.committed.size()));
        long version =
            run.committed.stream()
                    .filter(o -> o.aggregate() == c.aggregate())
                    .mapToLong(Change::version)
                    .max()
                    .orElseThrow()
                + 1;
        long id = run.committed.get(run.committed.size() - 1).eventId() + 1000;
        int p = (int) (c.aggregate() % run.partitions);
        long offset = run.appends.stream().filter(a -> a.record().partition() == p).count();
        long at = run.appends.stream().mapToLong(Append::appendNanos).max().orElse(0) + 1;
        run.appends.add(new Append(new Published(id, c.aggregate(), version, 7, p, offset), at));
        consume(run, rng);
        return Set.of("phantom-events");
      }
      case APPLY_TWICE -> {
        // A consumer that lost its memory of applied ids re-applies an aggregate's newest event.
        Applied again = lastOfSomeAggregate(run, rng);
        long end = run.applied.get(run.applied.size() - 1).appliedNanos();
        List<Applied> applied = new ArrayList<>(run.applied);
        applied.add(
            new Applied(
                again.eventId(),
                again.aggregate(),
                again.version(),
                again.value(),
                again.consumer(),
                end + 1));
        setApplied(run, applied);
        return Set.of("duplicate-effects", "read-model-convergence");
      }
      case SWAP_VERSIONS -> {
        // Two consecutive versions applied in the wrong order, with a later one to fix the row.
        Map<Long, List<Applied>> byAggregate = new TreeMap<>();
        for (Applied a : run.applied) {
          byAggregate.computeIfAbsent(a.aggregate(), k -> new ArrayList<>()).add(a);
        }
        List<List<Applied>> candidates =
            byAggregate.values().stream().filter(l -> l.size() >= 3).toList();
        List<Applied> versions = candidates.get(rng.nextInt(candidates.size()));
        int k = rng.nextInt(versions.size() - 2);
        Applied first = versions.get(k);
        Applied second = versions.get(k + 1);
        List<Applied> applied = new ArrayList<>(run.applied);
        applied.set(applied.indexOf(first), at(second, first.appliedNanos()));
        applied.set(applied.indexOf(second), at(first, second.appliedNanos()));
        setApplied(run, applied);
        return Set.of("aggregate-order");
      }
      case CORRUPT_ROW -> {
        int i = rng.nextInt(run.rows.size());
        ReadRow r = run.rows.get(i);
        ReadRow wrong =
            switch (rng.nextInt(3)) {
              case 0 -> new ReadRow(r.aggregate(), r.version() - 1, r.value(), r.events());
              case 1 -> new ReadRow(r.aggregate(), r.version(), r.value() + 1, r.events());
              default -> new ReadRow(r.aggregate(), r.version(), r.value(), r.events() + 1);
            };
        run.rows.set(i, wrong);
        return Set.of("read-model-convergence");
      }
      default -> throw new AssertionError(fault);
    }
  }

  private static Applied at(Applied a, long appliedNanos) {
    return new Applied(
        a.eventId(), a.aggregate(), a.version(), a.value(), a.consumer(), appliedNanos);
  }

  /** Names of the checkers that fired; each must have found exactly one violation. */
  private static Set<String> fired(Run run, String context) {
    Set<String> fired = new TreeSet<>();
    for (Checker checker : run.checkers()) {
      CheckResult r = checker.check(new History());
      assertTrue(r.verdict() != Verdict.UNKNOWN, context + ": " + r);
      if (r.verdict() == Verdict.INVALID) {
        assertEquals(1, r.violations(), context + ": " + r);
        fired.add(r.checker());
      }
    }
    return fired;
  }

  @Test
  void correctRunsAreQuietAndEachFaultFiresExactlyItsCheckers() {
    long retries = 0;
    long pending = 0;
    for (long seed = 1; seed <= 200; seed++) {
      for (Fault fault : Fault.values()) {
        UniformRandomProvider rng = new RandomStreams(seed).fork("events-" + fault);
        Run run = generate(rng);
        consume(run, rng);
        retries += run.retries;
        pending += run.pending;
        assertEquals(Set.of(), fired(run, "seed " + seed + ", correct run"), "seed " + seed);
        Set<String> expected = inject(fault, run, rng);
        String context = "seed " + seed + ", " + fault;
        assertEquals(new TreeSet<>(expected), fired(run, context), context);
      }
    }
    // The correct runs did exercise the faults a correct system must absorb.
    assertTrue(retries > 1000, "retried publishes: " + retries);
    assertTrue(pending > 500, "pending changes: " + pending);
  }
}
