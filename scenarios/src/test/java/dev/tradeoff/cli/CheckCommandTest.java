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
          {"check"}
        }) {
      Outcome run = cli(args);
      assertEquals(64, run.code(), String.join(" ", args) + ": " + run.err());
      assertFalse(run.err().contains("\tat "), run.err());
    }
  }
}
