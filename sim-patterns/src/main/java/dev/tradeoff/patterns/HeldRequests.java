package dev.tradeoff.patterns;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.workload.Request;
import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * A driver's requests whose target is locked for now (a key being copied, a customer being moved):
 * held, and offered again every millisecond, in the order they came, until they go. A request that
 * goes when first offered is never held. Not thread-safe, like the node that hosts it.
 */
public final class HeldRequests {
  private static final long POLL_NANOS = 1_000_000L;

  private final Predicate<Request> send;
  private final Object pollTimer = new Object(); // one per driver: a host may hold several
  private final ArrayDeque<Request> held = new ArrayDeque<>();
  private boolean polling;

  /**
   * Requests sent by {@code send}, which says false, sending nothing, while a request's target is
   * locked.
   */
  public HeldRequests(Predicate<Request> send) {
    this.send = send;
  }

  /** Sends {@code request} now, or holds it; {@code ctx} is the host's. */
  public void offer(Context ctx, Request request) {
    if (!send.test(request)) {
      held.add(request);
      if (!polling) {
        polling = true;
        ctx.setTimer(POLL_NANOS, pollTimer);
      }
    }
  }

  /** Whether {@code payload} is this holder's poll timer. */
  public boolean ownsTimer(Object payload) {
    return payload == pollTimer;
  }

  /** At the poll timer: sends the held requests that can go now and polls again if any are left. */
  public void onTimer(Context ctx) {
    int n = held.size();
    for (int i = 0; i < n; i++) {
      Request r = held.poll();
      if (!send.test(r)) {
        held.add(r);
      }
    }
    polling = !held.isEmpty();
    if (polling) {
      ctx.setTimer(POLL_NANOS, pollTimer);
    }
  }
}
