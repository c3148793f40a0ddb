package dev.tradeoff.core.kernel;

import dev.tradeoff.core.random.RandomStreams;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * Runs a simulation twice with the same seed and reports the first event where the two runs differ.
 *
 * <p>Nondeterminism (iteration over a {@code HashMap} of identity-hashed keys, a wall-clock read, a
 * shared mutable static) shows up as two runs of one seed that process different events. The first
 * run's trace is kept in memory, three longs per event, so keep checked runs modest in length.
 */
public final class Determinism {
  private static final int WORDS_PER_EVENT = 3;

  private Determinism() {}

  /**
   * Builds a simulation with {@code build.apply(seed)} twice, runs each until {@code untilNanos}
   * and compares their traces event by event.
   */
  public static Report runTwice(LongFunction<Simulation> build, long seed, long untilNanos) {
    return runTwice(build, seed, untilNanos, false);
  }

  /**
   * {@link #runTwice(LongFunction, long, long)}, also comparing each event's payload by its {@code
   * hashCode()} when {@code comparePayloads} is set. That catches nondeterminism that changes what
   * is sent rather than when or to whom, but only for payloads with value-based hash codes
   * (records, strings, numbers): a payload class that keeps {@code Object}'s identity hash code
   * makes every run look different.
   */
  public static Report runTwice(
      LongFunction<Simulation> build, long seed, long untilNanos, boolean comparePayloads) {
    Simulation first = build.apply(seed);
    LongArrayList trace = new LongArrayList();
    first.traceListener(
        (time, kind, node, source, aux, payload) -> {
          trace.add(time);
          trace.add(pack(kind, node, source));
          trace.add(comparePayloads ? fingerprint(aux, payload) : aux);
        });
    first.runUntil(untilNanos);

    Simulation second = build.apply(seed);
    Comparison comparison = new Comparison(trace, first, comparePayloads);
    second.traceListener(comparison);
    second.runUntil(untilNanos);

    long firstEvents = first.eventsProcessed();
    long secondEvents = second.eventsProcessed();
    String divergence = comparison.divergence;
    if (divergence == null && first.history().hash() != second.history().hash()) {
      divergence = "the same events, but different operation histories";
    }
    if (divergence == null && firstEvents != secondEvents) {
      divergence =
          String.format(
              Locale.ROOT,
              "run 1 processed %d events, run 2 processed %d",
              firstEvents,
              secondEvents);
    }
    return new Report(
        seed,
        firstEvents,
        first.traceHash(),
        second.traceHash(),
        divergence,
        first.replayCommand());
  }

  private static long fingerprint(long aux, Object payload) {
    return aux ^ RandomStreams.mix64(31L * Objects.hashCode(payload));
  }

  private static long pack(EventKind kind, int node, int source) {
    return ((long) kind.ordinal() << 56) ^ ((long) (node & 0xFFFFFFF) << 28) ^ (source & 0xFFFFFFF);
  }

  private static String describe(Simulation sim, long time, long packed, long aux) {
    EventKind kind = EventKind.of((int) (packed >>> 56));
    int node = (int) ((packed >>> 28) & 0xFFFFFFF);
    int source = (int) (packed & 0xFFFFFFF);
    String what = kind.words();
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "t=%dns %s", time, what));
    if (node != 0xFFFFFFF && node < sim.nodeCount()) {
      text.append(" at ").append(sim.nodeName(node));
    }
    if (kind == EventKind.MESSAGE && source < sim.nodeCount()) {
      text.append(" from ").append(sim.nodeName(source));
    }
    if (kind == EventKind.TIMER) {
      text.append(" timer ").append(aux);
    }
    return text.toString();
  }

  /** Compares the second run against the first run's recorded trace as it goes. */
  private static final class Comparison implements Simulation.TraceListener {
    private final LongArrayList trace;
    private final Simulation first;
    private final boolean comparePayloads;
    private long index;
    private String divergence;

    Comparison(LongArrayList trace, Simulation first, boolean comparePayloads) {
      this.trace = trace;
      this.first = first;
      this.comparePayloads = comparePayloads;
    }

    @Override
    public void onEvent(
        long time, EventKind kind, int node, int source, long word, Object payload) {
      if (divergence != null) {
        return;
      }
      long aux = comparePayloads ? fingerprint(word, payload) : word;
      long packed = pack(kind, node, source);
      int at = (int) (index * WORDS_PER_EVENT);
      if (at >= trace.size()) {
        divergence =
            String.format(
                Locale.ROOT,
                "event #%d: run 1 had ended, run 2 has %s",
                index,
                describe(first, time, packed, aux));
        return;
      }
      long t1 = trace.getLong(at);
      long p1 = trace.getLong(at + 1);
      long a1 = trace.getLong(at + 2);
      if (t1 != time || p1 != packed || a1 != aux) {
        divergence =
            String.format(
                Locale.ROOT,
                "event #%d: run 1 has %s, run 2 has %s",
                index,
                describe(first, t1, p1, a1),
                describe(first, time, packed, aux));
      }
      index++;
    }
  }

  /**
   * The outcome of {@link #runTwice}.
   *
   * @param seed the seed both runs used
   * @param events events the first run processed
   * @param firstHash trace hash of the first run
   * @param secondHash trace hash of the second run
   * @param firstDivergence the first differing event, or {@code null} if none
   * @param replayCommand how to replay the run
   */
  public record Report(
      long seed,
      long events,
      long firstHash,
      long secondHash,
      String firstDivergence,
      String replayCommand) {

    /** Whether both runs processed the same events in the same order. */
    public boolean deterministic() {
      return firstDivergence == null && firstHash == secondHash;
    }

    @Override
    public String toString() {
      if (deterministic()) {
        return String.format(
            Locale.ROOT,
            "deterministic: seed %d, %d events, trace hash %016x",
            seed,
            events,
            firstHash);
      }
      return String.format(
          Locale.ROOT,
          "NOT deterministic: seed %d; first divergence at %s; trace hashes %016x vs %016x;"
              + " replay: %s",
          seed,
          firstDivergence == null ? "(same events, different hash)" : firstDivergence,
          firstHash,
          secondHash,
          replayCommand);
    }
  }
}
