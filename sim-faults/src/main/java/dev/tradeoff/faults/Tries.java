package dev.tradeoff.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Runs a property's independent tries on several threads and gives their results in index order,
 * exactly as one thread would: up to and including the first try (by index) whose result stops the
 * property, or all of them. Each try builds and runs its own simulation, so the threads share
 * nothing a run observes; only this class starts threads, and the determinism check (forbidden
 * APIs, see sim-faults/pom.xml) skips it alone for that reason.
 */
final class Tries {
  private Tries() {}

  /**
   * The results of tries {@code 0..k}, in order, where {@code k} is the first index whose result
   * {@code stops}, else {@code n - 1}. Tries past {@code k} may have run; their results are
   * dropped. An error a try throws (the first one caught) is rethrown here.
   *
   * @param n the number of tries, {@code >= 0}
   * @param threads how many threads to use; 1 runs every try on the calling thread
   * @param task runs try {@code i}; must not share mutable state between tries
   * @param stops whether a result ends the property
   */
  static <R> List<R> inOrder(int n, int threads, IntFunction<R> task, Predicate<R> stops) {
    if (threads <= 1 || n <= 1) {
      List<R> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        R result = task.apply(i);
        out.add(result);
        if (stops.test(result)) {
          break;
        }
      }
      return out;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger firstStop = new AtomicInteger(n - 1);
    AtomicReferenceArray<R> results = new AtomicReferenceArray<>(n);
    AtomicReference<Throwable> error = new AtomicReference<>();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i <= firstStop.get(); i = next.getAndIncrement()) {
            try {
              R result = task.apply(i);
              results.set(i, result);
              if (stops.test(result)) {
                firstStop.accumulateAndGet(i, Math::min);
              }
            } catch (RuntimeException | Error e) {
              firstStop.accumulateAndGet(i, Math::min);
              error.compareAndSet(null, e);
              return;
            }
          }
        };
    List<Thread> pool = new ArrayList<>();
    for (int t = 0; t < Math.min(threads, n); t++) {
      Thread thread = new Thread(worker, "tradeoff-try-" + t);
      thread.setDaemon(true);
      thread.start();
      pool.add(thread);
    }
    joinAll(pool);
    List<R> out = new ArrayList<>();
    for (int i = 0; i <= firstStop.get(); i++) {
      R result = results.get(i);
      if (result == null) {
        throw rethrow(error.get());
      }
      out.add(result);
    }
    return out;
  }

  private static void joinAll(List<Thread> pool) {
    for (Thread thread : pool) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the tries", e);
      }
    }
  }

  private static RuntimeException rethrow(Throwable error) {
    if (error instanceof Error e) {
      throw e;
    }
    if (error instanceof RuntimeException e) {
      return e;
    }
    return new IllegalStateException("a try ended without a result", error);
  }

  /** The number of threads to use by default: one per available processor. */
  static int processors() {
    return Runtime.getRuntime().availableProcessors();
  }
}
