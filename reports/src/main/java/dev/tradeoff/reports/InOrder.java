package dev.tradeoff.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Independent pieces of work, started on an executor and gathered in the order they were added, so
 * what a caller builds from them cannot depend on which finished first. With {@link #SAME_THREAD}
 * each runs as it is added, one after another, as a plain loop would run them.
 *
 * <p>The tasks must share no mutable state: a command that has finished its simulation uses this to
 * judge the immutable history with several checkers at once and to write {@code history.jsonl}
 * beside the rest of the folder, on a second core. A failure is the one the same tasks run one
 * after another would have thrown first: {@link #results} waits until every task has ended, then
 * rethrows, as it was, the exception or error of the first task (in the order added) that failed.
 *
 * @param <T> what a task gives
 * @param <X> the checked exception a task may throw ({@link RuntimeException} for none)
 */
public final class InOrder<T, X extends Exception> {
  /** Runs each task on the calling thread, as it is added. */
  public static final Executor SAME_THREAD = Runnable::run;

  /** A piece of work. */
  @FunctionalInterface
  public interface Task<T, X extends Exception> {
    /** Does the work. */
    T call() throws X;
  }

  private final Executor executor;
  private final List<CompletableFuture<T>> started = new ArrayList<>();

  /** Tasks that {@link #add} starts on {@code executor}. */
  public InOrder(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Starts {@code task} on this instance's executor. */
  public void add(Task<T, X> task) {
    start(task, executor);
  }

  /** Runs {@code task} now, on the calling thread, keeping its place in the order. */
  public void addHere(Task<T, X> task) {
    start(task, SAME_THREAD);
  }

  private void start(Task<T, X> task, Executor on) {
    Objects.requireNonNull(task, "task");
    started.add(
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return task.call();
              } catch (RuntimeException | Error e) {
                throw e;
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            },
            on));
  }

  /**
   * Every task's result, in the order added, once all have ended.
   *
   * @throws X or the {@link RuntimeException} or {@link Error} of the first task that failed
   */
  public List<T> results() throws X {
    List<T> results = new ArrayList<>(started.size());
    Throwable first = null;
    for (CompletableFuture<T> f : started) {
      try {
        results.add(f.join());
      } catch (CompletionException e) {
        if (first == null) {
          first = e.getCause();
        }
      }
    }
    if (first == null) {
      return results;
    }
    if (first instanceof RuntimeException r) {
      throw r;
    }
    if (first instanceof Error e) {
      throw e;
    }
    // Task.call throws nothing checked but X.
    @SuppressWarnings("unchecked")
    X x = (X) first;
    throw x;
  }
}
