package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Linearizability.Model;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** Linearizability of list keys (appends and whole-list reads) in the KV model. */
class ListLinearizabilityTest {
  private static final long MS = 1_000_000L;
  private static final long NIL = History.NIL;

  private static int append(History h, int p, long key, long v, long from, long to, OpStatus s) {
    int op = h.invoke(p, OpKind.APPEND, key, v, from * MS);
    if (to >= 0) {
      h.complete(op, s, NIL, to * MS);
    }
    return op;
  }

  private static void read(History h, int p, long key, long[] list, long from, long to) {
    int op = h.invoke(p, OpKind.READ, key, NIL, from * MS);
    h.completeList(op, OpStatus.OK, list, to * MS);
  }

  private static CheckResult check(History h) {
    return Linearizability.check(h, Model.KV);
  }

  @Test
  void readMissingAnAppendThatCompletedBeforeItIsInvalid() {
    History h = new History();
    append(h, 0, 1, 10, 0, 1, OpStatus.OK);
    append(h, 0, 1, 11, 2, 3, OpStatus.OK);
    read(h, 1, 1, new long[] {10}, 4, 5);
    CheckResult r = check(h);
    assertEquals(Verdict.INVALID, r.verdict(), r.toString());
    assertTrue(r.witnesses().get(0).contains("read → [10]"), r.witnesses().toString());
    assertTrue(r.witnesses().get(0).contains("the list holds [10, 11]"), r.witnesses().toString());
  }

  @Test
  void concurrentAppendsEitherOrderButNotBoth() {
    for (long[] order : new long[][] {{10, 11}, {11, 10}}) {
      History h = new History();
      append(h, 0, 1, 10, 0, 5, OpStatus.OK);
      append(h, 1, 1, 11, 1, 6, OpStatus.OK);
      read(h, 2, 1, order, 7, 8);
      assertEquals(Verdict.VALID, check(h).verdict(), Arrays.toString(order));
    }
    History h = new History();
    append(h, 0, 1, 10, 0, 5, OpStatus.OK);
    append(h, 1, 1, 11, 1, 6, OpStatus.OK);
    read(h, 2, 1, new long[] {10, 11}, 7, 8);
    read(h, 2, 1, new long[] {11, 10}, 9, 10);
    assertEquals(Verdict.INVALID, check(h).verdict());
  }

  @Test
  void infoAppendsMayOrMayNotHaveHappenedButNotBeforeTheirInvocation() {
    History took = new History();
    append(took, 0, 1, 10, 0, 1, OpStatus.OK);
    append(took, 1, 1, 12, 2, 3, OpStatus.INFO);
    read(took, 2, 1, new long[] {10, 12}, 4, 5);
    assertEquals(Verdict.VALID, check(took).verdict());

    History didNot = new History();
    append(didNot, 0, 1, 10, 0, 1, OpStatus.OK);
    append(didNot, 1, 1, 12, 2, -1, OpStatus.INFO); // pending forever
    read(didNot, 2, 1, new long[] {10}, 4, 5);
    assertEquals(Verdict.VALID, check(didNot).verdict());

    History tooEarly = new History();
    append(tooEarly, 0, 1, 10, 0, 1, OpStatus.OK);
    append(tooEarly, 1, 1, 12, 2, 3, OpStatus.INFO);
    read(tooEarly, 2, 1, new long[] {12, 10}, 4, 5);
    assertEquals(Verdict.INVALID, check(tooEarly).verdict());
  }

  @Test
  void readOverlappingAnAppendMaySeeItOrNot() {
    for (long[] seen : new long[][] {{10}, {10, 11}}) {
      History h = new History();
      append(h, 0, 1, 10, 0, 1, OpStatus.OK);
      append(h, 0, 1, 11, 2, 6, OpStatus.OK);
      read(h, 1, 1, seen, 3, 4);
      assertEquals(Verdict.VALID, check(h).verdict(), Arrays.toString(seen));
    }
  }

