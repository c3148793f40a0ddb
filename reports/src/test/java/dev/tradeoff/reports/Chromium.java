package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for tests: finds the browser on {@code PATH} and loads one local page with
 * {@code --dump-dom}, returning the DOM as it is after the page's {@code load} event together with
 * the browser's log (which carries every console message as a {@code :CONSOLE} line).
 *
 * <p>When no browser is installed the calling test is skipped, except on CI ({@code CI=true}),
 * where it fails: {@code .ci/run} installs Debian's {@code chromium}, so a missing browser there is
 * a broken setup, not a reason to skip.
 */
final class Chromium {
  /** Names tried on {@code PATH}, in order. */
  static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  /** Generous: a page loads in about a second, a cold start on a busy two-core machine in a few. */
  private static final long TIMEOUT_SECONDS = 60;

  /** What one run printed: the serialized DOM on stdout, the log on stderr. */
  record Run(List<String> command, int exitCode, String dom, String log) {
    /** The log's console lines: every message the page logged, whatever its level. */
    List<String> consoleLines() {
      return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }

    /** For failure messages: the command, exit code and the end of the log. */
    String describe() {
      // D-Bus complaints fill the log on machines without a session bus; they say nothing here.
      String relevant =
          log.lines().filter(l -> !l.contains("dbus")).collect(Collectors.joining("\n"));
      String tail =
          relevant.length() > 4000 ? "…" + relevant.substring(relevant.length() - 4000) : relevant;
      return String.join(" ", command) + "\nexit code " + exitCode + "\nlog:\n" + tail;
    }
  }

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** The first of {@link #NAMES} that is an executable file on {@code PATH}. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : NAMES) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether this is a CI run ({@code CI=true}), where a missing browser is an error. */
  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** The installed browser; skips the test when there is none, or fails it on CI. */
  static Chromium require() {
    Optional<Path> found = find();
    if (found.isEmpty() && onCi()) {
      fail(
          "none of "
              + NAMES
              + " is on PATH, but CI=true: CI must have Chromium (.ci/run installs Debian's"
              + " chromium package when it is missing)");
    }
    Assumptions.assumeTrue(
        found.isPresent(), "chromium not installed; .ci/run installs it (tried " + NAMES + ")");
    return new Chromium(found.get());
  }

  /**
   * Loads {@code page} (a local file) headless and returns the DOM after load. {@code work} is a
   * fresh directory for the browser profile and the captured output.
   */
  Run dumpDom(Path page, Path work) throws IOException, InterruptedException {
    Run run = dumpDom(page, work, "--headless=new");
    if (run.dom().isBlank()) {
      // Browsers from before the "new" headless mode was selectable.
      run = dumpDom(page, work, "--headless");
    }
    return run;
  }

  private Run dumpDom(Path page, Path work, String headless)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(work, "chromium-");
    Path profile = Files.createDirectory(dir.resolve("profile"));
    Path out = dir.resolve("stdout.html");
    Path err = dir.resolve("stderr.log");
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add(headless);
    command.addAll(
        List.of(
            // The sandbox needs user namespaces or a setuid helper, which containers and root lack.
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            "--hide-scrollbars",
            "--window-size=1280,1024",
            "--user-data-dir=" + profile.toAbsolutePath(),
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.toAbsolutePath().toUri().toString()));
    Process p =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      fail(
          "Chromium did not finish within "
              + TIMEOUT_SECONDS
              + " s\n"
              + new Run(command, -1, "", read(err)).describe());
    }
    return new Run(List.copyOf(command), p.exitValue(), read(out), read(err));
  }

  private static String read(Path file) throws IOException {
    // Lenient: a browser log may hold bytes that are not UTF-8.
    return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
  }
}
