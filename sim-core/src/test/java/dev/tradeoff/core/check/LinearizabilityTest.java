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

class LinearizabilityTest {
  private static final long MS = 1_000_000L;
  private static final long NIL = History.NIL;
  private static final long NEVER_WRITTEN = 1_000_000_007L;

  // ---- helpers for hand-written histories ----

  private static int write(History h, int p, long key, long v, long from, long to, OpStatus s) {
    int op = h.invoke(p, OpKind.WRITE, key, v, from * MS);
    if (to >= 0) {
      h.complete(op, s, NIL, to * MS);
    }
    return op;
  }

  private static void read(History h, int p, long key, long result, long from, long to) {
    int op = h.invoke(p, OpKind.READ, key, NIL, from * MS);
    h.complete(op, OpStatus.OK, result, to * MS);
  }

  private static void cas(History h, int p, long exp, long v, long from, long to, OpStatus s) {
    int op = h.invokeCas(p, 0, exp, v, from * MS);
    h.complete(op, s, NIL, to * MS);
  }

  private static Verdict verdict(History h, Model m) {
    return Linearizability.check(h, m).verdict();
  }

  // ---- the classics ----

  @Test
  void readOfOldValueAfterCompletedWriteIsInvalid() {
    History h = new History();
    write(h, 0, 0, 5, 0, 10, OpStatus.OK);
    write(h, 0, 0, 7, 20, 30, OpStatus.OK);
    read(h, 1, 0, 5, 40, 50);
    CheckResult r = Linearizability.check(h, Model.REGISTER);
    assertEquals(Verdict.INVALID, r.verdict(), r.toString());
    String w = r.witnesses().get(0);
    assertTrue(w.startsWith("read → 5 by process 1 [40 ms–50 ms] cannot be linearized"), w);
    assertTrue(w.contains("after write 7 (process 0, ok at 30 ms) the register holds 7"), w);
    assertTrue(w.contains("write 5, write 7"), w);
  }

  @Test
  void readOfNilAfterWriteIsInvalidButBeforeIsValid() {
    History bad = new History();
    write(bad, 0, 0, 1, 0, 10, OpStatus.OK);
    read(bad, 1, 0, NIL, 20, 30);
    assertEquals(Verdict.INVALID, verdict(bad, Model.REGISTER));
    History good = new History();
    read(good, 1, 0, NIL, 0, 5);
    write(good, 0, 0, 1, 10, 20, OpStatus.OK);
    read(good, 1, 0, 1, 30, 40);
    assertEquals(Verdict.VALID, verdict(good, Model.REGISTER));
  }

  @Test
  void concurrentWritesEitherOrderAreValid() {
    for (long seen : new long[] {1, 2}) {
      History h = new History();
      write(h, 0, 0, 1, 0, 20, OpStatus.OK);
      write(h, 1, 0, 2, 5, 25, OpStatus.OK);
      read(h, 2, 0, seen, 30, 40);
      read(h, 2, 0, seen, 50, 60);
      assertEquals(Verdict.VALID, verdict(h, Model.REGISTER), "final value " + seen);
    }
    // …but once a reader has seen both orders, no single order explains it.
    History h = new History();
    write(h, 0, 0, 1, 0, 20, OpStatus.OK);
    write(h, 1, 0, 2, 5, 25, OpStatus.OK);
    read(h, 2, 0, 2, 30, 40);
    read(h, 2, 0, 1, 50, 60);
    assertEquals(Verdict.INVALID, verdict(h, Model.REGISTER));
  }

  @Test
  void infoWritesMayOrMayNotHaveHappened() {
    for (long seen : new long[] {1, 2}) {
      for (boolean pending : new boolean[] {true, false}) {
        History h = new History();
        write(h, 0, 0, 1, 0, 10, OpStatus.OK);
        write(h, 1, 0, 2, 20, pending ? -1 : 30, OpStatus.INFO);
        read(h, 2, 0, seen, 100, 110);
        read(h, 2, 0, seen, 120, 130);
        assertEquals(
            Verdict.VALID, verdict(h, Model.REGISTER), "seen " + seen + " pending " + pending);
      }
    }
    // An info write cannot take effect before it was invoked.
    History h = new History();
    write(h, 0, 0, 1, 0, 10, OpStatus.OK);
    read(h, 2, 0, 2, 20, 30);
    write(h, 1, 0, 2, 40, -1, OpStatus.INFO);
    assertEquals(Verdict.INVALID, verdict(h, Model.REGISTER));
  }

