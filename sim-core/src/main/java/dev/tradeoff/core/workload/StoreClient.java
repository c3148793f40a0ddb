package dev.tradeoff.core.workload;

import dev.tradeoff.core.Context;

/**
 * The client side of a store — its driver — living inside a host node (a workload client, or a node
 * of another pattern that uses this store): it decides which node a request goes to, speaks the
 * store's own messages, and turns the store's answers back into {@link Response}s.
 *
 * <p>Contract: {@link #start} is called once, from the host's {@code onStart}, before anything
 * else. The host passes every message it receives to {@link #onMessage}, which returns the {@link
 * Response} completing one of the host's requests, or null when the message was the driver's own
 * business (a redirect, a monitoring reply) or answers nothing outstanding. Timers the driver sets
 * must carry payloads for which {@link #ownsTimer} is true; the host passes those to {@link
 * #onTimer}. A driver answers each submitted request at most once; it may answer never (a lost
 * message), which the host's timeout covers.
 */
public interface StoreClient {
  /** Starts the driver with its host's context. */
  void start(Context context);

  /** Sends {@code request} on its way. */
  void submit(Request request);

  /** Handles a message to the host; see the class comment. */
  Response onMessage(int from, Object message);

  /** Whether {@code payload} is one of this driver's timer payloads. */
  default boolean ownsTimer(Object payload) {
    return false;
  }

  /** Handles one of this driver's timers. */
  default void onTimer(long timerId, Object payload) {}

  /** A driver that sends every request to {@code target} and passes its responses through. */
  static StoreClient direct(String target) {
    return new StoreClient() {
      private Context ctx;
      private int node;

      @Override
      public void start(Context context) {
        ctx = context;
        node = ctx.nodeId(target);
      }

      @Override
      public void submit(Request request) {
        ctx.send(node, request);
      }

      @Override
      public Response onMessage(int from, Object message) {
        return message instanceof Response response ? response : null;
      }
    };
  }
}
