package dev.tradeoff.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a run's report folder:
 *
 * <pre>
 * report.json              ReportJson, schema tradeoff.report/1
 * summary.txt              SummaryText, what the console prints
 * index.html               HtmlPage, self-contained
 * latency-&lt;kind&gt;.hgrm      Hgrm, one per operation kind (kind sanitised for file names)
 * charts/&lt;name&gt;.svg        Charts, one per chart
 * charts/&lt;name&gt;.png
 * </pre>
 *
 * <p>Contract: the folder is replaced as a whole or not at all. Everything is written into a new
 * sibling directory first; only when it is complete is an existing {@code dir} moved aside, the new
 * one moved in (a rename within the same parent) and the old one deleted. A failure before the swap
 * leaves {@code dir} exactly as it was and removes the partial sibling. Equal reports give
 * byte-identical folders. Charts need {@code java.awt.headless=true} where there is no display. Two
 * writers to the same {@code dir} at once are not supported.
 */
public final class ReportFolder {
  /** Called with the complete new folder just before it replaces the old one. */
  @FunctionalInterface
  interface BeforeSwap {
    void accept(Path newFolder) throws IOException;
  }

  private ReportFolder() {}

  /** The text the console shows after a run: {@link SummaryText#render}. */
  public static String summary(RunReport report) {
    return SummaryText.render(report);
  }

  /**
   * Writes {@code report} into {@code dir}, replacing whatever folder was there.
   *
   * @return the written files' paths relative to {@code dir}, with {@code /} separators, sorted
   * @throws IOException if writing fails; {@code dir} is then as it was before the call
   */
  public static List<String> write(Path dir, RunReport report) throws IOException {
    return write(dir, report, newFolder -> {});
  }

  static List<String> write(Path dir, RunReport report, BeforeSwap beforeSwap) throws IOException {
    Objects.requireNonNull(report, "report");
    return replace(dir, fresh -> fill(fresh, report), beforeSwap);
  }

  /** Fills a fresh, empty folder and returns the written paths relative to it. */
  public interface Filler {
    /** Writes the files into {@code fresh}. */
    List<String> fill(Path fresh) throws IOException;
  }

  /**
   * Replaces folder {@code dir} with what {@code filler} writes, with the same guarantee as {@link
   * #write(Path, RunReport)}: on failure {@code dir} is as it was.
   */
  public static List<String> replace(Path dir, Filler filler) throws IOException {
    return replace(dir, filler, newFolder -> {});
  }

  private static List<String> replace(Path dir, Filler filler, BeforeSwap beforeSwap)
      throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null) {
      throw new IOException(dir + ": a report folder cannot be a file-system root");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " exists and is not a directory; not replacing it");
    }
    Files.createDirectories(parent);
    String base = target.getFileName().toString();
    // Same parent, so the final move is a rename on one file system.
    Path fresh = Files.createTempDirectory(parent, "." + base + ".new-");
    boolean swapped = false;
    try {
      List<String> written = filler.fill(fresh);
      beforeSwap.accept(fresh);
      swap(fresh, target, parent.resolve("." + base + ".old-" + suffix(fresh, base)));
      swapped = true;
      return written;
    } finally {
      if (!swapped) {
        deleteQuietly(fresh);
      }
    }
  }

  private static String suffix(Path fresh, String base) {
    return fresh.getFileName().toString().substring(("." + base + ".new-").length());
  }

  /** Writes {@code report}'s files into the existing, empty folder {@code root}. */
  static List<String> fill(Path root, RunReport report) throws IOException {
    List<String> written = new ArrayList<>();
    writeText(root, "report.json", ReportJson.render(report), written);
    writeText(root, "summary.txt", SummaryText.render(report), written);
    FileNames kinds = new FileNames();
    for (OperationStats op : report.operations()) {
      String name = Hgrm.fileName(kinds.stem(op.kind()));
      writeText(root, name, Hgrm.render(op.latencyNanos()), written);
    }
    List<Chart> charts = Charts.of(report);
    if (!charts.isEmpty()) {
      Files.createDirectory(root.resolve("charts"));
    }
    for (Chart c : charts) {
      writeText(root, "charts/" + c.name() + ".svg", c.svg(), written);
      Path png = root.resolve("charts").resolve(c.name() + ".png");
      Files.write(png, c.png());
      written.add("charts/" + c.name() + ".png");
    }
    writeText(root, "index.html", HtmlPage.render(report, charts), written);
    written.sort(null);
    return List.copyOf(written);
  }

  private static void writeText(Path root, String relative, String text, List<String> written)
      throws IOException {
    Files.writeString(root.resolve(relative), text, StandardCharsets.UTF_8);
    written.add(relative);
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
    // The new report is complete and in place; a leftover hidden old copy is untidy, not wrong.
    deleteQuietly(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteQuietly(Path root) {
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
