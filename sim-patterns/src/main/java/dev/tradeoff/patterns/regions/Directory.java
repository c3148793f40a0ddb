package dev.tradeoff.patterns.regions;

/**
 * The global router's answer — DNS or a traffic manager's routing table — for each key slot: the
 * region clients send its requests to. Idealised as reaching every client at once (no DNS TTL).
 * Written only by the {@link TrafficManager}; it survives the manager's crash, as a hosted DNS
 * service would.
 */
final class Directory {
  private final int[] route;

  Directory(Settings s) {
    route = new int[s.slots()];
    for (int slot = 0; slot < route.length; slot++) {
      route[slot] = s.home(slot);
    }
  }

  /** The region requests for {@code slot} go to. */
  int route(int slot) {
    return route[slot];
  }

  void route(int slot, int region) {
    route[slot] = region;
  }

  int slots() {
    return route.length;
  }
}
