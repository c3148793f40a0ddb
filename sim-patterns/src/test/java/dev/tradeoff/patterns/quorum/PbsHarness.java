package dev.tradeoff.patterns.quorum;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Store;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;

/**
 * The PBS experiment run on the simulated leaderless store: each trial writes a fresh key, and once
 * the write commits (W acks at the client-side coordinator) reads it at each delay t of a grid; a
 * read is consistent when it returns the value written. Trials run on {@code clients} probe nodes
 * at once — fresh keys keep them independent — with zero network latency, so that the only delays
 * are the WARS ones the pattern draws and the measured quantities are exactly the paper's.
 */
final class PbsHarness {
  private PbsHarness() {}

  /** What a run measured. */
  static final class Result {
    final long[] delaysNanos;
    final long[] reads;
    final long[] consistent;
    final LongArrayList writeLatencies = new LongArrayList();
    final LongArrayList readLatencies = new LongArrayList();
    long events;

    Result(long[] delaysNanos) {
      this.delaysNanos = delaysNanos;
      reads = new long[delaysNanos.length];
      consistent = new long[delaysNanos.length];
    }

    /** P(consistent read) at grid point {@code i}. */
    double consistency(int i) {
      return reads[i] == 0 ? Double.NaN : (double) consistent[i] / reads[i];
    }

    /** P(consistent read) at delay {@code delayNanos}, which must be a grid point. */
    double consistencyAt(long delayNanos) {
      int i = Arrays.binarySearch(delaysNanos, delayNanos);
      if (i < 0) {
        throw new IllegalArgumentException("not a grid point: " + delayNanos);
      }
      return consistency(i);
    }

    /**
     * The smallest t at which P(consistent) reaches {@code target}, interpolated between grid
     * points on log(1 - P); 0 when already reached at the first point, NaN when never.
     */
    double delayForNanos(double target) {
      for (int i = 0; i < delaysNanos.length; i++) {
        if (consistency(i) >= target) {
          if (i == 0) {
            return delaysNanos[0];
          }
          double a = Math.log(Math.max(1e-9, 1 - consistency(i - 1)));
          double b = Math.log(Math.max(1e-9, 1 - consistency(i)));
          double want = Math.log(1 - target);
          double f = a == b ? 1 : (a - want) / (a - b);
          return delaysNanos[i - 1] + f * (delaysNanos[i] - delaysNanos[i - 1]);
        }
      }
      return Double.NaN;
    }

    static long percentile(LongArrayList values, double p) {
      long[] sorted = values.toLongArray();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
  }

  /**
   * Runs {@code trials} PBS trials on a group built from {@code config} (service time forced to 0),
   * reading at each of {@code delaysNanos} (ascending) after every commit.
   */
  static Result run(Settings config, long seed, int clients, int trials, long[] delaysNanos) {
    Simulation sim = new Simulation(seed);
    sim.network().defaultLatency(Distribution.constant(0));
    // No service time, and a coordinator that waits as long as WARS tails last (YMMR's W=3 write
    // p99.9 is near 2 s).
    Store store =
        Leaderless.build(
            config
                .withService(Distribution.constant(0))
                .withCoordinatorTimeout(1_000_000_000_000L));
    store.addTo(sim);
    Result result = new Result(delaysNanos);
    int[] next = {0};
    for (int i = 0; i < clients; i++) {
      int index = i;
      sim.addNode(
          NodeSpec.of(
              "pbs-" + i,
              "clients",
              () -> new Probe(store.client(index), sim, result, delaysNanos, next, trials)));
    }
    sim.runUntil(Long.MAX_VALUE);
    result.events = sim.eventsProcessed();
    return result;
  }

  /** One probe client: runs trials one after another until the shared budget is spent. */
  private static final class Probe implements Node {
    private final StoreClient store;
    private final Simulation sim;
    private final Result result;
    private final long[] delaysNanos;
    private final int[] next;
    private final int trials;
    private Context ctx;
    private int op;
    private int base;
    private long key;
    private long value;
    private long writeStartNanos;
    private final long[] readStartNanos;
    private int readsLeft;

    Probe(StoreClient store, Simulation sim, Result result, long[] delays, int[] next, int trials) {
      this.store = store;
      this.sim = sim;
      this.result = result;
      this.delaysNanos = delays;
      this.next = next;
      this.trials = trials;
      this.readStartNanos = new long[delays.length];
    }

    private record ReadAt(int index) {}

    @Override
    public void onStart(Context context) {
      ctx = context;
      store.start(ctx);
      nextTrial();
    }

    private void nextTrial() {
      if (next[0] >= trials) {
        return;
      }
      key = next[0]++;
      value = key + 1;
      writeStartNanos = sim.nowNanos();
      // Ops base … base+k-1 of a trial are its reads, base+k its write: unique in the run, so a
      // late reply to an earlier trial never counts for this one.
      base = (int) key * (delaysNanos.length + 1);
      op = base + delaysNanos.length;
      store.submit(new Request(op, OpKind.WRITE, key, value, History.NIL));
    }

    @Override
    public void onMessage(int from, Object message) {
      Response r = store.onMessage(from, message);
      if (r == null || r.status() != OpStatus.OK) {
        return;
      }
      long now = sim.nowNanos();
      if (r.op() == op) {
        result.writeLatencies.add(now - writeStartNanos);
        readsLeft = delaysNanos.length;
        for (int i = 0; i < delaysNanos.length; i++) {
          if (delaysNanos[i] == 0) {
            read(i);
          } else {
            ctx.setTimer(delaysNanos[i], new ReadAt(i));
          }
        }
      } else {
        int i = r.op() - base;
        if (i < 0 || i >= delaysNanos.length) {
          return;
        }
        result.reads[i]++;
        if (r.value() == value) {
          result.consistent[i]++;
        }
        if (delaysNanos[i] == 0) {
          result.readLatencies.add(now - readStartNanos[i]);
        }
        if (--readsLeft == 0) {
          nextTrial();
        }
      }
    }

    private void read(int i) {
      readStartNanos[i] = sim.nowNanos();
      store.submit(new Request(base + i, OpKind.READ, key, History.NIL, History.NIL));
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      if (store.ownsTimer(payload)) {
        store.onTimer(timerId, payload);
      } else {
        read(((ReadAt) payload).index());
      }
    }
  }
}
