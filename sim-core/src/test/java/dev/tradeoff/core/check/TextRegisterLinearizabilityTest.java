package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Linearizability.Model;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** Linearizability of text keys: a string register with put, append (concatenation) and get. */
class TextRegisterLinearizabilityTest {
  private static final long MS = 1_000_000L;

  private static int put(History h, int p, long key, String v, long from, long to, OpStatus s) {
    return write(h, p, OpKind.WRITE, key, v, from, to, s);
  }

  private static int append(History h, int p, long key, String v, long from, long to, OpStatus s) {
    return write(h, p, OpKind.APPEND, key, v, from, to, s);
  }

  private static int write(
      History h, int p, OpKind kind, long key, String v, long from, long to, OpStatus s) {
    int op = h.invoke(p, kind, key, h.internText(v), from * MS);
    if (to >= 0) {
      h.complete(op, s, History.NIL, to * MS);
    }
    return op;
  }

  private static void get(History h, int p, long key, String seen, long from, long to) {
    int op = h.invoke(p, OpKind.READ, key, History.NIL, from * MS);
    h.complete(op, OpStatus.OK, seen == null ? History.NIL : h.internText(seen), to * MS);
  }

  private static CheckResult check(History h) {
    return Linearizability.check(h, Model.KV);
  }

  @Test
  void appendsConcatenateAndAPutStartsAfresh() {
    History h = new History();
    get(h, 0, 1, "", 0, 1); // a key never written reads as the empty text…
    get(h, 0, 2, null, 0, 1); // …or as nil
    append(h, 0, 1, "x 0 0 y", 2, 3, OpStatus.OK);
    append(h, 1, 1, "x 1 0 y", 4, 5, OpStatus.OK);
    get(h, 2, 1, "x 0 0 yx 1 0 y", 6, 7);
    put(h, 0, 1, "x 0 1 y", 8, 9, OpStatus.OK);
    append(h, 1, 1, "x 1 1 y", 10, 11, OpStatus.OK);
    get(h, 2, 1, "x 0 1 yx 1 1 y", 12, 13);
    CheckResult r = check(h);
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
  }

  @Test
  void aGetMissingACompletedAppendIsInvalidWithTheTextItShouldHaveSeen() {
    History h = new History();
    h.nameProcess(2, "client-2");
    append(h, 0, 1, "x 0 0 y", 0, 1, OpStatus.OK);
    append(h, 1, 1, "x 1 0 y", 2, 3, OpStatus.OK);
    get(h, 2, 1, "x 0 0 y", 4, 5);
    CheckResult r = check(h);
    assertEquals(Verdict.INVALID, r.verdict(), r.toString());
    String w = r.witnesses().get(0);
    assertTrue(
        w.startsWith("key 1: read → \"x 0 0 y\" by client-2 [4 ms–5 ms] cannot be linearized"), w);
    assertTrue(w.contains("the text is \"x 0 0 yx 1 0 y\""), w);
  }

  @Test
  void concurrentAppendsMayLandInEitherOrderButNotBoth() {
    for (String seen : new String[] {"ab", "ba"}) {
      History h = new History();
      append(h, 0, 1, "a", 0, 5, OpStatus.OK);
      append(h, 1, 1, "b", 1, 6, OpStatus.OK);
      get(h, 2, 1, seen, 7, 8);
      assertEquals(Verdict.VALID, check(h).verdict(), seen);
    }
    History h = new History();
    append(h, 0, 1, "a", 0, 5, OpStatus.OK);
    append(h, 1, 1, "b", 1, 6, OpStatus.OK);
    get(h, 2, 1, "ab", 7, 8);
    get(h, 2, 1, "ba", 9, 10);
    assertEquals(Verdict.INVALID, check(h).verdict());
  }

  @Test
  void aTextIsComparedWholeNotByHowItWasCut() {
    // "ab" put, or "a" put and "b" appended: the same text, so a get of "ab" fits either way.
    History h = new History();
    put(h, 0, 1, "a", 0, 1, OpStatus.OK);
    append(h, 0, 1, "b", 2, 3, OpStatus.OK);
    get(h, 1, 1, "ab", 4, 5);
    put(h, 0, 1, "ab", 6, 7, OpStatus.OK);
    get(h, 1, 1, "ab", 8, 9);
    assertEquals(Verdict.VALID, check(h).verdict());
    get(h, 1, 1, "abb", 10, 11);
    assertEquals(Verdict.INVALID, check(h).verdict());
  }

  @Test
  void anInfoAppendCountsOnlyWhenAGetSawIt() {
    History seen = new History();
    append(seen, 0, 1, "a", 0, 1, OpStatus.OK);
    append(seen, 1, 1, "b", 2, -1, OpStatus.INFO); // never completed
    get(seen, 2, 1, "ab", 4, 5);
    get(seen, 2, 1, "ab", 6, 7);
    assertEquals(Verdict.VALID, check(seen).verdict());

    History unseen = new History();
    append(unseen, 0, 1, "a", 0, 1, OpStatus.OK);
    append(unseen, 1, 1, "b", 2, 3, OpStatus.INFO);
    get(unseen, 2, 1, "a", 4, 5);
    assertEquals(Verdict.VALID, check(unseen).verdict());

    History failed = new History();
    append(failed, 0, 1, "a", 0, 1, OpStatus.OK);
    append(failed, 1, 1, "b", 2, 3, OpStatus.FAIL); // did not happen
    get(failed, 2, 1, "ab", 4, 5);
    assertEquals(Verdict.INVALID, check(failed).verdict());
  }

