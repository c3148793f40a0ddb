package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFolderTest {
  private static final List<String> FILES =
      List.of(
          "charts/lag.png",
          "charts/lag.svg",
          "charts/latency.png",
          "charts/latency.svg",
          "charts/queue_depth.png",
          "charts/queue_depth.svg",
          "charts/spectrum.png",
          "charts/spectrum.svg",
          "charts/throughput.png",
          "charts/throughput.svg",
          "index.html",
          "latency-read.hgrm",
          "latency-scan.hgrm",
          "latency-write_cas.hgrm",
          "operations.csv",
          "report.json",
          "summary.txt");

  @TempDir Path tmp;

  @Test
  void writesEveryFileAndListsThemSorted() throws IOException {
    Path dir = tmp.resolve("run");
    List<String> written = ReportFolder.write(dir, Fixtures.report());
    assertEquals(FILES, written);
    assertEquals(FILES, listing(dir));
    assertEquals(
        ReportJson.render(Fixtures.report()),
        Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8));
    assertTrue(Files.readString(dir.resolve("latency-read.hgrm")).startsWith(HgrmTest.HEADER));
    assertEquals(List.of("run"), entries(tmp), "no temporary siblings left");
  }

  @Test
  void reportJsonAloneRendersTheFolderAgainByteForByte() throws IOException {
    for (RunReport r :
        List.of(Fixtures.withUnroundedValues(), Fixtures.demonstration(), Fixtures.minimal())) {
      Path a = tmp.resolve("a");
      Path b = tmp.resolve("b");
      List<String> files = ReportFolder.write(a, r);
      RunReport record =
          ReportJson.parse(Files.readString(a.resolve("report.json"), StandardCharsets.UTF_8));
      assertEquals(files, ReportFolder.write(b, record));
      for (String f : files) {
        assertArrayEquals(
            Files.readAllBytes(a.resolve(f)),
            Files.readAllBytes(b.resolve(f)),
            r.scenarioName() + ": " + f);
      }
      assertEquals(
          ReportFolder.summary(r), Files.readString(a.resolve("summary.txt")), "console = file");
    }
  }

  @Test
  void twoWritesGiveByteIdenticalFolders() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    ReportFolder.write(a, Fixtures.report());
    ReportFolder.write(b, Fixtures.report());
    for (String f : FILES) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
  }

  @Test
  void replacesAnExistingFolderWhole() throws IOException {
    Path dir = tmp.resolve("run");
    ReportFolder.write(dir, Fixtures.report());
    Files.writeString(dir.resolve("stale.txt"), "from an older run");
    List<String> written = ReportFolder.write(dir, Fixtures.minimal());
    assertEquals(written, listing(dir));
    assertFalse(Files.exists(dir.resolve("stale.txt")));
    assertFalse(Files.exists(dir.resolve("charts/latency.svg")));
    assertTrue(Files.readString(dir.resolve("summary.txt")).startsWith("VERDICT: valid"));
    assertEquals(List.of("run"), entries(tmp), "old copy and temporary folder removed");
  }

  @Test
  void aFailureBeforeTheSwapLeavesTheOldFolderIntact() throws IOException {
    Path dir = tmp.resolve("run");
    ReportFolder.write(dir, Fixtures.report());
    byte[] before = Files.readAllBytes(dir.resolve("report.json"));
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                ReportFolder.write(
                    dir,
                    Fixtures.minimal(),
                    fresh -> {
                      assertTrue(Files.exists(fresh.resolve("index.html")));
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals(FILES, listing(dir));
    assertArrayEquals(before, Files.readAllBytes(dir.resolve("report.json")));
    assertEquals(List.of("run"), entries(tmp), "partial folder removed");
  }

  @Test
  void aRenderingFailureLeavesTheOldFolderIntact() throws IOException {
    Path dir = tmp.resolve("run");
    ReportFolder.write(dir, Fixtures.minimal());
    RunReport r = Fixtures.report();
    // Two operation stats with one kind cannot be a JSON object: rendering throws.
    RunReport broken =
        Fixtures.with(r, List.of(r.operations().get(0), r.operations().get(0)), r.series());
    assertThrows(IllegalArgumentException.class, () -> ReportFolder.write(dir, broken));
    assertTrue(Files.readString(dir.resolve("summary.txt")).startsWith("VERDICT: valid"));
    assertEquals(List.of("run"), entries(tmp));
  }

  @Test
  void refusesToReplaceAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("run"), "not a folder");
    assertThrows(IOException.class, () -> ReportFolder.write(file, Fixtures.minimal()));
    assertEquals("not a folder", Files.readString(file));
  }

  /** Regular files under {@code dir}, relative, sorted. */
  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals(FolderSwap.MARKER)) // FolderSwapTest
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  /** Names directly inside {@code dir}, hidden ones included, sorted. */
  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
