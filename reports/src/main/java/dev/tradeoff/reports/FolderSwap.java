package dev.tradeoff.reports;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replaces an output folder as a whole, safely: only a folder tradeoff wrote (it holds the {@link
 * #MARKER} file), an empty one or none is replaced; the new folder is built in a hidden sibling,
 * synced, marked complete, then renamed in place of the old one. A process killed between the two
 * renames leaves the old or the new copy in a hidden sibling; the next write to the same path first
 * finishes that swap (a complete new copy) or restores the old one, then removes leftovers.
 *
 * <p>Folders are created with the user's umask. Two writers to one path at once are not supported.
 */
final class FolderSwap {
  /** The file that marks a folder as tradeoff's, written last: a folder holding it is complete. */
  static final String MARKER = ".tradeoff-output";

  private static final String MARKER_TEXT =
      "This folder was written by tradeoff, which replaces it as a whole on the next run.\n";

  private FolderSwap() {}

  /**
   * Refuses, with a one-line message, to replace {@code dir} unless it is absent, empty, or holds
   * the marker; {@code force} replaces any folder except the working directory, the home directory,
   * the file-system root and their ancestors, which are refused even then.
   */
  static void requireReplaceable(Path dir, boolean force) throws FolderRefusedException {
    Path target = dir.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path home = Path.of(System.getProperty("user.home", "/")).toAbsolutePath().normalize();
    if (target.getParent() == null || cwd.startsWith(target) || home.startsWith(target)) {
      throw new FolderRefusedException(
          dir
              + ": refusing to write a report over "
              + (target.getParent() == null
                  ? "the file-system root"
                  : cwd.startsWith(target) ? "the working directory" : "the home directory")
              + " or a folder holding it; choose a new folder with --out");
    }
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FolderRefusedException(dir + ": exists and is not a folder; not replacing it");
    }
    if (force || Files.exists(target.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    String first = firstEntry(target);
    if (first != null) {
      throw new FolderRefusedException(
          dir
              + ": holds files tradeoff did not write (such as "
              + first
              + "); refusing to replace it: choose another --out, or add --force to replace it");
    }
  }

  private static String firstEntry(Path dir) throws FolderRefusedException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().findFirst().orElse(null);
    } catch (IOException e) {
      throw new FolderRefusedException(dir + ": cannot list: " + e.getMessage());
    }
  }

  /**
   * Replaces {@code dir} with what {@code filler} writes. On failure before the swap {@code dir} is
   * as it was and the partial copy is gone.
   */
  static List<String> replace(
      Path dir, ReportFolder.Filler filler, ReportFolder.BeforeSwap beforeSwap, boolean force)
      throws IOException {
    requireReplaceable(dir, force);
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    String base = target.getFileName().toString();
    recover(parent, base, target);
    Path fresh = createSibling(parent, "." + base + ".new-");
    boolean swapped = false;
    try {
      List<String> written = filler.fill(fresh);
      Files.writeString(fresh.resolve(MARKER), MARKER_TEXT, StandardCharsets.UTF_8);
      syncTree(fresh);
      beforeSwap.accept(fresh);
      swap(fresh, target, parent.resolve("." + base + ".old-" + suffix(fresh, base)));
      swapped = true;
      syncDirectory(parent);
      return written;
    } finally {
      if (!swapped) {
        deleteQuietly(fresh);
      }
    }
  }

  /** Finishes or undoes a swap a killed process left half done, then removes leftovers. */
  static void recover(Path parent, String base, Path target) throws IOException {
    List<Path> news = siblings(parent, "." + base + ".new-");
    List<Path> olds = siblings(parent, "." + base + ".old-");
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Path complete = firstMarked(news);
      Path restore = complete != null ? complete : firstMarked(olds);
      if (restore != null) {
        move(restore, target);
      }
    }
    for (Path leftover : siblings(parent, "." + base + ".new-")) {
      deleteQuietly(leftover);
    }
    for (Path leftover : siblings(parent, "." + base + ".old-")) {
      deleteQuietly(leftover);
    }
  }

  private static Path firstMarked(List<Path> folders) {
    for (Path p : folders) {
      if (Files.exists(p.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
        return p;
      }
    }
    return null;
  }

  private static List<Path> siblings(Path parent, String prefix) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, prefix + "*")) {
      for (Path p : stream) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          found.add(p);
        }
      }
    }
    found.sort(null);
    return found;
  }

  /** A new empty folder {@code prefix + n}, created with the umask (not 0700 as temp folders). */
  private static Path createSibling(Path parent, String prefix) throws IOException {
    for (int n = 1; ; n++) {
      try {
        return Files.createDirectory(parent.resolve(prefix + n));
      } catch (FileAlreadyExistsException e) {
        // another leftover or writer took this name; try the next
      }
    }
  }

  private static String suffix(Path fresh, String base) {
    return fresh.getFileName().toString().substring(("." + base + ".new-").length());
  }

  private static void swap(Path fresh, Path target, Path old) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      move(fresh, target);
      return;
    }
    move(target, old);
    try {
      move(fresh, target);
    } catch (IOException | RuntimeException e) {
      try {
        move(old, target);
      } catch (IOException restore) {
        e.addSuppressed(restore);
      }
      throw e;
    }
    deleteQuietly(old); // the new report is in place; a leftover is removed by the next write
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Forces every file and folder under {@code root} to the disk before the swap publishes it. */
  private static void syncTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
              channel.force(true);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) {
            syncDirectory(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a folder for syncing; the files themselves are synced.
    }
  }

  static void deleteQuietly(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Best effort: the caller's outcome (success, or the original failure) matters more.
    }
  }
}
