package dev.tradeoff.patterns.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A replica's log keys on disk are the ones {@code String.format} wrote, for every position. */
class LogKeyTest {
  @Test
  void logKeysAreTheFormattedOnes() {
    long[] edges = {
      0,
      1,
      9,
      10,
      99,
      100,
      123_456,
      999_999_999_999L,
      1_000_000_000_000L,
      Long.MAX_VALUE,
      -1,
      -42,
      Long.MIN_VALUE
    };
    for (long index : edges) {
      assertEquals(format(index), ReplicaNode.logKey(index), Long.toString(index));
    }
    for (long index = 0; index < 200_000; index += 7) {
      assertEquals(format(index), ReplicaNode.logKey(index));
    }
  }

  private static String format(long index) {
    return String.format(Locale.ROOT, "log/%012d", index);
  }
}
