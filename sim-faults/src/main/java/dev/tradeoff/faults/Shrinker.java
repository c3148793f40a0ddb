package dev.tradeoff.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Shrinks a failing {@link Case} to a smaller one that still fails the same {@link Check}.
 *
 * <p>First, once, three cheap passes that make every later run short and small:
 *
 * <ol>
 *   <li><b>shortest failing prefix</b>: the shortest run length {@code L} for which the case still
 *       fails when it keeps only the events that end by {@code L} minus the original's quiet period
 *       (the time from its last fault's end to its run's end), so every shortened candidate still
 *       ends with that quiet period; {@code L} is {@link #minRunNanos()} (no faults) or an event's
 *       end plus the quiet period, found by bisection;
 *   <li><b>latest failing start</b>: the latest event start {@code s} such that the case still
 *       fails with only the events from {@code s} on, all moved earlier by {@code s}, and the run
 *       {@code s} shorter (its quiet period moves with it); the latest first, then by bisection;
 *   <li><b>cut the workload</b> toward one client, as below.
 * </ol>
 *
 * <p>Then these passes, in order, repeated until a whole round changes nothing. The run is cut as
 * soon as the events allow, so the searches on single events, the bulk of the runs, run short:
 *
 * <ol>
 *   <li><b>remove events</b> with Zeller's ddmin: first the empty schedule, then keep one half or
 *       drop one half, then quarters, ..., down to single events; the result is 1-minimal (dropping
 *       any single remaining event makes the case pass), unless the budget ran out;
 *   <li><b>merge events</b>: two events of the same fault whose windows overlap or touch become one
 *       spanning both, when the case still fails (two back-to-back pauses of a node act as one
 *       longer pause, which removing either cannot find);
 *   <li><b>move all events earlier</b> by the same amount, toward 0: try 0, then cut half as far, a
 *       quarter, ... (a binary search for the earliest failing start when failure is monotone in
 *       it); together, because a failure usually needs its faults to overlap;
 *   <li><b>cut the run</b> toward {@link #minRunNanos()}, in the same way, but never inside a fault
 *       or its quiet period (the original's);
 *   <li><b>shorten durations</b> of lasting events toward {@link #minDurationNanos()}, in the same
 *       way;
 *   <li><b>move each event earlier</b>, toward 0, in the same way;
 *   <li><b>cut the run</b> again, now that events may end earlier;
 *   <li><b>cut the workload</b> toward one client, in the same way.
 * </ol>
 *
 * <p>Contract: deterministic (the same case and a deterministic check give the same result and
 * steps); the check runs at most {@link #maxRuns()} times, and when that budget ends shrinking
 * stops and says so in {@link ShrinkResult#exhaustedBudget()}; only failing cases are ever
 * accepted, so the result always fails. Searches stop at {@link #resolutionNanos()}, since finer
 * cuts make schedules harder to read for no real gain.
 *
 * <p>Within one shrink a memo answers a candidate equal to one already tried (cases are values)
 * without running the check again; such answers are not runs and are counted in {@link
 * ShrinkResult#memoHits()}. A candidate without faults is accepted only if the original case
 * without faults (same seed, run length and clients) fails too, which is run once, the first time
 * such a candidate fails; see {@link ShrinkResult.FaultFree}. Without that rule a check that only
 * fails on short runs would shrink to a fault-free case that shows an artefact of cutting the run,
 * not the bug.
 *
 * @param maxRuns the most check runs, including the first run of the original case; {@code >= 1}
 * @param minDurationNanos the shortest duration to try for a lasting event; {@code > 0}
 * @param minRunNanos the shortest run length to try; {@code > 0}
 * @param resolutionNanos the smallest step of a time search; {@code > 0}
 */
public record Shrinker(int maxRuns, long minDurationNanos, long minRunNanos, long resolutionNanos) {
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;

  /**
   * Whether a case fails. Must be deterministic: the same case always gives the same answer (run
   * the simulation afresh for each call).
   */
  @FunctionalInterface
  public interface Check {
    /** A message saying how {@code c} fails, or {@code null} if it passes. */
    String failure(Case c);

    /** A check from a predicate that says whether a case failed; the message is "failed". */
    static Check of(Predicate<Case> failed) {
      Objects.requireNonNull(failed, "failed");
      return c -> failed.test(c) ? "failed" : null;
    }
  }

  /** Validates the bounds. */
  public Shrinker {
    if (maxRuns < 1) {
      throw new IllegalArgumentException("shrinker: maxRuns must be >= 1, got " + maxRuns);
    }
    if (minDurationNanos <= 0 || minRunNanos <= 0 || resolutionNanos <= 0) {
      throw new IllegalArgumentException(
          "shrinker: minDurationNanos, minRunNanos and resolutionNanos must be > 0");
    }
  }

  /**
   * A shrinker with at most 1000 runs, durations down to 1 ms, runs down to 1 ms, steps of 1 µs.
   */
  public static Shrinker defaults() {
    return new Shrinker(1000, MS, MS, US);
  }

  /** This shrinker with another budget. */
  public Shrinker withMaxRuns(int newMaxRuns) {
    return new Shrinker(newMaxRuns, minDurationNanos, minRunNanos, resolutionNanos);
  }

  /**
   * Shrinks {@code failing}, which must fail {@code check}.
   *
   * @throws IllegalArgumentException if {@code failing} passes {@code check}: there is nothing to
   *     shrink, and accepting it would report a "minimal failing case" that does not fail
   */
  public ShrinkResult shrink(Case failing, Check check) {
    return shrink(failing, check, Map.of());
  }

  /**
   * As {@link #shrink(Case, Check)}, also moving each generated parameter of the case toward its
   * floor (the {@link Parameter#min()}, the simplest system), by the same halving search as the
   * clients; parameters without a floor stay as they are.
   */
  public ShrinkResult shrink(Case failing, Check check, Map<String, Long> parameterFloors) {
    return shrink(failing, check, Plan.SHORTEST_RUN_FIRST, parameterFloors);
  }

  /** How a shrink runs. Package-private: tests compare the plans on the same case. */
  enum Plan {
    /** The contract above. */
    SHORTEST_RUN_FIRST(true, true, true),
    /** The same without the memo: every candidate runs, repeated ones too. */
    WITHOUT_MEMO(true, false, true),
    /**
     * The shrinker before shortest-run-first (issue 18): no prefix, head or early client pass;
     * rounds of remove events, shorten durations, move all then each earlier, cut the run, cut the
     * workload; no memo; candidates without faults accepted whenever they fail. Kept to measure the
     * gain: it takes the same runs as that shrinker did (604 on ShrinkerTest's case).
     */
    BEFORE_SHORTEST_RUN_FIRST(false, false, false);

    final boolean shortestRunFirst;
    final boolean memo;
    final boolean refuseFaultFree;

    Plan(boolean shortestRunFirst, boolean memo, boolean refuseFaultFree) {
      this.shortestRunFirst = shortestRunFirst;
      this.memo = memo;
      this.refuseFaultFree = refuseFaultFree;
    }
  }

  /** {@link #shrink(Case, Check)} following {@code plan}. */
  ShrinkResult shrink(Case failing, Check check, Plan plan) {
    return shrink(failing, check, plan, Map.of());
  }

  private ShrinkResult shrink(
      Case failing, Check check, Plan plan, Map<String, Long> parameterFloors) {
    Objects.requireNonNull(failing, "failing");
    Objects.requireNonNull(check, "check");
    String failure = check.failure(failing);
    if (failure == null) {
      throw new IllegalArgumentException(
          "shrinker: the case does not fail the check, so there is nothing to shrink (seed "
              + failing.seed()
              + ", "
              + failing.schedule().size()
              + " events, run "
              + Text.duration(failing.runNanos())
              + ")");
    }
    Session session = new Session(failing, failure, check, plan);
    session.parameterFloors.putAll(parameterFloors);
    try {
      session.run();
    } catch (OutOfRuns e) {
      session.exhausted = true;
      // a pass adds its step when it finishes; one cut short may have accepted cuts already
      session.steps.add("ran out of budget during a pass; its accepted cuts are in the result");
    }
    return new ShrinkResult(
        failing,
        session.current,
        session.failure,
        session.steps,
        session.runs,
        session.exhausted,
        session.memoHits,
        session.faultFree);
  }

  /** When the last fault of {@code c} ends (or, for instant faults, happens); 0 if none. */
  private static long lastEndNanos(Case c) {
    long last = 0;
    for (FaultEvent event : c.schedule().events()) {
      last = Math.max(last, event.endNanos());
    }
    return last;
  }

  /** Unwinds a session when the budget ends; carries no stack, it is control flow. */
  private static final class OutOfRuns extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfRuns() {
      super("out of runs", null, false, false);
    }
  }

  /** One shrink: the current smallest failing case and the books. */
  private final class Session {
    private final Check check;
    private final Plan plan;
    private final Case original;
    private final List<String> steps = new ArrayList<>();
    // Case to its failure message, null if it passes; lookups only (linked: the determinism check).
    private final Map<Case, String> tried = new LinkedHashMap<>();
    private Case current;
    private String failure;
    private int runs = 1; // the original's run
    private int memoHits;
    private ShrinkResult.FaultFree faultFree = ShrinkResult.FaultFree.UNTRIED;
    private boolean exhausted;
    private final long quietNanos;
    private final java.util.TreeMap<String, Long> parameterFloors = new java.util.TreeMap<>();

    Session(Case original, String failure, Check check, Plan plan) {
      this.original = original;
      this.current = original;
      this.failure = failure;
      this.check = check;
      this.plan = plan;
      this.quietNanos = Math.max(0, original.runNanos() - lastEndNanos(original));
      remember(original, failure);
    }

    void run() {
      if (plan.shortestRunFirst) {
        shortestFailingPrefix();
        latestFailingStart();
        cutClients();
        cutParameters();
      }
      boolean changed = true;
      while (changed) {
        int before = steps.size();
        if (plan.shortestRunFirst) {
          roundShortRunsFirst();
        } else {
          removeEvents();
          mergeOverlapping();
          shortenDurations();
          shiftAllEarlier();
          moveEachEarlier();
          cutRun();
          cutClients();
        }
        changed = steps.size() > before;
      }
    }

    /**
     * One round in which the run is cut as soon as the events allow: after removing events and
     * moving them all earlier together, before the searches on single events, so those run short.
     */
    private void roundShortRunsFirst() {
      removeEvents();
      mergeOverlapping();
      shiftAllEarlier();
      cutRun();
      shortenDurations();
      moveEachEarlier();
      cutRun();
      cutClients();
      cutParameters();
    }

    /**
     * Whether {@code candidate} fails and may be accepted; if so makes it current. A candidate
     * without faults is refused unless the original fails without faults too.
     */
    private boolean tryCase(Case candidate) {
      boolean faultFreeCandidate = candidate.schedule().isEmpty();
      if (faultFreeCandidate && faultFree == ShrinkResult.FaultFree.PASSES) {
        return false; // refused whatever it does, so not worth a run
      }
      String message = failureOf(candidate);
      if (message == null || (faultFreeCandidate && !faultFreeAllowed())) {
        return false;
      }
      current = candidate;
      failure = message;
      return true;
    }

    /**
     * Whether a failing candidate without faults may be accepted: runs the original without faults
     * the first time it is asked.
     */
    private boolean faultFreeAllowed() {
      if (!plan.refuseFaultFree) {
        return true;
      }
      if (faultFree == ShrinkResult.FaultFree.UNTRIED) {
        boolean fails = failureOf(original.withSchedule(FaultSchedule.empty())) != null;
        faultFree = fails ? ShrinkResult.FaultFree.FAILS : ShrinkResult.FaultFree.PASSES;
      }
      return faultFree == ShrinkResult.FaultFree.FAILS;
    }

    /** The check's message for {@code c}, or null if it passes: from the memo, else one run. */
    private String failureOf(Case c) {
      if (plan.memo && tried.containsKey(c)) {
        memoHits++;
        return tried.get(c);
      }
      if (runs >= maxRuns) {
        throw new OutOfRuns();
      }
      runs++;
      String message = check.failure(c);
      remember(c, message);
      return message;
    }

    private void remember(Case c, String message) {
      if (plan.memo) {
        tried.put(c, message);
      }
    }

    /**
     * Cuts the run to the shortest length that still fails, keeping the events that end by the new
     * length minus the original's quiet period. Runs first, so every later pass runs short.
     *
     * <p>The kept events change only where an event's end plus the quiet period falls, and each
     * such length is the shortest run that keeps those events and the quiet period, so only those
     * lengths are tried (and {@link #minRunNanos()}, without faults, first): a bisection over a
     * handful of lengths instead of a search down to the resolution. {@link #cutRun()} cuts further
     * once events are shorter or fewer.
     */
    private void shortestFailingPrefix() {
      Case start = current;
      long before = start.runNanos();
      long[] lengths = prefixLengths(start);
      int shortest = lengths.length; // index of the shortest failing length; the end: as it is
      int lo = 0; // every length below lo passed
      while (lo < shortest) {
        // The shortest first, as search does: a failure without faults ends shrinking early.
        int mid = lo == 0 ? 0 : (lo + shortest) >>> 1;
        if (tryCase(prefix(start, lengths[mid]))) {
          shortest = mid;
        } else {
          lo = mid + 1;
        }
      }
      if (shortest < lengths.length) {
        steps.add(
            "cut the run from "
                + Text.duration(before)
                + " to "
                + Text.duration(current.runNanos())
                + ", keeping the "
                + current.schedule().size()
                + " of "
                + start.schedule().size()
                + " events that end by "
                + Text.instant(Math.max(0, current.runNanos() - quietNanos))
                + " (the original's quiet period of "
                + Text.duration(quietNanos)
                + " kept)");
      }
    }

    /**
     * The run lengths shorter than {@code c}'s at which its kept events change, ascending: {@link
     * #minRunNanos()}, then each lasting event's end plus the quiet period.
     */
    private long[] prefixLengths(Case c) {
      TreeSet<Long> lengths = new TreeSet<>();
      lengths.add(minRunNanos);
      for (FaultEvent event : c.schedule().events()) {
        if (event.isReverted() && event.endNanos() < c.runNanos() - quietNanos) {
          lengths.add(Math.max(minRunNanos, event.endNanos() + quietNanos));
        }
      }
      return lengths.headSet(c.runNanos()).stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Cuts the head of the run: the latest event start {@code s} such that the case still fails
     * with only the events from {@code s} on, each moved earlier by {@code s}, and the run {@code
     * s} shorter. Tries the latest start first, then bisects. The quiet period moves with the
     * events, so it is kept.
     */
    private void latestFailingStart() {
      Case start = current;
      TreeSet<Long> set = new TreeSet<>();
      for (FaultEvent event : start.schedule().events()) {
        if (event.atNanos() > 0 && start.runNanos() - event.atNanos() >= minRunNanos) {
          set.add(event.atNanos());
        }
      }
      long[] starts = set.stream().mapToLong(Long::longValue).toArray();
      int latest = -1; // index of the latest failing start; -1: from 0, as it is
      int hi = starts.length; // every start from hi on passed
      while (hi - latest > 1) {
        int mid = hi == starts.length ? hi - 1 : (latest + hi) >>> 1;
        if (tryCase(suffix(start, starts[mid]))) {
          latest = mid;
        } else {
          hi = mid;
        }
      }
      if (latest >= 0) {
        steps.add(
            "cut the run's head: started it at "
                + Text.instant(starts[latest])
                + " of the old run, keeping the "
                + current.schedule().size()
                + " of "
                + start.schedule().size()
                + " events from there on (run cut from "
                + Text.duration(start.runNanos())
                + " to "
                + Text.duration(current.runNanos())
                + ")");
      }
    }

    /** {@code c} from {@code fromNanos} on: later events moved earlier by it, the run shorter. */
    private Case suffix(Case c, long fromNanos) {
      List<FaultEvent> kept = new ArrayList<>();
      for (FaultEvent event : c.schedule().events()) {
        if (event.atNanos() >= fromNanos) {
          kept.add(
              new FaultEvent(event.atNanos() - fromNanos, event.durationNanos(), event.fault()));
        }
      }
      return c.withSchedule(new FaultSchedule(kept)).withRunNanos(c.runNanos() - fromNanos);
    }

    /** {@code c} cut to {@code runNanos}, without the events that end in its quiet period. */
    private Case prefix(Case c, long runNanos) {
      long endBy = runNanos - quietNanos;
      List<FaultEvent> kept = new ArrayList<>();
      for (FaultEvent event : c.schedule().events()) {
        if (event.endNanos() <= endBy) {
          kept.add(event);
        }
      }
      return c.withSchedule(new FaultSchedule(kept)).withRunNanos(runNanos);
    }

    private boolean tryEvents(List<FaultEvent> events) {
      return tryCase(current.withSchedule(new FaultSchedule(events)));
    }

    /** Zeller's ddmin over the current events. */
    private void removeEvents() {
      List<FaultEvent> events = current.schedule().events();
      if (events.isEmpty()) {
        return;
      }
      if (tryEvents(List.of())) {
        steps.add("removed all " + events.size() + " events (0 left)");
        return;
      }
      int n = 2;
      while (events.size() >= 2) {
        int size = events.size();
        List<FaultEvent> next = null;
        // Keeping one chunk cuts the most, so it goes first; dropping one chunk is the fallback.
        for (int i = 0; i < n && next == null; i++) {
          List<FaultEvent> chunk = chunk(events, n, i, true);
          if (tryEvents(chunk)) {
            next = chunk;
            n = 2;
          }
        }
        // With two chunks, dropping one is keeping the other: already tried.
        for (int i = 0; i < n && next == null && n > 2; i++) {
          List<FaultEvent> rest = chunk(events, n, i, false);
          if (tryEvents(rest)) {
            next = rest;
            n = Math.max(n - 1, 2);
          }
        }
        if (next != null) {
          steps.add(
              "removed "
                  + (size - next.size())
                  + " of "
                  + size
                  + " events ("
                  + next.size()
                  + " left)");
          events = next;
        } else if (n >= size) {
          return; // 1-minimal: every single event was dropped in turn
        } else {
          n = Math.min(size, 2 * n);
        }
      }
    }

    /**
     * Merges two events of the same fault whose windows overlap or touch into one spanning both:
     * two back-to-back pauses of a node act as one longer pause, which removing either cannot find.
     */
    private void mergeOverlapping() {
      boolean merged = true;
      while (merged) {
        merged = false;
        List<FaultEvent> events = current.schedule().events();
        for (int i = 0; i < events.size() && !merged; i++) {
          for (int j = i + 1; j < events.size() && !merged; j++) {
            merged = tryMerge(events, i, j);
          }
        }
      }
    }

    /** Tries events {@code i} and {@code j} as one; says whether the merged case still fails. */
    private boolean tryMerge(List<FaultEvent> events, int i, int j) {
      FaultEvent a = events.get(i);
      FaultEvent b = events.get(j);
      boolean touch = b.atNanos() <= a.endNanos() && a.atNanos() <= b.endNanos();
      if (!a.isReverted() || !b.isReverted() || !touch || !a.fault().equals(b.fault())) {
        return false;
      }
      long at = Math.min(a.atNanos(), b.atNanos());
      long end = Math.max(a.endNanos(), b.endNanos());
      List<FaultEvent> merged = new ArrayList<>(events);
      merged.set(i, new FaultEvent(at, end - at, a.fault()));
      merged.remove(j);
      if (!tryEvents(merged)) {
        return false;
      }
      steps.add(
          "merged two \""
              + a.fault()
              + "\" events into one from "
              + Text.duration(at)
              + " for "
              + Text.duration(end - at));
      return true;
    }

    /** Chunk {@code i} of {@code n} near-equal chunks of {@code events}, or all but it. */
    private List<FaultEvent> chunk(List<FaultEvent> events, int n, int i, boolean keep) {
      int size = events.size();
      int from = (int) ((long) size * i / n);
      int to = (int) ((long) size * (i + 1) / n);
      List<FaultEvent> out = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        if ((k >= from && k < to) == keep) {
          out.add(events.get(k));
        }
      }
      return out;
    }

    private void shortenDurations() {
      List<FaultEvent> events = new ArrayList<>(current.schedule().events());
      for (int i = 0; i < events.size(); i++) {
        FaultEvent event = events.get(i);
        if (!event.isReverted() || event.durationNanos() <= minDurationNanos) {
          continue;
        }
        int index = i;
        long shortest =
            search(
                event.durationNanos(),
                minDurationNanos,
                d -> {
                  List<FaultEvent> copy = new ArrayList<>(events);
                  copy.set(index, new FaultEvent(event.atNanos(), d, event.fault()));
                  return tryEvents(copy);
                });
        if (shortest != event.durationNanos()) {
          events.set(i, new FaultEvent(event.atNanos(), shortest, event.fault()));
          steps.add(
              "shortened \""
                  + event.fault()
                  + "\" from "
                  + Text.duration(event.durationNanos())
                  + " to "
                  + Text.duration(shortest));
        }
      }
    }

    /** Moves single events earlier, each toward 0 in turn. */
    private void moveEachEarlier() {
      List<FaultEvent> events = new ArrayList<>(current.schedule().events());
      for (int i = 0; i < events.size(); i++) {
        FaultEvent event = events.get(i);
        if (event.atNanos() == 0) {
          continue;
        }
        int index = i;
        long earliest =
            search(
                event.atNanos(),
                0,
                at -> {
                  List<FaultEvent> copy = new ArrayList<>(events);
                  copy.set(index, new FaultEvent(at, event.durationNanos(), event.fault()));
                  return tryEvents(copy);
                });
        if (earliest != event.atNanos()) {
          // The list keeps its order (the schedule re-sorts), so later indices still match.
          events.set(i, new FaultEvent(earliest, event.durationNanos(), event.fault()));
          steps.add(
              "moved \""
                  + event.fault()
                  + "\" from "
                  + Text.instant(event.atNanos())
                  + " to "
                  + Text.instant(earliest));
        }
      }
    }

    /**
     * Moves every event earlier by the same amount. Tried before moving single events because a
     * failure usually needs its faults to overlap, which moving one at a time would break.
     */
    private void shiftAllEarlier() {
      List<FaultEvent> events = current.schedule().events();
      if (events.isEmpty() || events.get(0).atNanos() == 0) {
        return;
      }
      long first = events.get(0).atNanos(); // sorted, so the earliest
      long earliest =
          search(
              first,
              0,
              start -> {
                List<FaultEvent> copy = new ArrayList<>(events.size());
                for (FaultEvent e : events) {
                  copy.add(
                      new FaultEvent(e.atNanos() - (first - start), e.durationNanos(), e.fault()));
                }
                return tryEvents(copy);
              });
      if (earliest != first) {
        steps.add(
            "moved all "
                + events.size()
                + " events earlier by "
                + Text.duration(first - earliest)
                + " (first now at "
                + Text.instant(earliest)
                + ")");
      }
    }

    private void cutRun() {
      long before = current.runNanos();
      // Never end the run inside a fault or its quiet period: a failure that only shows because
      // the run stopped while a node was still down is an artefact of shrinking, not the bug.
      long floor = Math.max(minRunNanos, lastEndNanos(current) + quietNanos);
      if (before <= floor) {
        return;
      }
      long shortest = search(before, floor, r -> tryCase(current.withRunNanos(r)));
      if (shortest != before) {
        steps.add("cut the run from " + Text.duration(before) + " to " + Text.duration(shortest));
      }
    }

    private void cutClients() {
      int before = current.clients();
      int fewest = before;
      int cut = before - 1;
      // the same search as for times, on whole clients: one client first, then halving cuts
      while (cut > 0) {
        if (tryCase(current.withClients(fewest - cut))) {
          fewest -= cut;
          cut = Math.min(cut, fewest - 1);
        } else {
          cut /= 2;
        }
      }
      if (fewest != before) {
        steps.add("cut the workload from " + before + " to " + fewest + " clients");
      }
    }

    /** Moves each parameter with a floor toward it, as {@link #cutClients} does the clients. */
    private void cutParameters() {
      for (Map.Entry<String, Long> floor : parameterFloors.entrySet()) {
        String name = floor.getKey();
        Long value = current.parameters().get(name);
        if (value == null || value <= floor.getValue()) {
          continue;
        }
        long lowest = value;
        long cut = value - floor.getValue();
        while (cut > 0) {
          if (tryCase(current.withParameter(name, lowest - cut))) {
            lowest -= cut;
            cut = Math.min(cut, lowest - floor.getValue());
          } else {
            cut /= 2;
          }
        }
        if (lowest != value) {
          steps.add("moved parameter " + name + " from " + value + " to " + lowest);
        }
      }
    }

    /**
     * The smallest value in {@code [floor, value]} found to fail: tries {@code floor}, then cuts of
     * half the distance, a quarter, ..., while the cut is at least the resolution, keeping each cut
     * that fails. Candidates other than {@code floor} are whole multiples of the resolution, so
     * shrunk times read well ({@code 1.2s}, not {@code 1.200000302s}).
     */
    private long search(long value, long floor, java.util.function.LongPredicate fails) {
      long at = value;
      long cut = value - floor;
      while (cut > 0 && (cut >= resolutionNanos || at - cut == floor)) {
        long candidate =
            Math.max(floor, Math.floorDiv(at - cut, resolutionNanos) * resolutionNanos);
        if (candidate < at && fails.test(candidate)) {
          at = candidate;
          cut = Math.min(cut, at - floor);
        } else {
          cut /= 2;
        }
      }
      return at;
    }
  }
}
