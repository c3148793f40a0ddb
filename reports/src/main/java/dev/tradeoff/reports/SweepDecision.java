package dev.tradeoff.reports;

import dev.tradeoff.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep's {@link DecisionTable}: one column per parameter point, each seed's run of the point
 * added up (latencies merged, violations summed, lost writes and RPO per run, RTO the longest over
 * the seeds, cost the mean of the runs' price per hour). A checker's rows appear only when it
 * decided on every run it ran in.
 */
public final class SweepDecision {
  private SweepDecision() {}

  /** The decision table of {@code r}'s points. */
  public static DecisionTable of(SweepReport r, List<SweepPoint> points) {
    List<String> decided = decided(r);
    boolean faulted = faulted(r.scenario());
    List<DecisionTable.Column> columns = new ArrayList<>();
    for (SweepPoint p : points) {
      String label = p.values().isEmpty() ? "(base)" : String.join(", ", p.values());
      columns.add(DecisionTable.Column.of(label, p, faulted, decided, p.costPerHour()));
    }
    return DecisionTable.of(columns);
  }

  private static List<String> decided(SweepReport r) {
    Set<String> ran = new LinkedHashSet<>();
    Set<String> undecided = new LinkedHashSet<>();
    for (SweepItem item : r.items()) {
      for (SweepCheck c : item.checks()) {
        ran.add(c.name());
        if (c.verdict() == dev.tradeoff.core.check.Verdict.UNKNOWN) {
          undecided.add(c.name());
        }
      }
    }
    ran.removeAll(undecided);
    return List.copyOf(ran);
  }

  /** Whether the base scenario schedules any fault. */
  static boolean faulted(Json.Obj scenario) {
    Json.Field faults = scenario.fields().get("faults");
    if (faults == null || !(faults.value() instanceof Json.Obj f)) {
      return false;
    }
    for (Json.Field field : f.fields().values()) {
      if (!(field.value() instanceof Json.Arr a) || !a.items().isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
