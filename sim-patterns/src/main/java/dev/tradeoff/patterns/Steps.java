package dev.tradeoff.patterns;

import dev.tradeoff.core.Context;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The unanswered steps of a background job a node hosts (a resharding copy, a cell move, a
 * backfill): each step is a request under an id of its own. A step still unanswered after the
 * timeout is sent again, and one that failed is sent again after a pause; an answer to a step
 * already sent again is ignored, since the step's new id is the one awaited.
 *
 * <p>The host sends each step itself, tells {@link #sent} its id, and hands this class every answer
 * ({@link #answered}) and every timer ({@link #onTimer}). Sending again means calling the host's
 * {@code resend} with the task.
 *
 * @param <T> the host's record of one task (a key being copied, a comparison)
 */
public final class Steps<T> {
  private final long timeoutNanos;
  private final long retryNanos;
  private final Consumer<T> resend;
  // Lookups only, never iterated.
  private final Int2ObjectOpenHashMap<T> unanswered = new Int2ObjectOpenHashMap<>();

  /** Steps resent after {@code timeoutNanos} unanswered and {@code retryNanos} after failing. */
  public Steps(long timeoutNanos, long retryNanos, Consumer<T> resend) {
    this.timeoutNanos = timeoutNanos;
    this.retryNanos = retryNanos;
    this.resend = Objects.requireNonNull(resend, "resend");
  }

  /** Notes that {@code task}'s step {@code op} has just been sent, and starts its timeout. */
  public void sent(Context ctx, int op, T task) {
    unanswered.put(op, task);
    ctx.setTimer(timeoutNanos, new Timeout(this, op, task));
  }

  /**
   * The task whose step {@code op} an answer is for, no longer awaited; {@code null} if that step
   * was already sent again (or was never sent here).
   */
  public T answered(int op) {
    return unanswered.remove(op);
  }

  /** Sends {@code task}'s step again after the pause, its last attempt having failed. */
  public void retryLater(Context ctx, T task) {
    ctx.setTimer(retryNanos, new Retry(this, task));
  }

  /** Handles the timer {@code payload} if it is one of these steps'; says whether it was. */
  public boolean onTimer(Object payload) {
    if (payload instanceof Timeout t && t.owner() == this) {
      if (unanswered.remove(t.op()) != null) {
        resend.accept(task(t.task()));
      }
      return true;
    }
    if (payload instanceof Retry r && r.owner() == this) {
      resend.accept(task(r.task()));
      return true;
    }
    return false;
  }

  @SuppressWarnings("unchecked") // only this instance's own tasks go into its timers
  private T task(Object task) {
    return (T) task;
  }

  /** A timer resending step {@code op} of {@code task} if it is still unanswered. */
  private record Timeout(Steps<?> owner, int op, Object task) {}

  /** A timer resending {@code task}'s step after a failure. */
  private record Retry(Steps<?> owner, Object task) {}
}
