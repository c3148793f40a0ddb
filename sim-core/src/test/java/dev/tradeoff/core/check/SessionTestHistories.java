package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.random.RandomStreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;

/** Seeded histories of a linearizable single-copy KV register with concurrent sessions. */
final class SessionTestHistories {
  private SessionTestHistories() {}

  /** One operation before it is recorded; mutable so a test can corrupt a result. */
  static final class Spec {
    int process;
    OpKind kind;
    long key;
    long value = History.NIL;
    long result = History.NIL;
    long invokeNanos;
    long linNanos;
    long completeNanos;
  }

  /**
   * Operations sorted by invocation, with results from applying them at their linearization points.
   */
  static List<Spec> generate(long seed) {
    UniformRandomProvider rng = new RandomStreams(seed).fork("session-test");
    List<Spec> specs = new ArrayList<>();
    int processes = 2 + rng.nextInt(4);
    for (int p = 0; p < processes; p++) {
      long t = rng.nextInt(50);
      int ops = 5 + rng.nextInt(15);
      for (int i = 0; i < ops; i++) {
        Spec s = new Spec();
        s.process = p;
        s.kind = rng.nextBoolean() ? OpKind.READ : OpKind.WRITE;
        s.key = rng.nextInt(2);
        s.invokeNanos = t * 10 + p; // distinct across processes
        s.linNanos = s.invokeNanos + 1 + rng.nextInt(200);
        s.completeNanos = s.linNanos + 1 + rng.nextInt(200);
        t = s.completeNanos / 10 + 1 + rng.nextInt(10);
        specs.add(s);
      }
    }
    specs.sort(Comparator.comparingLong(s -> s.invokeNanos));
    long next = 1;
    for (Spec s : specs) {
      if (s.kind == OpKind.WRITE) {
        s.value = next++;
      }
    }
    List<Spec> byLin = new ArrayList<>(specs);
    byLin.sort(Comparator.comparingLong(s -> s.linNanos));
    Map<Long, Long> state = new TreeMap<>();
    for (Spec s : byLin) {
      if (s.kind == OpKind.WRITE) {
        state.put(s.key, s.value);
      } else {
        s.result = state.getOrDefault(s.key, History.NIL);
      }
    }
    return specs;
  }

  /** The final state of keys 0 and 1 after every operation. */
  static Map<Long, Long> finalState(List<Spec> specs) {
    List<Spec> byLin = new ArrayList<>(specs);
    byLin.sort(Comparator.comparingLong(s -> s.linNanos));
    Map<Long, Long> state = new TreeMap<>();
    state.put(0L, History.NIL);
    state.put(1L, History.NIL);
    for (Spec s : byLin) {
      if (s.kind == OpKind.WRITE) {
        state.put(s.key, s.value);
      }
    }
    return state;
  }

  static History build(List<Spec> specs) {
    History h = new History();
    for (Spec s : specs) {
      h.invoke(s.process, s.kind, s.key, s.value, s.invokeNanos);
    }
    for (int i = 0; i < specs.size(); i++) {
      h.complete(i, OpStatus.OK, specs.get(i).result, specs.get(i).completeNanos);
      h.served(i, "db"); // a single copy answers everything
    }
    return h;
  }

  /**
   * A version certainly older than {@code value} of {@code key} (a write done before it began),
   * else nil.
   */
  static long olderThan(List<Spec> specs, long key, long value) {
    Spec w =
        specs.stream()
            .filter(s -> s.kind == OpKind.WRITE && s.value == value)
            .findFirst()
            .orElseThrow();
    long older = History.NIL;
    for (Spec s : specs) {
      if (s.kind == OpKind.WRITE && s.key == key && s.completeNanos < w.invokeNanos) {
        older = s.value;
      }
    }
    return older;
  }
}
