package dev.tradeoff.patterns.cells;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.patterns.Store;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A checker every cell's stack offers (lost writes, split brain, convergence of a replicated
 * database), run once per cell over the operations that cell served, and added up: the violations
 * are the sum, the witnesses name their cell, the verdict is invalid if any cell's is, else unknown
 * if any cell's is. An operation belongs to the cell its router sent it to ({@link HomeLog}), so a
 * moved customer's operations are judged by the cell that took each; operations held and never
 * sent, and the hidden reads of cross-cell operations, belong to none.
 */
final class PerCell implements Checker {
  private static final int WITNESSES = 5;

  private final String name;
  private final Store[] cells;
  private final HomeLog log;

  PerCell(String name, Store[] cells, HomeLog log) {
    this.name = name;
    this.cells = cells.clone();
    this.log = log;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CheckResult check(History history) {
    Int2IntOpenHashMap cellOf = new Int2IntOpenHashMap();
    cellOf.defaultReturnValue(-1);
    for (int f = 0; f < log.size(); f++) {
      cellOf.put(log.op(f), log.cell(f));
    }
    long violations = 0;
    boolean unknown = false;
    List<String> witnesses = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (int c = 0; c < cells.length; c++) {
      Optional<Checker> checker = cells[c].checker(name);
      if (checker.isEmpty()) {
        continue;
      }
      CheckResult r = checker.get().check(part(history, cellOf, c));
      violations += r.violations();
      unknown |= r.verdict() == Verdict.UNKNOWN;
      for (String w : r.witnesses()) {
        if (witnesses.size() < WITNESSES) {
          witnesses.add("cell " + c + ": " + w);
        }
      }
      details.add("cell " + c + ": " + r.verdict().name().toLowerCase(Locale.ROOT));
    }
    String detail = String.join("; ", details);
    if (violations > 0) {
      return CheckResult.invalid(name, violations, witnesses, detail);
    }
    return unknown ? CheckResult.unknown(name, detail) : CheckResult.valid(name, detail);
  }

  /** The operations cell {@code cell} was sent, with their process, times and outcomes. */
  private static History part(History h, Int2IntOpenHashMap cellOf, int cell) {
    History part = new History();
    for (int op = 0; op < h.size(); op++) {
      if (cellOf.get(op) != cell) {
        continue;
      }
      int p =
          h.kind(op) == OpKind.CAS
              ? part.invokeCas(
                  h.process(op), h.key(op), h.expected(op), h.value(op), h.invokeNanos(op))
              : part.invoke(h.process(op), h.kind(op), h.key(op), h.value(op), h.invokeNanos(op));
      if (h.completeNanos(op) == Long.MAX_VALUE) {
        continue;
      }
      long[] list = h.resultList(op);
      if (list != null) {
        part.completeList(p, h.status(op), list, h.completeNanos(op));
      } else {
        part.complete(p, h.status(op), h.result(op), h.completeNanos(op));
      }
    }
    return part;
  }
}
