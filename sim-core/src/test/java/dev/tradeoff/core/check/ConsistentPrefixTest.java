package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.SessionGuarantees.Guarantee;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class ConsistentPrefixTest {
  private static final long NIL = History.NIL;
  private static final SessionGuarantees CP = new SessionGuarantees(Guarantee.CONSISTENT_PREFIX);

  private static void write(History h, int p, long key, long value, long from, long to) {
    int op = h.invoke(p, OpKind.WRITE, key, value, from);
    h.complete(op, OpStatus.OK, NIL, to);
  }

  private static void snapshot(History h, int p, long[] results, long from, long to) {
    long[] keys = new long[results.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i + 1;
    }
    int first = h.invokeSnapshotRead(p, keys, from);
    h.completeSnapshotRead(first, OpStatus.OK, results, to);
  }

  /** Question on key 1 acknowledged at 10, answer on key 2 written 20..30. */
  private static History questionAndAnswer(long questionDone) {
    History h = new History();
    write(h, 0, 1, 5, 0, questionDone);
    write(h, 1, 2, 8, 20, 30);
    return h;
  }

  @Test
  void snapshotSeeingTheAnswerWithoutTheQuestionFires() {
    History h = questionAndAnswer(10);
    snapshot(h, 2, new long[] {NIL, 8}, 40, 50);
    CheckResult r = CP.check(h);
    assertEquals(Verdict.INVALID, r.verdict(), r.toString());
    String w = r.witnesses().get(0);
    assertTrue(
        w.startsWith(
            "snapshot read op 2 (process 2, 2 keys, 0.00004 ms..0.00005 ms) saw key 2 = 8"),
        w);
    assertTrue(w.contains("but key 1 = nil (the initial nil of key 1), older than op 0"), w);
    assertTrue(w.contains("acknowledged before op 1 began"), w);
  }

  @Test
  void prefixesOfTheWritesAreQuiet() {
    for (long[] seen : new long[][] {{5, 8}, {5, NIL}, {NIL, NIL}}) {
      History h = questionAndAnswer(10);
      snapshot(h, 2, seen, 40, 50);
      assertEquals(Verdict.VALID, CP.check(h).verdict());
    }
  }

  @Test
  void writesThatOverlapAreNotOrderedSoEitherAloneIsAPrefix() {
    History h = questionAndAnswer(25); // the question was still in flight when the answer began
    snapshot(h, 2, new long[] {NIL, 8}, 40, 50);
    assertEquals(Verdict.VALID, CP.check(h).verdict());
  }

  @Test
  void separateSingleKeyReadsNeverFire() {
    History h = questionAndAnswer(10);
    int a = h.invoke(2, OpKind.READ, 2, NIL, 40);
    h.complete(a, OpStatus.OK, 8, 41);
    int b = h.invoke(2, OpKind.READ, 1, NIL, 42);
    h.complete(b, OpStatus.OK, NIL, 43);
    assertEquals(Verdict.VALID, CP.check(h).verdict());
  }

  // ---- seeded stores: one atomic copy, and independently lagging keys ----

  private record Event(
      int process, boolean snapshot, long key, long value, long invoke, long lin, long complete) {}

  private static List<Event> events(long seed) {
    UniformRandomProvider rng = new RandomStreams(seed).fork("prefix");
    List<Event> events = new ArrayList<>();
    long next = 1;
    for (int p = 0; p < 4; p++) {
      long t = rng.nextInt(50);
      for (int i = 0; i < 15; i++) {
        long invoke = t * 10 + p;
        long lin = invoke + 1 + rng.nextInt(100);
        long complete = lin + 1 + rng.nextInt(100);
        boolean snap = rng.nextInt(3) == 0;
        events.add(
            new Event(
                p,
                snap,
                snap ? -1 : 1 + rng.nextInt(3),
                snap ? NIL : next++,
                invoke,
                lin,
                complete));
        t = complete / 10 + 1 + rng.nextInt(5);
      }
    }
    return events;
  }

  /** The value of {@code key} after the writes taking effect at or before {@code at}. */
  private static long valueAt(List<Event> events, long key, long at) {
    long value = NIL;
    long when = Long.MIN_VALUE;
    for (Event e : events) {
      if (!e.snapshot() && e.key() == key && e.lin() <= at && e.lin() >= when) {
        value = e.value();
        when = e.lin();
      }
    }
    return value;
  }

  /** Records the events; each snapshot key is read {@code lag(key)} ns before the read's point. */
  private static History record(List<Event> events, UniformRandomProvider lag, int maxLag) {
    List<Event> byInvoke = new ArrayList<>(events);
    byInvoke.sort(Comparator.comparingLong(Event::invoke));
    History h = new History();
    List<int[]> open = new ArrayList<>();
    for (Event e : byInvoke) {
      int op =
          e.snapshot()
              ? h.invokeSnapshotRead(e.process(), new long[] {1, 2, 3}, e.invoke())
              : h.invoke(e.process(), OpKind.WRITE, e.key(), e.value(), e.invoke());
      open.add(new int[] {op, events.indexOf(e)});
    }
    for (int[] o : open) {
      Event e = events.get(o[1]);
      if (e.snapshot()) {
        long[] seen = new long[3];
        for (int k = 0; k < 3; k++) {
          seen[k] = valueAt(events, k + 1, e.lin() - (maxLag == 0 ? 0 : lag.nextInt(maxLag)));
        }
        h.completeSnapshotRead(o[0], OpStatus.OK, seen, e.complete());
        for (int k = 0; k < 3; k++) {
          h.served(o[0] + k, "db"); // one store answers everything
        }
      } else {
        h.complete(o[0], OpStatus.OK, NIL, e.complete());
      }
    }
    return h;
  }

  @Test
  void atomicSnapshotsAreQuietAndIndependentlyLaggingKeysAreCaught() {
    int fired = 0;
    for (long seed = 1; seed <= 300; seed++) {
      List<Event> events = events(seed);
      UniformRandomProvider lag = new RandomStreams(seed).fork("lag");
      History atomic = record(events, lag, 0);
      for (Checker c : SessionGuarantees.all()) {
        assertEquals(Verdict.VALID, c.check(atomic).verdict(), "seed " + seed + " " + c.name());
      }
      History lagging = record(events, lag, 400);
      CheckResult r = CP.check(lagging);
      if (r.verdict() == Verdict.INVALID) {
        fired++;
        assertTrue(r.witnesses().get(0).contains("not a prefix"), r.toString());
      }
    }
    assertTrue(fired > 150, "consistent prefix fired on only " + fired + " of 300 lagging runs");
  }
}
