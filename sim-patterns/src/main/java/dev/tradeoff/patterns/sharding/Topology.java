package dev.tradeoff.patterns.sharding;

import dev.tradeoff.patterns.routing.KeyRouter;
import it.unimi.dsi.fastutil.longs.Long2ByteOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * Where each key lives: the routing table every router reads, as Vitess's topology service or a
 * Redis cluster's slot map would publish it — idealised as reaching every router at once (a real
 * router learns of a flip late and is redirected). Before the resize every key lives where the old
 * router says; at the flip, each key (of {@code [0, keySpace)} and their salted sub-keys) whose
 * owner changes becomes <em>pending</em> (still served by its old owner), then <em>locked</em>
 * while the migrator copies it (routers hold its requests), then <em>copied</em> (served by its new
 * owner). Without migration, moved keys are copied at once in name only: their new owner never
 * received their data.
 *
 * <p>It also counts requests in flight per key, so that the migrator copies a key only after every
 * request sent to its old owner has been answered (or a drain limit passed).
 */
final class Topology {
  /** What {@link #route} returns for a locked key: hold the request. */
  static final int HOLD = -1;

  static final byte NOT_MOVED = 0;
  static final byte PENDING = 1;
  static final byte LOCKED = 2;
  static final byte COPIED = 3;

  private final KeyRouter before;
  private final KeyRouter after;
  private final long keySpace;
  private final Salt salt;
  private final Long2ByteOpenHashMap state = new Long2ByteOpenHashMap();
  private final Long2IntOpenHashMap inFlight = new Long2IntOpenHashMap();
  private final LongArrayList moved = new LongArrayList();
  private boolean flipped;
  private long movedBaseKeys;
  private long pending;

  Topology(KeyRouter before, KeyRouter after, long keySpace, Salt salt) {
    this.before = before;
    this.after = after;
    this.keySpace = keySpace;
    this.salt = salt;
  }

  /** The shard serving {@code key} now, or {@link #HOLD}. */
  int route(long key) {
    if (!flipped) {
      return before.shardOf(key);
    }
    return switch (state.get(key)) {
      case PENDING -> before.shardOf(key);
      case LOCKED -> HOLD;
      default -> after.shardOf(key);
    };
  }

  /** {@code key}'s move state: {@link #NOT_MOVED}, {@link #PENDING}, … */
  byte state(long key) {
    return state.get(key);
  }

  /**
   * Switches to the new shard count: finds the keys whose owner changes, in key order, and marks
   * them pending, or copied at once when {@code migrate} is false. Returns them.
   */
  LongArrayList flip(boolean migrate) {
    if (flipped) {
      return moved;
    }
    flipped = true;
    for (long k = 0; k < keySpace; k++) {
      if (before.shardOf(k) != after.shardOf(k)) {
        moved.add(k);
        movedBaseKeys++;
      }
      if (salt.salted(k)) {
        for (int j = 1; j < salt.salt(); j++) {
          long sub = Salt.subKey(k, j);
          if (before.shardOf(sub) != after.shardOf(sub)) {
            moved.add(sub);
          }
        }
      }
    }
    for (int i = 0; i < moved.size(); i++) {
      state.put(moved.getLong(i), migrate ? PENDING : COPIED);
    }
    pending = migrate ? moved.size() : 0;
    return moved;
  }

  /** Whether the resize has happened. */
  boolean flipped() {
    return flipped;
  }

  /** The old owner of {@code key}. */
  int oldOwner(long key) {
    return before.shardOf(key);
  }

  /** The new owner of {@code key}. */
  int newOwner(long key) {
    return after.shardOf(key);
  }

  /** Shards serving keys now. */
  int activeShards() {
    return flipped ? after.shards() : before.shards();
  }

  void lock(long key) {
    state.put(key, LOCKED);
  }

  void copied(long key) {
    if (state.put(key, COPIED) != COPIED) {
      pending--;
    }
  }

  /** Keys moved by the resize and not yet copied. */
  long pending() {
    return pending;
  }

  /** Share of the key space {@code [0, keySpace)} whose owner the resize changed (0 before it). */
  double movedShare() {
    return (double) movedBaseKeys / keySpace;
  }

  /** Keys (sub-keys included) whose owner the resize changed. */
  int movedKeys() {
    return moved.size();
  }

  void sent(long key) {
    inFlight.addTo(key, 1);
  }

  void answered(long key) {
    if (inFlight.addTo(key, -1) <= 1) {
      inFlight.remove(key);
    }
  }

  /** Requests for {@code key} sent and not yet answered. */
  int inFlight(long key) {
    return inFlight.get(key);
  }
}
