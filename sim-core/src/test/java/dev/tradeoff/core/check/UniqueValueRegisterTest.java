package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Linearizability.Model;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class UniqueValueRegisterTest {
  private static final long MS = 1_000_000L;
  private static final long NIL = History.NIL;
  private static final Linearizability FAST = new Linearizability(Model.KV, 2_000_000);
  private static final Linearizability SEARCH = FAST.searchOnly();

  private static int write(History h, int p, long v, long from, long to, OpStatus s) {
    int op = h.invoke(p, OpKind.WRITE, 0, v, from * MS);
    if (to >= 0) {
      h.complete(op, s, NIL, to * MS);
    }
    return op;
  }

  private static void read(History h, int p, long result, long from, long to) {
    int op = h.invoke(p, OpKind.READ, 0, NIL, from * MS);
    h.complete(op, OpStatus.OK, result, to * MS);
  }

  private static UniqueValueRegister check(History h) {
    int[] ops = IntStream.range(0, h.size()).toArray();
    UniqueValueRegister check = new UniqueValueRegister(h, ops);
    check.run();
    return check;
  }

  // ---- known violations, with the witness the check gives on its own ----

  @Test
  void staleReadAfterACompletedOverwriteIsRefutedByTheTwoValues() {
    History h = new History();
    write(h, 0, 5, 0, 10, OpStatus.OK);
    write(h, 0, 7, 20, 30, OpStatus.OK);
    read(h, 1, 5, 40, 50);
    UniqueValueRegister check = check(h);
    assertEquals(UniqueValueRegister.Outcome.INVALID, check.run());
    assertEquals(
        "read → 5 by process 1 [40 ms–50 ms] cannot be linearized: it follows write 7 (process 0,"
            + " ok at 30 ms), so 7 was written before it, and write 5 (process 0, ok at 10 ms)"
            + " precedes write 7 (process 0, invoked at 20 ms), so 5 was overwritten for good"
            + " before 7 was written (each value is written once)",
        check.witness());
  }

  @Test
  void readOfNilAfterACompletedWriteIsRefuted() {
    History h = new History();
    write(h, 0, 1, 0, 10, OpStatus.OK);
    read(h, 1, NIL, 20, 30);
    UniqueValueRegister check = check(h);
    assertEquals(UniqueValueRegister.Outcome.INVALID, check.run());
    assertTrue(
        check.witness().startsWith("read → nil by process 1 [20 ms–30 ms]"), check.witness());
    assertTrue(check.witness().endsWith("the register never holds nil again"), check.witness());
  }

  @Test
  void readThatEndsBeforeItsWriteBeginsIsRefuted() {
    History h = new History();
    read(h, 1, 3, 0, 5);
    write(h, 0, 3, 6, 10, OpStatus.OK);
    UniqueValueRegister check = check(h);
    assertEquals(UniqueValueRegister.Outcome.INVALID, check.run());
    assertTrue(check.witness().contains("it completed before write 3"), check.witness());
  }

  @Test
  void twoReadersSeeingTwoWritesInOppositeOrdersAreRefuted() {
    History h = new History();
    write(h, 0, 1, 0, 100, OpStatus.OK);
    write(h, 1, 2, 0, 100, OpStatus.OK);
    read(h, 2, 1, 10, 20);
    read(h, 2, 2, 30, 40);
    read(h, 3, 2, 10, 20);
    read(h, 3, 1, 30, 40);
    assertEquals(UniqueValueRegister.Outcome.INVALID, check(h).run());
  }

  // ---- quiet on correct histories ----

  @Test
  void concurrentWritesReadInEitherOrderAndTouchingOpsAreValid() {
    History h = new History();
    write(h, 0, 1, 0, 100, OpStatus.OK);
    write(h, 1, 2, 0, 100, OpStatus.OK);
    read(h, 2, 1, 10, 20);
    read(h, 3, 2, 30, 40);
    read(h, 2, 2, 100, 110); // touches both writes' completions: concurrent with them
    write(h, 4, 3, 110, -1, OpStatus.INFO); // pending, then observed
    read(h, 5, 3, 200, 210);
    assertEquals(UniqueValueRegister.Outcome.VALID, check(h).run());
  }

  @Test
  void repeatedValuesCasesAndUnwrittenReadsAreLeftToTheSearch() {
    History twice = new History();
    write(twice, 0, 1, 0, 10, OpStatus.OK);
    write(twice, 0, 1, 20, 30, OpStatus.OK);
    assertEquals(UniqueValueRegister.Outcome.UNDECIDED, check(twice).run());
    History cas = new History();
    cas.complete(cas.invokeCas(0, 0, NIL, 1, 0), OpStatus.OK, NIL, MS);
    assertEquals(UniqueValueRegister.Outcome.UNDECIDED, check(cas).run());
    History unwritten = new History();
    read(unwritten, 0, 9, 0, 10);
    assertEquals(UniqueValueRegister.Outcome.UNDECIDED, check(unwritten).run());
  }

  // ---- against the search, on many small generated histories ----

  /**
   * Small histories of a correct store over two keys with ticks of 1 ms (ties are common), half of
   * them mutated: a read's result replaced by another value of its key or nil, or an op moved in
   * time. The check must reach the search's verdict, and decide nearly every key on its own.
   */
  @Test
  void agreesWithTheSearchOnSmallValidAndMutatedHistories() {
    int valid = 0;
    int invalid = 0;
    int keys = 0;
    int decided = 0;
    for (long seed = 1; seed <= 3_000; seed++) {
      RegisterHistories gen =
          RegisterHistories.correct(seed, 6 + (int) (seed % 10), 3, 2, 2, 4, 20, 5, MS);
      if (seed % 2 == 0) {
        mutate(gen, new RandomStreams(seed).fork("mutate"));
      }
      History h = gen.record();
      CheckResult search = SEARCH.check(h);
      CheckResult fast = FAST.check(h);
      assertEquals(search.verdict(), fast.verdict(), "seed " + seed + ": " + fast + "\n" + ops(h));
      keys += (int) IntStream.range(0, h.size()).mapToLong(h::key).distinct().count();
      decided += decidedKeys(fast.detail());
      if (fast.verdict() == Verdict.VALID) {
        valid++;
      } else {
        invalid++;
      }
    }
    assertTrue(valid > 1_000 && invalid > 350, "valid " + valid + ", invalid " + invalid);
    assertTrue(decided > keys * 95 / 100, decided + " of " + keys + " keys decided without search");
  }

  private static void mutate(RegisterHistories gen, UniformRandomProvider rng) {
    for (int m = rng.nextInt(2); m >= 0; m--) {
      mutateOne(gen, rng);
    }
  }

  private static void mutateOne(RegisterHistories gen, UniformRandomProvider rng) {
    int i = rng.nextInt(gen.size);
    if (!gen.write[i] && rng.nextInt(3) > 0) {
      long[] values =
          IntStream.range(0, gen.size)
              .filter(w -> gen.write[w] && gen.key[w] == gen.key[i])
              .mapToLong(w -> gen.value[w])
              .toArray();
      int pick = rng.nextInt(values.length + 1);
      gen.value[i] = pick < values.length ? values[pick] : NIL;
    } else if (gen.complete[i] != Long.MAX_VALUE) {
      long shift = (rng.nextInt(21) - 10) * MS;
      long start = Math.max(0, gen.invoke[i] + shift);
      gen.complete[i] = start + (gen.complete[i] - gen.invoke[i]);
      gen.invoke[i] = start;
    }
  }

  private static int decidedKeys(String detail) {
    int at = detail.indexOf(" of them decided from their unique values");
    return at < 0 ? 0 : Integer.parseInt(detail.substring(detail.lastIndexOf(", ", at) + 2, at));
  }

  private static String ops(History h) {
    return h.ops().stream().map(Object::toString).collect(Collectors.joining("\n"));
  }

  // ---- long histories ----

  /**
   * 100,000 operations over 100 Zipf keys from 200 clients: valid, every key decided without
   * search; the same history with one read of the hottest key turned stale is invalid, and as that
   * key has more ops than the witness search takes, the witness is the pair of values.
   */
  @Test
  void longHistoryOverZipfKeysIsValidAndAStaleReadInItIsFound() {
    RegisterHistories gen = RegisterHistories.correct(7, 100_000, 200, 100, 5, 20, 1, 1, 1_000);
    CheckResult ok = FAST.check(gen.record());
    assertEquals(Verdict.VALID, ok.verdict(), ok.toString());
    assertTrue(ok.detail().contains("100 of them decided from their unique values"), ok.detail());

    int firstWrite = -1;
    int lastRead = -1;
    for (int i = 0; i < gen.size; i++) {
      if (gen.key[i] == 0 && gen.status[i] == OpStatus.OK) {
        firstWrite = firstWrite < 0 && gen.write[i] ? i : firstWrite;
        lastRead = gen.write[i] ? lastRead : i;
      }
    }
    gen.value[lastRead] = gen.value[firstWrite];
    CheckResult bad = FAST.check(gen.record());
    assertEquals(Verdict.INVALID, bad.verdict(), bad.toString());
    assertEquals(1, bad.violations());
    String w = bad.witnesses().get(0);
    assertTrue(w.startsWith("key 0: read → " + gen.value[firstWrite]), w);
    assertTrue(w.contains("was overwritten for good"), w);
  }

  /**
   * The search on a long key (values repeated, as in Jepsen's logs, so the check cannot help): its
   * memo keeps only the window of concurrent calls per configuration, so 60,000 operations fit the
   * 64 MiB memo that a bitset of every op per configuration would exhaust after ~8,000 of them.
   */
  @Test
  void searchMemoFollowsTheConcurrencyWindowNotTheHistoryLength() {
    RegisterHistories gen = RegisterHistories.correct(11, 60_000, 10, 1, 5, 20, 1, 1, 1_000);
    History h = gen.record();
    int again = h.invoke(10, OpKind.WRITE, 0, gen.value[firstOkWrite(gen)], Long.MAX_VALUE / 2);
    h.complete(again, OpStatus.OK, NIL, Long.MAX_VALUE / 2 + 1);
    CheckResult r = FAST.check(h);
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertTrue(!r.detail().contains("decided from their unique values"), r.detail());
  }

  private static int firstOkWrite(RegisterHistories gen) {
    return IntStream.range(0, gen.size)
        .filter(i -> gen.write[i] && gen.status[i] == OpStatus.OK)
        .findFirst()
        .orElseThrow();
  }
}
