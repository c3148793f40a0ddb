package dev.tradeoff.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.history.History;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class InvariantsTest {
  /** A bank's final balances, account to amount. */
  private record Bank(Map<String, Long> balances) {
    long total() {
      return balances.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final Invariant<Bank> MONEY_CONSERVED =
      Invariant.ofState(
          "money-conserved",
          bank -> bank.total() == 1000 ? null : "total " + bank.total() + ", expected 1000");

  private static final Invariant<Bank> NO_OVERDRAFT =
      Invariant.ofState(
          "no-overdraft",
          bank ->
              bank.balances().entrySet().stream()
                  .filter(e -> e.getValue() < 0)
                  .map(e -> "account " + e.getKey() + " holds " + e.getValue())
                  .findFirst()
                  .orElse(null));

  private static Bank bank(long a, long b, long c) {
    Map<String, Long> balances = new TreeMap<>();
    balances.put("alice", a);
    balances.put("bob", b);
    balances.put("carol", c);
    return new Bank(balances);
  }

  @Test
  void conservingBankIsValid() {
    CheckResult r = Invariants.over(bank(500, 300, 200), MONEY_CONSERVED).check(new History());
    assertEquals(Verdict.VALID, r.verdict());
    assertEquals(0, r.violations());
    assertEquals("1 invariants checked", r.detail());
  }

  @Test
  void bankThatLosesMoneyExplainsItself() {
    CheckResult r = Invariants.over(bank(500, 290, 200), MONEY_CONSERVED).check(new History());
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(1, r.violations());
    assertEquals(List.of("invariant money-conserved: total 990, expected 1000"), r.witnesses());
  }

  @Test
  void everyFailingInvariantIsCountedInOrder() {
    CheckResult r =
        Invariants.over(bank(-10, 300, 200), MONEY_CONSERVED, NO_OVERDRAFT).check(new History());
    assertEquals(2, r.violations());
    assertEquals(
        List.of(
            "invariant money-conserved: total 490, expected 1000",
            "invariant no-overdraft: account alice holds -10"),
        r.witnesses());
  }

  @Test
  void invariantsMayReadTheHistory() {
    Invariant<Bank> empty =
        new Invariant<>(
            "history-empty", (bank, h) -> h.size() == 0 ? null : h.size() + " operations");
    History h = new History();
    assertEquals(Verdict.VALID, Invariants.over(bank(1, 2, 3), empty).check(h).verdict());
    h.invoke(0, dev.tradeoff.core.history.OpKind.READ, 0, History.NIL, 0);
    assertEquals(
        List.of("invariant history-empty: 1 operations"),
        Invariants.over(bank(1, 2, 3), empty).check(h).witnesses());
  }

  @Test
  void throwingPredicateFailsWithItsException() {
    Invariant<Bank> broken =
        Invariant.ofState(
            "broken",
            bank -> {
              throw new IllegalStateException("no ledger");
            });
    CheckResult r = Invariants.over(bank(1, 2, 3), broken).check(new History());
    assertEquals(
        List.of("invariant broken: the check threw IllegalStateException: no ledger"),
        r.witnesses());
  }

  @Test
  void atMostFiveWitnessesButExactCount() {
    List<Invariant<Bank>> all =
        java.util.stream.IntStream.range(0, 7)
            .mapToObj(i -> Invariant.<Bank>ofState("always-fails-" + i, bank -> "failed " + i))
            .toList();
    CheckResult r = Invariants.over(bank(1, 2, 3), all).check(new History());
    assertEquals(7, r.violations());
    assertEquals(5, r.witnesses().size());
  }

  @Test
  void duplicateNamesAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Invariants.over(bank(1, 2, 3), MONEY_CONSERVED, MONEY_CONSERVED));
  }
}
