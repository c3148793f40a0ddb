package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;

/**
 * The key-value workload mapped onto two-phase commit, as the saga's driver maps it: a write of
 * {@code v} to {@code k} is transaction {@code v} for customer {@code k mod customers} at a
 * coordinator drawn at random (OK when committed, FAIL when aborted); a read of {@code k} asks the
 * accounts participant for that customer's committed balance.
 */
final class TpcDriver implements StoreClient {
  private final TpcSettings settings;
  private Context ctx;
  private int[] coordinators;
  private int accounts = -1;

  TpcDriver(TpcSettings settings) {
    this.settings = settings;
  }

  @Override
  public void start(Context context) {
    ctx = context;
    coordinators = new int[settings.coordinators()];
    for (int i = 0; i < coordinators.length; i++) {
      coordinators[i] = ctx.nodeId(settings.coordinatorName(i));
    }
    SagaDefinition d = settings.definition();
    int charge = d.first(Step.Effect.CHARGE);
    if (charge >= 0) {
      accounts = ctx.nodeId(settings.serviceName(d.steps().get(charge).service()));
    }
  }

  @Override
  public void submit(Request request) {
    // No health check: a transaction sent to a crashed coordinator times out. With no accounts
    // participant the coordinator refuses reads.
    int coordinator = coordinators[ctx.random("routing").nextInt(coordinators.length)];
    boolean balance = request.kind() == OpKind.READ && accounts >= 0;
    ctx.send(balance ? accounts : coordinator, request);
  }

  @Override
  public Response onMessage(int from, Object message) {
    return message instanceof Response r ? r : null;
  }
}
