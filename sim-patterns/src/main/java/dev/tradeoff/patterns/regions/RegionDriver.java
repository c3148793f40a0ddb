package dev.tradeoff.patterns.regions;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.workload.Request;
import dev.tradeoff.core.workload.Response;
import dev.tradeoff.core.workload.StoreClient;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;

/**
 * A client's driver: it asks the global router ({@link Directory}) which region serves the key's
 * slot and sends the request to that region's gateway, which answers it. A request that reaches a
 * gateway that does not own the slot fails; one sent into a region that is down goes unanswered and
 * ends unknown at the client's timeout.
 */
final class RegionDriver implements StoreClient {
  private final Settings s;
  private final Directory directory;
  private final String[] gatewayNames;
  private final IntOpenHashSet gatewayIds = new IntOpenHashSet();
  private int[] gateways;
  private Context ctx;

  RegionDriver(Settings s, Directory directory, String[] gatewayNames) {
    this.s = s;
    this.directory = directory;
    this.gatewayNames = gatewayNames;
  }

  @Override
  public void start(Context context) {
    ctx = context;
    gateways = new int[gatewayNames.length];
    for (int r = 0; r < gateways.length; r++) {
      gateways[r] = ctx.nodeId(gatewayNames[r]);
      gatewayIds.add(gateways[r]);
    }
  }

  @Override
  public void submit(Request request) {
    ctx.send(gateways[directory.route(s.slot(request.key()))], request);
  }

  @Override
  public Response onMessage(int from, Object message) {
    return gatewayIds.contains(from) && message instanceof Response r ? r : null;
  }
}
