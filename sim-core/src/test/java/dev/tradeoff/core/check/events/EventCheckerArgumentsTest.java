package dev.tradeoff.core.check.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class EventCheckerArgumentsTest {
  private static final List<Change> NONE_COMMITTED = List.of();
  private static final List<Published> EMPTY_LOG = List.of();
  private static final List<Applied> NONE_APPLIED = List.of();

  private static void throwsNpe(String message, Executable e) {
    assertEquals(message, assertThrows(NullPointerException.class, e).getMessage());
  }

  private static void throwsIae(String message, Executable e) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  @Test
  void nullListsAreNamed() {
    throwsNpe("committed must not be null", () -> LostEvents.of(null, EMPTY_LOG, NONE_APPLIED, 0));
    throwsNpe("log must not be null", () -> LostEvents.of(NONE_COMMITTED, null, NONE_APPLIED, 0));
    throwsNpe("applied must not be null", () -> LostEvents.of(NONE_COMMITTED, EMPTY_LOG, null, 0));
    throwsNpe("committed must not be null", () -> PhantomEvents.of(null, EMPTY_LOG, NONE_APPLIED));
    throwsNpe("log must not be null", () -> PhantomEvents.of(NONE_COMMITTED, null, NONE_APPLIED));
    throwsNpe("applied must not be null", () -> PhantomEvents.of(NONE_COMMITTED, EMPTY_LOG, null));
    throwsNpe("applied must not be null", () -> RepeatedEffects.of(null));
    throwsNpe("applied must not be null", () -> AggregateOrder.of(null));
    throwsNpe("readModel must not be null", () -> ReadModelConvergence.of(null, EMPTY_LOG));
    throwsNpe("log must not be null", () -> ReadModelConvergence.of(List.of(), null));
    throwsNpe(
        "committed must not be null", () -> ReadModelStaleness.of(null, NONE_APPLIED, List.of()));
    throwsNpe(
        "applied must not be null", () -> ReadModelStaleness.of(NONE_COMMITTED, null, List.of()));
    throwsNpe(
        "delaysNanos must not be null",
        () -> ReadModelStaleness.of(NONE_COMMITTED, NONE_APPLIED, null, 0));
  }

  @Test
  void nullElementsAreNamedByIndex() {
    List<Applied> holed = Arrays.asList(new Applied(1, 1, 1, 1, "c", 1), null);
    throwsNpe("applied[1] is null", () -> RepeatedEffects.of(holed));
    throwsNpe(
        "log[0] is null",
        () -> ReadModelConvergence.of(List.of(), Arrays.asList((Published) null)));
    throwsNpe(
        "delaysNanos[0] is null",
        () -> ReadModelStaleness.of(NONE_COMMITTED, NONE_APPLIED, Arrays.asList((Long) null)));
  }

  @Test
  void negativeDelaysAndBoundsAreRefused() {
    throwsIae(
        "delay must be >= 0 ns, got -1",
        () -> ReadModelStaleness.of(NONE_COMMITTED, NONE_APPLIED, List.of(5L, -1L)));
    throwsIae(
        "bound must be >= 0 ns, got -2",
        () -> ReadModelStaleness.of(NONE_COMMITTED, NONE_APPLIED, List.of(), -2));
    throwsIae(
        "bound must be >= 0 ns, got -2",
        () -> ReadModelStaleness.of(NONE_COMMITTED, NONE_APPLIED, List.of(), -2, 0));
  }

  @Test
  void anEventIdCommittedTwiceOrAnAggregateWithTwoRowsIsRefused() {
    List<Change> twice = List.of(new Change(4, 1, 1, 1, 1), new Change(4, 1, 2, 2, 2));
    String message = "committed holds event 4 twice: event ids must be unique";
    throwsIae(message, () -> LostEvents.of(twice, EMPTY_LOG, NONE_APPLIED, 0));
    throwsIae(message, () -> PhantomEvents.of(twice, EMPTY_LOG, NONE_APPLIED));
    throwsIae(message, () -> ReadModelStaleness.of(twice, NONE_APPLIED, List.of()));
    throwsIae(
        "readModel holds aggregate 3 twice: one row per aggregate",
        () ->
            ReadModelConvergence.of(
                List.of(new ReadRow(3, 1, 1, 1), new ReadRow(3, 2, 2, 2)), EMPTY_LOG));
  }

  @Test
  void checkersCopyTheirInputs() {
    List<Applied> applied = new ArrayList<>();
    applied.add(new Applied(1, 1, 1, 1, "c", 1));
    RepeatedEffects repeated = RepeatedEffects.of(applied);
    AggregateOrder order = AggregateOrder.of(applied);
    applied.add(new Applied(1, 1, 1, 1, "c", 2));
    applied.add(new Applied(0, 1, 0, 0, "c", 3));
    assertEquals(Verdict.VALID, repeated.check(new History()).verdict());
    assertEquals(Verdict.VALID, order.check(new History()).verdict());
    assertEquals(Verdict.INVALID, RepeatedEffects.of(applied).check(new History()).verdict());
  }
}
