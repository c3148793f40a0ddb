package dev.tradeoff.patterns.sharding;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.patterns.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongToIntFunction;

/**
 * A checker every shard's store offers (lost writes, split brain, convergence of a replicated
 * shard), run once per shard over the part of the history that shard owns, and added up: the
 * violations are the sum, the witnesses name their shard, the verdict is invalid if any shard's is,
 * else unknown if any shard's is.
 *
 * <p>A key belongs to the shard that owns it at the end of the run; keys a resize moved, and salted
 * hot keys (whose writes went to several shards), are left out, since no one shard's state holds
 * all of their history. A query's parts count as plain reads of their keys.
 */
final class PerShard implements Checker {
  private static final int WITNESSES = 5;

  private final String name;
  private final Store[] shards;
  private final LongToIntFunction owner; // key -> shard, or -1 to leave the key out

  PerShard(String name, Store[] shards, LongToIntFunction owner) {
    this.name = name;
    this.shards = shards.clone();
    this.owner = owner;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CheckResult check(History history) {
    long violations = 0;
    boolean unknown = false;
    List<String> witnesses = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (int s = 0; s < shards.length; s++) {
      Optional<Checker> checker = shards[s].checker(name);
      if (checker.isEmpty()) {
        continue;
      }
      CheckResult r = checker.get().check(part(history, s));
      violations += r.violations();
      unknown |= r.verdict() == Verdict.UNKNOWN;
      for (String w : r.witnesses()) {
        if (witnesses.size() < WITNESSES) {
          witnesses.add("shard " + s + ": " + w);
        }
      }
      details.add("shard " + s + ": " + r.verdict().name().toLowerCase(java.util.Locale.ROOT));
    }
    String detail = String.join("; ", details);
    if (violations > 0) {
      return CheckResult.invalid(name, violations, witnesses, detail);
    }
    return unknown ? CheckResult.unknown(name, detail) : CheckResult.valid(name, detail);
  }

  /** The operations on keys shard {@code s} owns, with their process, times and outcomes. */
  private History part(History h, int s) {
    History part = new History();
    for (int op = 0; op < h.size(); op++) {
      if (owner.applyAsInt(h.key(op)) != s) {
        continue;
      }
      int p =
          h.kind(op) == OpKind.CAS
              ? part.invokeCas(
                  h.process(op), h.key(op), h.expected(op), h.value(op), h.invokeNanos(op))
              : part.invoke(h.process(op), h.kind(op), h.key(op), h.value(op), h.invokeNanos(op));
      if (h.completeNanos(op) == Long.MAX_VALUE) {
        continue; // still pending: stays pending in the part
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
