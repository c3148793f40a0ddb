package dev.tradeoff.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads input files as UTF-8, saying where a file is not UTF-8 in its own terms. */
final class TextFiles {
  private TextFiles() {}

  /**
   * The text of {@code file}; bad input, in one line, if it cannot be read or is not UTF-8 (naming
   * the line, column and byte offset of the first bad byte).
   */
  static String read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage());
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new BadInputException(where(file, bytes, in.position()));
    }
    result = decoder.flush(out);
    if (result.isError()) {
      throw new BadInputException(where(file, bytes, in.position()));
    }
    return out.flip().toString();
  }

  private static String where(Path file, byte[] bytes, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        column = 1;
      } else if ((bytes[i] & 0xC0) != 0x80) {
        column++; // count characters, not continuation bytes
      }
    }
    return String.format(
        java.util.Locale.ROOT,
        "%s:%d:%d: not valid UTF-8 (byte 0x%02x at offset %d)",
        file,
        line,
        column,
        offset < bytes.length ? bytes[offset] & 0xFF : 0,
        offset);
  }
}
