package dev.tradeoff.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The seeds of a property's earlier failures, kept in a file (one seed per line) so the next check
 * tries them first: a bug found once is found again at once, before any new seed. A seed that
 * passes is dropped from the file; the file goes when no seed is left. A file that cannot be read
 * or written is ignored: saving seeds speeds the search up, the property's verdict never depends on
 * it.
 */
final class SavedSeeds {
  private final Path file;

  /** The seeds file for property {@code name} in {@code directory}. */
  SavedSeeds(Path directory, String name) {
    this.file = directory.resolve(name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".seeds");
  }

  /** Where the seeds are kept. */
  Path file() {
    return file;
  }

  /** The saved seeds, in increasing order; empty when there is no readable file. */
  List<Long> seeds() {
    TreeSet<Long> seeds = new TreeSet<>();
    try {
      if (!Files.isRegularFile(file)) {
        return List.of();
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String trimmed = line.trim();
        if (trimmed.matches("-?\\d{1,19}")) {
          seeds.add(Long.parseLong(trimmed));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return List.of(); // a damaged file only costs the head start
    }
    return new ArrayList<>(seeds);
  }

  /** Adds {@code seed} to the file. */
  void add(long seed) {
    TreeSet<Long> seeds = new TreeSet<>(seeds());
    seeds.add(seed);
    write(seeds);
  }

  /** Drops {@code seed} from the file; removes the file when it was the last. */
  void remove(long seed) {
    TreeSet<Long> seeds = new TreeSet<>(seeds());
    if (seeds.remove(seed)) {
      write(seeds);
    }
  }

  private void write(TreeSet<Long> seeds) {
    try {
      if (seeds.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      Files.createDirectories(file.getParent());
      StringBuilder text = new StringBuilder();
      for (long seed : seeds) {
        text.append(seed).append('\n');
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // not fatal: see the class comment
    }
  }
}
