package dev.tradeoff.patterns.cells;

import dev.tradeoff.core.Release;
import dev.tradeoff.patterns.Backend;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import java.util.List;
import java.util.Map;

/**
 * {@code cells}: customers split over {@code cells} identical, share-nothing cells behind a thin
 * client-side router. A customer is a key modulo {@code customers} (all of a customer's keys live
 * in one cell); the router places it by a hash of the customer, or by an explicit {@code table}
 * with the rest by hash. Cell {@code i} is a whole stack built from the nested {@code backend} (any
 * pattern) with node-name prefix {@code c<i>-} and every nested {@code zone} set to {@code
 * cell-<i>}, so a zone fault hits one cell. A share {@code crossCell} of operations also reads from
 * a second cell first (an extra round trip; the operation fails if that read does).
 *
 * <p>Moves ({@code moves}, e.g. {@code "7->2@5s"}) relocate a customer while traffic runs: drain,
 * copy its keys below {@code keySpace}, flip ({@link Mover}); {@code moveOrder: flip-before-copy}
 * is the broken order, for demonstrations and tests. Deploys ({@code deploy}) install a new release
 * ({@link Release}: an error rate, added service time, crashes on a share of keys) on each cell's
 * nodes whose names (after {@code c<i>-}) start with {@code deployTo}: all at once, cell by cell
 * every {@code stepInterval}, or a canary cell first; with {@code rollback}, a cell whose error
 * rate over {@code window} crosses {@code threshold} stops the rollout and rolls it back ({@link
 * Rollout}). One cell ({@code cells: 1}) is the same system without cells: one shared stack.
 *
 * <p>Series: {@code cell-availability/c<i>} (share of requests sent to cell {@code i} in the
 * interval answered OK); with cross-cell operations {@code cell-p99/cross} and {@code
 * cell-p99/home} (99th percentile, in ms, of the operations answered OK in the interval that
 * crossed cells, and of those that stayed home, from the client's send to its answer); with moves
 * {@code moves/done} and {@code moves/keys-copied}; with a deploy {@code deploy/cells-on-new}, and
 * with rollback {@code deploy/error-rate} (worst watched cell's error rate over the window), {@code
 * deploy/time-to-detect} and {@code deploy/time-to-rollback} (seconds, from the first deploy to the
 * decision and from the decision to the old release everywhere; no data until known). Checkers: the
 * backend's, per cell; {@code single-home}; {@code blast-radius} over the deploy's incident,
 * customers counted as here.
 */
public final class Cells implements PatternSpec {
  @Override
  public String name() {
    return "cells";
  }

