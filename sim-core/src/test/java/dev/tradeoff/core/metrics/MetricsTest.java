package dev.tradeoff.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.random.Distribution;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000 * MS;

  @Test
  void probesAreSampledAtTheEndOfEveryInterval() {
    Simulation sim = new Simulation(1);
    long[] counter = {0};
    sim.addNode(NodeSpec.of("ticker", "dc", () -> new Ticker(counter)));
    sim.metrics().probe("lag/ticker", () -> counter[0]);
    sim.runUntil(5 * SECOND);
    Series lag = sim.metrics().series("lag/ticker");
    assertEquals(5, lag.intervals());
    for (int i = 0; i < 5; i++) {
      // intervals are half-open, [i s, (i + 1) s): the ticker counts every 10 ms, so by the end of
      // interval i it has counted 100 (i + 1) - 1 times; the tick at the boundary belongs to i + 1
      assertEquals(100.0 * (i + 1) - 1, lag.last(i), 0.0, "interval " + i);
      assertEquals(1, lag.count(i), "interval " + i);
    }
  }

  @Test
  void cpuQueueAndUtilisationSeriesFollowTheLoad() {
    Simulation sim = new Simulation(1);
    // one worker, 99 jobs of 20 ms arriving every 10 ms from 10 ms to 990 ms: the worker is busy
    // from 10 ms to 1,990 ms and the queue grows by one job per 20 ms, then drains
    sim.addNode(
        NodeSpec.of("server", "dc", Overload::new).cpu(1, 1_000, Distribution.constant(20 * MS)));
    sim.runUntil(3 * SECOND);
    Series utilisation = sim.metrics().series("cpu.utilisation/server");
    Series queue = sim.metrics().series("cpu.queue/server");
    assertEquals(0.99, utilisation.last(0), 1e-9);
    assertEquals(0.99, utilisation.last(1), 1e-9);
    assertEquals(0.0, utilisation.last(2), 1e-9);
    assertTrue(queue.last(0) > 20, "mean queue in the first second: " + queue.last(0));
    assertTrue(queue.last(1) < queue.last(0), "the queue drains in the second second");
    assertEquals(0.0, queue.last(2), 1e-9);
  }

  @Test
  void opMetricsCountOutcomesAndCloseIntervals() {
    Metrics metrics = new Metrics();
    metrics.recordOp("read", OpStatus.OK, 0, 5 * MS);
    metrics.recordOp("read", OpStatus.OK, 100 * MS, 110 * MS);
    metrics.recordOp("read", OpStatus.FAIL, SECOND, SECOND + MS);
    metrics.recordOp("read", OpStatus.INFO, SECOND, 2 * SECOND + MS);
    metrics.sampleProbes(3 * SECOND);
    OpMetrics read = metrics.op("read");
    assertEquals(2, read.ok());
    assertEquals(1, read.fail());
    assertEquals(1, read.info());
    assertEquals(3, read.intervals());
    assertEquals(2, read.okIn(0));
    assertEquals(1, read.errorsIn(1));
    assertEquals(1, read.errorsIn(2));
    assertEquals(-1, read.p50NanosIn(1), "no success in interval 1");
    assertEquals(10 * MS, read.latencyNanos().getMaxValue(), 10 * MS / 1000.0);
  }

  @Test
  void theIntervalCannotChangeAfterRecording() {
    Metrics metrics = new Metrics();
    metrics.gauge("x", 0, 1);
    assertThrows(IllegalStateException.class, () -> metrics.intervalNanos(5 * MS));
    assertThrows(IllegalArgumentException.class, () -> new Metrics().intervalNanos(0));
  }

  private static final class Ticker implements Node {
    private final long[] counter;
    private Context ctx;

    Ticker(long[] counter) {
      this.counter = counter;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(10 * MS, null);
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      counter[0]++;
      ctx.setTimer(10 * MS, null);
    }

    @Override
    public void onMessage(int from, Object message) {}
  }

  private static final class Overload implements Node {
    private Context ctx;

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(10 * MS, null);
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      ctx.process("job");
      if (ctx.localNanos() < SECOND - 10 * MS) {
        ctx.setTimer(10 * MS, null);
      }
    }

    @Override
    public void onMessage(int from, Object message) {}
  }
}
