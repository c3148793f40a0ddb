package dev.tradeoff.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run's role timeline: what each node was, over true time, on a few named tracks. It is the one
 * way anything in a run publishes a role change, as {@link Metrics#probe} is the one way to publish
 * a series: the kernel publishes track {@code process} ({@code crashed}, {@code paused}) and track
 * {@code network} ({@code cut off from k of n}); patterns publish their own, such as {@code role}
 * ({@code leader term 2}, {@code candidate term 3}) and {@code lease} ({@code lease held}). A
 * report draws every track of every lane the same way, knowing no pattern.
 *
 * <p>Contract: {@link #state} opens a state on one {@code (lane, track)} and closes the one open
 * there; {@code null} only closes; a state given an end lapses then unless set again first. A state
 * set again to the same value is one span; one replaced at the instant it began is dropped, so a
 * burst of changes at one instant leaves only its last value. Times must not go backwards per
 * track. {@link #spans()} gives closed spans in the order they were opened; {@link #spansUntil}
 * closes the still-open ones at the given end. Lanes come in order of first appearance.
 * Deterministic: no hash order is observed.
 */
public final class Timeline {
  /**
   * A state held on a lane's track over {@code [startNanos, endNanos)}.
   *
   * @param lane the node, e.g. {@code db-0}
   * @param track what kind of state, e.g. {@code role}
   * @param state the state in words, e.g. {@code leader term 2}
   * @param startNanos true time it began
   * @param endNanos true time it ended, or the run's end if it never did
   */
  public record Span(String lane, String track, String state, long startNanos, long endNanos) {
    /** Rejects nulls and a span that ends before it begins. */
    public Span {
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(track, "track");
      Objects.requireNonNull(state, "state");
      if (endNanos < startNanos) {
        throw new IllegalArgumentException("span ends before it begins: " + lane + " " + state);
      }
    }
  }

  /** An open state: its value, start, and position in {@link #spans} once closed. */
  private static final class Open {
    final String state;
    final long startNanos;
    final int order;
    long untilNanos;

    Open(String state, long startNanos, int order, long untilNanos) {
      this.state = state;
      this.startNanos = startNanos;
      this.order = order;
      this.untilNanos = untilNanos;
    }
  }

  // LinkedHashSet: first-appearance order, and a run of 65,536 nodes adds them in linear time.
  private final java.util.LinkedHashSet<String> lanes = new java.util.LinkedHashSet<>();
  // Keyed by lane + '\n' + track; insertion-ordered, so iteration is deterministic.
  private final LinkedHashMap<String, Open> open = new LinkedHashMap<>();
  private final List<Span> closed = new ArrayList<>();
  private final List<Integer> closedOrder = new ArrayList<>();
  private int opened;

  /**
   * Sets lane {@code lane}'s state on {@code track} to {@code state} from {@code nowNanos} on; a
   * {@code null} state ends the open one.
   */
  public void state(String lane, String track, long nowNanos, String state) {
    state(lane, track, nowNanos, state, Long.MAX_VALUE);
  }

  /**
   * {@link #state(String, String, long, String)} for a state that lapses at {@code untilNanos}
   * unless set again (to the same value, which extends it) before then.
   */
  public void state(String lane, String track, long nowNanos, String state, long untilNanos) {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(track, "track");
    lanes.add(lane);
    String key = lane + '\n' + track;
    Open current = open.get(key);
    if (current != null && current.untilNanos <= nowNanos) {
      // It lapsed before this change: it ended then, not now.
      open.remove(key);
      if (current.untilNanos > current.startNanos) {
        close(
            new Span(lane, track, current.state, current.startNanos, current.untilNanos),
            current.order);
      }
      current = null;
    }
    if (current != null) {
      if (current.state.equals(state)) {
        current.untilNanos = untilNanos;
        return;
      }
      if (nowNanos < current.startNanos) {
        throw new IllegalArgumentException("time went backwards on " + lane + "/" + track);
      }
      open.remove(key);
      if (nowNanos > current.startNanos) {
        close(new Span(lane, track, current.state, current.startNanos, nowNanos), current.order);
      }
    }
    if (state != null && untilNanos > nowNanos) {
      open.put(key, new Open(state, nowNanos, opened++, untilNanos));
    }
  }

  /**
   * Ends every state open on {@code lane} at {@code nowNanos} but those on the tracks in {@code
   * keep}, as a crash ends a node's roles but not the cuts of its links.
   */
  public void endLane(String lane, long nowNanos, String... keep) {
    List<String> tracks = new ArrayList<>();
    for (String key : open.keySet()) {
      if (key.startsWith(lane + '\n')) {
        String track = key.substring(lane.length() + 1);
        if (!List.of(keep).contains(track)) {
          tracks.add(track);
        }
      }
    }
    for (String track : tracks) {
      state(lane, track, nowNanos, null);
    }
  }

  /** Adds a lane with no state yet, so that it is drawn even if nothing happens to it. */
  public void lane(String lane) {
    lanes.add(lane);
  }

  private void close(Span span, int order) {
    closed.add(span);
    closedOrder.add(order);
  }

  /** The lanes, in order of first appearance. */
  public List<String> lanes() {
    return List.copyOf(lanes);
  }

  /** Whether nothing was published. */
  public boolean isEmpty() {
    return closed.isEmpty() && open.isEmpty();
  }

  /** The closed spans, and the open ones ended at {@code endNanos}, in the order they began. */
  public List<Span> spansUntil(long endNanos) {
    List<long[]> order = new ArrayList<>();
    List<Span> all = new ArrayList<>(closed);
    for (int i = 0; i < closed.size(); i++) {
      order.add(new long[] {closedOrder.get(i), i});
    }
    for (Map.Entry<String, Open> e : open.entrySet()) {
      int cut = e.getKey().indexOf('\n');
      Open o = e.getValue();
      order.add(new long[] {o.order, all.size()});
      all.add(
          new Span(
              e.getKey().substring(0, cut),
              e.getKey().substring(cut + 1),
              o.state,
              o.startNanos,
              Math.max(o.startNanos, Math.min(o.untilNanos, endNanos))));
    }
    order.sort((a, b) -> Long.compare(a[0], b[0]));
    List<Span> result = new ArrayList<>(all.size());
    for (long[] o : order) {
      result.add(all.get((int) o[1]));
    }
    return result;
  }
}
