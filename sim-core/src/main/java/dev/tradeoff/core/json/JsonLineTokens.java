package dev.tradeoff.core.json;

import com.dslplatform.json.JsonReader;
import com.dslplatform.json.NumberConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * dsl-json's {@link JsonReader} over a whole JSON-lines text, line by line and token by token: the
 * text is encoded once, one reader walks it from start to end, and each line is a stretch of that
 * one buffer, so no line is copied. Held, like {@link JsonTokens}, to RFC 8259 where the reader is
 * lenient, with every position kept as a byte index and turned into a column of the line only when
 * asked (for ASCII text, a subtraction).
 *
 * <p><b>Lines.</b> {@link #nextLine()} moves to the next line (split at {@code '\n'} only); the
 * current line's stretch ends at {@link #limit()}, and nothing here reads past it: a token, a
 * string or a number that would go on into the next line is seen as ending at the line's end.
 *
 * <p><b>The reader.</b> Strings, integers and {@code null} are read by the reader ({@link
 * JsonReader#readString()}, {@link NumberConverter#deserializeLong}, {@link JsonReader#wasNull()});
 * member names and enum-like string values are matched with its name hash ({@link
 * JsonReader#calcHash()}, {@link JsonReader#wasLastName(byte[])}) without building a string. The
 * reader moves forward only: each token is reached by reading on from where it stands. Only after a
 * failed {@link #match} (a string that is none of the names asked for, which this package's formats
 * then refuse) does it start over from the text's start.
 *
 * <p><b>Whitespace.</b> As in {@link JsonTokens}: only space, tab, line feed and carriage return
 * separate tokens; any other byte is the next token.
 *
 * <p>Not thread-safe; one instance reads one text once.
 */
public final class JsonLineTokens {
  /** What {@link #next()} and {@link #byteAt(int)} return at the end of the line. */
  public static final int END = -1;

  private final String text;
  private final byte[] bytes;
  private final int length;
  private final boolean ascii;
  private final JsonReader<Object> reader;

  private int nextFrom;
  private int lineFrom;
  private int lineTo;
  // The current line's first char in the text, once asked for (non-ASCII text only), else -1.
  private int lineChar = -1;
  private int at;
  private int end;

  /** Tokens of {@code text}, before its first line. */
  public JsonLineTokens(String text) {
    this.text = text;
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    // One byte per char and the same text back as Latin-1: ASCII only. A lone surrogate also
    // comes out as one byte ('?'), but a string that holds one is not Latin-1 and never equal.
    if (utf8.length == text.length()
        && new String(utf8, StandardCharsets.ISO_8859_1).equals(text)) {
      bytes = utf8;
      length = utf8.length;
      ascii = true;
    } else {
      bytes = new byte[3 * text.length()];
      length = JsonTokens.encode(text, 0, text.length(), bytes);
      ascii = false;
    }
    reader = JsonCodec.reader(bytes, length);
  }

  /**
   * Moves to the next line, if there is one: the first line on the first call, then the text after
   * each {@code '\n'} (so a text ending in one ends with an empty line).
   */
  public boolean nextLine() {
    if (nextFrom > length) {
      return false;
    }
    int newline = ascii ? text.indexOf('\n', nextFrom) : indexOf('\n', nextFrom, length);
    lineFrom = nextFrom;
    lineTo = newline < 0 ? length : newline;
    nextFrom = newline < 0 ? length + 1 : newline + 1;
    lineChar = -1;
    at = lineFrom;
    end = lineFrom;
    return true;
  }

  /** Whether the current line is blank, as {@link String#isBlank()} says of its text. */
  public boolean blank() {
    for (int i = lineFrom; i < lineTo; ) {
      int lead = bytes[i] & 0xff;
      if (lead < 0x80) {
        if (!Character.isWhitespace(lead)) {
          return false;
        }
        i++;
        continue;
      }
      int width = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
      int cp = lead & (0x7f >> width);
      for (int k = 1; k < width; k++) {
        cp = cp << 6 | bytes[i + k] & 0x3f;
      }
      if (!Character.isWhitespace(cp)) {
        return false;
      }
      i += width;
    }
    return true;
  }

  /**
   * The first byte of the next token on the line, 0 to 255, or {@link #END}; {@link #at()} is then
   * where it is, and the reader has read it. Consumes it as a one-byte token: whoever reads a
   * longer one moves {@link #end()} on.
   */
  public int next() {
    int i = end;
    while (i < lineTo) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        break;
      }
      i++;
    }
    at = i;
    end = i + 1;
    if (i >= lineTo) {
      return END;
    }
    seek(end);
    return bytes[i] & 0xff;
  }

  /** Where the current token starts, as a byte index into the text's encoding. */
  public int at() {
    return at;
  }

  /** Where the current token ends (exclusive), as a byte index. */
  public int end() {
    return end;
  }

  /** Where the current line ends (exclusive), as a byte index. */
  public int limit() {
    return lineTo;
  }

  /** The byte at {@code index}, 0 to 255, or {@link #END} at or past the line's end. */
  public int byteAt(int index) {
    return index < lineTo ? bytes[index] & 0xff : END;
  }

  /** The index of the first byte at or after {@code index} that is not an ASCII digit. */
  public int skipDigits(int index) {
    int i = index;
    while (i < lineTo && bytes[i] >= '0' && bytes[i] <= '9') {
      i++;
    }
    return i;
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

  /** The ASCII bytes {@code [from, to)} as a string, as for a number's digits. */
  public String ascii(int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /**
   * The 1-based column, in chars of the line, of the character starting at byte {@code index} (the
   * line's end maps to one past its last char).
   */
  public int column(int index) {
    if (ascii) {
      return 1 + index - lineFrom;
    }
    return 1 + chars(lineFrom, index);
  }

  /** The char of the text at byte {@code index}, which must start a character on the line. */
  public char charAt(int index) {
    if (ascii) {
      return (char) bytes[index];
    }
    if (lineChar < 0) {
      lineChar = chars(0, lineFrom);
    }
    return text.charAt(lineChar + chars(lineFrom, index));
  }

  /** How many chars the bytes {@code [from, to)} encode, which start and end characters. */
  private int chars(int from, int to) {
    int n = 0;
    for (int i = from; i < to; ) {
      int lead = bytes[i] & 0xff;
      int width = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
      i += width;
      n += width == 4 ? 2 : 1;
    }
    return n;
  }

  /**
   * Which of {@code candidates} (ASCII, none holding a quote or backslash) the string token at
   * {@link #at()} is, through the reader's name hash, or -1 if it is none of them, has an escape or
   * does not close on the line; on a match {@link #end()} is past its closing quote. After -1,
   * {@link #string()} still reads the token.
   */
  public int match(byte[][] candidates) {
    int close;
    try {
      reader.calcHash();
      close = reader.getCurrentIndex() - 1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    if (close >= lineTo || close <= at || bytes[close] != '"') {
      return -1;
    }
    // The reader compares the raw bytes between the quotes: as no candidate holds a backslash, a
    // match has no escape in it.
    for (int k = 0; k < candidates.length; k++) {
      if (reader.wasLastName(candidates[k])) {
        end = close + 1;
        return k;
      }
    }
    return -1;
  }

  /**
   * The string token at {@link #at()}, unescaped by the reader, which accepts exactly the RFC's
   * escapes but also raw control characters.
   *
   * @throws IOException if the reader refuses it, or it does not close on this line (the caller
   *     finds why, and where)
   */
  public String string() throws IOException {
    seek(at + 1);
    String value;
    try {
      value = reader.readString();
    } catch (IndexOutOfBoundsException e) {
      throw new IOException("string runs past the end", e);
    }
    end = reader.getCurrentIndex();
    if (end > lineTo) {
      throw new IOException("string runs past the end of the line");
    }
    return value;
  }

  /**
   * Reads the literal {@code null} whose first letter is the current token: is it there in full?
   */
  public boolean literalNull() {
    try {
      boolean whole = reader.wasNull();
      end = reader.getCurrentIndex();
      return whole && end <= lineTo;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The integer at {@link #at()}, through dsl-json's number converter, and the reader moved past
   * it. The caller must have checked that it is {@code -?(0|[1-9][0-9]*)} directly followed by
   * {@code ,}, {@code }} or {@code ]} on the line: the converter also takes exponents and {@code
   * +}, and would read on into the next line.
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
   * Reads on until the reader's next byte is {@code index}; if it is already past (only after a
   * failed {@link #match}), the reader starts over from the start of the text.
   */
  private void seek(int index) {
    int i = reader.getCurrentIndex();
    if (i > index) {
      reader.process(bytes, length);
      i = 0;
    }
    try {
      for (; i < index; i++) {
        reader.read();
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading within the text failed", e);
    }
  }
}
