package dev.tradeoff.benchmarks;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Linearizability;
import dev.tradeoff.core.check.Linearizability.Model;
import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ListSampler;
import org.apache.commons.rng.sampling.distribution.AhrensDieterExponentialSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteUniformSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The linearizability checker on the histories issue 4 sets targets for, each built once in setup
 * from seeded streams and checked afresh on every invocation:
 *
 * <ul>
 *   <li>{@link #kvLinearizability}: 50 clients, 2,000 reads, writes and CASes over 10 keys of a
 *       correct in-memory map, a few of them INFO; must be valid, target well under 1 s.
 *   <li>{@link #registerWithUnknowns}: one register, 100 reads and writes from 20 processes, 20 of
 *       the writes INFO; must be valid, target under 200 ms.
 *   <li>{@link #listAppend}: 50 clients, 2,000 appends and whole-list reads over 10 keys of a
 *       correct list store, 5% of appends INFO; must be valid.
 *   <li>{@link #pathologicalUnknown}: a non-linearizable register history whose refutation needs
 *       exponentially many configurations of the search (the unique-value check, bypassed here,
 *       refutes it at once); with a budget of {@link #PATHOLOGICAL_BUDGET} it must be unknown, and
 *       the time is the cost of spending that budget.
 *   <li>{@link #longRegister} and {@link #longRegisterStaleRead}: {@link LongHistory#ops} (10 k,
 *       100 k, 1 M) reads and writes of unique values from 200 clients over 100 Zipf keys of a
 *       correct map ({@link CorrectRegisters}), valid; and the same with one stale read of the
 *       hottest key, invalid with a witness. Decided from the read-mapping; target for 1 M: under 5
 *       s in a 1 GB heap (the fork's, which also holds the history). {@link
 *       #longRegisterSearchOnly} is the search on the same valid history, the baseline.
 * </ul>
 *
 * <p>Setup throws if a history does not get the verdict stated above, so a run also checks them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CheckerBenchmark {
  /** Configurations the pathological history may explore before the checker answers unknown. */
  static final long PATHOLOGICAL_BUDGET = 200_000;

  private static final long MS = 1_000_000L;

  private History kv;
  private History register;
  private History pathological;
  private History lists;
  private Linearizability kvChecker;
  private Linearizability registerChecker;
  private Linearizability pathologicalChecker;

  /** Builds the three histories and throws unless each gets its expected verdict. */
  @Setup(Level.Trial)
  public void setUp() {
    RandomStreams streams = new RandomStreams(42);
    kv = CorrectMap.history(streams.fork("checker-kv"), 50, 40, 10, true, 20);
    register = CorrectMap.history(streams.fork("checker-register"), 20, 5, 1, false, 20);
    pathological = pathological();
    lists = CorrectLists.history(streams.fork("checker-lists"), 50, 40, 10);
    kvChecker = new Linearizability(Model.KV, Linearizability.DEFAULT_MAX_CONFIGURATIONS);
    registerChecker =
        new Linearizability(Model.REGISTER, Linearizability.DEFAULT_MAX_CONFIGURATIONS);
    // Search only: the unique-value check refutes this history at once (the values are unique).
    pathologicalChecker = new Linearizability(Model.REGISTER, PATHOLOGICAL_BUDGET).searchOnly();
    expect(kvChecker.check(kv), Verdict.VALID, "kv");
    expect(registerChecker.check(register), Verdict.VALID, "register");
    expect(pathologicalChecker.check(pathological), Verdict.UNKNOWN, "pathological");
    expect(kvChecker.check(lists), Verdict.VALID, "lists");
  }

  /** Checks the 2,000-operation list-append history over 10 keys (valid). */
  @Benchmark
  public CheckResult listAppend() {
    return kvChecker.check(lists);
  }

  /** Checks the 2,000-operation, 10-key KV history (valid). */
  @Benchmark
  public CheckResult kvLinearizability() {
    return kvChecker.check(kv);
  }

  /** Checks the 100-operation register history with 20 INFO writes (valid). */
  @Benchmark
  public CheckResult registerWithUnknowns() {
    return registerChecker.check(register);
  }

  /** Checks the pathological history until the budget runs out (unknown). */
  @Benchmark
  public CheckResult pathologicalUnknown() {
    return pathologicalChecker.check(pathological);
  }

  /** Checks the long valid history (valid). */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
  public CheckResult longRegister(LongHistory h) {
    return h.checker.check(h.valid);
  }

  /** Checks the long history with one stale read (invalid, with a witness). */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
  public CheckResult longRegisterStaleRead(LongHistory h) {
    return h.checker.check(h.stale);
  }

  /** Searches the long valid history without the unique-value check (any verdict). */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
  public CheckResult longRegisterSearchOnly(LongHistory h) {
    return h.checker.searchOnly().check(h.valid);
  }

  /** A long register history over 100 Zipf keys, correct and with one stale read. */
  @State(Scope.Benchmark)
  public static class LongHistory {
    /** Operations in the history. */
    @Param({"10000", "100000", "1000000"})
    public int ops;

    History valid;
    History stale;
    Linearizability checker;

    /** Builds both histories and throws unless they get their verdicts. */
    @Setup(Level.Trial)
    public void setUp() {
      RandomStreams streams = new RandomStreams(42);
      valid = CorrectRegisters.of(streams.fork("checker-long"), ops, 200, 100).history();
      stale =
          CorrectRegisters.of(streams.fork("checker-long"), ops, 200, 100).staleRead().history();
      checker = new Linearizability(Model.KV, Linearizability.DEFAULT_MAX_CONFIGURATIONS);
      expect(checker.check(valid), Verdict.VALID, "long " + ops);
      CheckResult bad = checker.check(stale);
      expect(bad, Verdict.INVALID, "long stale " + ops);
      if (bad.witnesses().isEmpty()) {
        throw new IllegalStateException("long stale " + ops + ": no witness");
      }
    }
  }

  private static void expect(CheckResult result, Verdict verdict, String name) {
    if (result.verdict() != verdict) {
      throw new IllegalStateException(name + ": expected " + verdict + ", got " + result);
    }
  }

  /**
   * A non-linearizable register history that explodes the search (after the classic): 60
   * blind OK writes and 20 INFO writes overlap everything; 20 more INFO writes are observed, one
   * reader seeing them in ascending and another in descending order; two OK writes {@code a} and
   * {@code b} are read as a-then-b by one process and b-then-a by another. No order fits, but
   * refuting every placement of the blind writes takes 2^60 configurations.
   */
  static History pathological() {
    History h = new History();
    int process = 0;
    for (int i = 0; i < 60; i++, process++) {
      int op = h.invoke(process, OpKind.WRITE, 0, h.nextUniqueValue(), i * MS);
      h.complete(op, OpStatus.OK, History.NIL, 1_000 * MS);
    }
    for (int i = 0; i < 20; i++, process++) {
      h.invoke(process, OpKind.WRITE, 0, h.nextUniqueValue(), i * MS); // never completes
    }
    long[] observed = new long[20];
    for (int i = 0; i < observed.length; i++, process++) {
      observed[i] = h.nextUniqueValue();
      int op = h.invoke(process, OpKind.WRITE, 0, observed[i], i * MS);
      h.complete(op, OpStatus.INFO, History.NIL, 900 * MS);
    }
    long a = h.nextUniqueValue();
    long b = h.nextUniqueValue();
    h.complete(h.invoke(process++, OpKind.WRITE, 0, a, 0), OpStatus.OK, History.NIL, 1_000 * MS);
    h.complete(h.invoke(process++, OpKind.WRITE, 0, b, 0), OpStatus.OK, History.NIL, 1_000 * MS);
    int ascending = process++;
    int descending = process++;
    int ab = process++;
    int ba = process;
    for (int i = 0; i < observed.length; i++) {
      long t = (100 + 10 * i) * MS;
      read(h, ascending, observed[i], t);
      read(h, descending, observed[observed.length - 1 - i], t + 5 * MS);
    }
    read(h, ab, a, 400 * MS);
    read(h, ab, b, 420 * MS);
    read(h, ba, b, 440 * MS);
    read(h, ba, a, 460 * MS);
    return h;
  }

  private static void read(History h, int process, long result, long invokeNanos) {
    int op = h.invoke(process, OpKind.READ, 0, History.NIL, invokeNanos);
    h.complete(op, OpStatus.OK, result, invokeNanos + 2 * MS);
  }

  /**
   * Random histories of a correct in-memory map of registers. Each client issues its operations one
   * after another with exponential think and service times; each operation takes effect at a
   * uniform point inside its interval, where reads see and CASes compare against the map's state.
   * Exactly {@code infoCount} writes and CASes end INFO (half of them take effect, half of those
   * never complete); a CAS whose expected value did not match ends FAIL. Such a history is
   * linearizable by construction.
   */
  static final class CorrectMap {
    private CorrectMap() {}

    /** One planned operation; {@code lp} is {@link Long#MAX_VALUE} if it never takes effect. */
    private record Plan(
        int index,
        int process,
        OpKind kind,
        long key,
        long value,
        long expected,
        long invoke,
        long complete,
        long lp) {}

    /**
     * A history of {@code clients × perClient} operations over {@code keys} keys, with CASes when
     * {@code cas}, and {@code infoCount} INFO writes or CASes (at most as many as there are).
     */
    static History history(
        UniformRandomProvider rng,
        int clients,
        int perClient,
        int keys,
        boolean cas,
        int infoCount) {
      ContinuousSampler think = AhrensDieterExponentialSampler.of(rng, 5);
      ContinuousSampler service = AhrensDieterExponentialSampler.of(rng, 10);
      SharedStateDiscreteSampler key = DiscreteUniformSampler.of(rng, 0, keys - 1);
      SharedStateDiscreteSampler dice = DiscreteUniformSampler.of(rng, 0, 99);
      List<Plan> plans = new ArrayList<>(clients * perClient);
      List<List<Long>> written = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        written.add(new ArrayList<>());
      }
      long nextValue = 1;
      for (int p = 0; p < clients; p++) {
        long t = (long) (think.sample() * MS);
        for (int i = 0; i < perClient; i++) {
          long invoke = t + MS + (long) (think.sample() * MS);
          long complete = invoke + MS + (long) (service.sample() * MS);
          t = complete;
          int k = key.sample();
          int roll = dice.sample();
          OpKind kind = roll < 45 ? OpKind.READ : (cas && roll >= 80 ? OpKind.CAS : OpKind.WRITE);
          long value = kind == OpKind.READ ? History.NIL : nextValue++;
          long expected = History.NIL;
          if (kind == OpKind.CAS && !written.get(k).isEmpty()) {
            List<Long> w = written.get(k);
            expected = w.get(Math.max(0, w.size() - 1 - rng.nextInt(3)));
          }
          if (kind != OpKind.READ) {
            written.get(k).add(value);
          }
          long lp = invoke + rng.nextLong(complete - invoke + 1);
          plans.add(new Plan(plans.size(), p, kind, k, value, expected, invoke, complete, lp));
        }
      }
      OpStatus[] status = new OpStatus[plans.size()];
      Arrays.fill(status, OpStatus.OK);
      List<Integer> updates = new ArrayList<>();
      for (Plan pl : plans) {
        if (pl.kind() != OpKind.READ) {
          updates.add(pl.index());
        }
      }
      ListSampler.shuffle(rng, updates);
      for (int i = 0; i < Math.min(infoCount, updates.size()); i++) {
        Plan pl = plans.get(updates.get(i));
        status[pl.index()] = OpStatus.INFO;
        boolean takesEffect = rng.nextBoolean();
        boolean pending = rng.nextBoolean();
        plans.set(
            pl.index(),
            new Plan(
                pl.index(),
                pl.process(),
                pl.kind(),
                pl.key(),
                pl.value(),
                pl.expected(),
                pl.invoke(),
                pending ? Long.MAX_VALUE : pl.complete(),
                takesEffect ? pl.lp() : Long.MAX_VALUE));
      }
      long[] result = new long[plans.size()];
      Arrays.fill(result, History.NIL);
      List<Plan> byLp = new ArrayList<>(plans);
      byLp.sort(Comparator.comparingLong(Plan::lp).thenComparingInt(Plan::index));
      long[] state = new long[keys];
      Arrays.fill(state, History.NIL);
      for (Plan pl : byLp) {
        if (pl.lp() == Long.MAX_VALUE) {
          continue;
        }
        int k = (int) pl.key();
        switch (pl.kind()) {
          case READ -> result[pl.index()] = state[k];
          case WRITE -> state[k] = pl.value();
          case CAS -> {
            if (state[k] == pl.expected()) {
              state[k] = pl.value();
            } else if (status[pl.index()] == OpStatus.OK) {
              status[pl.index()] = OpStatus.FAIL;
            }
          }
          case APPEND -> throw new AssertionError("no appends planned");
        }
      }
      List<Plan> byInvoke = new ArrayList<>(plans);
      byInvoke.sort(Comparator.comparingLong(Plan::invoke).thenComparingInt(Plan::index));
      History h = new History();
      for (Plan pl : byInvoke) {
        int op =
            pl.kind() == OpKind.CAS
                ? h.invokeCas(pl.process(), pl.key(), pl.expected(), pl.value(), pl.invoke())
                : h.invoke(pl.process(), pl.kind(), pl.key(), pl.value(), pl.invoke());
        if (pl.complete() != Long.MAX_VALUE) {
          h.complete(op, status[pl.index()], result[pl.index()], pl.complete());
        }
      }
      return h;
    }
  }
}
