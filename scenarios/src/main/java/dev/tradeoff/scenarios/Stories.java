package dev.tradeoff.scenarios;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.kernel.TraceRecorder;
import dev.tradeoff.core.metrics.Timeline;
import dev.tradeoff.reports.Narrative;
import dev.tradeoff.reports.RunReport;
import dev.tradeoff.reports.Story;
import dev.tradeoff.reports.WitnessPlacer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a run's {@link Story} from what the simulation kept: the kernel's {@link Timeline} (the
 * role changes the kernel and the patterns published), the checks' witnesses placed in the history,
 * and — in a second run of the same scenario with a {@link TraceRecorder} around the first
 * violation — the space-time diagram. The second run is the same run (same seed, same events): the
 * recorder only watches, so its trace hash equals the first's, which {@link #withDiagram} checks.
 */
public final class Stories {
  /** Lanes drawn at most: a timeline of a thousand customers would be a wall of grey. */
  static final int MAX_LANES = 40;

  /**
   * Diagram window: this much before the first operation the violation names (the write a stale
   * read missed, say) and after the last one completes.
   */
  static final long PAD_NANOS = 15_000_000L;

  /**
   * The widest diagram window: a witness naming a write from long before is cut to this much before
   * its own operation ends, and the caption says what fell outside.
   */
  static final long MAX_WINDOW_NANOS = 2_000_000_000L;

  /**
   * States drawn at most per lane and track: a cache marks every invalidation, and a thousand marks
   * would make the page long and say no more than the hundred nearest the witnesses.
   */
  static final int MAX_SPANS_PER_TRACK = 100;

  /** Client operations a diagram draws at most, witnesses aside: those nearest the witness's. */
  static final int MAX_OPS = 200;

  /** Messages a diagram draws at most: those nearest the witness's operations in time. */
  static final int MAX_MESSAGES = 400;

  /** Events the diagram's recorder keeps at most, from which the nearest messages are drawn. */
  static final int BUDGET = 20_000;

  private Stories() {}

  /** The story of a finished run, without a diagram. */
  static Story of(Simulation sim, List<CheckResult> checks, long endNanos) {
    History history = sim.history();
    Set<String> clients = clients(sim, history);
    Timeline timeline = sim.metrics().timeline();
    List<Timeline.Span> spans = timeline.spansUntil(endNanos);
    Set<String> withState = new LinkedHashSet<>();
    for (Timeline.Span s : spans) {
      // A client cut off with its side of a partition says nothing the fault window does not.
      if (!clients.contains(s.lane()) || !s.track().equals(Simulation.NETWORK_TRACK)) {
        withState.add(s.lane());
      }
    }
    List<String> lanes = new ArrayList<>();
    for (String lane : timeline.lanes()) {
      if (lanes.size() < MAX_LANES && (withState.contains(lane) || !clients.contains(lane))) {
        lanes.add(lane);
      }
    }
    List<Story.Witness> witnesses = WitnessPlacer.place(checks, history, sim.metrics().positions());
    return new Story(lanes, roles(spans, lanes, witnesses), witnesses, null);
  }

