package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
  @TempDir Path tmp;

  @Test
  void bannerSaysWhatEachVariantsCheckersFoundAndIsNotPlainGreen() throws Exception {
    Comparison c =
        new Comparison(
            "replication/split-brain",
            List.of("no-fencing", "plain"),
            List.of(Fixtures.demonstration(), Fixtures.minimal()));
    c.write(tmp.resolve("cmp"));
    String page = Files.readString(tmp.resolve("cmp").resolve("index.html"));
    assertTrue(
        page.contains(
            "<div class=\"verdict valid mixed\" id=\"verdict\" data-verdict=\"valid\">2 of 2"
                + " variants held every expectation<small>no-fencing: split brain, not"
                + " linearizable, 0 lost writes</small></div>"),
        page);
    assertFalse(page.contains(">VALID"), "a bare VALID over invalid checks");
    String summary = c.summary();
    assertTrue(summary.contains("valid - expectations held (2/2)"), summary);
    assertTrue(summary.contains("valid - expectations held (1/1)"), summary);
  }
}
