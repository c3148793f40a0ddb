package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.reports.ReportFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed, same bytes, on every JDK: the catalog's report.json and SVG charts written by this JVM
 * equal those a Temurin 25 JVM writes. Skipped when no JDK 25 is installed, unless {@code CI=true}
 * (CI's machine has one, so there it must run).
 */
class CatalogOnTwoJdksTest {
  private static final Path JDK25 = jdk25();

  /** Temurin 25's java under /usr/lib/jvm (the directory's name varies by architecture). */
  private static Path jdk25() {
    try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/jvm"))) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("temurin-25"))
          .map(d -> d.resolve("bin/java"))
          .filter(Files::isExecutable)
          .sorted()
          .findFirst()
          .orElse(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));
    } catch (IOException e) {
      return Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    }
  }

  @TempDir Path tmp;

  /** Writes every catalog scenario's report folder under {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    writeCatalog(Path.of(args[0]));
  }

  private static void writeCatalog(Path root) throws IOException {
    for (String name : ScenarioCatalog.names()) {
      Scenario s =
          ScenarioReader.read(
              ScenarioCatalog.source(name), ScenarioCatalog.text(name).orElseThrow(), List.of());
      ReportFolder.write(root.resolve(name), ScenarioRunner.run(s, "replay", "test").report());
    }
  }

  @Test
  void reportsAndChartsAreByteIdenticalOnJdk17AndJdk25() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    Assumptions.assumeTrue(ci || Files.isExecutable(JDK25), "no JDK 25 at " + JDK25);
    assertTrue(Files.isExecutable(JDK25), "CI=true but no JDK 25 at " + JDK25);
    Path here = tmp.resolve("this-jdk");
    System.setProperty("java.awt.headless", "true");
    writeCatalog(here);
    Path there = tmp.resolve("jdk25");
    Process p =
        new ProcessBuilder(
                JDK25.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CatalogOnTwoJdksTest.class.getName(),
                there.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), output);
    assertEquals(0, p.exitValue(), output);
    List<Path> compared = comparable(here);
    assertTrue(compared.size() > 2 * ScenarioCatalog.names().size(), compared.toString());
    for (Path relative : compared) {
      assertArrayEquals(
          Files.readAllBytes(here.resolve(relative)),
          Files.readAllBytes(there.resolve(relative)),
          relative + " differs between JDK " + Runtime.version().feature() + " and JDK 25");
    }
  }

  /** report.json and every SVG, relative to {@code root}, sorted. */
  private static List<Path> comparable(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      all.filter(
              f ->
                  f.getFileName().toString().equals("report.json") || f.toString().endsWith(".svg"))
          .map(root::relativize)
          .sorted()
          .forEach(files::add);
    }
    return files;
  }
}
