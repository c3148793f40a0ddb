package dev.tradeoff.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a sweep's folder — {@code tradeoff sweep} and {@code tradeoff merge} both come here, so a
 * merged sweep's files are the unsharded sweep's files:
 *
 * <pre>
 * sweep.json                          SweepJson, schema tradeoff.sweep/1
 * summary.txt                         SweepSummary
 * decision.csv                        SweepDecision, the decision table as CSV
 * points.csv                          OperationsCsv, the points table as CSV
 * index.html                          SweepPage, self-contained
 * points/&lt;k&gt;/latency-&lt;kind&gt;.hgrm       every seed's latencies at point k, merged
 * charts/&lt;name&gt;.svg, .png            SweepCharts
 * </pre>
 *
 * <p>No per-run report folders: a sweep has too many runs; {@code tradeoff run} with the point's
 * overrides and seed rebuilds any one of them. Contract as {@link ReportFolder}: the folder is
 * replaced as a whole or not at all (built in a hidden sibling, then swapped in), and equal reports
 * give byte-identical folders on one machine.
 */
public final class SweepFolder {
  private SweepFolder() {}

  /**
   * Writes {@code report} into {@code dir}, replacing whatever folder was there.
   *
   * @return the written files' paths relative to {@code dir}, with {@code /} separators, sorted
   */
  public static List<String> write(Path dir, SweepReport report) throws IOException {
    return write(dir, report, false);
  }

  /**
   * As {@link #write(Path, SweepReport)}; {@code force} replaces a folder tradeoff did not write.
   */
  public static List<String> write(Path dir, SweepReport report, boolean force) throws IOException {
    Objects.requireNonNull(report, "report");
    return ReportFolder.replace(dir, fresh -> fill(fresh, report), force);
  }

  private static List<String> fill(Path root, SweepReport report) throws IOException {
    List<String> written = new ArrayList<>();
    List<SweepPoint> points = SweepPoint.of(report);
    FolderFiles.text(root, "sweep.json", SweepJson.render(report), written);
    FolderFiles.text(root, "summary.txt", SweepSummary.render(report), written);
    FolderFiles.text(root, "decision.csv", SweepDecision.of(report, points).csv(), written);
    FolderFiles.text(root, "points.csv", OperationsCsv.points(report, points), written);
    for (SweepPoint p : points) {
      Path dir = root.resolve("points").resolve(Integer.toString(p.index()));
      Files.createDirectories(dir);
      FileNames kinds = new FileNames();
      for (SweepPoint.Kind k : p.operations()) {
        String name = "points/" + p.index() + "/" + Hgrm.fileName(kinds.stem(k.kind()));
        FolderFiles.text(root, name, Hgrm.render(k.latencyNanos()), written);
      }
    }
    List<Chart> charts = SweepCharts.of(report, points);
    FolderFiles.charts(root, charts, written);
    FolderFiles.text(root, "index.html", SweepPage.render(report, points, charts), written);
    written.sort(null);
    return List.copyOf(written);
  }
}
