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
import java.util.Locale;
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

  /** Diagram window: this much before the first violation and after its operation completes. */
  static final long PAD_NANOS = 15_000_000L;

  /** Client operations a diagram draws at most, witnesses aside. */
  static final int MAX_OPS = 200;

  /** Events the diagram's recorder keeps at most. */
  static final int BUDGET = 400;

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
    List<Story.Role> roles = new ArrayList<>();
    for (Timeline.Span s : spans) {
      if (lanes.contains(s.lane())) {
        roles.add(new Story.Role(s.lane(), s.track(), s.state(), s.startNanos(), s.endNanos()));
      }
    }
    return new Story(lanes, roles, WitnessPlacer.place(checks, history), null);
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
  public static RunReport withDiagram(
      Scenario scenario, String replay, String version, RunReport report) {
    Narrative.Violation focus = Narrative.focus(report);
    if (focus == null) {
      return report;
    }
    Story.Witness w = Narrative.placed(report, focus);
    long from = Math.max(0, w.atNanos() - PAD_NANOS);
    long to = Math.max(w.atNanos(), w.endNanos()) + PAD_NANOS;
    TraceRecorder recorder = new TraceRecorder(from, to, BUDGET);
    ScenarioRunner.Run again = ScenarioRunner.run(scenario, replay, version, recorder);
    if (again.report().traceHash() != report.traceHash()) {
      throw new IllegalStateException("recording the trace changed the run's trace hash");
    }
    return report.withStory(
        report.story().withDiagram(diagram(again.simulation(), recorder, report.story())));
  }

  /** The diagram of what {@code recorder} kept of {@code sim}'s run. */
  static Story.Diagram diagram(Simulation sim, TraceRecorder recorder, Story story) {
    long from = recorder.fromNanos();
    long to = recorder.toNanos();
    History h = sim.history();
    List<Story.ClientOp> ops = new ArrayList<>();
    Set<String> opClients = new LinkedHashSet<>();
    for (int i = 0; i < h.size(); i++) {
      long invoke = h.invokeNanos(i);
      long complete = h.completeNanos(i);
      if (invoke > to || (complete != Long.MAX_VALUE && complete < from)) {
        continue;
      }
      String client = h.processName(h.process(i));
      boolean witness = false;
      for (Story.Witness w : story.witnesses()) {
        witness |= w.atNanos() == invoke && w.client().equals(client);
      }
      String node = h.server(i);
      ops.add(
          new Story.ClientOp(
              client,
              whatOf(h, i),
              invoke,
              complete == Long.MAX_VALUE ? -1 : complete,
              h.status(i).name().toLowerCase(Locale.ROOT),
              node == null ? "" : node,
              witness));
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
    List<Story.Message> messages = new ArrayList<>(unsent);
    messages.addAll(byId.values());
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
    List<Story.ClientOp> drawn = new ArrayList<>();
    for (Story.ClientOp op : ops) {
      if (lanes.contains(op.client()) && (op.witness() || drawn.size() < MAX_OPS)) {
        drawn.add(op);
      }
    }
    return new Story.Diagram(from, to, lanes, messages, drawn, recorder.omitted());
  }

  private static String whatOf(History h, int op) {
    return WitnessPlacer.what(h, op);
  }
}
