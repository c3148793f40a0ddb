package dev.tradeoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code tradeoff check} on the histories other tools write (golden files under {@code
 * src/test/resources/check}): verdicts, one-line bad-input errors and exit codes.
 */
class CheckForeignHistoriesTest {
  private record Outcome(int code, String out, String err) {
    String all() {
      return "exit " + code + "\n" + out + err;
    }
  }

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

  private static String golden(String name) {
    try {
      return Path.of(CheckForeignHistoriesTest.class.getResource("/check/" + name).toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static Outcome check(String... argsThenFiles) {
    List<String> args = new ArrayList<>(List.of("check"));
    for (String a : argsThenFiles) {
      args.add(a.startsWith("-") || !a.contains(".") ? a : golden(a));
    }
    return cli(args.toArray(String[]::new));
  }

  @Test
  void timedOutReadsOfAJepsenEtcdLogAreReadAndTheLogIsValid() {
    Outcome run = check("--model", "cas-register", "etcd-timed-out.log");
    assertEquals(0, run.code(), run.all());
    assertTrue(run.out().contains("etcd-timed-out.log: linearizability: valid"), run.all());
    assertEquals("", run.err());
  }

  @Test
  void anUnreadableFileInABatchIsReportedAloneAndTheOthersAreStillChecked() {
    Outcome run =
        check("--model", "cas-register", "etcd-timed-out.log", "unreadable.edn", "stale-read.log");
    assertEquals(64, run.code(), run.all()); // bad input wins over the invalid verdict
    assertTrue(run.out().contains("etcd-timed-out.log: linearizability: valid"), run.all());
    assertTrue(run.out().contains("stale-read.log: linearizability: invalid"), run.all());
    assertFalse(run.out().contains("unreadable.edn"), run.all());
    String[] errors = run.err().strip().split("\n");
    assertEquals(1, errors.length, run.all());
    assertTrue(
        errors[0].startsWith("tradeoff: ")
            && errors[0].endsWith(
                "unreadable.edn:3:32: expected :read, :write, :cas, :append, :txn, :get or :put"
                    + " after :f, got :frob"),
        run.all());

    // Without the bad file the verdicts decide: 1 for the invalid one, 0 when all are valid.
    assertEquals(
        1, check("--model", "cas-register", "etcd-timed-out.log", "stale-read.log").code());
    assertEquals(0, check("--model", "cas-register", "etcd-timed-out.log").code());
  }

  @Test
  void aFileWithNoOperationsIsBadInputNeverValid() {
    for (String name : new String[] {"empty.log", "other-format.log"}) {
      Outcome run = check(name);
      assertEquals(64, run.code(), run.all());
      assertEquals("", run.out(), run.all());
      assertTrue(
          run.err().startsWith("tradeoff: " + golden(name) + ": no operations found: expected"),
          run.all());
      assertEquals(1, run.err().strip().split("\n").length, run.all());
    }
    Outcome batch = check("--model", "cas-register", "empty.log", "etcd-timed-out.log");
    assertEquals(64, batch.code(), batch.all());
    assertTrue(batch.out().contains("etcd-timed-out.log: linearizability: valid"), batch.all());
  }

  @Test
  void repeatedWrittenValuesMakeTheSessionGuaranteesUnknownNotViolated() {
    Outcome run = check("--sessions", "repeated-values.log");
    assertEquals(2, run.code(), run.all());
    assertTrue(run.out().contains("linearizability: valid"), run.all());
    for (String guarantee :
        new String[] {"read-your-writes", "monotonic-writes", "writes-follow-reads"}) {
      assertTrue(
          run.out()
              .contains(
                  guarantee
                      + ": unknown (written values repeat on key 0 (value 1 written 2 times):"
                      + " which write a read saw cannot be told)"),
          run.all());
    }
    assertFalse(run.out().contains("invalid"), run.all());
    assertEquals(0, check("repeated-values.log").code()); // linearizability alone decides
  }

  @Test
  void oneValueWrittenToTwoKeysIsJudgedPerKeyWithoutAnInternalError() {
    Outcome run = check("--model", "kv", "--sessions", "one-value-two-keys.edn");
    assertEquals(1, run.code(), run.all());
    assertFalse(run.all().contains("internal error"), run.all());
    assertTrue(run.out().contains("linearizability: invalid"), run.all());
    assertTrue(
        run.out()
            .contains(
                "read-your-writes: invalid (1 violations; first: op 3 (process 0 read key 1 ->"
                    + " nil, 0.000006 ms..0.000007 ms) does not see"
                    + " the same process's earlier op 0 (process 0 wrote 5 to key 1,"
                    + " 0 ms..0.000001 ms): it saw the initial nil of key 1"),
        run.all());
    assertTrue(run.out().contains("monotonic-reads: valid"), run.all());
  }

  @Test
  void porcupineKeyValueHistoriesAreDecided() {
    Outcome ok = check("--model", "kv", "kv-ok.txt");
    assertEquals(0, ok.code(), ok.all());
    assertTrue(ok.out().contains("kv-ok.txt: linearizability: valid"), ok.all());

    Outcome bad = check("--model", "kv", "kv-bad.txt");
    assertEquals(1, bad.code(), bad.all());
    assertTrue(bad.out().contains("kv-bad.txt: linearizability: invalid"), bad.all());
    assertTrue(
        bad.out()
            .contains(
                "key 3: read → \"x 0 1 y\" by process 2 [0.00002 ms–0.000021 ms] cannot be"
                    + " linearized: after append \"x 1 1 y\" (process 1, ok at 0.000019 ms) the"
                    + " text is \"x 0 1 yx 1 1 y\""),
        bad.all());
    assertTrue(bad.out().contains("the text is \"x 0 1 yx 1 1 y\""), bad.all());
  }
}
