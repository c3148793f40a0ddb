package dev.tradeoff.reports;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram as text in the report files ({@code sweep.json}'s items, {@code
 * report.json}'s operations): HdrHistogram's uncompressed V2 encoding ({@code
 * encodeIntoByteBuffer}) in base64. Lossless, and a function of the counts alone, with no zlib in
 * the way whose output could differ between JVMs; {@link #decode} of {@link #encode} equals the
 * histogram, and encoding that again gives the same text.
 */
final class HistogramCodec {
  private HistogramCodec() {}

  /** {@code histogram} as base64 text. */
  static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  /**
   * A fresh histogram from {@link #encode}'s text.
   *
   * @throws IllegalArgumentException naming {@code what} when the text is not such a histogram
   */
  static Histogram decode(String text, String what) {
    try {
      byte[] bytes = Base64.getDecoder().decode(text);
      return Histogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes), 0);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(what + ": not an encoded histogram", e);
    }
  }
}
