package dev.tradeoff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Report folders compared file by file, for tests that promise the same bytes. */
final class Folders {
  private Folders() {}

  /** The regular files below {@code root}, as sorted relative paths with {@code /}. */
  static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  /** {@link #files(Path)}, those {@code kept} says. */
  static List<String> files(Path root, Predicate<String> kept) throws IOException {
    return files(root).stream().filter(kept).toList();
  }

  /** Asserts that both folders hold the same files, byte for byte. */
  static void assertSameFolder(Path expected, Path actual) throws IOException {
    assertSameFolder(expected, actual, name -> true);
  }

  /** As {@link #assertSameFolder(Path, Path)}, for the files {@code compared} says. */
  static void assertSameFolder(Path expected, Path actual, Predicate<String> compared)
      throws IOException {
    List<String> names = files(expected, compared);
    assertEquals(names, files(actual, compared));
    for (String name : names) {
      assertArrayEquals(
          Files.readAllBytes(expected.resolve(name)),
          Files.readAllBytes(actual.resolve(name)),
          name);
    }
  }
}
