package dev.tradeoff.benchmarks;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.workload.KeyDistribution;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;

/**
 * Long histories of a correct map of registers, generated column-wise so that a million operations
 * stay cheap: clients issue operations one after another on keys drawn from Zipf (exponent 1), half
 * reads and half writes of fresh values; each takes effect at a uniform instant of its interval,
 * where reads see the map. 1% of writes end INFO (half of them taking effect, half of those never
 * completing) and 1% FAIL (no effect). {@link #staleRead} turns one read of key 0 stale.
 */
final class CorrectRegisters {
  private final int size;
  private final int[] process;
  private final long[] key;
  private final boolean[] write;
  private final long[] value; // a write's value; a read's result
  private final long[] invoke;
  private final long[] complete; // Long.MAX_VALUE: never completes
  private final OpStatus[] status;

  private CorrectRegisters(int size) {
    this.size = size;
    process = new int[size];
    key = new long[size];
    write = new boolean[size];
    value = new long[size];
    invoke = new long[size];
    complete = new long[size];
    status = new OpStatus[size];
  }

  /** {@code ops} operations from {@code clients} clients over {@code keys} Zipf keys. */
  static CorrectRegisters of(UniformRandomProvider rng, int ops, int clients, int keys) {
    DiscreteSampler keyOf = KeyDistribution.zipf(keys, 1.0).sampler(rng);
    CorrectRegisters h = new CorrectRegisters(ops);
    long[] clock = new long[clients];
    long[] effect = new long[ops];
    long nextValue = 1;
    for (int i = 0; i < ops; i++) {
      int p = rng.nextInt(clients);
      long start = clock[p] + rng.nextInt(6);
      long end = start + 1 + rng.nextInt(20);
      clock[p] = end;
      h.process[i] = p;
      h.key[i] = keyOf.sample();
      h.write[i] = rng.nextBoolean();
      h.value[i] = h.write[i] ? nextValue++ : History.NIL;
      h.invoke[i] = start * 1_000;
      h.complete[i] = end * 1_000;
      h.status[i] = OpStatus.OK;
      effect[i] = (start + rng.nextLong(end - start + 1)) * 1_000;
      int fate = rng.nextInt(100);
      if (h.write[i] && fate < 1) {
        h.status[i] = OpStatus.INFO;
        effect[i] = rng.nextBoolean() ? effect[i] : Long.MAX_VALUE;
        h.complete[i] = rng.nextBoolean() ? h.complete[i] : Long.MAX_VALUE;
      } else if (h.write[i] && fate < 2) {
        h.status[i] = OpStatus.FAIL;
        effect[i] = Long.MAX_VALUE;
      }
    }
    long[] state = new long[keys];
    Arrays.fill(state, History.NIL);
    for (int i : order(ops, effect)) {
      if (effect[i] == Long.MAX_VALUE) {
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

  /**
   * Makes the last OK read of key 0 return the value of key 0's first OK write, long overwritten:
   * the history is then not linearizable.
   */
  CorrectRegisters staleRead() {
    int first = -1;
    int last = -1;
    for (int i = 0; i < size; i++) {
      if (key[i] == 0 && status[i] == OpStatus.OK) {
        first = first < 0 && write[i] ? i : first;
        last = write[i] ? last : i;
      }
    }
    value[last] = value[first];
    return this;
  }

  /** The history, in invocation order. */
  History history() {
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

  private static int[] order(int n, long[] time) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntArrays.stableSort(order, (a, b) -> Long.compare(time[a], time[b]));
    return order;
  }
}
