package dev.tradeoff.faults;

import dev.tradeoff.core.kernel.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link FaultSchedule} installed into one {@link Simulation}: it applies each event at its
 * start, reverts it at its end, and records a {@link FaultWindow} for each applied event.
 *
 * <p>{@link #install} checks the schedule against the simulation up front: every node and zone name
 * must exist (names are resolved to ids once, so install after adding every node; the nodes a fault
 * means by "every other node" or "the nodes of zone z" are those present then), and no event may
 * lie before the simulation's current time. Applies and reverts are queued at install through
 * {@link Simulation#schedule}, in schedule order, each event's revert right after its apply. So at
 * one instant the reverts of earlier events run before the applies of events starting then, and
 * both run before any event queued after install for that instant (a node's timer or message due at
 * the same time sees the fault).
 *
 * <p>Install one schedule per simulation: two injectors keep separate books, so each would take the
 * other's cuts and crashes for changes made outside its schedule.
 *
 * <p>How faults are undone exactly when they overlap, and where the kernel prevents it, is in
 * {@link FaultTarget}.
 */
public final class FaultInjector {
  private final Simulation sim;
  private final FaultSchedule schedule;
  private final FaultTarget target;
  private final Runnable[] reverts;
  private final Window[] windowOfEvent;
  private final List<Window> windows = new ArrayList<>();
  // Which event holds each live claim set, and how many each event still holds: a heal, unclog or
  // restart can end an event's claims before its revert, and its window must end then.
  private final TreeMap<Long, Integer> tokenOwners = new TreeMap<>();
  private final int[] liveTokens;
  private final TreeSet<Long> endedWhileApplying = new TreeSet<>();

  private FaultInjector(Simulation sim, FaultSchedule schedule, FaultTarget target) {
    this.sim = sim;
    this.schedule = schedule;
    this.target = target;
    this.reverts = new Runnable[schedule.size()];
    this.windowOfEvent = new Window[schedule.size()];
    this.liveTokens = new int[schedule.size()];
    target.onClaimsEnded(this::claimsEnded);
  }

  /**
   * Checks {@code schedule} against {@code sim} and queues its events. Throws {@link
   * IllegalArgumentException} naming the event and the unknown node or zone (with the known ones)
   * or the event that lies in the past; nothing is queued then.
   */
  public static FaultInjector install(Simulation sim, FaultSchedule schedule) {
    FaultTarget target = new FaultTarget(sim);
    for (FaultEvent event : schedule.events()) {
      for (String node : event.fault().nodeNames()) {
        if (!target.hasNode(node)) {
          throw new IllegalArgumentException(
              "unknown node \""
                  + node
                  + "\" in fault event \""
                  + event
                  + "\"; known nodes: "
                  + String.join(", ", target.knownNodes()));
        }
      }
      for (String zone : event.fault().zoneNames()) {
        if (!target.hasZone(zone)) {
          throw new IllegalArgumentException(
              "unknown zone \""
                  + zone
                  + "\" in fault event \""
                  + event
                  + "\"; known zones: "
                  + String.join(", ", target.knownZones()));
        }
      }
      if (event.atNanos() < sim.nowNanos()) {
        throw new IllegalArgumentException(
            "fault event \""
                + event
                + "\" lies before the simulation's current time "
                + Text.instant(sim.nowNanos()));
      }
    }
    FaultInjector injector = new FaultInjector(sim, schedule, target);
    List<FaultEvent> events = schedule.events();
    for (int i = 0; i < events.size(); i++) {
      int index = i;
      FaultEvent event = events.get(i);
      sim.schedule(event.atNanos(), () -> injector.apply(index));
      if (event.isReverted()) {
        sim.schedule(event.endNanos(), () -> injector.revert(index));
      }
    }
    return injector;
  }

  /** The simulation this injector acts on. */
  public Simulation simulation() {
    return sim;
  }

  /** The installed schedule. */
  public FaultSchedule schedule() {
    return schedule;
  }

  /**
   * The windows of every event applied so far, in the order applied (by start time, then schedule
   * order). A window ends when its fault is reverted, or earlier when a heal, unclog or restart
   * undid all of it; a fault that found every node or link already down or cut ends where it
   * starts. Windows still open end at {@link Long#MAX_VALUE}.
   */
  public List<FaultWindow> windows() {
    return windows(Long.MAX_VALUE);
  }

  /**
   * {@link #windows()} with open windows ending at {@code runEndNanos} instead (or at their start,
   * if that is later), for a report of a run that stopped there.
   */
  public List<FaultWindow> windows(long runEndNanos) {
    List<FaultWindow> list = new ArrayList<>(windows.size());
    for (Window window : windows) {
      long end =
          window.endNanos == Long.MAX_VALUE
              ? Math.max(runEndNanos, window.startNanos)
              : window.endNanos;
      list.add(new FaultWindow(window.startNanos, end, window.kind, window.description));
    }
    return Collections.unmodifiableList(list);
  }

  private void apply(int index) {
    FaultEvent event = schedule.events().get(index);
    Fault fault = event.fault();
    long now = sim.nowNanos();
    Window window = new Window(now, fault.kind(), fault.toString());
    if (fault.durationRule() == Fault.DurationRule.NONE) {
      window.endNanos = now;
    }
    windowOfEvent[index] = window;
    windows.add(window);
    long first = target.nextToken();
    endedWhileApplying.clear();
    reverts[index] = fault.apply(target, event.durationNanos());
    long last = target.nextToken();
    for (long token = first; token < last; token++) {
      if (!endedWhileApplying.contains(token)) {
        tokenOwners.put(token, index);
        liveTokens[index]++;
      }
    }
    if (last > first && liveTokens[index] == 0) {
      window.endNanos = now; // it claimed nothing: every node or link was already down or cut
    }
  }

  private void revert(int index) {
    Runnable revert = reverts[index];
    reverts[index] = null;
    revert.run();
    endWindow(index);
  }

  private void claimsEnded(long token) {
    Integer owner = tokenOwners.remove(token);
    if (owner == null) {
      endedWhileApplying.add(token);
    } else if (--liveTokens[owner] == 0) {
      endWindow(owner);
    }
  }

  private void endWindow(int index) {
    Window window = windowOfEvent[index];
    if (window.endNanos == Long.MAX_VALUE) {
      window.endNanos = sim.nowNanos();
    }
  }

  /**
   * A window being recorded; its end is filled in when the fault is reverted, or earlier when a
   * heal, unclog or restart takes away everything it did.
   */
  private static final class Window {
    final long startNanos;
    final String kind;
    final String description;
    long endNanos = Long.MAX_VALUE;

    Window(long startNanos, String kind, String description) {
      this.startNanos = startNanos;
      this.kind = kind;
      this.description = description;
    }
  }
}
