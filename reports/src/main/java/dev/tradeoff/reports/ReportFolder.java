package dev.tradeoff.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Writes a run's report folder:
 *
 * <pre>
 * report.json              ReportJson, schema tradeoff.report/1
 * summary.txt              SummaryText, what the console prints
 * operations.csv           OperationsCsv, the operations table as CSV
 * index.html               HtmlPage, self-contained
 * latency-&lt;kind&gt;.hgrm      Hgrm, one per operation kind (kind sanitised for file names)
 * charts/&lt;name&gt;.svg        Charts, one per chart
 * charts/&lt;name&gt;.png
 * history.jsonl            (tradeoff run only) the run's history, HistoryJsonLines
 * trace.jsonl              (run --trace only) the recorded messages, TraceLog
 * trace.shiviz.log         (run --trace only) the same in ShiViz's log format
 * </pre>
 *
 * <p>Contract: the folder is replaced as a whole or not at all, and only when it is tradeoff's own
 * (see {@link FolderSwap}): a folder holding files tradeoff did not write is refused unless forced,
 * and the working directory, the home directory and the root never are replaced. Everything is
 * written into a new hidden sibling first, synced, then swapped in by renames; a failure before the
 * swap leaves {@code dir} exactly as it was and removes the partial sibling, and a swap cut short
 * by a killed process is finished or undone by the next write. Equal reports give byte-identical
 * folders, and every file but {@code report.json} is drawn from the record {@code report.json}
 * holds (series and throughput rounded as written there), so writing {@link ReportJson#parse} of a
 * folder's {@code report.json} gives the same folder again. Charts need {@code
 * java.awt.headless=true} where there is no display. Two writers to the same {@code dir} at once
 * are not supported.
 */
public final class ReportFolder {
  /** Called with the complete new folder just before it replaces the old one. */
  @FunctionalInterface
  interface BeforeSwap {
    void accept(Path newFolder) throws IOException;
  }

  private ReportFolder() {}

  /**
   * The text the console shows after a run: {@link SummaryText#render} of the run's record ({@link
   * ReportJson#record}), so it equals the folder's {@code summary.txt}.
   */
  public static String summary(RunReport report) {
    return SummaryText.render(ReportJson.record(report));
  }

  /**
   * Writes {@code report} into {@code dir}, replacing the folder tradeoff wrote there before.
   *
   * @return the written files' paths relative to {@code dir}, with {@code /} separators, sorted
   * @throws FolderRefusedException if {@code dir} is not tradeoff's to replace
   * @throws IOException if writing fails; {@code dir} is then as it was before the call
   */
  public static List<String> write(Path dir, RunReport report) throws IOException {
    return write(dir, report, false);
  }

  /** As {@link #write(Path, RunReport)}; {@code force} replaces a folder tradeoff did not write. */
  public static List<String> write(Path dir, RunReport report, boolean force) throws IOException {
    Objects.requireNonNull(report, "report");
    return FolderSwap.replace(dir, fresh -> fill(fresh, report), newFolder -> {}, force);
  }

  /**
   * As {@link #write(Path, RunReport, boolean)}, adding {@code extraFiles} (file name → text, in
   * map order): what the run kept beyond its record, such as {@code history.jsonl} and a trace,
   * which {@code report.json} does not hold and {@code tradeoff render} does not redraw.
   */
  public static List<String> write(
      Path dir, RunReport report, Map<String, String> extraFiles, boolean force)
      throws IOException {
    Map<String, Content> contents = new LinkedHashMap<>();
    extraFiles.forEach((name, text) -> contents.put(name, Content.text(text)));
    return writeStreamed(dir, report, contents, force);
  }

  /** A file's bytes, written to a stream rather than held as one text. */
  @FunctionalInterface
  public interface Content {
    /** Writes the whole file to {@code out}, which the caller closes. */
    void writeTo(OutputStream out) throws IOException;

