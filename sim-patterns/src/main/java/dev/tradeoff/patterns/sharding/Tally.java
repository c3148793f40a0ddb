package dev.tradeoff.patterns.sharding;

import dev.tradeoff.patterns.Latencies;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;

/**
 * What the routers saw, for the series: requests each shard received, per-shard latencies, per-key
 * request counts, and where requests for moved keys went during a resize. Measurement only —
 * nothing reads it to decide anything. Shared by every driver of one sharded store; the
 * per-interval values are cut by the probes that read them.
 */
final class Tally {
  private final long[] load;
  private final long[] loadSampled;
  private final long[] ok;
  private final long[] okSampled;
  private final long[] sentSampled;
  private final long[] skewSampled;
  private final LongArrayList[] latencies;
  private final Long2LongOpenHashMap keyCounts = new Long2LongOpenHashMap();
  private long atOldOwner;
  private long held;
  private long atNewOwner;
  private long copiedKeys;

  Tally(int shards) {
    load = new long[shards];
    loadSampled = new long[shards];
    ok = new long[shards];
    okSampled = new long[shards];
    sentSampled = new long[shards];
    skewSampled = new long[shards];
    latencies = new LongArrayList[shards];
    for (int i = 0; i < shards; i++) {
      latencies[i] = new LongArrayList();
    }
  }

  void request(long key) {
    keyCounts.addTo(key, 1);
  }

  void sent(int shard) {
    load[shard]++;
  }

  void answered(int shard, long latencyNanos, boolean okStatus) {
    latencies[shard].add(latencyNanos);
    if (okStatus) {
      ok[shard]++;
    }
  }

  void moveRequest(byte state) {
    switch (state) {
      case Topology.PENDING -> atOldOwner++;
      case Topology.LOCKED -> held++;
      case Topology.COPIED -> atNewOwner++;
      default -> {}
    }
  }

  void copiedKey() {
    copiedKeys++;
  }

  /** Requests for moved keys that were sent to their old owner before their copy. */
  long atOldOwner() {
    return atOldOwner;
  }

  /** Requests for moved keys held while their key was copied. */
  long held() {
    return held;
  }

  /** Requests for moved keys sent to their new owner (after the copy, or at once without one). */
  long atNewOwner() {
    return atNewOwner;
  }

  /** Keys the migrator copied (values moved, or found empty). */
  long copiedKeys() {
    return copiedKeys;
  }

  /** Requests shard {@code shard} received so far. */
  long load(int shard) {
    return load[shard];
  }

  /** Requests shard {@code shard} received since this was last asked. */
  long loadSinceLastSample(int shard) {
    long d = load[shard] - loadSampled[shard];
    loadSampled[shard] = load[shard];
    return d;
  }

  /**
   * Shard {@code shard}'s OK answers over the requests sent to it, both since this was last asked;
   * NaN when none was sent. A request that is never answered (the shard is down, or cut off) counts
   * as sent and not OK; an answer that comes in a later interval than its request counts there, so
   * a share may pass 1 slightly.
   */
  double okShareSinceLastSample(int shard) {
    long sent = load[shard] - sentSampled[shard];
    long answeredOk = ok[shard] - okSampled[shard];
    sentSampled[shard] = load[shard];
    okSampled[shard] = ok[shard];
    return sent == 0 ? Double.NaN : (double) answeredOk / sent;
  }

  /**
   * The busiest of the first {@code active} shards over the median of them, for requests since the
   * last call; NaN when the median is 0.
   */
  double skewSinceLastSample(int active) {
    long[] d = new long[active];
    for (int i = 0; i < active; i++) {
      d[i] = load[i] - skewSampled[i];
    }
    System.arraycopy(load, 0, skewSampled, 0, load.length);
    Arrays.sort(d);
    double median = active % 2 == 1 ? d[active / 2] : (d[active / 2 - 1] + d[active / 2]) / 2.0;
    return median == 0 ? Double.NaN : d[active - 1] / median;
  }

  /** Requests for the busiest key since the last call. */
  long hottestKeySinceLastSample() {
    long max = 0;
    for (long c : keyCounts.values()) {
      max = Math.max(max, c);
    }
    keyCounts.clear();
    return max;
  }

  /** The 99th percentile of shard {@code shard}'s latencies since the last call, NaN if none. */
  double p99NanosSinceLastSample(int shard) {
    return Latencies.p99AndClear(latencies[shard]);
  }
}