  @Override
  public String description() {
    return "customers routed to share-nothing cells of a backend stack; moves; cell-by-cell and"
        + " canary deploys with rollback";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string(
            "name", "", "prefix of every node name it creates (cells c<i>-…, the cell-mover)"),
        Param.integer("cells", 4, 1, 64, "cells; 1 is one shared system"),
        Param.integer("customers", 100, 1, 100_000, "customers: a key's customer is key mod this"),
        Param.choice("router", List.of("hash", "table"), "customer-to-cell placement"),
        Param.string("table", "", "router table: \"customer:cell, …\" (the rest by hash)"),
        Param.number("crossCell", 0.0, 0, 1, "share of operations that also read another cell"),
        Param.integer("keySpace", 1000, 1, 10_000_000, "keys [0, keySpace): what a move copies"),
        Param.string("moves", "", "moves: \"customer->cell@time, …\", e.g. \"7->2@5s\""),
        Param.choice(
            "moveOrder",
            List.of("drain-copy-flip", "flip-before-copy"),
            "a move's steps; flip-before-copy is the broken order"),
        Param.choice("deploy", DeployPlan.STRATEGIES, "how a new release rolls out"),
        Param.duration("deployAt", "1s", 0, "when the first cell gets the release"),
        Param.duration("stepInterval", "5s", 0, "between cells (cell-by-cell, canary)"),
        Param.integer("canaryCell", 0, 0, 63, "the canary's cell"),
        Param.bool("rollback", true, "roll back when a cell's error rate crosses the threshold"),
        Param.number("threshold", 0.05, 0, 1, "error rate that triggers the rollback"),
        Param.duration("window", "1s", Rollout.TICK_NANOS, "window the error rate is taken over"),
        Param.duration("rollbackTime", "0s", 0, "how long a rollback takes once decided"),
        Param.string("deployTo", "", "node names (after c<i>-) starting with this get it"),
        Param.number("errorRate", 0.0, 0, 1, "share of requests the new release fails"),
        Param.duration("addedLatency", "0s", 0, "service time the new release adds per job"),
        Param.number("crashShare", 0.0, 0, 1, "share of keys whose requests crash the release"),
        Param.duration("restartAfter", "1s", 0, "a crashed process restarts after this"),
        Param.system("backend", "the stack each cell is an instance of"));
  }

  @Override
  public String[] validate(Config c) {
    return validate(c, Long.MAX_VALUE);
  }

  @Override
  public String[] validate(Config c, long durationNanos) {
    int cells = (int) c.integer("cells");
    long customers = c.integer("customers");
    Map<Integer, Integer> table;
    List<Move> moves;
    try {
      table = Schedules.table(c.string("table"));
    } catch (IllegalArgumentException e) {
      return new String[] {"table", e.getMessage()};
    }
    try {
      moves = Schedules.moves(c.string("moves"));
    } catch (IllegalArgumentException e) {
      return new String[] {"moves", e.getMessage()};
    }
    if (!table.isEmpty() && c.string("router").equals("hash")) {
      return new String[] {"table", "a table needs \"router\": \"table\""};
    }
    for (var e : table.entrySet()) {
      String[] p =
          place("table", "customer " + e.getKey(), e.getKey(), e.getValue(), cells, customers);
      if (p != null) {
        return p;
      }
    }
    for (Move m : moves) {
      String what = "the move of customer " + m.customer();
      String[] p = place("moves", what, m.customer(), m.to(), cells, customers);
      if (p != null) {
        return p;
      }
      if (m.atNanos() >= durationNanos) {
        return new String[] {
          "moves", what + " at " + Schedules.seconds(m.atNanos()) + end(durationNanos)
        };
      }
    }
    return validateDeploy(c, cells, durationNanos);
  }

  private static String[] place(
      String field, String what, int customer, int cell, int cells, long customers) {
    if (customer >= customers) {
      return new String[] {field, what + ": no such customer; customers are 0.." + (customers - 1)};
    }
    if (cell >= cells) {
      return new String[] {
        field,
        what
            + " names cell "
            + cell
            + ", but there are "
            + cells
            + " cells (0.."
            + (cells - 1)
            + ")"
      };
    }
    return null;
  }

  private static String end(long durationNanos) {
    return " is at or after the end of the run (" + Schedules.seconds(durationNanos) + ")";
  }

  private static String[] validateDeploy(Config c, int cells, long durationNanos) {
    DeployPlan plan = plan(c);
    if (!plan.deploys()) {
      return null;
    }
    if (plan.canaryCell() >= cells) {
      return new String[] {
        "canaryCell", "names cell " + plan.canaryCell() + ", but there are " + cells + " cells"
      };
    }
    if (plan.atNanos() >= durationNanos) {
      return new String[] {"deployAt", "the first deploy step" + end(durationNanos)};
    }
    long last = plan.stepAtNanos(cells - 1);
    if (last >= durationNanos) {
      return new String[] {
        "stepInterval",
        "the last rollout step (the "
            + cells
            + "th cell at "
            + Schedules.seconds(last)
            + ")"
            + end(durationNanos)
      };
    }
    Store probe = zoned(c).build("c0-");
    if (probe.nodes().stream().noneMatch(n -> n.startsWith("c0-" + plan.target()))) {
      return new String[] {
        "deployTo",
        "no node of a cell starts with \""
            + plan.target()
            + "\"; cell 0 has "
            + String.join(", ", probe.nodes())
      };
    }
    return null;
  }

  private static Backend zoned(Config c) {
    return CellsStore.zoned(c.backend("backend"), "cell-0");
  }

  static DeployPlan plan(Config c) {
    Release release =
        new Release(
            1,
            c.number("errorRate"),
            c.nanos("addedLatency"),
            c.number("crashShare"),
            c.nanos("restartAfter"));
    return new DeployPlan(
        c.string("deploy"),
        release,
        c.nanos("deployAt"),
        c.nanos("stepInterval"),
        (int) c.integer("canaryCell"),
        c.bool("rollback"),
        c.number("threshold"),
        c.nanos("window"),
        c.nanos("rollbackTime"),
        c.string("deployTo"));
  }

  @Override
  public Store build(Config c) {
    int cells = (int) c.integer("cells");
    CellMap map =
        new CellMap(cells, (int) c.integer("customers"), Schedules.table(c.string("table")));
    return new CellsStore(
        c.string("name"),
        c.backend("backend"),
        map,
        c.number("crossCell"),
        Schedules.moves(c.string("moves")),
        c.string("moveOrder").equals("drain-copy-flip"),
        c.integer("keySpace"),
        plan(c));
  }
}
