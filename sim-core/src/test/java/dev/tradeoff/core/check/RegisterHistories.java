package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import dev.tradeoff.core.workload.KeyDistribution;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;

/**
 * Seeded histories of a correct map of registers, held column-wise so that a million operations
 * stay cheap: each process issues operations one after another, each takes effect at a uniform
 * point of its interval (reads see the state there), every write carries a fresh value. A share of
 * writes ends INFO (half of them taking effect, half of those never completing) or FAIL (no
 * effect). Times are whole ticks of {@code tickNanos}, so small ticks make ties common.
 */
final class RegisterHistories {
  final int size;
  final int[] process;
  final long[] key;
  final boolean[] write;
  final long[] value; // a write's value; a read's result
  final long[] invoke;
  final long[] complete; // Long.MAX_VALUE: never completes
  final OpStatus[] status;

  private RegisterHistories(int size) {
    this.size = size;
    process = new int[size];
    key = new long[size];
    write = new boolean[size];
    value = new long[size];
    invoke = new long[size];
    complete = new long[size];
    status = new OpStatus[size];
  }

  /**
   * {@code ops} operations from {@code processes} processes over {@code keys} keys drawn from Zipf
   * with exponent 1; think and service times uniform in {@code 0..maxThink} and {@code
   * 1..maxService} ticks; {@code infoPercent} and {@code failPercent} of writes end INFO and FAIL.
   */
  static RegisterHistories correct(
      long seed,
      int ops,
      int processes,
      int keys,
      int maxThink,
      int maxService,
      int infoPercent,
      int failPercent,
      long tickNanos) {
    UniformRandomProvider rng = new RandomStreams(seed).fork("registers");
    DiscreteSampler keyOf = KeyDistribution.zipf(keys, 1.0).sampler(rng);
    RegisterHistories h = new RegisterHistories(ops);
    long[] clock = new long[processes];
    long[] lp = new long[ops];
    long nextValue = 1;
    for (int i = 0; i < ops; i++) {
      int p = rng.nextInt(processes);
      long start = clock[p] + rng.nextInt(maxThink + 1);
      long end = start + 1 + rng.nextInt(maxService);
      clock[p] = end;
      h.process[i] = p;
      h.key[i] = keyOf.sample();
      h.write[i] = rng.nextBoolean();
      h.value[i] = h.write[i] ? nextValue++ : History.NIL;
      h.invoke[i] = start * tickNanos;
      h.complete[i] = end * tickNanos;
      h.status[i] = OpStatus.OK;
      lp[i] = (start + rng.nextLong(end - start + 1)) * tickNanos;
      int fate = rng.nextInt(100);
      if (h.write[i] && fate < infoPercent) {
        h.status[i] = OpStatus.INFO;
        lp[i] = rng.nextBoolean() ? lp[i] : Long.MAX_VALUE;
        h.complete[i] = rng.nextBoolean() ? h.complete[i] : Long.MAX_VALUE;
      } else if (h.write[i] && fate < infoPercent + failPercent) {
        h.status[i] = OpStatus.FAIL;
        lp[i] = Long.MAX_VALUE;
      }
    }
    int[] byLp = order(ops, lp);
    long[] state = new long[keys];
    Arrays.fill(state, History.NIL);
    for (int i : byLp) {
      if (lp[i] == Long.MAX_VALUE) {
        continue;
      }
      if (h.write[i]) {
        state[(int) h.key[i]] = h.value[i];
      } else {
        h.value[i] = state[(int) h.key[i]];
      }
    }
    return h;
  }

  /** The history, in invocation order (ties by generation order). */
  History record() {
    History h = new History();
    for (int i : order(size, invoke)) {
      OpKind kind = write[i] ? OpKind.WRITE : OpKind.READ;
      int op = h.invoke(process[i], kind, key[i], write[i] ? value[i] : History.NIL, invoke[i]);
      if (complete[i] != Long.MAX_VALUE) {
        h.complete(op, status[i], write[i] ? History.NIL : value[i], complete[i]);
      }
    }
    return h;
  }

  /** Indices 0..n-1 by {@code time}, ties by index. */
  private static int[] order(int n, long[] time) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntArrays.stableSort(order, (a, b) -> Long.compare(time[a], time[b]));
    return order;
  }
}
