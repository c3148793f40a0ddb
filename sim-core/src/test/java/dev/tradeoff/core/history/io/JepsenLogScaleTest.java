package dev.tradeoff.core.history.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradeoff.core.history.History;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Jepsen logs in either marker style read alike, and in time linear in their length: the search for
 * a marker a line lacks once ran to the end of the text, so a 200,000-line log with {@code
 * jepsen.util: } took minutes. The timeout is a hang guard, tens of times the expected time, not a
 * speed claim.
 */
class JepsenLogScaleTest {
  private static String log(String marker, int ops) {
    StringBuilder sb = new StringBuilder(ops * 60);
    for (int i = 0; i < ops; i++) {
      int process = i % 5;
      sb.append("INFO  ").append(marker).append(process).append("\t:invoke\t:write\t").append(i);
      sb.append('\n');
      sb.append("INFO  ").append(marker).append(process).append("\t:ok\t:write\t").append(i);
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void bothMarkersReadTheSameHistoryInLinearTime() {
    int ops = 100_000;
    History dash = JepsenLog.read("dash.log", log("jepsen.util - ", ops));
    History colon =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> JepsenLog.read("colon.log", log("jepsen.util: ", ops)));
    assertEquals(ops, dash.size());
    assertEquals(dash.hash(), colon.hash());
  }
}
