package dev.tradeoff.cli;

import static dev.tradeoff.cli.TradeoffCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.cli.TradeoffCliTest.Outcome;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./tradeoff} launcher, run as a user runs it: from a copy of the repository's root
 * holding the script and a jar built from this test's classpath. It makes its class-data sharing
 * archive once per jar and runs with it; whatever happens to the archive (broken, stale, being made
 * by another launcher, options of one's own), a run prints what it prints in process and nothing on
 * stderr.
 */
class LauncherTest {
  private static final Path SCRIPT = Path.of("..", "tradeoff");

  /** A short run whose output does not depend on where its folder is. */
  private static final List<String> RUN =
      List.of("run", "basics/single-node", "--duration", "1s", "--seed", "3");

  @TempDir Path root;

  private Path jar;
  private Path archive;

  @BeforeEach
  void layOutTheRepository() throws IOException {
    Files.copy(SCRIPT, root.resolve("tradeoff"));
    Path target = Files.createDirectories(root.resolve("scenarios").resolve("target"));
    jar = target.resolve("tradeoff.jar");
    archive = target.resolve("tradeoff.jsa");
    buildJar(jar);
  }

  @Test
  void theFirstRunMakesTheArchiveAndTheNextMapsItsClasses() throws Exception {
    Launch first = launch(Map.of());
    first.assertSameAsInProcess();
    assertTrue(Files.isRegularFile(archive), "no archive was made");
    assertTrue(newer(archive, jar), "the archive is older than its jar");
    Path client = archive.resolveSibling("tradeoff-client.jsa");
    assertTrue(newer(client, jar), "no archive of the resident JVM's client was made");

    Path classes = root.resolve("classes.log");
    Launch second =
        launch(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classes.toAbsolutePath()));
    assertEquals(first.code(), second.code(), second.describe());
    String loaded = Files.readString(classes);
    assertTrue(
        loaded.contains("dev.tradeoff.cli.RunCommand source: shared objects file (top)"),
        "the second run did not map the tool's classes from the archive");
  }

  @Test
  void aJarNewerThanItsArchiveIsArchivedAgain() throws Exception {
    launch(Map.of()).assertSameAsInProcess();
    // as if the jar had been rebuilt since: its archive was made before it
    Files.setLastModifiedTime(
        archive, FileTime.from(Files.getLastModifiedTime(jar).toInstant().minusSeconds(5)));
    assertFalse(newer(archive, jar));

    launch(Map.of()).assertSameAsInProcess();
    assertTrue(newer(archive, jar), "the archive of the old jar was kept");
  }

  @Test
  void aBrokenArchiveIsPassedOverInSilence() throws Exception {
    Files.writeString(archive, "not an archive");
    Files.setLastModifiedTime(
        archive, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(5)));
    launch(Map.of()).assertSameAsInProcess();
  }

  @Test
  void anArchiveBeingMadeByAnotherLauncherIsNotWaitedFor() throws Exception {
    Path lock = Files.createDirectory(root.resolve("scenarios/target/tradeoff.jsa.lock"));
    launch(Map.of()).assertSameAsInProcess();
    assertFalse(Files.exists(archive), "made an archive while another launcher held the lock");
    assertTrue(Files.isDirectory(lock), "took another launcher's lock");
  }

  @Test
  void aLockLeftByAKilledLauncherIsTakenBack() throws Exception {
    Path lock = Files.createDirectory(root.resolve("scenarios/target/tradeoff.jsa.lock"));
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));
    launch(Map.of()).assertSameAsInProcess();
    assertTrue(Files.isRegularFile(archive), "an hour-old lock kept the archive from being made");
    assertFalse(Files.exists(lock));
  }

  @Test
  void ownJavaOptionsRunWithoutAnArchive() throws Exception {
    launch(Map.of("TRADEOFF_JAVA_OPTS", "-XX:+UseSerialGC")).assertSameAsInProcess();
    assertFalse(Files.exists(archive), "made an archive for options it was not made with");
  }

  @Test
  void aResidentJvmRunsTheCommandsAfterTheFirstAndTheyPrintTheSame() throws Exception {
    Path runtime = Files.createDirectory(root.resolve("runtime"));
    Map<String, String> env =
        Map.of("TRADEOFF_RESIDENT", "on", "XDG_RUNTIME_DIR", runtime.toString());
    try {
      launch(env).assertSameAsInProcess(); // in a JVM of its own, which starts the resident one
      Path log = awaitLog(runtime, "tradeoff resident: serving");
      launch(env).assertSameAsInProcess();
      String served = Files.readString(log);
      assertTrue(served.contains("tradeoff resident: run: exit code "), served);
      launch(Map.of("TRADEOFF_RESIDENT", "off", "XDG_RUNTIME_DIR", runtime.toString()))
          .assertSameAsInProcess();
      assertEquals(served, Files.readString(log), "TRADEOFF_RESIDENT=off went to the resident");
      launch(
              Map.of(
                  "TRADEOFF_RESIDENT",
                  "on",
                  "XDG_RUNTIME_DIR",
                  runtime.toString(),
                  "TRADEOFF_JAVA_OPTS",
                  "-XX:+UseSerialGC"))
          .assertSameAsInProcess();
      assertEquals(served, Files.readString(log), "options of one's own went to the resident");
      Map<String, String> tool = new java.util.HashMap<>(env);
      tool.put("JAVA_TOOL_OPTIONS", "-Xmx512m");
      launch(tool).assertSameAsInProcess();
      assertEquals(served, Files.readString(log), "JAVA_TOOL_OPTIONS went to the resident");
    } finally {
      stopResidents(runtime);
    }
    try (Stream<Path> left = Files.walk(runtime)) {
      assertEquals(
          List.of(),
          left.filter(p -> p.toString().endsWith(".sock") || p.toString().endsWith(".log"))
              .toList(),
          "a stopped resident JVM left its socket or log");
    }
  }

  /** The log of the one resident JVM under {@code runtime}, once it says {@code text}. */
  private static Path awaitLog(Path runtime, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> walk = Files.walk(runtime)) {
        List<Path> logs = walk.filter(p -> p.toString().endsWith(".log")).toList();
        if (logs.size() == 1 && Files.readString(logs.get(0)).contains(text)) {
          return logs.get(0);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no resident JVM said \"" + text + "\" within 120 s");
  }

  /** Stops the resident JVMs whose sockets are under {@code runtime}, as a user's kill would. */
  private static void stopResidents(Path runtime) throws Exception {
    List<ProcessHandle> residents =
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().orElse("").contains(runtime.toString()))
            .filter(p -> p.info().commandLine().orElse("").contains("ResidentServer"))
            .toList();
    for (ProcessHandle resident : residents) {
      resident.destroy();
      resident.onExit().get(30, TimeUnit.SECONDS);
    }
  }

  private static boolean newer(Path a, Path b) throws IOException {
    return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b)) > 0;
  }

  /** A finished launch of {@code ./tradeoff RUN --out DIR}. */
  private record Launch(int code, String out, String err, Path folder) {
    String describe() {
      return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }

    /** What the same command prints in this JVM, and nothing on stderr. */
    void assertSameAsInProcess() {
      Path here = folder.resolveSibling(folder.getFileName() + "-in-process");
      List<String> args = new ArrayList<>(RUN);
      args.addAll(List.of("--out", here.toString()));
      Outcome expected = cli(args.toArray(new String[0]));
      assertEquals(expected.code(), code, describe());
      assertEquals(expected.out().replace(here.toString(), folder.toString()), out);
      assertEquals("", err);
    }
  }

  private int launches;

  private Launch launch(Map<String, String> env) throws Exception {
    Path folder = root.resolve("out-" + launches++);
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("tradeoff").toString()));
    command.addAll(RUN);
    command.addAll(List.of("--out", folder.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    Path out = root.resolve("stdout-" + launches);
    Path err = root.resolve("stderr-" + launches);
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("TRADEOFF_JAVA_OPTS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().put("TRADEOFF_RESIDENT", "off");
    pb.environment().putAll(env);
    // the launcher's java, as a user's PATH would find it
    String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
    pb.environment().put("PATH", javaBin + File.pathSeparator + System.getenv("PATH"));
    Process process = pb.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher did not end within 120 s");
    String errText = Files.readString(err);
    if (env.containsKey("JAVA_TOOL_OPTIONS")) {
      errText = errText.replaceFirst("Picked up JAVA_TOOL_OPTIONS: .*\\R", "");
    }
    return new Launch(process.exitValue(), Files.readString(out), errText, folder);
  }

  /**
   * The jar {@code ./tradeoff} runs, from this test's classpath: the modules' classes in it, the
   * libraries beside it in {@code lib/}, named by its manifest (class-data sharing takes classes
   * from jars only).
   */
  private static void buildJar(Path jar) throws IOException {
    Path lib = Files.createDirectories(jar.resolveSibling("lib"));
    List<String> classPath = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        if (!p.getFileName().toString().equals("test-classes")) {
          folders.add(p);
        }
      } else if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
        Path copy = lib.resolve(classPath.size() + "-" + p.getFileName());
        Files.copy(p, copy, StandardCopyOption.COPY_ATTRIBUTES);
        classPath.add("lib/" + copy.getFileName());
      }
    }
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.put(Attributes.Name.MAIN_CLASS, TradeoffCli.class.getName());
    attributes.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      Set<String> written = new TreeSet<>();
      for (Path folder : folders) {
        try (Stream<Path> walk = Files.walk(folder)) {
          for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
            String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
            if (written.add(name)) {
              out.putNextEntry(new JarEntry(name));
              Files.copy(file, out);
              out.closeEntry();
            }
          }
        }
      }
    }
  }
}
