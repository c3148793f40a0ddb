package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import org.junit.jupiter.api.Test;

class BlastRadiusTest {
  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  /**
   * 40 keys, each written once every 100 ms for 10 s (4,000 operations). Keys {@code k} with {@code
   * k % 10 < brokenKeys} fail (or time out, when {@code timeouts}) when invoked in [4 s, 6 s).
   */
  private static History run(int brokenKeys, boolean timeouts) {
    History h = new History();
    for (long t = 0; t < 10 * S; t += 100 * MS) {
      for (int k = 0; k < 40; k++) {
        long at = t + k * MS;
        int op = h.invoke(k, OpKind.WRITE, k, h.nextUniqueValue(), at);
        boolean hit = at >= 4 * S && at < 6 * S && k % 10 < brokenKeys;
        OpStatus status = hit ? (timeouts ? OpStatus.INFO : OpStatus.FAIL) : OpStatus.OK;
        h.complete(op, status, History.NIL, at + 2 * MS);
      }
    }
    return h;
  }

  @Test
  void measuresTheIncidentExactly() {
    // Customers are keys mod 10; customers 0 and 1 are broken for 2 s: 20 writes each of 4 keys.
    BlastRadius b = new BlastRadius(10, 4 * S, 6 * S);
    BlastRadius.Figures f = b.measure(run(2, false));
    assertEquals(10, f.customers());
    assertEquals(2, f.customersReached());
    assertEquals(800, f.operations()); // 20 rounds x 40 keys in the window
    assertEquals(160, f.failed()); // 20 rounds x 8 broken keys
    assertEquals(0.2, f.customerShare(), 1e-12);
    assertEquals(0.2, f.failedShare(), 1e-12);
    assertEquals(1 - 160.0 / 4000, f.availability(), 1e-12);
    CheckResult r = b.check(run(2, false));
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(2, r.violations());
    assertEquals(
        "incident 4.000s..6.000s: 2 of 10 customers reached (20.00%), 160 of 800 operations failed"
            + " (20.00%); availability over the run 96.0000%",
        r.detail());
    assertTrue(r.witnesses().get(0).startsWith("customer 0: op 1600 (write of key 0 at 4.000 s)"));
  }

  @Test
  void timeoutsCountAsFailuresAndEachKeyIsACustomerByDefault() {
    BlastRadius b = new BlastRadius();
    b.faultsSpanned(4 * S, 6 * S);
    CheckResult r = b.check(run(3, true));
    assertEquals(12, r.violations()); // keys 0-2, 10-12, 20-22, 30-32
    assertTrue(r.detail().contains("12 of 40 customers reached (30.00%)"), r.detail());
    assertTrue(r.detail().contains("240 of 800 operations failed"), r.detail());
  }

  @Test
  void operationsOutsideTheWindowReachNoOne() {
    BlastRadius b = new BlastRadius(10, 6 * S, 10 * S);
    CheckResult r = b.check(run(5, false));
    assertEquals(Verdict.VALID, r.verdict(), r.toString());
    assertTrue(r.detail().contains("0 of 10 customers reached"), r.detail());
    assertTrue(r.detail().contains("availability over the run 90.0000%"), r.detail());
  }

  @Test
  void staysAtZeroOnAFaultFreeHistory() {
    CheckResult r = new BlastRadius().check(run(0, false));
    assertEquals(Verdict.VALID, r.verdict());
    assertEquals(
        "incident 0.000s..end: 0 of 40 customers reached (0.00%), 0 of 4000 operations failed"
            + " (0.00%); availability over the run 100.0000%",
        r.detail());
  }

  @Test
  void aPendingOperationFailsItsCustomer() {
    History h = new History();
    h.invoke(0, OpKind.READ, 3, History.NIL, S);
    int op = h.invoke(1, OpKind.READ, 4, History.NIL, S);
    h.complete(op, OpStatus.OK, History.NIL, 2 * S);
    BlastRadius.Figures f = new BlastRadius().measure(h);
    assertEquals(1, f.customersReached());
    assertEquals(0.5, f.availability(), 1e-12);
  }

  @Test
  void unknownWithoutOperationsInTheWindow() {
    assertEquals(
        Verdict.UNKNOWN, new BlastRadius(10, 20 * S, 30 * S).check(run(1, false)).verdict());
  }
}
