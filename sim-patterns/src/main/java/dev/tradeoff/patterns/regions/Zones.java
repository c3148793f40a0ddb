package dev.tradeoff.patterns.regions;

import dev.tradeoff.patterns.Backend;

/** Places a nested system in one zone. */
final class Zones {
  private Zones() {}

  /**
   * {@code backend} with its {@code zone} parameter, and that of every system nested in it, set to
   * {@code zone}; patterns without a {@code zone} parameter keep theirs.
   */
  static Backend inZone(Backend backend, String zone) {
    var c = backend.config().mapBackends(b -> inZone(b, zone));
    if (c.has("zone")) {
      c = c.with("zone", zone);
    }
    return new Backend(backend.spec(), c, backend.prefix());
  }
}
