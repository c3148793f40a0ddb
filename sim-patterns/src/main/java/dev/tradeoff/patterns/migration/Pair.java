package dev.tradeoff.patterns.migration;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Drivers;
import java.util.List;

/**
 * The drivers of the two systems a migration stands between ({@link #FROM}, the legacy or old one,
 * and {@link #TO}, the new one), hosted together in one node: requests go to the side asked for,
 * and each incoming message goes to the driver of the side whose node sent it.
 *
 * <p>Requests a host makes on its own (a dual write's second write, a shadow read, a copy) take ids
 * from a random point of {@code [INTERNAL_OPS, INTERNAL_OPS + 2^28)} up, drawn again each time the
 * host starts, so they never collide with history indices, nor with the negative ids a sharded
 * backend uses for its sub-requests, nor with a cache's internal ids (from {@code 2^30}); and an
 * answer to a request of the host's previous incarnation, held by the network past a crash, almost
 * never matches one of this incarnation's (which would, say, let a restarted CDC relay commit a
 * change it never applied).
 */
final class Pair {
  /** The legacy (strangler fig) or old (shard-key) system. */
  static final int FROM = 0;

  /** The new system. */
  static final int TO = 1;

  /** The first id of a host's own requests. */
  static final int INTERNAL_OPS = 1 << 29;

  private final Drivers drivers;
  private int nextOp = INTERNAL_OPS;

  /** The answer of one side. */
  record Answer(int side, Response response) {}

  Pair(StoreClient from, StoreClient to, List<String> fromNodes, List<String> toNodes) {
    this.drivers = new Drivers(new StoreClient[] {from, to}, List.of(fromNodes, toNodes));
  }

  void start(Context ctx) {
    // a stream of its own, so that no other draw of the host moves
    nextOp = INTERNAL_OPS + ctx.random("request-ids").nextInt(1 << 28);
    drivers.start(ctx);
  }

  /** A fresh id for one of the host's own requests. */
  int nextOp() {
    return nextOp++;
  }

  void submit(int s, Request request) {
    drivers.part(s).submit(request);
  }

  /**
   * The answer {@code message} carries, or null (not a side's node, or the driver's own business).
   */
  Answer onMessage(int from, Object message) {
    Response r = drivers.onMessage(from, message);
    return r == null ? null : new Answer(drivers.partOf(from), r);
  }

  boolean ownsTimer(Object payload) {
    return drivers.ownsTimer(payload);
  }

  /** Hands a timer to the driver that owns it; false if neither does. */
  boolean onTimer(long timerId, Object payload) {
    return drivers.onTimer(timerId, payload);
  }
}
