package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWarmUpTest {
  @TempDir Path tmp;

  @Test
  void madeUpReportReachesEveryKindOfChartAndThePage() {
    RunReport record = ReportJson.parse(ReportJson.render(ReportWarmUp.report()));
    List<Chart> charts = Charts.of(record);
    assertEquals(
        List.of("latency", "throughput", "spectrum"), charts.stream().map(Chart::name).toList());
    String page = HtmlPage.render(record, charts);
    for (Chart c : charts) {
      assertEquals(true, page.contains(c.svg()), c.name() + " inlined");
      assertEquals(true, c.png().length > 0, c.name() + " as PNG");
    }
  }

  @Test
  void aFolderWrittenWhileWarmingUpIsTheOneWrittenWithout() throws Exception {
    List<String> files = ReportFolder.write(tmp.resolve("alone"), Fixtures.report());
    for (int round = 0; round < 3; round++) {
      Thread warmUp = new Thread(ReportWarmUp::run, "warm-up-" + round);
      warmUp.start();
      Path dir = tmp.resolve("beside-warm-up-" + round);
      assertEquals(files, ReportFolder.write(dir, Fixtures.report()));
      warmUp.join();
      for (String f : files) {
        assertArrayEquals(bytes(tmp.resolve("alone"), f), bytes(dir, f), f);
      }
    }
  }

  @Test
  void svgIsDrawnOnceAndTheSameTextAfterwards() {
    Chart chart = Charts.of(Fixtures.report()).get(0);
    String first = chart.svg();
    assertSame(first, chart.svg());
    assertEquals(first, Charts.of(Fixtures.report()).get(0).svg());
  }

  private static byte[] bytes(Path dir, String file) throws IOException {
    return Files.readAllBytes(dir.resolve(file));
  }
}