    /** {@code text} in UTF-8. */
    static Content text(String text) {
      Objects.requireNonNull(text, "text");
      return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * As {@link #write(Path, RunReport, Map, boolean)}, each extra file written by its {@link
   * Content} (in map order): a run's history of millions of operations goes to its file a buffer at
   * a time instead of as one text in memory.
   */
  public static List<String> writeStreamed(
      Path dir, RunReport report, Map<String, Content> extraFiles, boolean force)
      throws IOException {
    return writeStreamed(dir, report, extraFiles, force, InOrder.SAME_THREAD);
  }

  /**
   * As {@link #writeStreamed(Path, RunReport, Map, boolean)}, the files drawn from the report and
   * the extra files (one after another, each synced as it is done) written as two tasks on {@code
   * executor}, on two cores when it has two threads: they share nothing but the new folder, so the
   * folder is the same byte for byte, and a failure is the one met first when they are written in
   * turn ({@link InOrder}), once both have ended.
   */
  public static List<String> writeStreamed(
      Path dir, RunReport report, Map<String, Content> extraFiles, boolean force, Executor executor)
      throws IOException {
    Objects.requireNonNull(report, "report");
    return FolderSwap.replace(
        dir,
        fresh -> {
          InOrder<List<String>, IOException> parts = new InOrder<>(executor);
          parts.add(() -> fill(fresh, report));
          parts.add(() -> writeExtras(fresh, extraFiles));
          List<String> written = new ArrayList<>();
          parts.results().forEach(written::addAll);
          written.sort(null);
          return List.copyOf(written);
        },
        newFolder -> {},
        force);
  }

  /** Writes each extra file, in map order, and syncs it; returns their names. */
  private static List<String> writeExtras(Path fresh, Map<String, Content> extraFiles)
      throws IOException {
    List<String> written = new ArrayList<>();
    for (Map.Entry<String, Content> e : extraFiles.entrySet()) {
      try (FileChannel channel =
          FileChannel.open(
              fresh.resolve(e.getKey()),
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        // not closed here: closing the stream would close the channel before it is synced
        OutputStream out = Channels.newOutputStream(channel);
        e.getValue().writeTo(out);
        out.flush();
        // synced on this task's thread, not in the sync of the whole folder that follows
        channel.force(true);
      }
      written.add(e.getKey());
    }
    return written;
  }

  static List<String> write(Path dir, RunReport report, BeforeSwap beforeSwap) throws IOException {
    Objects.requireNonNull(report, "report");
    return FolderSwap.replace(dir, fresh -> fill(fresh, report), beforeSwap, false);
  }

  /**
   * Throws {@link FolderRefusedException} now if {@code dir} could not be replaced, so a command
   * refuses before it spends time on a run.
   */
  public static void requireReplaceable(Path dir, boolean force) throws FolderRefusedException {
    FolderSwap.requireReplaceable(dir, force);
  }

  /**
   * Deletes folder {@code dir} and everything under it, as far as it can, without throwing: for
   * folders a caller made for itself and no longer needs.
   */
  public static void deleteQuietly(Path dir) {
    FolderSwap.deleteQuietly(dir);
  }

  /** Fills a fresh, empty folder and returns the written paths relative to it. */
  public interface Filler {
    /** Writes the files into {@code fresh}. */
    List<String> fill(Path fresh) throws IOException;
  }

  /**
   * Replaces folder {@code dir} with what {@code filler} writes, with the same guarantees as {@link
   * #write(Path, RunReport, boolean)}.
   */
  public static List<String> replace(Path dir, Filler filler, boolean force) throws IOException {
    return FolderSwap.replace(dir, filler, newFolder -> {}, force);
  }

  /**
   * Writes {@code report}'s files into the existing, empty folder {@code root}: {@code
   * report.json}, and every other file drawn from the record that file holds ({@link
   * ReportJson#parse} of it), so {@code report.json} alone renders the folder again byte for byte.
   */
  static List<String> fill(Path root, RunReport report) throws IOException {
    List<String> written = new ArrayList<>();
    String json = ReportJson.render(report);
    FolderFiles.text(root, "report.json", json, written);
    RunReport record = ReportJson.parse(json);
    FolderFiles.text(root, "summary.txt", SummaryText.render(record), written);
    FolderFiles.text(root, "operations.csv", OperationsCsv.run(record), written);
    FileNames kinds = new FileNames();
    for (OperationStats op : record.operations()) {
      String name = Hgrm.fileName(kinds.stem(op.kind()));
      FolderFiles.text(root, name, Hgrm.render(op.latencyNanos()), written);
    }
    List<Chart> charts = Charts.of(record);
    FolderFiles.charts(root, charts, written);
    FolderFiles.text(root, "index.html", HtmlPage.render(record, charts), written);
    written.sort(null);
    return List.copyOf(written);
  }
}