  @Test
  void failedWritesNeverHappened() {
    History h = new History();
    write(h, 0, 0, 1, 0, 10, OpStatus.OK);
    write(h, 1, 0, 2, 20, 30, OpStatus.FAIL);
    read(h, 2, 0, 2, 40, 50);
    assertEquals(Verdict.INVALID, verdict(h, Model.REGISTER));
  }

  @Test
  void staleLookingReadOverlappingTheWriteIsValid() {
    History h = new History();
    write(h, 0, 0, 1, 0, 10, OpStatus.OK);
    write(h, 0, 0, 2, 20, 60, OpStatus.OK);
    read(h, 1, 0, 2, 25, 30); // sees the new value early…
    read(h, 2, 0, 1, 22, 50); // …yet this read, overlapping the write, may precede it
    assertEquals(Verdict.VALID, verdict(h, Model.REGISTER));
  }

  @Test
  void casSuccessAndFailureSequences() {
    History ok = new History();
    write(ok, 0, 0, 1, 0, 10, OpStatus.OK);
    cas(ok, 1, 1, 2, 20, 30, OpStatus.OK);
    cas(ok, 2, 1, 3, 40, 50, OpStatus.FAIL); // 1 is gone: failing is right
    cas(ok, 0, 2, 4, 60, 70, OpStatus.OK);
    read(ok, 1, 0, 4, 80, 90);
    assertEquals(Verdict.VALID, verdict(ok, Model.CAS_REGISTER));

    History wrongMatch = new History();
    write(wrongMatch, 0, 0, 1, 0, 10, OpStatus.OK);
    cas(wrongMatch, 1, 5, 2, 20, 30, OpStatus.OK); // claims to have matched 5, but 1 is held
    assertEquals(Verdict.INVALID, verdict(wrongMatch, Model.CAS_REGISTER));

    History failedCasHadNoEffect = new History();
    write(failedCasHadNoEffect, 0, 0, 1, 0, 10, OpStatus.OK);
    cas(failedCasHadNoEffect, 1, 1, 2, 20, 30, OpStatus.FAIL);
    read(failedCasHadNoEffect, 2, 0, 2, 40, 50);
    assertEquals(Verdict.INVALID, verdict(failedCasHadNoEffect, Model.CAS_REGISTER));

    History infoCas = new History();
    write(infoCas, 0, 0, 1, 0, 10, OpStatus.OK);
    cas(infoCas, 1, 1, 2, 20, 30, OpStatus.INFO);
    read(infoCas, 2, 0, 2, 40, 50);
    assertEquals(Verdict.VALID, verdict(infoCas, Model.CAS_REGISTER));

    History concurrentCas = new History(); // two CASes from 1: only one may win
    write(concurrentCas, 0, 0, 1, 0, 10, OpStatus.OK);
    cas(concurrentCas, 1, 1, 2, 20, 40, OpStatus.OK);
    cas(concurrentCas, 2, 1, 3, 25, 45, OpStatus.OK);
    assertEquals(Verdict.INVALID, verdict(concurrentCas, Model.CAS_REGISTER));
  }

  @Test
  void registerModelRejectsCasAsUnknown() {
    History h = new History();
    cas(h, 0, NIL, 1, 0, 10, OpStatus.OK);
    CheckResult r = Linearizability.check(h, Model.REGISTER);
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertTrue(r.detail().contains("has no cas"), r.detail());
  }

  @Test
  void kvWitnessNamesTheOneBadKey() {
    History h = new History();
    for (long key = 1; key <= 3; key++) {
      write(h, 0, key, 10 * key, 0, 10, OpStatus.OK);
      write(h, 1, key, 10 * key + 1, 20, 30, OpStatus.OK);
      read(h, 2, key, key == 2 ? 10 * key : 10 * key + 1, 40, 50);
    }
    CheckResult r = Linearizability.check(h, Model.KV);
    assertEquals(Verdict.INVALID, r.verdict(), r.toString());
    assertEquals(1, r.violations());
    String w = r.witnesses().get(0);
    assertTrue(w.startsWith("key 2: read → 20 by process 2"), w);
    assertTrue(w.contains("the register holds 21"), w);
  }

  @Test
  void emptyHistoryIsValid() {
    assertEquals(Verdict.VALID, verdict(new History(), Model.KV));
  }

  // ---- budget ----

  @Test
  void pathologicalHistoryWithTinyBudgetIsUnknown() {
    History h = pathological();
    long budget = 10_000;
    CheckResult r = new Linearizability(Model.REGISTER, budget).searchOnly().check(h);
    assertEquals(Verdict.UNKNOWN, r.verdict(), r.toString());
    assertTrue(r.detail().contains("budget of 10000"), r.detail());
    assertTrue(r.detail().contains("explored 10000 configurations"), r.detail());
  }

