package dev.tradeoff.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A history costs its operations' bytes, about 46 an operation, without a doubling peak: two
 * million operations (about 92 MB) fit in a 136 MiB heap. As doubled arrays of 58 bytes an
 * operation they needed more than 140 MiB (122 MB of capacity, and old and new copies together at
 * the last doubling).
 */
class HistoryMemoryTest {
  static final int OPERATIONS = 2_000_000;

  /** Records {@link #OPERATIONS} completed writes and prints the count. */
  public static void main(String[] args) {
    History h = new History();
    for (int i = 0; i < OPERATIONS; i++) {
      int op = h.invoke(i % 16, OpKind.WRITE, i % 1_000, i + 1, 2L * i);
      h.complete(op, OpStatus.OK, History.NIL, 2L * i + 1);
    }
    System.out.println(h.size());
  }

  @Test
  void twoMillionOperationsFitIn136MiB() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx136m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    HistoryMemoryTest.class.getName()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    assertEquals(String.valueOf(OPERATIONS), out.strip());
  }
}
