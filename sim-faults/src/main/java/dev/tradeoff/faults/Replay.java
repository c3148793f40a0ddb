package dev.tradeoff.faults;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The Maven command that reruns one test method, built from where the test actually is rather than
 * from this repository's layout: the test's module is the directory whose {@code target/...classes}
 * holds the test class (else the working directory, which Surefire sets to the module), and the
 * reactor root is the highest ancestor whose {@code pom.xml} lists the module below it. The command
 * names the root's {@code pom.xml} by absolute path ({@code mvn -f}), so it runs from any
 * directory.
 */
final class Replay {
  private Replay() {}

  /**
   * The module directory of {@code testClass}: two levels above its class directory when that is a
   * Maven {@code target/*classes}, else {@code user.dir} if it holds a {@code pom.xml}, else null.
   */
  static Path moduleOf(Class<?> testClass) {
    Path classes = classDirectory(testClass);
    if (classes != null
        && classes.getParent() != null
        && classes.getParent().getFileName() != null
        && classes.getParent().getFileName().toString().equals("target")
        && Files.isRegularFile(classes.getParent().getParent().resolve("pom.xml"))) {
      return classes.getParent().getParent();
    }
    Path workingDirectory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    return Files.isRegularFile(workingDirectory.resolve("pom.xml")) ? workingDirectory : null;
  }

  private static Path classDirectory(Class<?> testClass) {
    if (testClass == null) {
      return null;
    }
    try {
      CodeSource source = testClass.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      Path path = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
      return Files.isDirectory(path) ? path : null;
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null; // not a file location: no module to detect
    }
  }

  /**
   * The Maven command that runs {@code test} ({@code Class#method}) in {@code module} with {@code
   * properties}: {@code mvn -f <root>/pom.xml -pl <module> -am test ...} inside a multi-module
   * build, {@code mvn -f <module>/pom.xml test ...} for a project of its own.
   */
  static String maven(Path module, String test, String properties) {
    Path root = module;
    while (root.getParent() != null && listsModule(root.getParent(), root.getFileName())) {
      root = root.getParent();
    }
    String tail = " -Dtest=" + test + " " + properties;
    if (root.equals(module)) {
      return "mvn -f " + module.resolve("pom.xml") + " test" + tail;
    }
    String relative = root.relativize(module).toString().replace('\\', '/');
    return "mvn -f "
        + root.resolve("pom.xml")
        + " -pl "
        + relative
        + " -am test -Dsurefire.failIfNoSpecifiedTests=false"
        + tail;
  }

  /** Whether {@code dir/pom.xml} lists {@code child} among its modules. */
  private static boolean listsModule(Path dir, Path child) {
    Path pom = dir.resolve("pom.xml");
    if (child == null || !Files.isRegularFile(pom)) {
      return false;
    }
    try {
      String text = Files.readString(pom, StandardCharsets.UTF_8).replaceAll("\\s+", "");
      String name = child.toString();
      return text.contains("<module>" + name + "</module>")
          || text.contains("<module>./" + name + "</module>");
    } catch (IOException e) {
      return false;
    }
  }
}
