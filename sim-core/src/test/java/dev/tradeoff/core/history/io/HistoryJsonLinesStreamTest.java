package dev.tradeoff.core.history.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HistoryJsonLinesStreamTest {
  @Test
  void streamedBytesAreTheTextInUtf8ManyBuffersLong() throws IOException {
    // about 150 bytes per operation: 3,000 operations fill several of the stream's buffers
    History h = new History();
    for (int i = 0; i < 3_000; i++) {
      int process = i % 7;
      OpKind kind = i % 3 == 0 ? OpKind.WRITE : OpKind.READ;
      int op = h.invoke(process, kind, i % 11, kind == OpKind.WRITE ? i : History.NIL, 10L * i);
      OpStatus status = i % 13 == 0 ? OpStatus.INFO : i % 17 == 0 ? OpStatus.FAIL : OpStatus.OK;
      // completions overlap later invocations, so lines come out of index order
      h.complete(op, status, kind == OpKind.READ ? i - 1 : History.NIL, 10L * i + 25 + i % 5);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HistoryJsonLines.write(h, out);
    String text = HistoryJsonLines.write(h);
    assertEquals(true, text.length() > 4 * (1 << 16), "longer than a few buffers");
    assertEquals(text, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aHistoryNoLineOrderCanTellWritesNothingAndThrowsAsTheText() {
    History h = new History();
    h.invoke(0, OpKind.WRITE, 0, 1, 0); // pending forever
    h.invoke(0, OpKind.READ, 0, History.NIL, 5);
    IllegalArgumentException text =
        assertThrows(IllegalArgumentException.class, () -> HistoryJsonLines.write(h));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IllegalArgumentException streamed =
        assertThrows(IllegalArgumentException.class, () -> HistoryJsonLines.write(h, out));
    assertEquals(text.getMessage(), streamed.getMessage());
    assertEquals(0, out.size());
  }
}
