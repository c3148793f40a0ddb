package dev.tradeoff.benchmarks;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.history.io.HistoryJsonLines;
import dev.tradeoff.core.random.RandomStreams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing and reading the JSON-lines history format on a history of {@value #OPERATIONS} client
 * operations (200,000 lines) from {@value #CLIENTS} clients over {@value #KEYS} keys, in the
 * proportions a mixed workload gives: reads (some of lists), writes, CASes, appends and snapshot
 * reads of three keys (three {@link History} operations each, so the history holds about 110,000),
 * mostly OK, some FAIL and INFO, times in nanoseconds up to about a minute.
 *
 * <p>Each benchmark handles the whole history once; divide {@value #OPERATIONS} by the average time
 * for client operations per second, and the text's size (printed at setup, about 16 MB) by it for
 * bytes per second. Setup throws unless the text reads back into the same operations, so a run also
 * checks the round trip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HistoryJsonLinesBenchmark {
  static final int OPERATIONS = 100_000;
  static final int CLIENTS = 200;
  static final int KEYS = 1_000;

  private static final long MS = 1_000_000L;

  private History history;
  private String text;

  /** Builds the history and its text, and checks that the text reads back as the history. */
  @Setup(Level.Trial)
  public void setUp() {
    history = history(new RandomStreams(42).fork("history-json-lines"));
    text = HistoryJsonLines.write(history);
    int textBytes = text.getBytes(StandardCharsets.UTF_8).length;
    History back = HistoryJsonLines.read("bench", text);
    if (!back.ops().equals(history.ops())) {
      throw new IllegalStateException("the history does not read back as written");
    }
    System.out.printf(
        "%n%d operations, %d lines, %d bytes%n", history.size(), text.lines().count(), textBytes);
  }

  /** Serializes the whole history. */
  @Benchmark
  public String write() {
    return HistoryJsonLines.write(history);
  }

  /** Parses the whole text back into a history. */
  @Benchmark
  public History read() {
    return HistoryJsonLines.read("bench", text);
  }

  /** One client event: an invocation or a completion, at a time. */
  private record Event(long time, int client, int seq, boolean invoke) {}

  /**
   * Each client runs its operations one after another; all clients' invocations and completions are
   * then recorded in time order (ties by client), as a recorder would see them.
   */
  static History history(UniformRandomProvider rng) {
    int perClient = OPERATIONS / CLIENTS;
    List<Event> events = new ArrayList<>(2 * OPERATIONS);
    for (int c = 0; c < CLIENTS; c++) {
      long t = rng.nextInt(1_000) * MS / 100;
      for (int i = 0; i < perClient; i++) {
        long invoke = t + MS / 10 + rng.nextInt(50 * (int) MS);
        long complete = invoke + MS / 5 + rng.nextInt(20 * (int) MS);
        events.add(new Event(invoke, c, i, true));
        events.add(new Event(complete, c, i, false));
        t = complete;
      }
    }
    events.sort(
        Comparator.comparingLong(Event::time)
            .thenComparingInt(Event::client)
            .thenComparing(Event::invoke));
    History h = new History();
    int[] open = new int[CLIENTS];
    long nextValue = 1;
    for (Event e : events) {
      if (e.invoke()) {
        int roll = rng.nextInt(100);
        long key = rng.nextInt(KEYS);
        if (roll < 45) {
          open[e.client()] = h.invoke(e.client(), OpKind.READ, key, History.NIL, e.time());
        } else if (roll < 75) {
          open[e.client()] = h.invoke(e.client(), OpKind.WRITE, key, nextValue++, e.time());
        } else if (roll < 85) {
          long expected = rng.nextBoolean() ? History.NIL : rng.nextLong(nextValue) + 1;
          open[e.client()] = h.invokeCas(e.client(), key, expected, nextValue++, e.time());
        } else if (roll < 95) {
          open[e.client()] = h.invoke(e.client(), OpKind.APPEND, key, nextValue++, e.time());
        } else {
          long[] keys = {key, (key + 1) % KEYS, (key + 7) % KEYS};
          open[e.client()] = h.invokeSnapshotRead(e.client(), keys, e.time());
        }
        continue;
      }
      int op = open[e.client()];
      int roll = rng.nextInt(100);
      OpStatus status = roll < 95 ? OpStatus.OK : roll < 98 ? OpStatus.FAIL : OpStatus.INFO;
      if (h.snapshot(op) >= 0) {
        long[] results = new long[h.snapshotSize(op)];
        for (int i = 0; i < results.length; i++) {
          results[i] = rng.nextBoolean() ? History.NIL : rng.nextLong(nextValue) + 1;
        }
        h.completeSnapshotRead(op, status, results, e.time());
      } else if (h.kind(op) == OpKind.READ && rng.nextInt(4) == 0) {
        long[] list = new long[rng.nextInt(6)];
        for (int i = 0; i < list.length; i++) {
          list[i] = rng.nextLong(nextValue) + 1;
        }
        h.completeList(op, status, list, e.time());
      } else if (h.kind(op) == OpKind.READ) {
        long result = rng.nextInt(5) == 0 ? History.NIL : rng.nextLong(nextValue) + 1;
        h.complete(op, status, result, e.time());
      } else {
        h.complete(op, status, History.NIL, e.time());
      }
    }
    return h;
  }
}
