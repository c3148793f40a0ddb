package dev.tradeoff.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean …?" names a close known field, and stays silent when none is close. */
class SpellingTest {
  private static final List<String> TOP = List.of("name", "seed", "duration", "workload");

  @Test
  void aLikelyMisspellingNamesTheField() {
    assertEquals("seed", Spelling.closest("sed", TOP));
    assertEquals("workload", Spelling.closest("wrokload", TOP)); // two letters swapped
    assertEquals("duration", Spelling.closest("Duratoin", TOP));
  }

  @Test
  void aNameFarFromEveryFieldGetsNoSuggestion() {
    assertNull(Spelling.closest("subscribe", TOP));
    assertNull(Spelling.closest("x", List.of("seed")));
  }

  @Test
  void theUnknownFieldMessageCarriesTheSuggestion() {
    JsonException e =
        assertThrows(
            JsonException.class, () -> Json.parse("{\"sed\": 1}").onlyFieldsSuggesting(TOP));
    assertEquals("$: unknown field \"sed\"; did you mean \"seed\"? (at 1:2)", e.getMessage());
  }
}
