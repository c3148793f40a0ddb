package dev.tradeoff.core.history;

import java.util.Arrays;

/**
 * Growable primitive columns in fixed-size chunks: appending never copies what is stored (only the
 * small table of chunk references grows), so a history's memory is its operations' bytes and one
 * partly filled chunk, with no doubling peak where old and new arrays coexist.
 */
final class Columns {
  static final int SHIFT = 14;
  static final int CHUNK = 1 << SHIFT;
  static final int MASK = CHUNK - 1;

  private Columns() {}

  /** A column of longs. */
  static final class Longs {
    private long[][] chunks = new long[4][];

    long get(int i) {
      return chunks[i >>> SHIFT][i & MASK];
    }

    void set(int i, long v) {
      int c = i >>> SHIFT;
      if (c >= chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      if (chunks[c] == null) {
        chunks[c] = new long[CHUNK];
      }
      chunks[c][i & MASK] = v;
    }
  }

  /** A column of ints. */
  static final class Ints {
    private int[][] chunks = new int[4][];

    int get(int i) {
      return chunks[i >>> SHIFT][i & MASK];
    }

    /** The value at {@code i}, or 0 where none was ever set: for a column set sparsely. */
    int getOrZero(int i) {
      int c = i >>> SHIFT;
      return c < chunks.length && chunks[c] != null ? chunks[c][i & MASK] : 0;
    }

    void set(int i, int v) {
      int c = i >>> SHIFT;
      if (c >= chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      if (chunks[c] == null) {
        chunks[c] = new int[CHUNK];
      }
      chunks[c][i & MASK] = v;
    }
  }

  /** A column of bytes. */
  static final class Bytes {
    private byte[][] chunks = new byte[4][];

    byte get(int i) {
      return chunks[i >>> SHIFT][i & MASK];
    }

    void set(int i, byte v) {
      int c = i >>> SHIFT;
      if (c >= chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      if (chunks[c] == null) {
        chunks[c] = new byte[CHUNK];
      }
      chunks[c][i & MASK] = v;
    }
  }
}