  /**
   * The spans on {@code lanes}, at most {@link #MAX_SPANS_PER_TRACK} per lane and track (a cache
   * marks every invalidation): those nearest the witnesses' times, or evenly spread when there are
   * none, in the order they began.
   */
  private static List<Story.Role> roles(
      List<Timeline.Span> spans, List<String> lanes, List<Story.Witness> witnesses) {
    Map<String, List<Integer>> byTrack = new LinkedHashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      Timeline.Span s = spans.get(i);
      if (lanes.contains(s.lane())) {
        byTrack.computeIfAbsent(s.lane() + '\n' + s.track(), k -> new ArrayList<>()).add(i);
      }
    }
    long[] moments = new long[Math.max(1, witnesses.size())];
    for (int i = 0; i < witnesses.size(); i++) {
      moments[i] = witnesses.get(i).atNanos();
    }
    boolean[] kept = new boolean[spans.size()];
    for (List<Integer> track : byTrack.values()) {
      int n = Math.min(track.size(), MAX_SPANS_PER_TRACK);
      if (witnesses.isEmpty()) {
        // Nothing to be near: every k-th, so that the marks still cover the run.
        for (int k = 0; k < n; k++) {
          kept[track.get((int) ((long) k * track.size() / n))] = true;
        }
        continue;
      }
      for (int i :
          nearest(
              track, MAX_SPANS_PER_TRACK, moments, i -> spans.get(i).startNanos(), i -> false)) {
        kept[i] = true;
      }
    }
    List<Story.Role> roles = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      Timeline.Span s = spans.get(i);
      if (kept[i]) {
        roles.add(new Story.Role(s.lane(), s.track(), s.state(), s.startNanos(), s.endNanos()));
      }
    }
    return roles;
  }

  /** The names of the nodes that issued operations. */
  private static Set<String> clients(Simulation sim, History history) {
    Set<Integer> ids = new java.util.TreeSet<>();
    for (int i = 0; i < history.size(); i++) {
      ids.add(history.process(i));
    }
    Set<String> names = new LinkedHashSet<>();
    for (int id : ids) {
      if (id >= 0 && id < sim.nodeCount()) {
        names.add(sim.nodeName(id));
      }
    }
    return names;
  }

  /**
   * {@code report} with a space-time diagram around its {@link Narrative#focus} violation, drawn
   * from a second run of {@code scenario} with a recorder; {@code report} itself when no violation
   * was placed.
   *
   * @throws IllegalStateException if the second run's trace hash differs from the report's (the
   *     recorder would have changed the run)
   */
  public static RunReport withDiagram(Scenario scenario, String replay, RunReport report) {
    Narrative.Violation focus = Narrative.focus(report);
    if (focus == null) {
      return report;
    }
    Story.Witness w = Narrative.placed(report, focus);
    long to = w.lastNanos() + PAD_NANOS;
    long from = Math.max(0, windowStart(w) - PAD_NANOS);
    TraceRecorder recorder = new TraceRecorder(from, to, BUDGET);
    // The simulation alone: the first run's checkers already judged this same history.
    ScenarioRunner.Simulated again = ScenarioRunner.simulateOnly(scenario, replay, recorder);
    if (again.traceHash() != report.traceHash()) {
      throw new IllegalStateException("recording the trace changed the run's trace hash");
    }
    return report.withStory(
        report.story().withDiagram(diagram(again.simulation(), recorder, report.story(), w)));
  }

  /**
   * Where a diagram of {@code w} begins, before padding: at the earliest of its operations that
   * began at most {@link #MAX_WINDOW_NANOS} before its own operation ended; one from longer ago
   * (the old write a stale read saw) does not stretch the window, and the caption names it.
   */
  static long windowStart(Story.Witness w) {
    long end = Math.max(w.atNanos(), w.endNanos());
    long from = w.atNanos();
    for (Story.ClientOp op : w.related()) {
      if (op.invokeNanos() >= end - MAX_WINDOW_NANOS) {
        from = Math.min(from, op.invokeNanos());
      }
    }
    return from;
  }

  /** {@link #diagram(Simulation, TraceRecorder, Story, Story.Witness)} around no witness. */
  static Story.Diagram diagram(Simulation sim, TraceRecorder recorder, Story story) {
    return diagram(sim, recorder, story, null);
  }

  /**
   * The diagram of what {@code recorder} kept of {@code sim}'s run, drawn around {@code focus} (or
   * the window's middle when null): the operations and messages nearest its operations' times
   * within the bounds, the witnesses' operations always.
   */
  static Story.Diagram diagram(
      Simulation sim, TraceRecorder recorder, Story story, Story.Witness focus) {
    long from = recorder.fromNanos();
    long to = recorder.toNanos();
    History h = sim.history();
    long[] moments = moments(focus, from, to);
    Set<Integer> witnessOps = new java.util.TreeSet<>();
    for (Story.Witness w : story.witnesses()) {
      witnessOps.addAll(w.ops());
    }
    List<Story.ClientOp> ops = new ArrayList<>();
    Set<String> opClients = new LinkedHashSet<>();
    for (int i = 0; i < h.size(); i++) {
      long invoke = h.invokeNanos(i);
      long complete = h.completeNanos(i);
      if (invoke > to || (complete != Long.MAX_VALUE && complete < from)) {
        continue;
      }
      String client = h.processName(h.process(i));
      boolean witness = witnessOps.contains(i);
      for (Story.Witness w : story.witnesses()) {
        // A check that named its operation only in text is matched by time and client.
        witness |= w.ops().isEmpty() && w.atNanos() == invoke && w.client().equals(client);
      }
      ops.add(WitnessPlacer.clientOp(h, i, witness));
      opClients.add(client);
    }
    Map<Long, Story.Message> byId = new LinkedHashMap<>();
    List<Story.Message> unsent = new ArrayList<>();
    Set<String> involved = new LinkedHashSet<>();
    for (TraceRecorder.Event e : recorder.events()) {
      String a = sim.nodeName(e.from());
      String b = sim.nodeName(e.to());
      involved.add(a);
      involved.add(b);
      // Ids are given at send, so a message's first event is its send (or its drop at send).
      boolean send = !byId.containsKey(e.message());
      if (e.message() == 0) {
        unsent.add(new Story.Message(a, b, e.type(), -1, e.timeNanos(), e.fate().word()));
      } else if (send) {
        boolean over = e.fate() != TraceRecorder.Fate.SENT && e.fate() != TraceRecorder.Fate.HELD;
        byId.put(
            e.message(),
            new Story.Message(
                a,
                b,
                e.type(),
                e.timeNanos(),
                over ? e.timeNanos() : -1,
                over ? e.fate().word() : "in-flight"));
      } else {
        Story.Message m = byId.get(e.message());
        if (m != null) {
          byId.put(
              e.message(),
              new Story.Message(
                  m.from(), m.to(), m.type(), m.sentNanos(), e.timeNanos(), e.fate().word()));
        }
      }
    }
    List<Story.Message> all = new ArrayList<>(unsent);
    all.addAll(byId.values());
    List<Story.Message> messages =
        nearest(
            all,
            MAX_MESSAGES,
            moments,
            m -> m.sentNanos() < 0 ? m.endNanos() : m.sentNanos(),
            m -> false);
    List<String> lanes = new ArrayList<>();
    for (String lane : story.lanes()) {
      if (involved.contains(lane) && !opClients.contains(lane)) {
        lanes.add(lane);
      }
    }
    for (String lane : involved) {
      if (!lanes.contains(lane) && !opClients.contains(lane) && lanes.size() < MAX_LANES) {
        lanes.add(lane);
      }
    }
    for (String client : opClients) {
      if (lanes.size() < MAX_LANES) {
        lanes.add(client);
      }
    }
    // Only what is drawn, and a bounded number of bars: a thousand customers' operations in the
    // window would make the page megabytes long. Witnesses are always kept.
    List<Story.ClientOp> onLanes = new ArrayList<>();
    for (Story.ClientOp op : ops) {
      if (lanes.contains(op.client())) {
        onLanes.add(op);
      }
    }
    List<Story.ClientOp> drawn =
        nearest(onLanes, MAX_OPS, moments, Story.ClientOp::invokeNanos, Story.ClientOp::witness);
    return new Story.Diagram(
        from,
        to,
        lanes,
        messages,
        drawn,
        recorder.omitted(),
        cut(all.size() - messages.size(), ops.size() - drawn.size(), focus, from));
  }

  /** The instants a diagram is drawn around: its focus's operations' ends, or the middle. */
  private static long[] moments(Story.Witness focus, long from, long to) {
    List<Long> at = new ArrayList<>();
    if (focus != null) {
      at.add(focus.atNanos());
      at.add(focus.endNanos());
      for (Story.ClientOp op : focus.related()) {
        at.add(op.invokeNanos());
        at.add(op.completeNanos());
      }
    }
    at.removeIf(t -> t < 0);
    if (at.isEmpty()) {
      at.add(from + (to - from) / 2);
    }
    long[] out = new long[at.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = at.get(i);
    }
    return out;
  }

  /**
   * At most {@code max} of {@code items} (and every one {@code keep} holds for), those whose time
   * is nearest one of {@code moments}, in their given order. Ties go to the earlier item.
   */
  static <T> List<T> nearest(
      List<T> items,
      int max,
      long[] moments,
      java.util.function.ToLongFunction<T> time,
      java.util.function.Predicate<T> keep) {
    if (items.size() <= max) {
      return items;
    }
    Integer[] order = new Integer[items.size()];
    long[] distance = new long[items.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      long t = time.applyAsLong(items.get(i));
      long d = Long.MAX_VALUE;
      for (long m : moments) {
        d = Math.min(d, Math.abs(t - m));
      }
      distance[i] = keep.test(items.get(i)) ? -1 : d;
    }
    java.util.Arrays.sort(
        order,
        (a, b) -> distance[a] != distance[b] ? Long.compare(distance[a], distance[b]) : a - b);
    boolean[] chosen = new boolean[items.size()];
    int n = 0;
    for (int i : order) {
      if (n < max || distance[i] < 0) {
        chosen[i] = true;
        n++;
      }
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i]) {
        out.add(items.get(i));
      }
    }
    return out;
  }

  /** What the diagram's bounds left out, in words, or empty. */
  private static String cut(long messages, long ops, Story.Witness focus, long from) {
    List<String> parts = new ArrayList<>();
    if (messages > 0) {
      parts.add(messages + " messages");
    }
    if (ops > 0) {
      parts.add(ops + " client operations");
    }
    String text =
        parts.isEmpty()
            ? ""
            : String.join(" and ", parts)
                + " of the window are not drawn (those farthest from the witness's operations)";
    if (focus != null) {
      for (Story.ClientOp op : focus.related()) {
        if (op.completeNanos() >= 0 && op.completeNanos() < from) {
          text +=
              (text.isEmpty() ? "" : "; ")
                  + op.client()
                  + " "
                  + op.what()
                  + " completed at "
                  + dev.tradeoff.core.TimeText.of(op.completeNanos())
                  + ", before the window";
        }
      }
    }
    return text;
  }
}
