package dev.tradeoff.core.kernel;

import it.unimi.dsi.fastutil.objects.Reference2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A bounded recording of a run's messages, for a space-time (Lamport) diagram: every send and every
 * arrival inside a window of true time, up to a budget of events. Installed with {@link
 * Simulation#traceRecorder}; it only watches, so a run records the same trace hash, history and
 * metrics with or without it.
 *
 * <p>Each message sent in the window gets an id (1, 2, … in send order); its arrival, drop or hold
 * is recorded under that id even after the window closes, so no arrow is cut off, as long as the
 * budget lasts. Past the budget nothing more is recorded and {@link #omitted()} counts what was
 * left out. A message sent before the window and arriving in it is recorded with id 0 (its send is
 * unknown). Deterministic: ids follow the event order; the payload map is looked up, never
 * iterated.
 */
public final class TraceRecorder {
  /** What happened to a message at one end. */
  public enum Fate {
    /** Sent onto the network. */
    SENT,
    /** Handed to the receiving node. */
    DELIVERED,
    /** Dropped by a cut link (on send or on arrival). */
    DROPPED_BY_PARTITION,
    /** Dropped by random loss. */
    DROPPED_BY_LOSS,
    /** Arrived at a node that was down. */
    DROPPED_AT_DOWN_NODE,
    /** Held by a clogged link until it heals. */
    HELD,
    /** Arrived at a paused node, handled when it resumes. */
    DEFERRED;

    /** The fate in lower-case words with dashes, e.g. {@code dropped-by-partition}. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One recorded event.
   *
   * @param timeNanos true time
   * @param fate what happened
   * @param from the sender's node id
   * @param to the receiver's node id
   * @param message the message's id (0: sent before the window)
   * @param type the payload's simple class name, e.g. {@code Append}
   */
  public record Event(long timeNanos, Fate fate, int from, int to, long message, String type) {}

  private final long fromNanos;
  private final long toNanos;
  private final int budget;
  private final List<Event> events = new ArrayList<>();
  // Payload → ids of its sends not yet resolved, oldest first. Lookups only, never iterated.
  private final Reference2ObjectOpenHashMap<Object, List<Long>> inFlight =
      new Reference2ObjectOpenHashMap<>();
  private long nextId = 1;
  private long omitted;

  /**
   * Records true times {@code [fromNanos, toNanos]}, at most {@code budget} events.
   *
   * @throws IllegalArgumentException if the window is empty or backwards, or the budget negative
   */
  public TraceRecorder(long fromNanos, long toNanos, int budget) {
    if (toNanos < fromNanos || budget < 0) {
      throw new IllegalArgumentException(
          "bad trace window " + fromNanos + ".." + toNanos + " or budget " + budget);
    }
    this.fromNanos = fromNanos;
    this.toNanos = toNanos;
    this.budget = budget;
  }

  /** Start of the window, true ns. */
  public long fromNanos() {
    return fromNanos;
  }

  /** End of the window, true ns. */
  public long toNanos() {
    return toNanos;
  }

  /** The recorded events, in the order they happened. */
  public List<Event> events() {
    return Collections.unmodifiableList(events);
  }

  /** Events that fell in the window (or ended a recorded message) but exceeded the budget. */
  public long omitted() {
    return omitted;
  }

  void sent(long nowNanos, int from, int to, Object message, Fate fate) {
    if (nowNanos < fromNanos || nowNanos > toNanos) {
      return;
    }
    if (events.size() >= budget) {
      omitted++;
      return;
    }
    long id = nextId++;
    events.add(new Event(nowNanos, fate, from, to, id, type(message)));
    if (fate == Fate.SENT || fate == Fate.HELD) {
      inFlight.computeIfAbsent(message, m -> new ArrayList<>(1)).add(id);
    }
  }

  /** A second copy of a message already sent (a duplicate): one more arrival to expect. */
  void duplicated(Object message) {
    List<Long> ids = inFlight.get(message);
    if (ids != null && !ids.isEmpty()) {
      ids.add(ids.get(ids.size() - 1));
    }
  }

  void arrived(long nowNanos, int from, int to, Object message, Fate fate) {
    List<Long> ids = inFlight.get(message);
    long id = 0;
    if (ids != null && !ids.isEmpty()) {
      id = fate == Fate.HELD || fate == Fate.DEFERRED ? ids.get(0) : ids.remove(0);
      if (ids.isEmpty()) {
        inFlight.remove(message);
      }
    } else if (nowNanos < fromNanos || nowNanos > toNanos) {
      return;
    }
    if (events.size() >= budget) {
      omitted++;
      return;
    }
    events.add(new Event(nowNanos, fate, from, to, id, type(message)));
  }

  private static String type(Object message) {
    return message == null ? "null" : message.getClass().getSimpleName();
  }
}
