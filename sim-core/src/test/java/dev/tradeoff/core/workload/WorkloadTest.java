package dev.tradeoff.core.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.Op;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.CpuStats;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Metrics;
import dev.tradeoff.core.metrics.OpMetrics;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.random.RandomStreams;
import it.unimi.dsi.fastutil.ints.Int2ObjectAVLTreeMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client workload against its contract: arrival processes deliver their rates, closed-loop
 * clients keep one operation outstanding, reads and keys follow their distributions, timeouts end
 * operations {@code info}, clients stop at the issue window, the single-node store returns the last
 * write, metrics agree with the history, and the same seed gives the same history.
 *
 * <p>Statistical checks allow {@value #Z} standard deviations: a two-sided normal tail of 5.7e-7
 * per check, so a correct implementation passes on any seed, while each check is sized (by its
 * sample count) so that a rate, share or ratio off by 10% lies well beyond the bound.
 */
class WorkloadTest {
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final long ONE_WAY_NANOS = 1 * MS;
  private static final double Z = 5;

  // ---------------------------------------------------------------------------------------------
  // Open-loop arrival processes

  /**
   * N clients, each a Poisson process at rate/N, superpose to one Poisson process at the rate: the
   * count in the window is Poisson(rate × window) = Poisson(40,000), σ = 200, so 5σ is ±2.5% and a
   * rate off by 10% is 20σ away (N times the rate is off the scale).
   */
  @ParameterizedTest(name = "{0} clients, seed {1}")
  @CsvSource({"1, 101", "6, 102"})
  void poissonDeliversItsRateSharedByAllClients(int clients, long seed) {
    double rate = 2_000;
    long window = 20 * SECOND;
    History h = runOpenLoop(seed, clients, Arrivals.poisson(rate), window);
    double expected = rate * window / SECOND;
    assertWithinSigmas(h.size(), expected, Math.sqrt(expected), seed, "Poisson count over 20 s");

    // Shared evenly: each client's count is Poisson(expected / N); with N = 6 that is 6,667 ± 82,
    // so 5σ is ±6%.
    long[] perClient = countsPerProcess(h);
    assertEquals(clients, perClient.length, "seed " + seed + ": clients that issued anything");
    for (long n : perClient) {
      double share = expected / clients;
      assertWithinSigmas(n, share, Math.sqrt(share), seed, "one client's Poisson count");
    }

    // Poisson, not merely the right mean: counts in 200 disjoint bins of 100 ms have variance equal
    // to their mean. The index of dispersion D = s² / mean satisfies (bins − 1)·D ~ χ²(bins − 1),
    // so D ≈ 1 with σ ≈ √(2 / (bins − 1)) ≈ 0.1 and 5σ is ±0.5. Evenly spaced arrivals give D ≈ 0,
    // N clients firing in lockstep give D ≈ N.
    int bins = 200;
    long[] counts = binInvokes(h, 0, window, bins);
    double dispersion = variance(counts) / mean(counts);
    assertWithin(
        dispersion, 1, Z * Math.sqrt(2.0 / (bins - 1)), seed, "index of dispersion of 100 ms bins");
  }

  /**
   * Each client issues every N/rate exactly. The count in the window is the rate × window to within
   * one per client (each client's phase decides whether its last slot fits).
   */
  @ParameterizedTest(name = "{0} clients, seed {1}")
  @CsvSource({"1, 111", "4, 112"})
  void constantArrivalsAreExactlySpacedPerClient(int clients, long seed) {
    double rate = 1_000;
    long window = 10 * SECOND;
    History h = runOpenLoop(seed, clients, Arrivals.constant(rate), window);
    long gap = Math.round(clients * 1e9 / rate);
    for (LongArrayList invokes : invokesPerProcess(h)) {
      assertTrue(invokes.size() > 100, "seed " + seed + ": a client issued " + invokes.size());
      for (int i = 1; i < invokes.size(); i++) {
        assertEquals(
            gap,
            invokes.getLong(i) - invokes.getLong(i - 1),
            "seed " + seed + ": gap between a client's arrivals " + (i - 1) + " and " + i);
      }
    }
    assertEquals(
        rate * window / SECOND,
        h.size(),
        clients,
        "seed " + seed + ": constant arrivals at " + rate + "/s over 10 s from " + clients);
  }

  /**
   * "Evenly spaced arrivals at perSecond", where perSecond is the whole workload's rate: with four
   * clients at 1,000/s the workload's arrivals are 1 ms apart (±1 ns of rounding), not four at once
   * every 4 ms.
   */
  @Test
  void constantArrivalsOfSeveralClientsAreEvenlySpacedInAggregate() {
    long seed = 113;
    int clients = 4;
    double rate = 1_000;
    History h = runOpenLoop(seed, clients, Arrivals.constant(rate), 1 * SECOND);
    long[] invokes = new long[h.size()];
    for (int op = 0; op < h.size(); op++) {
      invokes[op] = h.invokeNanos(op);
    }
    Arrays.sort(invokes);
    long spacing = Math.round(1e9 / rate);
    assertTrue(invokes.length > 900, "seed " + seed + ": only " + invokes.length + " arrivals");
    for (int i = 1; i < invokes.length; i++) {
      long gap = invokes[i] - invokes[i - 1];
      if (Math.abs(gap - spacing) > 1) {
        fail(
            String.format(
                Locale.ROOT,
                "seed %d: arrivals %d and %d of the workload (at %d and %d ns) are %d ns apart,"
                    + " expected %d ± 1: %d clients at %.0f/s in total should interleave, not fire"
                    + " in phase",
                seed,
                i - 1,
                i,
                invokes[i - 1],
                invokes[i],
                gap,
                spacing,
                clients,
                rate));
      }
    }
  }

  /**
   * Bursts are a non-homogeneous Poisson process, so counts over disjoint time sets are independent
   * Poisson variables with mean ∫rate: inside the bursts 5,000/s × 5 s = 25,000 (σ 158, 5σ ±3.2%),
   * outside 1,000/s × 15 s = 15,000 (σ 122, 5σ ±4.1%). A rate off by 10% is 16σ and 12σ away.
   */
  @ParameterizedTest(name = "{0} clients, seed {1}")
  @CsvSource({"1, 121", "5, 122"})
  void burstsMultiplyTheRateInsideBurstWindowsOnly(int clients, long seed) {
    double base = 1_000;
    double factor = 5;
    long period = 2 * SECOND;
    long burst = 500 * MS;
    long window = 20 * SECOND;
    History h = runOpenLoop(seed, clients, Arrivals.bursts(base, factor, period, burst), window);
    long inside = 0;
    long outside = 0;
    for (int op = 0; op < h.size(); op++) {
      if (h.invokeNanos(op) % period < burst) {
        inside++;
      } else {
        outside++;
      }
    }
    double burstSeconds = (double) (window / period) * burst / SECOND;
    double quietSeconds = (double) window / SECOND - burstSeconds;
    double expectedInside = base * factor * burstSeconds;
    double expectedOutside = base * quietSeconds;
    assertWithinSigmas(
        inside, expectedInside, Math.sqrt(expectedInside), seed, "arrivals inside bursts");
    assertWithinSigmas(
        outside, expectedOutside, Math.sqrt(expectedOutside), seed, "arrivals outside bursts");
  }

  /**
   * A ramp is a non-homogeneous Poisson process; the count over [a, b) is Poisson with mean (b − a)
   * × the rate at the midpoint, as the rate is linear. For 2,000 → 20,000/s over 20 s: first tenth
   * 5,800 (5σ ±6.6%), last tenth 38,200 (5σ ±2.6%), the two seconds after the ramp 40,000 (5σ
   * ±2.5%). Reversed for the ramp down.
   */
  @ParameterizedTest(name = "{0}/s to {1}/s, {2} clients, seed {3}")
  @CsvSource({"2000, 20000, 6, 131", "20000, 2000, 3, 132"})
  void rampMovesTheRateLinearlyThenStays(double from, double to, int clients, long seed) {
    long ramp = 20 * SECOND;
    long window = 22 * SECOND;
    History h = runOpenLoop(seed, clients, Arrivals.ramp(from, to, ramp), window);
    long tenth = ramp / 10;
    long[][] spans = {{0, tenth}, {ramp - tenth, ramp}, {ramp, window}};
    String[] names = {"first tenth of the ramp", "last tenth of the ramp", "after the ramp"};
    for (int s = 0; s < spans.length; s++) {
      long a = spans[s][0];
      long b = spans[s][1];
      double mid = Math.min(1.0, (a + b) / 2.0 / ramp);
      double expected = (from + (to - from) * mid) * (b - a) / SECOND;
      long n = countInvokes(h, a, b);
      assertWithinSigmas(n, expected, Math.sqrt(expected), seed, names[s]);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Closed loop

  /**
   * With a constant think time, a closed-loop client issues its next operation exactly one think
   * time after the previous one completed — so never while one is outstanding.
   */
  @Test
  void closedLoopClientsKeepOneOperationOutstandingAndThinkBetween() {
    long seed = 141;
    long think = 3 * MS;
    Simulation sim =
        storeSim(
            seed,
            storeSpec().cpu(1, Integer.MAX_VALUE, Distribution.exponential(0.5 * MS)),
            ONE_WAY_NANOS);
    long window = 10 * SECOND;
    new Workload(
            4,
            Arrivals.closedLoop(Distribution.constant(think)),
            0.5,
            KeyDistribution.uniform(100),
            List.of("server"),
            SECOND,
            window)
        .addTo(sim, "clients");
    sim.runUntil(window + SECOND);
    History h = sim.history();
    LongArrayList separations = closedLoopSeparations(h, seed);
    assertTrue(separations.size() > 4 * 1_000, "seed " + seed + ": " + separations.size());
    for (int i = 0; i < separations.size(); i++) {
      assertEquals(think, separations.getLong(i), "seed " + seed + ": think time " + i);
    }
  }

  /**
   * With exponential think times of mean 2 ms, the separations between one client's completion and
   * its next invocation average 2 ms: the exponential's σ equals its mean, so with n ≈ 10,000
   * separations the sample mean has σ ≈ 1% and 5σ is ±5%, tight enough to catch a 10% error.
   */
  @Test
  void closedLoopThinkTimesHaveTheConfiguredMean() {
    long seed = 142;
    double think = 2 * MS;
    Simulation sim = storeSim(seed, storeSpec(), ONE_WAY_NANOS);
    long window = 10 * SECOND;
    new Workload(
            3,
            Arrivals.closedLoop(Distribution.exponential(think)),
            0.5,
            KeyDistribution.uniform(100),
            List.of("server"),
            SECOND,
            window)
        .addTo(sim, "clients");
    sim.runUntil(window + SECOND);
    LongArrayList separations = closedLoopSeparations(sim.history(), seed);
    double sum = 0;
    for (int i = 0; i < separations.size(); i++) {
      sum += separations.getLong(i);
    }
    int n = separations.size();
    assertTrue(n > 5_000, "seed " + seed + ": only " + n + " separations");
    assertWithinSigmas(sum / n, think, think / Math.sqrt(n), seed, "mean think time (ns)");
  }

  /**
   * For every client, its operations in invocation order: each must have completed before the next
   * was invoked, and only its last may be pending. Returns next.invoke − previous.complete.
   */
  private static LongArrayList closedLoopSeparations(History h, long seed) {
    LongArrayList separations = new LongArrayList();
    Int2ObjectAVLTreeMap<Op> last = new Int2ObjectAVLTreeMap<>();
    for (Op op : h.ops()) {
      Op previous = last.put(op.process(), op);
      if (previous == null) {
        continue;
      }
      assertTrue(
          previous.completed() && previous.completeNanos() <= op.invokeNanos(),
          "seed "
              + seed
              + ": client "
              + op.process()
              + " invoked op "
              + op.index()
              + " at "
              + op.invokeNanos()
              + " ns while op "
              + previous.index()
              + " was outstanding (completes "
              + previous.completeNanos()
              + ")");
      separations.add(op.invokeNanos() - previous.completeNanos());
    }
    return separations;
  }

  // ---------------------------------------------------------------------------------------------
  // Reads and writes

  /**
   * Each operation is a read with probability readShare, independently, so the read count is
   * binomial(n ≈ 40,000, readShare): for 0.3, σ of the share is 0.0023 and 5σ ±0.011, a tenth of
   * 0.3 being 13σ. Shares 0 and 1 are exact.
   */
  @ParameterizedTest(name = "read share {0}, seed {1}")
  @CsvSource({"0.0, 151", "0.3, 152", "0.9, 153", "1.0, 154"})
  void readShareAndUniqueWrittenValues(double readShare, long seed) {
    Simulation sim = storeSim(seed, storeSpec(), ONE_WAY_NANOS);
    long window = 10 * SECOND;
    new Workload(
            3,
            Arrivals.poisson(4_000),
            readShare,
            KeyDistribution.uniform(50),
            List.of("server"),
            SECOND,
            window)
        .addTo(sim, "clients");
    sim.runUntil(window + SECOND);
    History h = sim.history();
    int n = h.size();
    assertTrue(n > 30_000, "seed " + seed + ": only " + n + " ops");
    long reads = 0;
    LongOpenHashSet written = new LongOpenHashSet();
    for (int op = 0; op < n; op++) {
      OpKind kind = h.kind(op);
      if (kind == OpKind.READ) {
        reads++;
        assertEquals(History.NIL, h.value(op), "seed " + seed + ": read " + op + " writes nothing");
      } else {
        assertEquals(OpKind.WRITE, kind, "seed " + seed + ": op " + op);
        assertNotEquals(History.NIL, h.value(op), "seed " + seed + ": write " + op + " value");
        assertTrue(
            written.add(h.value(op)),
            "seed " + seed + ": write " + op + " repeats value " + h.value(op));
      }
    }
    double share = (double) reads / n;
    assertWithin(
        share,
        readShare,
        Z * Math.sqrt(readShare * (1 - readShare) / n),
        seed,
        "share of reads among " + n + " ops");
  }

  // ---------------------------------------------------------------------------------------------
  // Key distributions

  /**
   * 200,000 uniform draws over 100 keys: Pearson's χ² against the flat distribution, 99 degrees of
   * freedom, bounded at its upper 5σ point (about 186). A key never drawn alone adds 2,000; a 10%
   * tilt over half the keys adds about 1,000.
   */
  @Test
  void uniformCoversKeysEvenly() {
    long seed = 161;
    int keys = 100;
    long[] counts = sample(KeyDistribution.uniform(keys), seed, 200_000);
    double[] p = new double[keys];
    Arrays.fill(p, 1.0 / keys);
    assertChiSquare(counts, p, seed, "uniform(100)");
  }

  /**
   * Zipf over 1,000 keys, two million draws. Key 0 is the most frequent; the ratio of key 0's count
   * to key k's estimates (k+1)^s with log-ratio σ = √(1/c₀ + 1/c_k) by the delta method (the
   * multinomial covariance cancels the 1 − p terms exactly), so 5σ is ±5% at s = 1 for k = 9, and
   * ±8% at s = 0.5; the whole distribution passes χ² against the exact pmf.
   */
  @ParameterizedTest(name = "s = {0}, seed {1}")
  @CsvSource({"0.5, 171", "0.99, 172", "1.5, 173"})
  void zipfFrequencyFallsLikeAPowerOfTheRank(double s, long seed) {
    int keys = 1_000;
    long[] counts = sample(KeyDistribution.zipf(keys, s), seed, 2_000_000);
    for (int k = 1; k < keys; k++) {
      assertTrue(
          counts[k] < counts[0],
          "seed " + seed + ": zipf(" + s + ") key " + k + " drawn as often as key 0");
    }
    for (int k : new int[] {1, 9}) {
      double logRatio = Math.log((double) counts[0] / counts[k]);
      double sigma = Math.sqrt(1.0 / counts[0] + 1.0 / counts[k]);
      assertWithin(
          logRatio,
          s * Math.log(k + 1),
          Z * sigma,
          seed,
          "zipf(" + s + ") log of count(key 0) / count(key " + k + ") vs log " + (k + 1) + "^s");
    }
    double[] p = new double[keys];
    double norm = 0;
    for (int k = 0; k < keys; k++) {
      p[k] = Math.pow(k + 1, -s);
      norm += p[k];
    }
    for (int k = 0; k < keys; k++) {
      p[k] /= norm;
    }
    assertChiSquare(counts, p, seed, "zipf(1000, " + s + ")");
  }

  /**
   * Hotspot: 200,000 draws, the share to the hot keys is binomial with σ = √(0.8 × 0.2 / n) =
   * 0.0009, 5σ ±0.0045; within each part keys are uniform (χ² over the exact pmf).
   */
  @Test
  void hotspotSendsItsShareOfOpsToItsShareOfKeys() {
    long seed = 181;
    int keys = 1_000;
    double keysShare = 0.1;
    double opsShare = 0.8;
    int n = 200_000;
    long[] counts = sample(KeyDistribution.hotspot(keys, keysShare, opsShare), seed, n);
    int hot = (int) Math.round(keys * keysShare);
    long toHot = 0;
    for (int k = 0; k < hot; k++) {
      toHot += counts[k];
    }
    assertWithin(
        (double) toHot / n,
        opsShare,
        Z * Math.sqrt(opsShare * (1 - opsShare) / n),
        seed,
        "share of draws to the first 10% of keys");
    double[] p = new double[keys];
    for (int k = 0; k < keys; k++) {
      p[k] = k < hot ? opsShare / hot : (1 - opsShare) / (keys - hot);
    }
    assertChiSquare(counts, p, seed, "hotspot(1000, 0.1, 0.8)");
  }

  /** Celebrity: 200,000 draws, key 0's share is binomial, σ = √(0.3 × 0.7 / n) = 0.001. */
  @Test
  void celebritySendsItsShareToKeyZero() {
    long seed = 191;
    int keys = 1_000;
    double share = 0.3;
    int n = 200_000;
    long[] counts = sample(KeyDistribution.celebrity(keys, share), seed, n);
    assertWithin(
        (double) counts[0] / n,
        share,
        Z * Math.sqrt(share * (1 - share) / n),
        seed,
        "share of draws to key 0");
    double[] p = new double[keys];
    Arrays.fill(p, (1 - share) / (keys - 1));
    p[0] = share;
    assertChiSquare(counts, p, seed, "celebrity(1000, 0.3)");
  }

  /** Shares 0 and 1 are legal and mean what they say. */
  @Test
  void extremeSharesAreLegalAndExact() {
    long seed = 192;
    long[] all = sample(KeyDistribution.celebrity(10, 1.0), seed, 1_000);
    assertEquals(1_000, all[0], "seed " + seed + ": celebrity(10, 1.0) draws only key 0");
    long[] none = sample(KeyDistribution.celebrity(10, 0.0), seed, 1_000);
    assertEquals(0, none[0], "seed " + seed + ": celebrity(10, 0.0) never draws key 0");
    long[] hotOnly = sample(KeyDistribution.hotspot(10, 0.5, 1.0), seed, 1_000);
    assertEquals(
        1_000,
        hotOnly[0] + hotOnly[1] + hotOnly[2] + hotOnly[3] + hotOnly[4],
        "seed " + seed + ": hotspot(10, 0.5, 1.0) draws only hot keys");
  }

  /**
   * The workload wires its key distribution into its clients: the history's keys follow it. 30,000
   * ops with 80% meant for the hot 20% of keys: σ of the share 0.0023, 5σ ±0.012.
   */
  @Test
  void historyKeysFollowTheWorkloadsDistribution() {
    long seed = 193;
    Simulation sim = storeSim(seed, storeSpec(), ONE_WAY_NANOS);
    new Workload(
            4,
            Arrivals.poisson(3_000),
            0.5,
            KeyDistribution.hotspot(500, 0.2, 0.8),
            List.of("server"),
            SECOND,
            10 * SECOND)
        .addTo(sim, "clients");
    sim.runUntil(11 * SECOND);
    History h = sim.history();
    int n = h.size();
    long hot = 0;
    for (int op = 0; op < n; op++) {
      long key = h.key(op);
      assertTrue(key >= 0 && key < 500, "seed " + seed + ": op " + op + " has key " + key);
      if (key < 100) {
        hot++;
      }
    }
    assertTrue(n > 25_000, "seed " + seed + ": only " + n + " ops");
    assertWithin(
        (double) hot / n, 0.8, Z * Math.sqrt(0.8 * 0.2 / n), seed, "share of ops on hot keys");
  }

  /** Parameters outside their documented ranges, each of which must be rejected. */
  static Stream<Arguments> badParameters() {
    return Stream.of(
        bad("uniform(0)", () -> KeyDistribution.uniform(0)),
        bad("uniform(-3)", () -> KeyDistribution.uniform(-3)),
        bad("zipf(0, 1)", () -> KeyDistribution.zipf(0, 1)),
        bad("zipf(10, 0)", () -> KeyDistribution.zipf(10, 0)),
        bad("zipf(10, -1)", () -> KeyDistribution.zipf(10, -1)),
        bad("zipf(10, NaN)", () -> KeyDistribution.zipf(10, Double.NaN)),
        bad("zipf(10, +inf)", () -> KeyDistribution.zipf(10, Double.POSITIVE_INFINITY)),
        bad("hotspot(1, 0.5, 0.5)", () -> KeyDistribution.hotspot(1, 0.5, 0.5)),
        bad("hotspot(10, -0.1, 0.5)", () -> KeyDistribution.hotspot(10, -0.1, 0.5)),
        bad("hotspot(10, 1.1, 0.5)", () -> KeyDistribution.hotspot(10, 1.1, 0.5)),
        bad("hotspot(10, 0.5, -0.1)", () -> KeyDistribution.hotspot(10, 0.5, -0.1)),
        bad("hotspot(10, 0.5, 1.1)", () -> KeyDistribution.hotspot(10, 0.5, 1.1)),
        bad("hotspot(10, NaN, 0.5)", () -> KeyDistribution.hotspot(10, Double.NaN, 0.5)),
        bad("hotspot(10, 0.5, NaN)", () -> KeyDistribution.hotspot(10, 0.5, Double.NaN)),
        bad("hotspot(10, 0.0, 0.5)", () -> KeyDistribution.hotspot(10, 0.0, 0.5)),
        bad("hotspot(10, 1.0, 0.5)", () -> KeyDistribution.hotspot(10, 1.0, 0.5)),
        bad("celebrity(1, 0.5)", () -> KeyDistribution.celebrity(1, 0.5)),
        bad("celebrity(10, -0.1)", () -> KeyDistribution.celebrity(10, -0.1)),
        bad("celebrity(10, 1.1)", () -> KeyDistribution.celebrity(10, 1.1)),
        bad("celebrity(10, NaN)", () -> KeyDistribution.celebrity(10, Double.NaN)),
        bad("poisson(0)", () -> Arrivals.poisson(0)),
        bad("poisson(-1)", () -> Arrivals.poisson(-1)),
        bad("poisson(NaN)", () -> Arrivals.poisson(Double.NaN)),
        bad("poisson(+inf)", () -> Arrivals.poisson(Double.POSITIVE_INFINITY)),
        bad("constant(0)", () -> Arrivals.constant(0)),
        bad("constant(-5)", () -> Arrivals.constant(-5)),
        bad("bursts(0, 2, 1s, 0.5s)", () -> Arrivals.bursts(0, 2, SECOND, SECOND / 2)),
        bad("bursts(10, 0.5, 1s, 0.5s)", () -> Arrivals.bursts(10, 0.5, SECOND, SECOND / 2)),
        bad("bursts(10, 2, 0, 0)", () -> Arrivals.bursts(10, 2, 0, 0)),
        bad("bursts(10, 2, 1s, 2s)", () -> Arrivals.bursts(10, 2, SECOND, 2 * SECOND)),
        bad("bursts(10, 2, 1s, -1)", () -> Arrivals.bursts(10, 2, SECOND, -1)),
        bad("ramp(0, 10, 1s)", () -> Arrivals.ramp(0, 10, SECOND)),
        bad("ramp(10, 0, 1s)", () -> Arrivals.ramp(10, 0, SECOND)),
        bad("ramp(10, -10, 1s)", () -> Arrivals.ramp(10, -10, SECOND)),
        bad("ramp(10, 20, 0)", () -> Arrivals.ramp(10, 20, 0)),
        bad("Workload(clients 0)", () -> workload(0, 0.5, List.of("server"), SECOND, SECOND)),
        bad("Workload(readShare -0.1)", () -> workload(1, -0.1, List.of("server"), SECOND, SECOND)),
        bad("Workload(readShare 1.1)", () -> workload(1, 1.1, List.of("server"), SECOND, SECOND)),
        bad(
            "Workload(readShare NaN)",
            () -> workload(1, Double.NaN, List.of("server"), SECOND, SECOND)),
        bad("Workload(no targets)", () -> workload(1, 0.5, List.of(), SECOND, SECOND)),
        bad("Workload(timeout 0)", () -> workload(1, 0.5, List.of("server"), 0, SECOND)),
        bad("Workload(issueFor -1)", () -> workload(1, 0.5, List.of("server"), SECOND, -1)));
  }

  private static Arguments bad(String name, Executable call) {
    return Arguments.of(name, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badParameters")
  void badParametersAreRejected(String name, Executable call) {
    assertThrows(
        IllegalArgumentException.class,
        call,
        "(deterministic, no seed) " + name + " must throw IllegalArgumentException");
  }

  private static Workload workload(
      int clients, double readShare, List<String> targets, long timeout, long issueFor) {
    return new Workload(
        clients,
        Arrivals.poisson(1),
        readShare,
        KeyDistribution.uniform(10),
        targets,
        timeout,
        issueFor);
  }

  // ---------------------------------------------------------------------------------------------
  // Timeouts and the issue window

  /**
   * Against a store that never answers, or answers only after the timeout, every operation ends
   * {@code info} exactly timeoutNanos after its invocation; the late answers arrive and are ignored
   * (a second completion would make History.complete throw and the run fail).
   */
  @ParameterizedTest(name = "{0} store, {1} loop, seed {2}")
  @CsvSource({"silent, open, 201", "silent, closed, 202", "late, open, 203", "late, closed, 204"})
  void operationsWithoutTimelyAnswerEndInfoAtTheTimeout(String store, String loop, long seed) {
    long timeout = 20 * MS;
    long lateBy = 30 * MS;
    boolean late = store.equals("late");
    int[] answered = new int[1];
    Simulation sim = new Simulation(seed);
    sim.network().latency("clients", "dc", Distribution.constant(ONE_WAY_NANOS));
    sim.addNode(
        NodeSpec.of(
            "server", "dc", late ? () -> new LateStore(lateBy, answered) : SilentStore::new));
    Arrivals arrivals =
        loop.equals("open")
            ? Arrivals.poisson(500)
            : Arrivals.closedLoop(Distribution.constant(5 * MS));
    long window = 5 * SECOND;
    new Workload(3, arrivals, 0.5, KeyDistribution.uniform(10), List.of("server"), timeout, window)
        .addTo(sim, "clients");
    sim.runUntil(window + SECOND);

    History h = sim.history();
    assertTrue(h.size() > 500, "seed " + seed + ": only " + h.size() + " ops");
    for (int op = 0; op < h.size(); op++) {
      assertEquals(OpStatus.INFO, h.status(op), "seed " + seed + ": status of op " + op);
      assertEquals(
          timeout,
          h.completeNanos(op) - h.invokeNanos(op),
          "seed " + seed + ": op " + op + " gave up after");
    }
    if (late) {
      assertEquals(h.size(), answered[0], "seed " + seed + ": late answers sent");
    }
    // Every request arrived, and so did every late answer: the clients saw them and ignored them.
    assertEquals(
        (late ? 2L : 1L) * h.size(),
        sim.network().stats().delivered(),
        "seed " + seed + ": messages delivered");
    Metrics metrics = sim.metrics();
    long info = metrics.ops().values().stream().mapToLong(OpMetrics::info).sum();
    assertEquals(h.size(), info, "seed " + seed + ": info operations in the metrics");
    if (loop.equals("closed")) {
      LongArrayList separations = closedLoopSeparations(h, seed);
      for (int i = 0; i < separations.size(); i++) {
        assertEquals(5 * MS, separations.getLong(i), "seed " + seed + ": think time " + i);
      }
    }
  }

  /**
   * Clients stop issuing at the issue window: no operation is invoked at or after it, even when an
   * arrival falls exactly on it (constant at 1 ms: arrivals due at 1, 2, …, 10 ms; closed loop with
   * 1 ms think and a 2 ms round trip: due at 1, 4, 7, 10 ms), and they do not stop early.
   */
  @ParameterizedTest(name = "{0}, seed {2}")
  @CsvSource({
    "poisson, 10, 211",
    "constant, 10, 212",
    "bursts, 10, 213",
    "ramp, 10, 214",
    "closed, 10, 215",
    "poisson, 0, 216",
    "closed, 0, 217"
  })
  void noOperationIsInvokedAtOrAfterTheIssueWindow(String process, long windowMs, long seed) {
    long window = windowMs * MS;
    Arrivals arrivals =
        switch (process) {
          case "poisson" -> Arrivals.poisson(50_000);
          case "constant" -> Arrivals.constant(1_000);
          case "bursts" -> Arrivals.bursts(20_000, 3, 4 * MS, 1 * MS);
          case "ramp" -> Arrivals.ramp(10_000, 100_000, 5 * MS);
          default -> Arrivals.closedLoop(Distribution.constant(1 * MS));
        };
    Simulation sim = storeSim(seed, storeSpec(), ONE_WAY_NANOS);
    new Workload(1, arrivals, 0.5, KeyDistribution.uniform(10), List.of("server"), SECOND, window)
        .addTo(sim, "clients");
    sim.runUntil(window + SECOND);
    History h = sim.history();
    long last = -1;
    for (int op = 0; op < h.size(); op++) {
      assertTrue(
          h.invokeNanos(op) < window,
          "seed "
              + seed
              + ": op "
              + op
              + " invoked at "
              + h.invokeNanos(op)
              + " ns, window ends "
              + window);
      last = Math.max(last, h.invokeNanos(op));
    }
    if (window == 0) {
      assertEquals(0, h.size(), "seed " + seed + ": ops issued in an empty window");
    } else {
      // The last slot is used: constant and closed loop arrivals due 1 ms and 3 ms before the end,
      // and Poisson-like processes at ≥ 20,000/s leave a 3 ms gap with probability ≤ e^-60.
      assertTrue(
          last >= window - 3 * MS,
          "seed " + seed + ": last op invoked at " + last + " ns, window ends " + window);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The single-node store

  /**
   * One closed-loop client makes the history sequential, so every read must return the value of the
   * latest write to its key completed before the read was invoked, or NIL if none.
   */
  @Test
  void singleNodeStoreReadsTheLastCompletedWrite() {
    long seed = 221;
    Simulation sim =
        storeSim(
            seed,
            storeSpec().cpu(1, Integer.MAX_VALUE, Distribution.exponential(0.2 * MS)),
            ONE_WAY_NANOS);
    new Workload(
            1,
            Arrivals.closedLoop(Distribution.exponential(1 * MS)),
            0.5,
            KeyDistribution.uniform(8),
            List.of("server"),
            SECOND,
            10 * SECOND)
        .addTo(sim, "clients");
    sim.runUntil(11 * SECOND);
    History h = sim.history();
    List<Op> ops = h.ops();
    int reads = 0;
    int readsOfValues = 0;
    for (Op read : ops) {
      assertEquals(OpStatus.OK, read.status(), "seed " + seed + ": op " + read.index());
      if (read.kind() != OpKind.READ) {
        continue;
      }
      long expected = History.NIL;
      long latest = Long.MIN_VALUE;
      for (Op write : ops) {
        if (write.kind() == OpKind.WRITE
            && write.status() == OpStatus.OK
            && write.key() == read.key()
            && write.completeNanos() <= read.invokeNanos()
            && write.completeNanos() > latest) {
          latest = write.completeNanos();
          expected = write.value();
        }
      }
      assertEquals(
          expected,
          read.result(),
          "seed " + seed + ": read " + read.index() + " of key " + read.key());
      reads++;
      if (expected != History.NIL) {
        readsOfValues++;
      }
    }
    assertTrue(
        reads > 1_000 && readsOfValues > reads / 2,
        "seed " + seed + ": " + reads + " reads, " + readsOfValues + " of written values");
  }

  /**
   * One worker and no queue under five times its capacity: a request that finds the worker busy is
   * rejected and its operation ends {@code fail}, so the FAIL count is the CPU's rejected count.
   *
   * <p>Also the loss system's throughput: each accepted job starts a cycle of an exponential
   * service (1 ms) then an exponential wait for the next arrival (0.2 ms, memoryless), so accepted
   * jobs form a renewal process with cycle mean m = 1.2 ms and variance v = 1.04 ms²; over T = 10 s
   * the count has mean T/m = 8,333 and variance T·v/m³ ≈ 6,019 (σ 78, 5σ ±4.7%). That is Erlang-B's
   * blocking probability ρ/(1 + ρ) = 5/6 in another form.
   */
  @Test
  void fullCpuQueueFailsOperationsAndCountsRejections() {
    long seed = 231;
    double lambda = 5_000;
    double serviceMean = 1.0 * MS;
    Simulation sim =
        storeSim(seed, storeSpec().cpu(1, 0, Distribution.exponential(serviceMean)), ONE_WAY_NANOS);
    long window = 10 * SECOND;
    new Workload(
            4,
            Arrivals.poisson(lambda),
            0.5,
            KeyDistribution.uniform(100),
            List.of("server"),
            SECOND,
            window)
        .addTo(sim, "clients");
    sim.runUntil(window + SECOND);
    History h = sim.history();
    long[] byStatus = new long[OpStatus.values().length];
    for (int op = 0; op < h.size(); op++) {
      byStatus[h.status(op).ordinal()]++;
    }
    CpuStats cpu = sim.cpuStats(sim.nodeId("server"));
    long ok = byStatus[OpStatus.OK.ordinal()];
    long failed = byStatus[OpStatus.FAIL.ordinal()];
    assertEquals(0, byStatus[OpStatus.INFO.ordinal()], "seed " + seed + ": info ops");
    assertTrue(ok > 0 && failed > 0, "seed " + seed + ": " + ok + " ok, " + failed + " fail");
    assertEquals(cpu.rejected(), failed, "seed " + seed + ": FAIL ops vs CPU rejections");
    assertEquals(cpu.completed(), ok, "seed " + seed + ": OK ops vs CPU completions");
    assertEquals(h.size(), cpu.accepted() + cpu.rejected(), "seed " + seed + ": requests");

    double cycle = 1e9 / lambda + serviceMean;
    double cycleVariance = Math.pow(1e9 / lambda, 2) + serviceMean * serviceMean;
    double expected = window / cycle;
    double sigma = Math.sqrt(window * cycleVariance / Math.pow(cycle, 3));
    assertWithinSigmas(cpu.accepted(), expected, sigma, seed, "accepted jobs (Erlang-B)");
  }

  // ---------------------------------------------------------------------------------------------
  // Metrics and determinism

  /**
   * A run with all three outcomes — OK, FAIL from a full CPU, INFO from lost messages — and
   * per-kind metrics whose counts equal the history's, interval by interval.
   */
  @Test
  void metricsAgreeWithTheHistory() {
    long seed = 241;
    Simulation sim = mixedOutcomeRun(seed);
    History h = sim.history();
    Metrics metrics = sim.metrics();
    assertEquals(
        Set.of("read", "write"), metrics.ops().keySet(), "seed " + seed + ": metric kinds");
    long interval = metrics.intervalNanos();
    for (OpKind kind : new OpKind[] {OpKind.READ, OpKind.WRITE}) {
      OpMetrics m = metrics.ops().get(kind.name().toLowerCase(Locale.ROOT));
      long[] byStatus = new long[OpStatus.values().length];
      long[] okPerInterval = new long[m.intervals()];
      long[] errorsPerInterval = new long[m.intervals()];
      for (int op = 0; op < h.size(); op++) {
        if (h.kind(op) != kind) {
          continue;
        }
        assertTrue(h.completeNanos(op) < Long.MAX_VALUE, "seed " + seed + ": op " + op + " open");
        OpStatus status = h.status(op);
        byStatus[status.ordinal()]++;
        int i = (int) (h.completeNanos(op) / interval);
        assertTrue(i < m.intervals(), "seed " + seed + ": op " + op + " after the last interval");
        if (status == OpStatus.OK) {
          okPerInterval[i]++;
        } else {
          errorsPerInterval[i]++;
        }
      }
      String what = "seed " + seed + ": " + kind + " ";
      assertTrue(
          byStatus[0] > 100 && byStatus[1] > 100 && byStatus[2] > 100,
          what + "outcomes " + Arrays.toString(byStatus));
      assertEquals(byStatus[OpStatus.OK.ordinal()], m.ok(), what + "ok");
      assertEquals(byStatus[OpStatus.FAIL.ordinal()], m.fail(), what + "fail");
      assertEquals(byStatus[OpStatus.INFO.ordinal()], m.info(), what + "info");
      assertEquals(m.ok(), m.latencyNanos().getTotalCount(), what + "latencies recorded");
      long okSum = 0;
      long errorSum = 0;
      for (int i = 0; i < m.intervals(); i++) {
        assertEquals(okPerInterval[i], m.okIn(i), what + "ok in interval " + i);
        assertEquals(errorsPerInterval[i], m.errorsIn(i), what + "errors in interval " + i);
        okSum += m.okIn(i);
        errorSum += m.errorsIn(i);
      }
      assertEquals(m.ok(), okSum, what + "sum of okIn over " + m.intervals() + " intervals");
      assertEquals(m.fail() + m.info(), errorSum, what + "sum of errorsIn");
    }
  }

  /** Same seed, same history, field by field; another seed, another history. */
  @Test
  void sameSeedSameHistory() {
    long seed = 251;
    Simulation first = mixedOutcomeRun(seed);
    Simulation second = mixedOutcomeRun(seed);
    List<Op> a = first.history().ops();
    List<Op> b = second.history().ops();
    assertTrue(a.size() > 10_000, "seed " + seed + ": only " + a.size() + " ops");
    assertEquals(a.size(), b.size(), "seed " + seed + ": history sizes");
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i), b.get(i), "seed " + seed + ": op " + i + " differs between runs");
    }
    assertEquals(first.traceHash(), second.traceHash(), "seed " + seed + ": trace hashes");
    Simulation other = mixedOutcomeRun(seed + 1);
    assertNotEquals(a, other.history().ops(), "seeds " + seed + " and " + (seed + 1));
  }

  /**
   * Zipf keys, Poisson arrivals from five clients, one worker with a queue of 2 at ρ ≈ 1 (so some
   * requests fail), 5% message loss (so some operations time out) and 2% duplication (so some
   * answers arrive twice and must be ignored). Every operation completes well before 12 s.
   */
  private static Simulation mixedOutcomeRun(long seed) {
    Simulation sim =
        storeSim(seed, storeSpec().cpu(1, 2, Distribution.exponential(0.5 * MS)), ONE_WAY_NANOS);
    sim.network().lossRate(0.05);
    sim.network().duplicationRate(0.02);
    new Workload(
            5,
            Arrivals.poisson(2_000),
            0.6,
            KeyDistribution.zipf(200, 1.1),
            List.of("server"),
            50 * MS,
            10 * SECOND)
        .addTo(sim, "clients");
    sim.runUntil(12 * SECOND);
    return sim;
  }

  // ---------------------------------------------------------------------------------------------
  // Test nodes

  /** A store that never answers. */
  static final class SilentStore implements Node {
    @Override
    public void onStart(Context ctx) {}

    @Override
    public void onMessage(int from, Object message) {}
  }

  /** A store that answers every request OK, but only {@code lateByNanos} after receiving it. */
  static final class LateStore implements Node {
    private final long lateByNanos;
    private final int[] answered;
    private Context ctx;

    LateStore(long lateByNanos, int[] answered) {
      this.lateByNanos = lateByNanos;
      this.answered = answered;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
    }

    @Override
    public void onMessage(int from, Object message) {
      Request request = (Request) message;
      ctx.setTimer(lateByNanos, new Answer(from, new Response(request.op(), OpStatus.OK, 0)));
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      Answer answer = (Answer) payload;
      answered[0]++;
      ctx.send(answer.to(), answer.response());
    }

    private record Answer(int to, Response response) {}
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static NodeSpec storeSpec() {
    return NodeSpec.of("server", "dc", SingleNodeStore::new);
  }

  private static Simulation storeSim(long seed, NodeSpec store, long oneWayNanos) {
    Simulation sim = new Simulation(seed);
    sim.network().latency("clients", "dc", Distribution.constant(oneWayNanos));
    sim.addNode(store);
    return sim;
  }

  /** An open-loop workload against an instant store, run until its operations drained. */
  private static History runOpenLoop(long seed, int clients, Arrivals arrivals, long window) {
    Simulation sim = storeSim(seed, storeSpec(), ONE_WAY_NANOS);
    new Workload(
            clients, arrivals, 0.5, KeyDistribution.uniform(100), List.of("server"), SECOND, window)
        .addTo(sim, "clients");
    sim.runUntil(window + SECOND);
    History h = sim.history();
    for (int op = 0; op < h.size(); op++) {
      assertEquals(OpStatus.OK, h.status(op), "seed " + seed + ": op " + op);
    }
    return h;
  }

  private static long countInvokes(History h, long from, long to) {
    long n = 0;
    for (int op = 0; op < h.size(); op++) {
      long t = h.invokeNanos(op);
      if (t >= from && t < to) {
        n++;
      }
    }
    return n;
  }

  private static long[] binInvokes(History h, long from, long to, int bins) {
    long[] counts = new long[bins];
    long width = (to - from) / bins;
    for (int op = 0; op < h.size(); op++) {
      counts[(int) ((h.invokeNanos(op) - from) / width)]++;
    }
    return counts;
  }

  /** Each process's invocation times, in invocation order, processes in id order. */
  private static List<LongArrayList> invokesPerProcess(History h) {
    Int2ObjectAVLTreeMap<LongArrayList> byProcess = new Int2ObjectAVLTreeMap<>();
    for (int op = 0; op < h.size(); op++) {
      byProcess.computeIfAbsent(h.process(op), p -> new LongArrayList()).add(h.invokeNanos(op));
    }
    return new ArrayList<>(byProcess.values());
  }

  private static long[] countsPerProcess(History h) {
    return invokesPerProcess(h).stream().mapToLong(LongArrayList::size).toArray();
  }

  private static long[] sample(KeyDistribution keys, long seed, int n) {
    DiscreteSampler sampler = keys.sampler(new RandomStreams(seed).fork("keys"));
    long[] counts = new long[keys.keys()];
    for (int i = 0; i < n; i++) {
      int key = sampler.sample();
      if (key < 0 || key >= counts.length) {
        fail("seed " + seed + ": " + keys + " drew key " + key);
      }
      counts[key]++;
    }
    return counts;
  }

  /**
   * Pearson's χ² of {@code counts} against probabilities {@code p}, bounded by the upper 5σ point
   * of χ²(df) from the Wilson–Hilferty cube-root normal approximation, df(1 − 2/(9df) +
   * z√(2/(9df)))³, which is accurate in the far tail for the df ≥ 99 used here (false alarm ≈
   * 3e-7).
   */
  private static void assertChiSquare(long[] counts, double[] p, long seed, String what) {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    double chi2 = 0;
    for (int k = 0; k < counts.length; k++) {
      double expected = n * p[k];
      assertTrue(expected >= 5, what + ": expected count of key " + k + " too small for χ²");
      // χ² over many keys barely notices one key never drawn (an off-by-one at the end of a
      // range), so that is checked on its own: P(count = 0) = e^-expected ≤ e^-30 here.
      assertTrue(
          expected < 30 || counts[k] > 0,
          "seed " + seed + ": " + what + ": key " + k + " never drawn, expected " + expected);
      chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
    }
    int df = counts.length - 1;
    double a = 2.0 / (9 * df);
    double bound = df * Math.pow(1 - a + Z * Math.sqrt(a), 3);
    assertTrue(
        chi2 <= bound,
        String.format(
            Locale.ROOT,
            "seed %d: %s: χ² = %.1f over %d keys exceeds its 5σ bound %.1f (df %d)",
            seed,
            what,
            chi2,
            counts.length,
            bound,
            df));
  }

  private static void assertWithinSigmas(
      double actual, double expected, double sigma, long seed, String what) {
    assertWithin(actual, expected, Z * sigma, seed, what);
  }

  private static void assertWithin(
      double actual, double expected, double tolerance, long seed, String what) {
    assertTrue(
        Math.abs(actual - expected) <= tolerance,
        String.format(
            Locale.ROOT,
            "seed %d: %s: %.4f, expected %.4f ± %.4f (off by %.1f%%)",
            seed,
            what,
            actual,
            expected,
            tolerance,
            100 * (actual - expected) / expected));
  }

  private static double mean(long[] xs) {
    double sum = 0;
    for (long x : xs) {
      sum += x;
    }
    return sum / xs.length;
  }

  private static double variance(long[] xs) {
    double m = mean(xs);
    double sum = 0;
    for (long x : xs) {
      sum += (x - m) * (x - m);
    }
    return sum / (xs.length - 1);
  }
}
