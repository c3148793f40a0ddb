package dev.tradeoff.core;

/**
 * A simulated process: a state machine driven by the kernel.
 *
 * <p>The contract, after DSLabs:
 *
 * <ul>
 *   <li>Handlers run one at a time and to completion, at a single instant of virtual time. They
 *       never block, sleep, start threads, read the wall clock or use unseeded randomness; they act
 *       on the world only through the {@link Context} given to {@link #onStart}.
 *   <li>A node's fields are volatile memory. A crash discards the instance with its timers and
 *       queued work; a restart builds a fresh instance from the node's factory and calls {@link
 *       #onStart} again, where it recovers from {@link Context#disk()}.
 *   <li>Messages are delivered by reference and must be treated as immutable by sender and
 *       receiver.
 * </ul>
 */
public interface Node {

  /** Called once per incarnation, before any other handler, with the context to keep. */
  void onStart(Context ctx);

  /** A message from node {@code from} arrived. */
  void onMessage(int from, Object message);

  /** Timer {@code timerId}, set by this incarnation with {@code payload}, fired. */
  default void onTimer(long timerId, Object payload) {}

  /** A job submitted with {@link Context#process} finished its service time. */
  default void onProcessed(Object job) {}

  /**
   * A fault asked this node to drop its caches ({@link
   * dev.tradeoff.core.kernel.Simulation#flushCache}); nodes that cache something override it. Runs
   * like any handler.
   */
  default void onCacheFlush() {}
}