  @Test
  void listsNoAppendCanProduceAreInvalidWithoutSearch() {
    History foreign = new History();
    append(foreign, 0, 1, 10, 0, 1, OpStatus.OK);
    read(foreign, 1, 1, new long[] {10, 99}, 2, 3);
    CheckResult r = check(foreign);
    assertEquals(Verdict.INVALID, r.verdict());
    assertTrue(r.witnesses().get(0).contains("no sequence of this key's appends"), r.toString());

    History twice = new History();
    append(twice, 0, 1, 10, 0, 1, OpStatus.OK);
    read(twice, 1, 1, new long[] {10, 10}, 2, 3);
    assertEquals(Verdict.INVALID, check(twice).verdict());
  }

  @Test
  void emptyListAndNilReadsAreTheSame() {
    History h = new History();
    read(h, 1, 1, new long[0], 0, 1);
    int nilRead = h.invoke(2, OpKind.READ, 1, NIL, 2 * MS);
    h.complete(nilRead, OpStatus.OK, NIL, 3 * MS);
    append(h, 0, 1, 10, 4, 5, OpStatus.OK);
    read(h, 1, 1, new long[] {10}, 6, 7);
    assertEquals(Verdict.VALID, check(h).verdict());
  }

  @Test
  void keysMixingAppendsWithWritesOrSingleValueReadsAreUnknown() {
    History mixed = new History();
    append(mixed, 0, 1, 10, 0, 1, OpStatus.OK);
    int w = mixed.invoke(1, OpKind.WRITE, 1, 11, 2 * MS);
    mixed.complete(w, OpStatus.OK, NIL, 3 * MS);
    CheckResult r = check(mixed);
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertTrue(r.detail().contains("key 1 mixes append with write 11"), r.toString());

    History scalar = new History();
    append(scalar, 0, 1, 10, 0, 1, OpStatus.OK);
    int read = scalar.invoke(1, OpKind.READ, 1, NIL, 2 * MS);
    scalar.complete(read, OpStatus.OK, 10, 3 * MS);
    assertEquals(Verdict.UNKNOWN, check(scalar).verdict());

    assertEquals(
        Verdict.UNKNOWN, Linearizability.check(scalar, Model.CAS_REGISTER).verdict(), "model");
  }

  // ---- seeded random histories of a correct list store ----

  private record Plan(
      int index,
      int process,
      OpKind kind,
      long key,
      long value,
      long invoke,
      long complete,
      long lp,
      OpStatus status,
      long[] result) {}

