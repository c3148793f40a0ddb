package dev.tradeoff.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store's checker table: names in the order added, a fresh checker per call, no name twice. */
class StoreCheckersTest {
  private static Checker named(String name) {
    return new Checker() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CheckResult check(History history) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void namesKeepTheirOrderAndEachCreateBuildsAFreshChecker() {
    StoreCheckers table =
        StoreCheckers.builder()
            .add("split-brain", () -> named("split-brain"))
            .add("convergence", () -> named("convergence"))
            .add("lost-writes", () -> named("lost-writes"))
            .build();
    assertEquals(List.of("split-brain", "convergence", "lost-writes"), table.names());
    Checker first = table.create("convergence").orElseThrow();
    assertEquals("convergence", first.name());
    assertNotSame(first, table.create("convergence").orElseThrow());
    assertTrue(table.create("linearizability").isEmpty());
    assertTrue(StoreCheckers.none().names().isEmpty());
  }

  @Test
  void aNameRegisteredTwiceIsRefused() {
    StoreCheckers.Builder builder = StoreCheckers.builder().add("order", () -> named("order"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> builder.add("order", () -> named("x")));
    assertTrue(e.getMessage().contains("order"), e.getMessage());
  }
}
