package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.kernel.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing seed is saved and tried first next time, and dropped once it passes. */
class SavedSeedsTest {
  @TempDir Path dir;

  private Property<Simulation> register(boolean buggy, long seed, List<Summary> summaries) {
    return Property.named("saved seeds")
        .nemesis(PropertyTest.NEMESIS)
        .simulation(c -> Register.build(c, buggy))
        .invariant("acknowledged writes survive", Register::lostAckedWrite)
        .seed(seed)
        .tries(300)
        .failureDirectory(dir)
        .reporter(summaries::add)
        .build();
  }

  @Test
  void aFailingSeedIsTriedFirstNextTimeAndDroppedWhenItPasses() throws Exception {
    List<Summary> summaries = new ArrayList<>();
    AssertionError first =
        assertThrows(AssertionError.class, register(true, 1_000, summaries)::check);
    Path file = dir.resolve("saved-seeds.seeds");
    assertTrue(Files.isRegularFile(file), first.getMessage());
    long seed = Long.parseLong(Files.readString(file).trim());
    assertTrue(first.getMessage().contains("(seed " + seed + ")"), first.getMessage());

    // another base seed, whose own tries would find some other failure later: the saved one
    // comes first, before any try
    AssertionError second =
        assertThrows(AssertionError.class, register(true, 50_000, summaries)::check);
    Summary again = summaries.get(1);
    assertEquals(
        "failed on seed " + seed + ", saved by an earlier failure in " + file + " and tried first",
        again.outcome());
    assertEquals(0, again.tryNanos().size(), again.text());
    assertTrue(second.getMessage().contains("saved by an earlier failure"), second.getMessage());

    // the bug fixed: the saved seed passes first, is dropped, and the tries run as usual
    register(false, 1_000, summaries).check();
    assertFalse(Files.exists(file));
    assertEquals(300, summaries.get(2).tryNanos().size());
  }

  @Test
  void aSeedSetOnTheCommandLineSkipsTheSavedSeeds() throws Exception {
    Files.writeString(dir.resolve("saved-seeds.seeds"), "1142\n");
    List<Summary> summaries = new ArrayList<>();
    String before = System.getProperty(Property.SEED_PROPERTY);
    System.setProperty(Property.SEED_PROPERTY, "1000");
    try {
      register(false, 1, summaries).check();
    } finally {
      if (before == null) {
        System.clearProperty(Property.SEED_PROPERTY);
      } else {
        System.setProperty(Property.SEED_PROPERTY, before);
      }
    }
    assertEquals(1_000, summaries.get(0).baseSeed());
    assertTrue(Files.exists(dir.resolve("saved-seeds.seeds")), "left for a run without a seed");
  }

  @Test
  void aDamagedFileIsIgnored() throws Exception {
    Files.writeString(dir.resolve("saved-seeds.seeds"), "not a seed\n\u0000\n");
    List<Summary> summaries = new ArrayList<>();
    register(false, 1, summaries).check();
    assertEquals(300, summaries.get(0).tryNanos().size());
  }
}