  /** A correct store of lists: each op takes effect at a random instant inside its interval. */
  private static List<Plan> simulate(long seed, int processes, int perProcess, int keys) {
    UniformRandomProvider rng = new RandomStreams(seed).fork("lists");
    List<Plan> plans = new ArrayList<>();
    long next = 1;
    for (int p = 0; p < processes; p++) {
      long t = rng.nextInt(20);
      for (int i = 0; i < perProcess; i++) {
        long invoke = t + 1 + rng.nextInt(10);
        long complete = invoke + 1 + rng.nextInt(40);
        t = complete;
        OpKind kind = rng.nextInt(100) < 45 ? OpKind.READ : OpKind.APPEND;
        OpStatus status = OpStatus.OK;
        boolean effect = true;
        if (kind == OpKind.APPEND && rng.nextInt(100) < 15) {
          status = OpStatus.INFO;
          effect = rng.nextBoolean();
        }
        long lp = effect ? invoke + rng.nextLong(complete - invoke + 1) : Long.MAX_VALUE;
        boolean pending = status == OpStatus.INFO && rng.nextBoolean();
        plans.add(
            new Plan(
                plans.size(),
                p,
                kind,
                rng.nextInt(keys),
                kind == OpKind.READ ? NIL : next++,
                invoke * MS,
                pending ? Long.MAX_VALUE : complete * MS,
                lp,
                status,
                null));
      }
    }
    List<Plan> byLp = new ArrayList<>(plans);
    byLp.sort(Comparator.comparingLong(Plan::lp).thenComparingInt(Plan::index));
    List<List<Long>> state = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      state.add(new ArrayList<>());
    }
    for (Plan pl : byLp) {
      if (pl.lp() == Long.MAX_VALUE) {
        continue;
      }
      List<Long> list = state.get((int) pl.key());
      if (pl.kind() == OpKind.APPEND) {
        list.add(pl.value());
      } else {
        long[] seen = list.stream().mapToLong(Long::longValue).toArray();
        plans.set(
            pl.index(),
            new Plan(
                pl.index(),
                pl.process(),
                pl.kind(),
                pl.key(),
                pl.value(),
                pl.invoke(),
                pl.complete(),
                pl.lp(),
                pl.status(),
                seen));
      }
    }
    return plans;
  }

  private static History record(List<Plan> plans, int mutated, long[] replacement) {
    List<Plan> byInvoke = new ArrayList<>(plans);
    byInvoke.sort(Comparator.comparingLong(Plan::invoke).thenComparingInt(Plan::index));
    History h = new History();
    for (Plan pl : byInvoke) {
      int op = h.invoke(pl.process(), pl.kind(), pl.key(), pl.value(), pl.invoke());
      if (pl.complete() == Long.MAX_VALUE) {
        continue;
      }
      if (pl.kind() == OpKind.READ) {
        h.completeList(
            op, pl.status(), pl.index() == mutated ? replacement : pl.result(), pl.complete());
      } else {
        h.complete(op, pl.status(), NIL, pl.complete());
      }
    }
    return h;
  }

  /**
   * A list a correct store could not have returned to this read: the read's list with its last
   * element dropped, when an append of that element completed before the read began (so it must be
   * there); or with two elements swapped, when the earlier one's append completed before the later
   * one's was invoked. Null when the read offers neither.
   */
  private static long[] mutation(List<Plan> plans, Plan read) {
    long[] seen = read.result();
    for (int i = seen.length - 1; i >= 0; i--) {
      Plan writer = writerOf(plans, read.key(), seen[i]);
      if (writer.status() == OpStatus.OK && writer.complete() < read.invoke()) {
        long[] dropped = new long[seen.length - 1];
        System.arraycopy(seen, 0, dropped, 0, i);
        System.arraycopy(seen, i + 1, dropped, i, seen.length - 1 - i);
        return dropped;
      }
    }
    for (int i = 0; i + 1 < seen.length; i++) {
      Plan a = writerOf(plans, read.key(), seen[i]);
      Plan b = writerOf(plans, read.key(), seen[i + 1]);
      if (a.status() == OpStatus.OK && a.complete() < b.invoke()) {
        long[] swapped = seen.clone();
        swapped[i] = seen[i + 1];
        swapped[i + 1] = seen[i];
        return swapped;
      }
    }
    return null;
  }

  private static Plan writerOf(List<Plan> plans, long key, long value) {
    return plans.stream()
        .filter(p -> p.kind() == OpKind.APPEND && p.key() == key && p.value() == value)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void randomHistoriesOfACorrectListStoreAreValidAndMutatedReadsInvalid() {
    int mutatedChecked = 0;
    for (long seed = 1; seed <= 1_000; seed++) {
      List<Plan> plans = simulate(seed, 3 + (int) (seed % 6), 10, 1 + (int) (seed % 3));
      CheckResult ok = check(record(plans, -1, null));
      assertEquals(Verdict.VALID, ok.verdict(), "seed " + seed + ": " + ok);
      for (Plan read : plans) {
        if (read.kind() != OpKind.READ || read.result() == null || read.complete() < 0) {
          continue;
        }
        long[] bad = mutation(plans, read);
        if (bad != null) {
          CheckResult r = check(record(plans, read.index(), bad));
          assertEquals(Verdict.INVALID, r.verdict(), "seed " + seed + " read " + read + ": " + r);
          mutatedChecked++;
          break;
        }
      }
    }
    assertTrue(mutatedChecked > 700, "only " + mutatedChecked + " seeds had a read to mutate");
  }

  // ---- against a brute-force oracle ----

  /** Every real-time-respecting order of the ops, each INFO append placed or left out. */
  private static boolean bruteForce(History h) {
    List<Integer> ops = new ArrayList<>();
    for (int i = 0; i < h.size(); i++) {
      boolean infoRead = h.kind(i) == OpKind.READ && h.status(i) != OpStatus.OK;
      if (h.status(i) != OpStatus.FAIL && !infoRead) {
        ops.add(i);
      }
    }
    return place(h, ops, new boolean[ops.size()], new ArrayList<>());
  }

  private static boolean place(History h, List<Integer> ops, boolean[] placed, List<Long> state) {
    boolean allOkPlaced = true;
    for (int i = 0; i < ops.size(); i++) {
      allOkPlaced &= placed[i] || h.status(ops.get(i)) != OpStatus.OK;
    }
    if (allOkPlaced) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      int b = ops.get(i);
      boolean ready = !placed[i];
      for (int j = 0; j < ops.size() && ready; j++) {
        int a = ops.get(j);
        ready = placed[j] || h.status(a) == OpStatus.INFO || h.completeNanos(a) >= h.invokeNanos(b);
      }
      if (!ready) {
        continue;
      }
      List<Long> next = new ArrayList<>(state);
      if (h.kind(b) == OpKind.READ) {
        long[] seen = h.resultList(b);
        if (!Arrays.equals(seen, state.stream().mapToLong(Long::longValue).toArray())) {
          continue;
        }
      } else {
        next.add(h.value(b));
      }
      placed[i] = true;
      boolean found = place(h, ops, placed, next);
      placed[i] = false;
      if (found) {
        return true;
      }
    }
    return false;
  }

  @Test
  void agreesWithBruteForceOnSmallMutatedHistories() {
    int valid = 0;
    int invalid = 0;
    for (long seed = 1; seed <= 2_000; seed++) {
      List<Plan> plans = simulate(seed, 2 + (int) (seed % 3), 3, 1);
      UniformRandomProvider pick = new RandomStreams(seed).fork("oracle");
      List<Long> values = new ArrayList<>();
      plans.stream().filter(p -> p.kind() == OpKind.APPEND).forEach(p -> values.add(p.value()));
      List<Plan> mutated = new ArrayList<>();
      for (Plan p : plans) {
        boolean mutate = p.result() != null && !values.isEmpty() && pick.nextInt(3) == 0;
        mutated.add(mutate ? withResult(p, randomList(values, pick)) : p);
      }
      History h = record(mutated, -1, null);
      boolean expected = bruteForce(h);
      CheckResult r = check(h);
      assertEquals(
          expected ? Verdict.VALID : Verdict.INVALID, r.verdict(), "seed " + seed + ": " + r);
      if (expected) {
        valid++;
      } else {
        invalid++;
      }
    }
    assertTrue(valid > 300 && invalid > 300, valid + " valid, " + invalid + " invalid");
  }

  private static Plan withResult(Plan p, long[] result) {
    return new Plan(
        p.index(),
        p.process(),
        p.kind(),
        p.key(),
        p.value(),
        p.invoke(),
        p.complete(),
        p.lp(),
        p.status(),
        result);
  }

  /** A few distinct appended values in random order. */
  private static long[] randomList(List<Long> values, UniformRandomProvider pick) {
    List<Long> pool = new ArrayList<>(values);
    int length = pick.nextInt(Math.min(pool.size(), 4) + 1);
    long[] list = new long[length];
    for (int i = 0; i < length; i++) {
      list[i] = pool.remove(pick.nextInt(pool.size()));
    }
    return list;
  }
}
