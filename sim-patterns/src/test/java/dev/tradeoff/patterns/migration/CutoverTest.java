package dev.tradeoff.patterns.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Routes and cutover schedules parse as documented, bad ones are refused naming the field, and the
 * share of a route's keys on the new system follows the steps, each larger share holding the keys
 * of the smaller.
 */
class CutoverTest {
  private static final long S = 1_000_000_000L;

  @Test
  void sharesFollowTheStepsAndGrowMonotonically() {
    Cutover c = Cutover.of("users=0..999, rest", "1s users 0.25, 2s users 0.5, 3s 1");
    assertEquals(3, c.steps().size());
    int[] migrated = new int[4];
    boolean[] before = new boolean[1000];
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        c.apply(c.steps().get(i - 1));
      }
      for (long k = 0; k < 1000; k++) {
        boolean now = c.migrated(k);
        assertTrue(now || !before[(int) k], "key " + k + " moved back at step " + i);
        before[(int) k] = now;
        migrated[i] += now ? 1 : 0;
      }
      assertEquals(i == 3, c.migrated(5000), "the catch-all moves only at the last step");
    }
    assertEquals(0, migrated[0]);
    assertTrue(Math.abs(migrated[1] - 250) < 50, "a quarter: " + migrated[1]);
    assertTrue(Math.abs(migrated[2] - 500) < 60, "a half: " + migrated[2]);
    assertEquals(1000, migrated[3]);
  }

  @Test
  void keysNoRouteHoldsStayOnTheLegacySystem() {
    Cutover c = Cutover.of("users=0..9", "1s 1");
    c.apply(c.steps().get(0));
    assertTrue(c.migrated(3));
    assertFalse(c.migrated(10));
    assertEquals(-1, c.routeOf(10));
  }

  @Test
  void badRoutesAndSchedulesNameTheirField() {
    long end = 10 * S;
    assertNull(Cutover.problem("all", "1s 0.5, 2s 1", end));
    assertArrayEquals(
        new String[] {
          "schedule", "step 2 at 12.000 s is at or after the end of the run (10.000 s)"
        },
        Cutover.problem("all", "1s 0.5, 12s 1", end));
    assertEquals("schedule", Cutover.problem("all", "5s 0.5, 3s 1", end)[0]);
    assertTrue(Cutover.problem("all", "5s 0.5, 3s 1", end)[1].contains("time order"));
    assertTrue(Cutover.problem("all", "1s -0.1", end)[1].contains("outside [0, 1]"));
    assertTrue(Cutover.problem("a=0..4, b", "1s c 1", end)[1].contains("unknown route \"c\""));
    assertTrue(Cutover.problem("all", "1s 0.5, 2s 0.25", end)[1].contains("rolling back"));
    assertTrue(Cutover.problem("all", "soon 0.5", end)[1].contains("expected a time"));
    assertEquals("routes", Cutover.problem("a=0..5, b=5..9", "", end)[0]);
    assertEquals("routes", Cutover.problem("a, b", "", end)[0]);
    assertEquals("routes", Cutover.problem("a=9..1", "", end)[0]);
    assertEquals("routes", Cutover.problem("a=0..1, a=2..3", "", end)[0]);
  }
}
