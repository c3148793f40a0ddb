package dev.tradeoff.core.json;

import com.dslplatform.json.JsonReader;
import com.dslplatform.json.NumberConverter;
import java.io.IOException;
import java.util.Arrays;

/**
 * dsl-json's {@link JsonReader} over a stretch of a Java string, token by token, held to RFC 8259
 * where the reader is lenient and with every position mapped back to the string, so that a strict
 * parser built on it can say exactly where a problem is.
 *
 * <p><b>Positions.</b> The reader works on UTF-8 bytes; positions here are byte indices into the
 * encoded stretch ({@link #at()}, {@link #end()}), and {@link #offset(int)} turns one into the
 * index of the same character in the string.
 *
 * <p><b>Whitespace.</b> The reader also skips vertical tab, form feed and Unicode spaces between
 * tokens; {@link #next()} accepts only space, tab, line feed and carriage return, and otherwise
 * stops at the first other byte it finds, which no JSON grammar accepts there, so the caller
 * reports it as the token it got.
 *
 * <p>Not thread-safe; one instance can be {@link #reset} for stretch after stretch.
 */
public final class JsonTokens {
  /** What {@link #next()} and {@link #byteAt(int)} return at the end of the stretch. */
  public static final int END = -1;

  /**
   * Zero bytes after the stretch: the reader looks up to five bytes past an escape without checking
   * the length, and must find there something that is not a hex digit or a quote.
   */
  private static final int PADDING = 8;

  private byte[] bytes = new byte[256];
  private final JsonReader<Object> reader = JsonCodec.reader(bytes, 0);
  private CharSequence text = "";
  private int from;
  private int length;
  private boolean ascii = true;
  private int at;
  private int end;
  // The last offset() answer, from which the next one counts on: parsers ask in increasing order.
  private int mappedByte;
  private int mappedChar;

  /** Tokens of {@code text} from character {@code from} to {@code to}, exclusive. */
  public void reset(CharSequence text, int from, int to) {
    this.text = text;
    this.from = from;
    encode(text, from, to);
    reader.process(bytes, length);
    at = 0;
    end = 0;
    mappedByte = 0;
    mappedChar = from;
  }