  @Test
  void timeBudgetStopsThePathologicalSearchOnTheCallersClock() {
    // A fake clock advancing 1 ms per reading, limit 5 ms: the search reads it every 1,024
    // configurations, so it must stop after about 5,000 of them, long before the step budget.
    long[] now = {0};
    long[] readings = {0};
    Linearizability checker =
        new Linearizability(Model.REGISTER, 1_000_000_000L)
            .searchOnly()
            .timeLimited(
                () -> {
                  readings[0]++;
                  return now[0] += MS;
                },
                5 * MS);
    CheckResult r = checker.check(pathological());
    assertEquals(Verdict.UNKNOWN, r.verdict(), r.toString());
    assertTrue(r.detail().contains("time budget of 5.000 ms exhausted"), r.detail());
    assertEquals(6, readings[0], "one reading at the start, then one per 1,024 configurations");
  }

  private static History pathological() {
    // Writes 1001 and 1002 overlap 60 blind writes (values nobody reads) and 20 INFO writes; one
    // reader sees 1001 then 1002, another 1002 then 1001. No order fits, but refuting it means
    // trying the subsets of the blind writes: 2^60 configurations.
    History h = new History();
    for (int p = 0; p < 60; p++) {
      write(h, p, 0, p + 1, p, 1_000, OpStatus.OK);
    }
    for (int p = 60; p < 80; p++) {
      write(h, p, 0, p + 1, p, -1, OpStatus.INFO);
    }
    write(h, 80, 0, 1001, 0, 1_000, OpStatus.OK);
    write(h, 81, 0, 1002, 0, 1_000, OpStatus.OK);
    read(h, 82, 0, 1001, 100, 110);
    read(h, 82, 0, 1002, 120, 130);
    read(h, 83, 0, 1002, 140, 150);
    read(h, 83, 0, 1001, 160, 170);
    return h;
  }

  @Test
  void readOfAValueNobodyWroteIsInvalidWithoutSearch() {
    History h = new History();
    for (int p = 0; p < 300; p++) {
      write(h, p, 0, p + 1, p, -1, OpStatus.INFO);
    }
    read(h, 300, 0, NEVER_WRITTEN, 400, 500);
    CheckResult r = new Linearizability(Model.REGISTER, 10).check(h);
    assertEquals(Verdict.INVALID, r.verdict(), r.toString());
    assertTrue(r.witnesses().get(0).contains("no operation on this key ever set"), r.toString());
  }

  // ---- random histories from a correct register ----

  /** One planned operation; its linearization point {@code lp} lies inside its interval. */
  private record Plan(
      int index,
      int process,
      OpKind kind,
      long key,
      long value,
      long expected,
      long invoke,
      long complete, // Long.MAX_VALUE: never completes
      long lp, // Long.MAX_VALUE: never takes effect
      OpStatus status,
      long result) {
    Plan withOutcome(OpStatus s, long r) {
      return new Plan(index, process, kind, key, value, expected, invoke, complete, lp, s, r);
    }
  }

  /**
   * Simulates a correct in-memory map of registers: each process issues its ops one after another;
   * each op takes effect at a random point inside its interval, and reads and CASes see the state
   * at that point. Some writes and CASes end INFO (taking effect or not), some writes FAIL.
   */
  private static List<Plan> simulate(
      long seed, int processes, int perProcess, int keys, boolean cas) {
    return simulate(seed, processes, perProcess, keys, cas, 10);
  }

