package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code atomicity}: two-phase commit's promise — each transaction committed at every participant
 * or at none, as the participants' disks hold their steps at the end of the run. A transaction
 * committed at one participant and aborted (or never prepared, or still in doubt) at another is a
 * violation, its witness naming each step's state. Fires when participants in doubt decide on their
 * own ({@code heuristicAfter}) while a coordinator that decided commit is down.
 */
final class Atomicity implements Checker {
  private final List<Step> steps;
  private final List<String> nodes;
  private final List<NavigableMap<String, ParticipantNode.Entry>> disks;

  /**
   * Judges the steps on the disks {@code disks}, one per step's participant {@code nodes} (a node
   * running two steps appears twice).
   */
  Atomicity(
      List<Step> steps,
      List<String> nodes,
      List<NavigableMap<String, ParticipantNode.Entry>> disks) {
    this.steps = steps;
    this.nodes = nodes;
    this.disks = disks;
  }

  @Override
  public String name() {
    return "atomicity";
  }

  @Override
  public CheckResult check(History history) {
    TreeMap<Long, ParticipantNode.State[]> txns = new TreeMap<>();
    for (int i = 0; i < steps.size(); i++) {
      for (Map.Entry<String, ParticipantNode.Entry> e : disks.get(i).entrySet()) {
        ParticipantNode.Entry entry = e.getValue();
        if (entry.step() == i) {
          txns.computeIfAbsent(entry.txn(), t -> new ParticipantNode.State[steps.size()])[i] =
              entry.state();
        }
      }
    }
    Findings f = new Findings(name());
    long committed = 0;
    for (Map.Entry<Long, ParticipantNode.State[]> t : txns.entrySet()) {
      int commits = 0;
      for (ParticipantNode.State s : t.getValue()) {
        commits += s == ParticipantNode.State.COMMITTED ? 1 : 0;
      }
      if (commits == steps.size()) {
        committed++;
      } else if (commits > 0) {
        f.add("transaction " + t.getKey() + ": " + states(t.getValue()));
      }
    }
    return f.result(committed + " transactions committed everywhere, of " + txns.size() + " seen");
  }

  private String states(ParticipantNode.State[] states) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < states.length; i++) {
      b.append(i == 0 ? "" : ", ")
          .append(steps.get(i).name())
          .append(" at ")
          .append(nodes.get(i))
          .append(' ')
          .append(
              states[i] == null
                  ? "never prepared"
                  : states[i].name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    return b.toString();
  }
}
