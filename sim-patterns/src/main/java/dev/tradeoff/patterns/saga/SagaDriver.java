package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;

/**
 * The key-value workload mapped onto the saga system, as a client's driver. A write of value {@code
 * v} to key {@code k} places an order: it starts saga {@code v} at an orchestrator drawn at random,
 * for customer {@code k mod customers}, completing OK when the saga completed and FAIL when it was
 * compensated (a timeout leaves it unknown). A read of {@code k} asks the accounts service for that
 * customer's balance, a visible intermediate state: it may show a charge a saga will later refund.
 * Without a charge step a read fails. Under choreography the order goes to the first step's service
 * (the origin), which answers the same way.
 */
final class SagaDriver implements StoreClient {
  private final Settings settings;
  private final boolean choreography;
  private final boolean stockReads;
  private Context ctx;
  private int[] orchestrators;
  private int accounts = -1;

  SagaDriver(Settings settings) {
    this(settings, false, false);
  }

  /**
   * A driver sending orders to the origin service when {@code choreography}, and reads to the
   * inventory service (for a product's stock) when {@code stockReads}.
   */
  SagaDriver(Settings settings, boolean choreography, boolean stockReads) {
    this.settings = settings;
    this.choreography = choreography;
    this.stockReads = stockReads;
  }

  @Override
  public void start(Context context) {
    ctx = context;
    SagaDefinition d = settings.definition();
    if (choreography) {
      orchestrators = new int[] {ctx.nodeId(settings.serviceName(d.steps().get(0).service()))};
    } else {
      orchestrators = new int[settings.coordinators()];
      for (int i = 0; i < orchestrators.length; i++) {
        orchestrators[i] = ctx.nodeId(settings.orchestratorName(i));
      }
    }
    int charge = d.first(stockReads ? Step.Effect.RESERVE : Step.Effect.CHARGE);
    if (charge >= 0) {
      accounts = ctx.nodeId(settings.serviceName(d.steps().get(charge).service()));
    }
  }

  @Override
  public void submit(Request request) {
    // With no accounts service the orchestrator refuses reads.
    boolean balance = request.kind() == OpKind.READ && accounts >= 0;
    // No health check: an order sent to a crashed orchestrator goes unanswered and times out.
    int orchestrator = orchestrators[ctx.random("routing").nextInt(orchestrators.length)];
    ctx.send(balance ? accounts : orchestrator, request);
  }

  @Override
  public Response onMessage(int from, Object message) {
    return message instanceof Response r ? r : null;
  }
}