  @Test
  void aTextKeyWithAnIntegerWriteOrACasIsUnknown() {
    History mixed = new History();
    put(mixed, 0, 1, "a", 0, 1, OpStatus.OK);
    int op = mixed.invoke(1, OpKind.WRITE, 1, 7, 2 * MS);
    mixed.complete(op, OpStatus.OK, History.NIL, 3 * MS);
    CheckResult r = check(mixed);
    assertEquals(Verdict.UNKNOWN, r.verdict(), r.toString());
    assertTrue(r.detail().contains("key 1 mixes text values with write 7"), r.detail());

    History cas = new History();
    put(cas, 0, 1, "a", 0, 1, OpStatus.OK);
    int c = cas.invokeCas(1, 1, cas.internText("a"), cas.internText("b"), 2 * MS);
    cas.complete(c, OpStatus.OK, History.NIL, 3 * MS);
    assertEquals(Verdict.UNKNOWN, Linearizability.check(cas, Model.CAS_REGISTER).verdict());
  }

  @Test
  void putsAloneAreATextRegisterInTheRegisterModelToo() {
    History h = new History();
    get(h, 1, 1, "", 0, 1);
    put(h, 0, 1, "x", 2, 3, OpStatus.OK);
    get(h, 1, 1, "x", 4, 5);
    assertEquals(Verdict.VALID, Linearizability.check(h, Model.REGISTER).verdict());
    get(h, 1, 1, "", 6, 7);
    assertEquals(Verdict.INVALID, Linearizability.check(h, Model.REGISTER).verdict());
  }

  // ---- against a brute-force oracle ----

  private record Planned(
      int process, OpKind kind, String text, long invoke, long complete, OpStatus status) {}

  /**
   * A random history of one text key: a few processes, each issuing ops one after another; ops take
   * effect at a random point of their interval in that order (an INFO op maybe not at all), and
   * gets return the text then. Chunks come from a small pool that includes prefixes of each other,
   * so a text can be cut in several ways.
   */
  private static History simulate(long seed, boolean mutate) {
    UniformRandomProvider r = new RandomStreams(seed).fork("text-register");
    String[] pool = {"a", "b", "ab", "ba", "x 1 y"};
    int processes = 2 + r.nextInt(2);
    List<Planned> plans = new ArrayList<>();
    List<long[]> effects = new ArrayList<>(); // {effect time, plan index}
    for (int p = 0; p < processes; p++) {
      long t = r.nextInt(3);
      int count = 2 + r.nextInt(3);
      for (int i = 0; i < count; i++) {
        long invoke = t;
        long complete = invoke + 1 + r.nextInt(6);
        int pick = r.nextInt(10);
        OpKind kind = pick < 4 ? OpKind.READ : pick < 6 ? OpKind.WRITE : OpKind.APPEND;
        OpStatus status = kind != OpKind.READ && r.nextInt(6) == 0 ? OpStatus.INFO : OpStatus.OK;
        String text = kind == OpKind.READ ? null : pool[r.nextInt(pool.length)];
        plans.add(new Planned(p, kind, text, invoke, complete, status));
        boolean happens = status == OpStatus.OK || r.nextBoolean();
        if (happens) {
          effects.add(
              new long[] {
                invoke * 10 + r.nextInt((int) (complete - invoke) * 10), plans.size() - 1
              });
        }
        t = complete + 1 + r.nextInt(2);
      }
    }
    effects.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
    String[] seen = new String[plans.size()];
    String state = "";
    for (long[] e : effects) {
      Planned p = plans.get((int) e[1]);
      switch (p.kind()) {
        case READ -> seen[(int) e[1]] = state;
        case WRITE -> state = p.text();
        default -> state = state + p.text();
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingLong((Integer i) -> plans.get(i).invoke()).thenComparing(i -> i));
    History h = new History();
    for (int i : order) {
      Planned p = plans.get(i);
      long value = p.kind() == OpKind.READ ? History.NIL : h.internText(p.text());
      int op = h.invoke(p.process(), p.kind(), 7, value, p.invoke() * MS);
      String result = seen[i];
      if (p.kind() == OpKind.READ && mutate && r.nextInt(3) == 0) {
        StringBuilder sb = new StringBuilder();
        for (int k = r.nextInt(3); k > 0; k--) {
          sb.append(pool[r.nextInt(pool.length)]);
        }
        result = sb.toString();
      }
      long resultValue = p.kind() == OpKind.READ ? h.internText(result) : History.NIL;
      if (p.status() == OpStatus.OK || r.nextBoolean()) {
        h.complete(op, p.status(), resultValue, p.complete() * MS);
      }
    }
    return h;
  }

  /** Every real-time-respecting order of the ops, each INFO op placed or left out. */
  private static boolean bruteForce(History h) {
    List<Integer> ops = new ArrayList<>();
    for (int i = 0; i < h.size(); i++) {
      if (h.status(i) != OpStatus.FAIL
          && !(h.kind(i) == OpKind.READ && h.status(i) != OpStatus.OK)) {
        ops.add(i);
      }
    }
    return place(h, ops, new boolean[ops.size()], "");
  }

  private static boolean place(History h, List<Integer> ops, boolean[] placed, String state) {
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
        ready = placed[j] || h.status(a) != OpStatus.OK || h.completeNanos(a) >= h.invokeNanos(b);
      }
      if (!ready) {
        continue;
      }
      String next =
          switch (h.kind(b)) {
            case READ -> h.text(h.result(b)).equals(state) ? state : null;
            case WRITE -> h.text(h.value(b));
            default -> state + h.text(h.value(b));
          };
      if (next == null) {
        continue;
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
  void agreesWithBruteForceOnSmallRandomHistories() {
    int valid = 0;
    int invalid = 0;
    for (long seed = 1; seed <= 1_500; seed++) {
      History h = simulate(seed, seed % 2 == 0);
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
    assertTrue(valid > 500 && invalid > 200, valid + " valid, " + invalid + " invalid");
  }
}
