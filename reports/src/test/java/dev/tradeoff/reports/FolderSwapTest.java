package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output folders: only tradeoff's own are replaced, and a swap cut short is finished or undone. */
class FolderSwapTest {
  @TempDir Path tmp;

  @Test
  void aFolderHoldingSomeoneElsesFilesIsRefusedAndLeftAlone() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("p"));
    Files.writeString(dir.resolve("thesis.txt"), "four years of work");
    FolderRefusedException e =
        assertThrows(
            FolderRefusedException.class, () -> ReportFolder.write(dir, Fixtures.minimal()));
    assertTrue(
        e.getMessage().contains("thesis.txt") && e.getMessage().contains("--force"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals("four years of work", Files.readString(dir.resolve("thesis.txt")));
    assertEquals(List.of("p"), entries(tmp), "no hidden sibling left behind");
    ReportFolder.write(dir, Fixtures.minimal(), true);
    assertFalse(Files.exists(dir.resolve("thesis.txt")), "--force replaces it");
  }

  @Test
  void emptyAbsentAndOwnFoldersAreReplaced() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    ReportFolder.write(empty, Fixtures.minimal());
    assertTrue(Files.exists(empty.resolve(FolderSwap.MARKER)));
    ReportFolder.write(empty, Fixtures.report()); // its own now
    ReportFolder.write(tmp.resolve("absent/nested"), Fixtures.minimal());
    assertTrue(Files.exists(tmp.resolve("absent/nested/report.json")));
  }

  @Test
  void theWorkingDirectoryHomeAndRootAreNeverReplacedEvenForced() {
    for (Path p :
        List.of(
            Path.of("."), Path.of(".."), Path.of(System.getProperty("user.home")), Path.of("/"))) {
      FolderRefusedException e =
          assertThrows(
              FolderRefusedException.class,
              () -> ReportFolder.requireReplaceable(p, true),
              p.toString());
      assertTrue(e.getMessage().contains("refusing"), e.getMessage());
    }
  }

  @Test
  void aSwapKilledBetweenItsRenamesIsFinishedByTheNextWrite() throws IOException {
    Path dir = tmp.resolve("run");
    ReportFolder.write(dir, Fixtures.minimal());
    // Killed after moving the old folder aside, with the new one complete (marked) beside it.
    Path complete = tmp.resolve(".run.new-7");
    Files.move(dir, tmp.resolve(".run.old-7"));
    ReportFolder.write(tmp.resolve("scratch"), Fixtures.report());
    Files.move(tmp.resolve("scratch"), complete);
    FolderSwap.recover(tmp, "run", dir);
    assertEquals(
        Files.readString(complete.getParent().resolve("run/summary.txt")),
        SummaryText.render(Fixtures.report()));
    assertEquals(List.of("run"), entries(tmp), "leftovers removed");
  }

  @Test
  void aSwapKilledBeforeTheNewCopyWasCompleteRestoresTheOldOne() throws IOException {
    Path dir = tmp.resolve("run");
    ReportFolder.write(dir, Fixtures.minimal());
    Files.move(dir, tmp.resolve(".run.old-3"));
    Files.createDirectory(tmp.resolve(".run.new-3")); // partial: no marker
    Files.writeString(tmp.resolve(".run.new-3/report.json"), "{\"trunc");
    ReportFolder.write(dir, Fixtures.report()); // recovers first, then writes
    assertEquals(
        SummaryText.render(Fixtures.report()), Files.readString(dir.resolve("summary.txt")));
    assertEquals(List.of("run"), entries(tmp));
    // And recovery alone restores the old copy when nothing complete is waiting.
    Files.move(dir, tmp.resolve(".run.old-4"));
    FolderSwap.recover(tmp, "run", dir);
    assertEquals(
        SummaryText.render(Fixtures.report()), Files.readString(dir.resolve("summary.txt")));
  }

  @Test
  void foldersTakeTheUmaskNotPrivateTempPermissions() throws IOException {
    Path dir = tmp.resolve("run");
    ReportFolder.write(dir, Fixtures.minimal());
    Set<PosixFilePermission> expected =
        Files.getPosixFilePermissions(Files.createDirectory(tmp.resolve("plain")));
    assertEquals(expected, Files.getPosixFilePermissions(dir));
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("plain"))
          .sorted()
          .toList();
    }
  }
}
