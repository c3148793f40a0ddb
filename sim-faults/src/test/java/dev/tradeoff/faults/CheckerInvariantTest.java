package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Linearizability;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.faults.Property.Invariant;
import dev.tradeoff.faults.Property.Invariant.Unknown;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tradeoff checker used directly as an invariant: it fires on a history that breaks it, stays
 * quiet on one that keeps it, and its unknown verdict is treated as the test author chose.
 */
class CheckerInvariantTest {
  private static final long MS = 1_000_000L;
  private static final Linearizability REGISTER =
      new Linearizability(Linearizability.Model.REGISTER, 100_000);

  /** What the register's history holds, besides a write of 5 to key 1 acknowledged at 2 ms. */
  private enum Read {
    /** a later read returns 5: linearizable */
    FRESH,
    /** a later read returns nothing: not linearizable */
    STALE,
    /** a later append, which the register model cannot judge: unknown */
    APPEND
  }

  private static Simulation build(Case c, Read read) {
    Simulation sim = Register.build(c, false);
    History h = sim.history();
    int write = h.invoke(0, OpKind.WRITE, 1, 5, MS);
    h.complete(write, OpStatus.OK, History.NIL, 2 * MS);
    if (read == Read.APPEND) {
      int append = h.invoke(1, OpKind.APPEND, 1, 6, 3 * MS);
      h.complete(append, OpStatus.OK, History.NIL, 4 * MS);
    } else {
      int r = h.invoke(1, OpKind.READ, 1, History.NIL, 3 * MS);
      h.complete(r, OpStatus.OK, read == Read.FRESH ? 5 : History.NIL, 4 * MS);
    }
    return sim;
  }

  private static Property.Builder<Simulation> property(Read read, Invariant invariant) {
    return Property.named("register is linearizable")
        .nemesis(PropertyTest.NEMESIS)
        .simulation(c -> build(c, read))
        .invariant(invariant)
        .tries(5);
  }

  @Test
  void aCheckerFiresOnAViolatingRun() {
    Property<Simulation> p = property(Read.STALE, Invariant.of(REGISTER, Unknown.FAIL)).build();
    AssertionError e = assertThrows(AssertionError.class, p::check);
    assertTrue(
        e.getMessage().contains("invariant \"linearizability\": linearizability: invalid"),
        e.getMessage());
  }

  @Test
  void aCheckerIsQuietOnACorrectRun() {
    var property = property(Read.FRESH, Invariant.of(REGISTER, Unknown.FAIL)).build();
    Coverage coverage = property.check();
    assertEquals(property.tries(), coverage.cases());
    assertEquals(Map.of(), coverage.casesWithLabel());
  }

  @Test
  void unknownFailsTheCaseUnderFail() {
    Property<Simulation> p = property(Read.APPEND, Invariant.of(REGISTER, Unknown.FAIL)).build();
    AssertionError e = assertThrows(AssertionError.class, p::check);
    assertTrue(e.getMessage().contains("linearizability: unknown"), e.getMessage());
    assertTrue(e.getMessage().contains("(Unknown.FAIL)"), e.getMessage());
  }

  @Test
  void unknownPassesUnderPassWithoutALabel() {
    Coverage coverage = property(Read.APPEND, Invariant.of(REGISTER, Unknown.PASS)).build().check();
    assertEquals(Map.of(), coverage.casesWithLabel());
  }

  @Test
  void unknownPassesUnderLabelAndIsCounted() {
    var property =
        property(Read.APPEND, Invariant.of("linearizable", REGISTER, Unknown.LABEL)).build();
    Coverage coverage = property.check();
    int tries = property.tries();
    assertEquals(Map.of("linearizability: unknown", tries), coverage.casesWithLabel());
    assertEquals(1.0, coverage.labelShare("linearizability: unknown"));
    assertTrue(
        coverage.toString().endsWith("; labels: linearizability: unknown " + tries + " (100%)"),
        coverage.toString());
    // a violation is still a failure under LABEL
    Property<Simulation> stale =
        property(Read.STALE, Invariant.of(REGISTER, Unknown.LABEL)).build();
    assertThrows(AssertionError.class, stale::check);
  }

  @Test
  void everyInvariantIsEvaluatedAndReportedOnTheFailingCase() {
    Property<Simulation> p =
        property(Read.STALE, Invariant.of(REGISTER, Unknown.FAIL))
            .invariant("acknowledged writes survive", Register::lostAckedWrite)
            .invariant("never", sim -> "broken on every run")
            .build();
    AssertionError e = assertThrows(AssertionError.class, p::check);
    String message = e.getMessage();
    // shrunk against the first broken invariant; all three judged on both cases
    assertTrue(message.contains("invariant \"linearizability\": "), message);
    String minimal = "every invariant on the minimal case:\n";
    String all =
        "  broken \"linearizability\": linearizability: invalid"
            + message.substring(message.indexOf(minimal)).split("invalid", 2)[1].split("\n", 2)[0]
            + "\n  holds  \"acknowledged writes survive\"\n"
            + "  broken \"never\": broken on every run\n";
    assertTrue(message.contains(minimal + all), message);
    // the first case fails, and its seed is the base seed
    assertTrue(message.contains("before shrinking (seed " + p.baseSeed() + "):\n" + all), message);
  }
}