  /**
   * The first byte of the next token, 0 to 255, or {@link #END}; {@link #at()} is then where it is.
   * Consumes it as a one-byte token: whoever reads a longer one moves {@link #end()} on.
   */
  public int next() {
    int found = length;
    if (reader.getCurrentIndex() < length) {
      try {
        reader.getNextToken();
        found = reader.getCurrentIndex() - 1;
      } catch (IOException e) {
        // Nothing but whitespace, to the reader's mind, up to the end.
        found = length;
      }
    }
    for (int i = end; i < found; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        found = i;
        break;
      }
    }
    at = found;
    end = found + 1;
    return byteAt(found);
  }

  /** Where the current token starts, as a byte index. */
  public int at() {
    return at;
  }

  /** Where the current token ends (exclusive), as a byte index. */
  public int end() {
    return end;
  }

  /** Number of bytes in the stretch. */
  public int length() {
    return length;
  }

  /** The byte at {@code index}, 0 to 255, or {@link #END} at or past the end. */
  public int byteAt(int index) {
    return index < length ? bytes[index] & 0xff : END;
  }

  /** The index of the first byte at or after {@code index} that is not an ASCII digit. */
  public int skipDigits(int index) {
    int i = index;
    while (i < length && bytes[i] >= '0' && bytes[i] <= '9') {
      i++;
    }
    return i;
  }

  /**
   * The index of the first byte in {@code [fromIndex, toIndex)} that is below {@code limit}, or -1;
   * with a limit of 0x20, the first raw control character (in UTF-8, bytes below 0x80 are always
   * the ASCII character itself).
   */
  public int firstBelow(int limit, int fromIndex, int toIndex) {
    for (int i = fromIndex; i < toIndex; i++) {
      if (bytes[i] >= 0 && bytes[i] < limit) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first {@code c} (ASCII) in {@code [fromIndex, toIndex)}, or -1. */
  public int indexOf(char c, int fromIndex, int toIndex) {
    for (int i = fromIndex; i < toIndex; i++) {
      if (bytes[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The character index in the string of byte index {@code index}, which must start a character;
   * the stretch's end maps to the end of the stretch.
   */
  public int offset(int index) {
    if (ascii) {
      return from + index;
    }
    if (index < mappedByte) {
      mappedByte = 0;
      mappedChar = from;
    }
    while (mappedByte < index) {
      int lead = bytes[mappedByte] & 0xff;
      int width = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
      mappedByte += width;
      mappedChar += width == 4 ? 2 : 1;
    }
    return mappedChar;
  }

  /**
   * The string token at {@link #at()}, unescaped by the reader, which accepts exactly the RFC's
   * escapes but also raw control characters: a caller that refuses them looks for them between
   * {@link #at()} and {@link #end()}.
   *
   * @throws IOException if the reader refuses it: unterminated, or a bad escape (the caller finds
   *     which, and where)
   */
  public String string() throws IOException {
    try {
      String value = reader.readString();
      end = reader.getCurrentIndex();
      return value;
    } catch (IndexOutOfBoundsException e) {
      throw new IOException("string runs past the end", e);
    }
  }

  /**
   * Reads the literal {@code true}, {@code false} or {@code null} whose first letter is the current
   * token, and says whether it is there in full.
   */
  public boolean literal() {
    try {
      int first = byteAt(at);
      boolean whole =
          first == 't' ? reader.wasTrue() : first == 'f' ? reader.wasFalse() : reader.wasNull();
      end = reader.getCurrentIndex();
      return whole;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Moves the reader over the number that starts at {@link #at()}, up to the next {@code ,}, {@code
   * }} or {@code ]} (the reader's notion of a number's extent, whitespace and all); the caller
   * checks its syntax and says where it really ends with {@link #endAt(int)}.
   */
  public void skipNumber() {
    reader.scanNumber();
  }

  /**
   * The integer at {@link #at()}, through dsl-json's number converter, and the reader moved past
   * it. The caller must have checked that it is {@code -?(0|[1-9][0-9]*)} directly followed by
   * {@code ,}, {@code }}, {@code ]} or the end: the converter also takes exponents and {@code +}.
   *
   * @throws IOException if it does not fit a {@code long}, or is a lone minus sign
   */
  public long integer() throws IOException {
    return NumberConverter.deserializeLong(reader);
  }

  /** Says that the current token ends at byte index {@code index}. */
  public void endAt(int index) {
    end = index;
  }

  /**
   * Encodes {@code text[from, to)} into {@link #bytes} (see {@link #encode(CharSequence, int, int,
   * byte[])}), followed by {@link #PADDING} zero bytes.
   */
  private void encode(CharSequence text, int from, int to) {
    int capacity = 3 * (to - from) + PADDING;
    if (bytes.length < capacity) {
      bytes = new byte[Math.max(capacity, 2 * bytes.length)];
    }
    int n = encode(text, from, to, bytes);
    Arrays.fill(bytes, n, n + PADDING, (byte) 0);
    length = n;
    ascii = n == to - from;
  }

  /**
   * Encodes {@code text[from, to)} as UTF-8 into {@code out}, which has room for three bytes a
   * char, and returns how many bytes it wrote; except that a surrogate that is not half of a pair
   * gets the three bytes of its code unit (as in WTF-8), which the reader decodes back to the same
   * char: the JDK's encoder would replace it with '?' and shift every position.
   */
  static int encode(CharSequence text, int from, int to, byte[] out) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
        continue;
      }
      if (c < 0x800) {
        out[n++] = (byte) (0xc0 | c >> 6);
        out[n++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        out[n++] = (byte) (0xf0 | cp >> 18);
        out[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
        out[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
        out[n++] = (byte) (0x80 | cp & 0x3f);
      } else {
        out[n++] = (byte) (0xe0 | c >> 12);
        out[n++] = (byte) (0x80 | c >> 6 & 0x3f);
        out[n++] = (byte) (0x80 | c & 0x3f);
      }
    }
    return n;
  }
}