  private static List<Plan> simulate(
      long seed, int processes, int perProcess, int keys, boolean cas, int infoPercent) {
    UniformRandomProvider rng = new RandomStreams(seed).fork("hist");
    List<Plan> plans = new ArrayList<>();
    long nextValue = 1;
    List<List<Long>> written = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      written.add(new ArrayList<>());
    }
    for (int p = 0; p < processes; p++) {
      long t = rng.nextInt(20);
      for (int i = 0; i < perProcess; i++) {
        long invoke = t + 1 + rng.nextInt(10);
        long complete = invoke + 1 + rng.nextInt(40);
        t = complete;
        long key = rng.nextInt(keys);
        int dice = rng.nextInt(100);
        OpKind kind =
            (p == 0 && i == 0) || dice < 40
                ? OpKind.READ
                : (cas && dice >= 75 ? OpKind.CAS : OpKind.WRITE);
        OpStatus status = OpStatus.OK;
        boolean takesEffect = true;
        int fate = rng.nextInt(100);
        if (kind != OpKind.READ && fate < infoPercent) {
          status = OpStatus.INFO;
          takesEffect = rng.nextBoolean();
        } else if (kind == OpKind.WRITE && fate < infoPercent + 5) {
          status = OpStatus.FAIL;
          takesEffect = false;
        } else if (kind == OpKind.READ && fate < 5 && !(p == 0 && i == 0)) {
          status = OpStatus.INFO;
        }
        long value = kind == OpKind.READ ? NIL : nextValue++;
        long expected = NIL;
        if (kind == OpKind.CAS) {
          List<Long> w = written.get((int) key);
          expected = w.isEmpty() || rng.nextInt(5) == 0 ? NIL : w.get(rng.nextInt(w.size()));
        }
        if (kind != OpKind.READ) {
          written.get((int) key).add(value);
        }
        long lp = takesEffect ? invoke + rng.nextLong(complete - invoke + 1) : Long.MAX_VALUE;
        boolean pending = status == OpStatus.INFO && rng.nextBoolean();
        plans.add(
            new Plan(
                plans.size(),
                p,
                kind,
                key,
                value,
                expected,
                invoke * MS,
                pending ? Long.MAX_VALUE : complete * MS,
                lp == Long.MAX_VALUE ? lp : lp * MS,
                status,
                NIL));
      }
    }
    // Apply in linearization order to learn what reads returned and whether CASes matched.
    List<Plan> byLp = new ArrayList<>(plans);
    byLp.sort(Comparator.comparingLong(Plan::lp).thenComparingInt(Plan::index));
    long[] state = new long[keys];
    Arrays.fill(state, NIL);
    for (Plan pl : byLp) {
      if (pl.lp() == Long.MAX_VALUE) {
        continue;
      }
      int k = (int) pl.key();
      switch (pl.kind()) {
        case READ ->
            plans.set(
                pl.index(),
                pl.withOutcome(pl.status(), pl.status() == OpStatus.OK ? state[k] : NIL));
        case WRITE -> state[k] = pl.value();
        case CAS -> {
          if (state[k] == pl.expected()) {
            state[k] = pl.value();
          } else if (pl.status() == OpStatus.OK) {
            plans.set(pl.index(), pl.withOutcome(OpStatus.FAIL, NIL)); // did not take effect
          }
        }
        case APPEND -> throw new AssertionError();
      }
    }
    return plans;
  }

  private static History record(List<Plan> plans, int mutatedRead) {
    List<Plan> byInvoke = new ArrayList<>(plans);
    byInvoke.sort(Comparator.comparingLong(Plan::invoke).thenComparingInt(Plan::index));
    History h = new History();
    for (Plan pl : byInvoke) {
      int op =
          pl.kind() == OpKind.CAS
              ? h.invokeCas(pl.process(), pl.key(), pl.expected(), pl.value(), pl.invoke())
              : h.invoke(pl.process(), pl.kind(), pl.key(), pl.value(), pl.invoke());
      if (pl.complete() != Long.MAX_VALUE) {
        long result = pl.index() == mutatedRead ? NEVER_WRITTEN : pl.result();
        h.complete(op, pl.status(), result, pl.complete());
      }
    }
    return h;
  }

  @Test
  void randomHistoriesOfACorrectRegisterAreValidAndAMutatedReadIsInvalid() {
    int mutated = 0;
    for (long seed = 1; seed <= 2_000; seed++) {
      boolean kv = seed % 2 == 0;
      List<Plan> plans = simulate(seed, 3 + (int) (seed % 8), 12, kv ? 3 : 1, kv);
      Model model = kv ? Model.KV : Model.REGISTER;
      CheckResult ok = Linearizability.check(record(plans, -1), model);
      assertEquals(Verdict.VALID, ok.verdict(), "seed " + seed + ": " + ok);

      UniformRandomProvider pick = new RandomStreams(seed).fork("mutate");
      List<Plan> okReads =
          plans.stream().filter(p -> p.kind() == OpKind.READ && p.status() == OpStatus.OK).toList();
      assertTrue(!okReads.isEmpty(), "seed " + seed + ": no ok read to mutate");
      int victim = okReads.get(pick.nextInt(okReads.size())).index();
      CheckResult bad = Linearizability.check(record(plans, victim), model);
      assertEquals(Verdict.INVALID, bad.verdict(), "seed " + seed + ": " + bad);
      assertTrue(
          bad.witnesses().get(0).contains("read → " + NEVER_WRITTEN),
          "seed " + seed + ": " + bad.witnesses());
      mutated++;
    }
    assertEquals(2_000, mutated);
  }

  @Test
  void largeKvHistoryIsCheckedWithTheDefaultBudget() {
    long seed = 42;
    List<Plan> plans = simulate(seed, 50, 40, 10, true);
    CheckResult r = Linearizability.check(record(plans, -1), Model.KV);
    assertEquals(Verdict.VALID, r.verdict(), "seed " + seed + ": " + r);
  }

  @Test
  void hundredOpsFromTwentyProcessesWithManyUnknownOutcomes() {
    for (long seed = 1; seed <= 20; seed++) {
      List<Plan> plans = simulate(seed, 20, 5, 1, false, 35);
      long infos = plans.stream().filter(p -> p.status() == OpStatus.INFO).count();
      assertTrue(infos >= 10, "seed " + seed + ": only " + infos + " info ops");
      CheckResult ok = Linearizability.check(record(plans, -1), Model.REGISTER);
      assertEquals(Verdict.VALID, ok.verdict(), "seed " + seed + ": " + ok);
      int victim =
          plans.stream()
              .filter(p -> p.kind() == OpKind.READ && p.status() == OpStatus.OK)
              .findFirst()
              .orElseThrow()
              .index();
      CheckResult bad = Linearizability.check(record(plans, victim), Model.REGISTER);
      assertEquals(Verdict.INVALID, bad.verdict(), "seed " + seed + ": " + bad);
    }
  }

  // ---- against a brute-force oracle ----

  /**
   * Decides linearizability of a one-key history by trying every order of its operations that
   * respects real time (a before b when a completed before b was invoked), with each INFO write or
   * CAS either placed somewhere or left out. Exponential; for histories of a few operations.
   */
  private static boolean bruteForce(History h) {
    List<Integer> ops = new ArrayList<>();
    for (int i = 0; i < h.size(); i++) {
      boolean infoRead = h.kind(i) == OpKind.READ && h.status(i) == OpStatus.INFO;
      if (h.status(i) != OpStatus.FAIL && !infoRead) {
        ops.add(i);
      }
    }
    return place(h, ops, new boolean[ops.size()], NIL);
  }

  private static boolean place(History h, List<Integer> ops, boolean[] placed, long state) {
    boolean allOkPlaced = true;
    for (int i = 0; i < ops.size(); i++) {
      allOkPlaced &= placed[i] || h.status(ops.get(i)) != OpStatus.OK;
    }
    if (allOkPlaced) {
      return true; // the INFO ops left never took effect
    }
    for (int i = 0; i < ops.size(); i++) {
      int b = ops.get(i);
      boolean ready = !placed[i];
      for (int j = 0; j < ops.size() && ready; j++) {
        int a = ops.get(j);
        // An INFO op may take effect any time after its invocation: it precedes nothing.
        ready = placed[j] || h.status(a) == OpStatus.INFO || h.completeNanos(a) >= h.invokeNanos(b);
      }
      if (!ready) {
        continue;
      }
      long next;
      switch (h.kind(b)) {
        case READ -> {
          if (h.result(b) != state) {
            continue;
          }
          next = state;
        }
        case CAS -> {
          if (h.expected(b) != state) {
            continue;
          }
          next = h.value(b);
        }
        default -> next = h.value(b);
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
    for (long seed = 1; seed <= 3_000; seed++) {
      boolean cas = seed % 2 == 0;
      List<Plan> plans = simulate(seed, 2 + (int) (seed % 3), 4, 1, cas, 25);
      UniformRandomProvider pick = new RandomStreams(seed).fork("oracle");
      List<Long> values = new ArrayList<>();
      values.add(NIL);
      plans.stream().filter(p -> p.kind() != OpKind.READ).forEach(p -> values.add(p.value()));
      List<Plan> mutated = new ArrayList<>();
      for (Plan p : plans) {
        boolean mutate =
            p.kind() == OpKind.READ && p.status() == OpStatus.OK && pick.nextInt(3) == 0;
        mutated.add(
            mutate ? p.withOutcome(p.status(), values.get(pick.nextInt(values.size()))) : p);
      }
      History h = record(mutated, -1);
      boolean expected = bruteForce(h);
      CheckResult r = Linearizability.check(h, cas ? Model.CAS_REGISTER : Model.REGISTER);
      assertEquals(
          expected ? Verdict.VALID : Verdict.INVALID,
          r.verdict(),
          "seed "
              + seed
              + ": "
              + r
              + "\n"
              + h.ops().stream()
                  .map(Object::toString)
                  .collect(java.util.stream.Collectors.joining("\n")));
      if (expected) {
        valid++;
      } else {
        invalid++;
      }
    }
    assertTrue(valid > 500 && invalid > 500, "valid " + valid + ", invalid " + invalid);
  }
}
