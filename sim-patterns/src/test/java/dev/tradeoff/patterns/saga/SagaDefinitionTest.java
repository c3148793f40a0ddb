package dev.tradeoff.patterns.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing a saga's steps, and the four ways a definition is refused. */
class SagaDefinitionTest {
  private static final String COMP =
      "order.create=order.cancel, inventory.reserve=inventory.release";

  @Test
  void theDefaultSagaHasFourStepsAPivotAndTwoCompensations() {
    SagaDefinition d =
        SagaDefinition.parse(
            "order.create, inventory.reserve, payment.charge!, shipping.ship",
            COMP,
            "payment.charge=0.05");
    assertEquals(List.of("order", "inventory", "payment", "shipping"), d.services());
    assertEquals(2, d.pivot());
    assertTrue(d.steps().get(0).compensatable());
    assertFalse(d.steps().get(2).compensatable());
    assertEquals(0.05, d.steps().get(2).failure());
    assertEquals(Step.Effect.CHARGE, d.steps().get(2).effect());
    assertEquals(Step.Effect.RESERVE, d.steps().get(1).effect());
    assertTrue(d.forwardOnly(3));
    assertFalse(d.forwardOnly(2));
  }

  @Test
  void autoCompensatesEveryStepBeforeThePivotByItsInverseAndFailsChargesAndReservations() {
    SagaDefinition d =
        SagaDefinition.parse(
            "order.create, inventory.reserve, ship.pack, pay.charge!, a.b", "auto", "auto");
    assertEquals("order.cancel", d.steps().get(0).compensation());
    assertEquals("inventory.release", d.steps().get(1).compensation());
    assertEquals("ship.undo-pack", d.steps().get(2).compensation());
    assertEquals(null, d.steps().get(3).compensation());
    assertEquals(null, d.steps().get(4).compensation());
    assertEquals(
        List.of(0.0, 0.05, 0.0, 0.05, 0.0), d.steps().stream().map(Step::failure).toList());
    SagaDefinition noPivot = SagaDefinition.parse("pay.charge, x.y", "auto", "");
    assertEquals("pay.refund", noPivot.steps().get(0).compensation());
    assertEquals("x.undo-y", noPivot.steps().get(1).compensation());
  }

  private static void refused(String param, String fragment, String steps, String comp) {
    SagaDefinition.Invalid e =
        assertThrows(SagaDefinition.Invalid.class, () -> SagaDefinition.parse(steps, comp, ""));
    assertEquals(param, e.param(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void aSagaWithNoStepsIsRefused() {
    refused("steps", "at least one step", " , ", "");
  }

  @Test
  void aCompensationForAStepThatDoesNotExistIsRefused() {
    refused("compensations", "no step payment.charge", "order.create", "payment.charge=x.y");
  }

  @Test
  void aCompensatableStepAfterThePivotIsRefused() {
    refused(
        "compensations",
        "comes after the pivot payment.charge",
        "order.create, payment.charge!, shipping.ship",
        "shipping.ship=shipping.cancel");
    refused("compensations", "is the pivot", "payment.charge!", "payment.charge=payment.refund");
  }

  @Test
  void twoPivotsAreRefused() {
    refused("steps", "two pivots (a.b and c.d)", "a.b!, c.d!", "");
  }

  @Test
  void aStepThatIsNotServiceDotActionIsRefused() {
    refused("steps", "is not service.action", "charge", "");
  }
}
