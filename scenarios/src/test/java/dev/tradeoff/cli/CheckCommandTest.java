package dev.tradeoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tradeoff check}: verdicts and exit codes on history files, without a scenario. */
class CheckCommandTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = TradeoffCli.execute(args, o, e);
    }
    return new Outcome(code, out.toString(), err.toString());
  }

  private Path file(String name, String text) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, text);
    return path;
  }

  @Test
  void aLinearizableJepsenLogIsValid() throws IOException {
    Path log =
        file(
            "ok.log",
            "INFO jepsen.util - 0\t:invoke\t:write\t1\n"
                + "INFO jepsen.util - 0\t:ok\t:write\t1\n"
                + "INFO jepsen.util - 1\t:invoke\t:read\tnil\n"
                + "INFO jepsen.util - 1\t:ok\t:read\t1\n");
    Outcome run = cli("check", "--model", "register", log.toString());
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("linearizability: valid"), run.out());
  }

  @Test
  void aReadOfAValueNeverWrittenIsInvalidWithExitOne() throws IOException {
    Path log =
        file(
            "bad.log",
            "INFO jepsen.util - 0\t:invoke\t:write\t1\n"
                + "INFO jepsen.util - 0\t:ok\t:write\t1\n"
                + "INFO jepsen.util - 1\t:invoke\t:read\tnil\n"
                + "INFO jepsen.util - 1\t:ok\t:read\t2\n");
    Outcome run = cli("check", log.toString());
    assertEquals(1, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("linearizability: invalid"), run.out());
  }

  @Test
  void badInputExitsSixtyFourWithOneLineAndNoStackTrace() throws IOException {
    Path log = file("x.log", "INFO jepsen.util - 0\t:invoke\t:write\t1\n");
    for (String[] args :
        new String[][] {
          {"check", "--model", "queue", log.toString()},
          {"check", dir.resolve("missing.log").toString()},
          {"check", "--time-limit", "0s", log.toString()},
          {"check", "--time-limit", "soon", log.toString()},
          {"check", "--max-configurations", "0", log.toString()},
          {"check"}
        }) {
      Outcome run = cli(args);
      assertEquals(64, run.code(), String.join(" ", args) + ": " + run.err());
      assertFalse(run.err().contains("\tat "), run.err());
    }
  }

  /**
   * Two writes overlap many blind writes; two readers see them in opposite orders. Refuting it
   * means trying subsets of the blind writes, far beyond any small budget.
   */
  /**
   * Blind writes around two writes that two readers see in opposite orders; with {@code repeat},
   * one blind value is written twice (as in Jepsen's logs), so the search must refute it, which
   * takes exponentially many configurations; without, the unique-value check refutes it at once.
   */
  private Path pathological(boolean repeat) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < 40; p++) {
      sb.append("{:process ").append(p).append(" :type :invoke :f :write :value ");
      sb.append(repeat && p == 39 ? 1 : p + 1).append("}\n");
    }
    sb.append("{:process 80 :type :invoke :f :write :value 1001}\n");
    sb.append("{:process 81 :type :invoke :f :write :value 1002}\n");
    for (String[] reads : new String[][] {{"82", "1001", "1002"}, {"83", "1002", "1001"}}) {
      for (int i = 1; i <= 2; i++) {
        sb.append("{:process ").append(reads[0]).append(" :type :invoke :f :read :value nil}\n");
        sb.append("{:process ").append(reads[0]).append(" :type :ok :f :read :value ");
        sb.append(reads[i]).append("}\n");
      }
    }
    for (int p = 0; p < 40; p++) {
      sb.append("{:process ").append(p).append(" :type :ok :f :write :value ");
      sb.append(repeat && p == 39 ? 1 : p + 1).append("}\n");
    }
    sb.append("{:process 80 :type :ok :f :write :value 1001}\n");
    sb.append("{:process 81 :type :ok :f :write :value 1002}\n");
    return file("pathological.edn", sb.toString());
  }

  @Test
  void exhaustedBudgetsAreUnknownWithExitTwoAndSayWhichBudget() throws IOException {
    Path edn = pathological(true);
    Outcome steps = cli("check", "--max-configurations", "5000", edn.toString());
    assertEquals(2, steps.code(), steps.out() + steps.err());
    assertTrue(steps.out().contains("configuration budget of 5000 exhausted"), steps.out());

    Outcome time =
        cli("check", "--max-configurations", "1000000000", "--time-limit", "1ms", edn.toString());
    assertEquals(2, time.code(), time.out() + time.err());
    assertTrue(time.out().contains("time budget of 1.000 ms exhausted"), time.out());

    Outcome unique = cli("check", "--max-configurations", "1", pathological(false).toString());
    assertEquals(1, unique.code(), unique.out() + unique.err());
    assertTrue(unique.out().contains("overwritten for good"), unique.out());
  }

  @Test
  void sessionsAddsTheSessionGuaranteeVerdicts() throws IOException {
    // Process 0 writes 1, then reads nil: not linearizable, and not read-your-writes either.
    Path log =
        file(
            "ryw.log",
            "INFO jepsen.util - 0\t:invoke\t:write\t1\n"
                + "INFO jepsen.util - 0\t:ok\t:write\t1\n"
                + "INFO jepsen.util - 0\t:invoke\t:read\tnil\n"
                + "INFO jepsen.util - 0\t:ok\t:read\tnil\n");
    Outcome run = cli("check", "--sessions", log.toString());
    assertEquals(1, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("read-your-writes: invalid"), run.out());
    assertTrue(run.out().contains("monotonic-reads: valid"), run.out());
    assertTrue(run.out().contains("consistent-prefix: valid"), run.out());
    assertFalse(cli("check", log.toString()).out().contains("read-your-writes"));
  }
}
