package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay command follows the project the test is in, not this repository's layout. */
class ReplayTest {
  @TempDir Path dir;

  private static void pom(Path module, String... modules) throws IOException {
    Files.createDirectories(module);
    StringBuilder text = new StringBuilder("<project>\n  <modules>\n");
    for (String m : modules) {
      text.append("    <module>").append(m).append("</module>\n");
    }
    Files.writeString(module.resolve("pom.xml"), text.append("  </modules>\n</project>\n"));
  }

  @Test
  void aProjectOfItsOwnIsRunFromItsOwnPom() throws IOException {
    Path project = dir.resolve("my-store");
    pom(project);
    pom(dir, "something-else"); // a parent directory with a pom that does not list it
    assertEquals(
        "mvn -f " + project.resolve("pom.xml") + " test -Dtest=StoreTest#keeps -Dtradeoff.seed=3",
        Replay.maven(project, "StoreTest#keeps", "-Dtradeoff.seed=3"));
  }

  @Test
  void aNestedModuleIsRunFromTheReactorRootWithItsPath() throws IOException {
    pom(dir, "services");
    pom(dir.resolve("services"), "store");
    Path store = dir.resolve("services").resolve("store");
    pom(store);
    assertEquals(
        "mvn -f "
            + dir.resolve("pom.xml")
            + " -pl services/store -am test -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dtest=StoreTest#keeps -Dtradeoff.seed=3",
        Replay.maven(store, "StoreTest#keeps", "-Dtradeoff.seed=3"));
  }

  @Test
  void theModuleOfATestClassIsTheOneItWasCompiledIn() {
    // this class is compiled into sim-faults/target/test-classes
    Path module = Replay.moduleOf(ReplayTest.class);
    assertEquals("sim-faults", module.getFileName().toString());
    assertEquals(Path.of(System.getProperty("user.dir")).toAbsolutePath(), module);
  }

  @Test
  void aClassFromAJarHasNoModuleUnlessTheWorkingDirectoryIsOne() {
    // Test's class comes from the JUnit jar; the working directory (Surefire's: the module) counts
    Path module = Replay.moduleOf(Test.class);
    assertEquals(Path.of(System.getProperty("user.dir")).toAbsolutePath(), module);
    assertEquals(module, Replay.moduleOf(null));
  }
}
