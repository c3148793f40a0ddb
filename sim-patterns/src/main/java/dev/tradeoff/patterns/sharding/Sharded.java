package dev.tradeoff.patterns.sharding;

import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.routing.KeyRouter;
import java.util.List;

/**
 * {@code sharded}: keys spread over {@code shards} instances of a nested {@code backend} system by
 * a client-side router — hash-mod-N, key ranges, or consistent hashing with virtual nodes — with
 * optional salting of hot keys and a scheduled resize whose moved keys are copied while traffic
 * goes on. Shard {@code i} is the backend built with node-name prefix {@code s<i>-} ({@code s0-db},
 * {@code s1-db}, … for a single-node backend named {@code db}).
 *
 * <p>Series: {@code shard-load/s<i>} (requests per second shard {@code i} received), {@code
 * shard-p99/s<i>} (99th percentile, in ms, of its requests' latency as the routers measured it),
 * {@code shard-ok/s<i>} (the share of the requests sent to shard {@code i} in an interval that were
 * answered OK: 0 while the shard is down or cut off, since its requests go unanswered), {@code
 * shard-skew/hottest-over-median} (busiest active shard's requests over the median active shard's),
 * {@code hot-key/rate} (requests per second for the busiest key); with a resize, {@code
 * resize/moved-share} (share of the key space whose owner changed), {@code resize/keys-pending}
 * (moved keys not yet copied) and {@code resize-requests/old-owner|held| new-owner} (requests per
 * second for moved keys, by how they were served).
 */
public final class Sharded implements PatternSpec {
  @Override
  public String name() {
    return "sharded";
  }

  @Override
  public String description() {
    return "keys routed over shards of a backend; hot-key salting; scheduled resize with migration";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string(
            "name",
            "",
            "prefix of every node name it creates (shards s<i>-…, the resharder); set it when"
                + " two sharded systems share a scenario"),
        Param.integer("shards", 4, 1, 64, "shards before any resize"),
        Param.choice("router", List.of("hash-mod", "ranges", "consistent"), "key-to-shard router"),
        Param.integer("vnodes", 64, 1, 4096, "virtual nodes per shard (consistent)"),
        Param.integer(
            "keySpace",
            1000,
            1,
            10_000_000,
            "keys [0, keySpace): split into ranges (ranges), examined and moved on resize"),
        Param.integer("salt", 1, 1, 64, "sub-keys per hot key; 1 turns salting off"),
        Param.integer("hotKeys", 1, 0, 10_000_000, "how many keys, from key 0 up, are salted"),
        Param.duration("resizeAt", "0s", 0, "when the shard count changes; 0s never"),
        Param.integer("resizeTo", 5, 1, 64, "shard count after the resize"),
        Param.number(
            "migrationRate",
            1000.0,
            0,
            1e7,
            "moved keys copied per second during a resize; 0 flips without copying"),
        Param.system("backend", "the system each shard is an instance of"));
  }

  @Override
  public Store build(Config c) {
    int shards = (int) c.integer("shards");
    long keySpace = c.integer("keySpace");
    KeyRouter router =
        switch (c.string("router")) {
          case "hash-mod" -> KeyRouter.hashMod(shards);
          case "ranges" -> KeyRouter.ranges(shards, keySpace);
          default -> KeyRouter.consistent(shards, (int) c.integer("vnodes"));
        };
    return new ShardedStore(
        c.string("name"),
        c.backend("backend"),
        router,
        (int) c.integer("resizeTo"),
        keySpace,
        new Salt((int) c.integer("salt"), c.integer("hotKeys")),
        c.nanos("resizeAt"),
        c.number("migrationRate"));
  }
}
