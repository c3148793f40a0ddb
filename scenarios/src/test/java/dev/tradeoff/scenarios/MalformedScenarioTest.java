package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each file under {@code malformed/} breaks one rule of the scenario format; its one-line message
 * (file, line, column, field path, problem) is pinned in {@code malformed/expected.txt}, one {@code
 * file<TAB>message} per line.
 */
class MalformedScenarioTest {
  private static String resource(String path) throws IOException {
    try (InputStream in = MalformedScenarioTest.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IOException("no resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> expected() throws IOException {
    Map<String, String> table = new LinkedHashMap<>();
    for (String line : resource("malformed/expected.txt").split("\n")) {
      if (!line.isBlank()) {
        int tab = line.indexOf('\t');
        table.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return table;
  }

  @Test
  void everyMalformedFileGetsItsPinnedOneLineMessage() throws IOException {
    Map<String, String> table = expected();
    assertTrue(table.size() >= 25, "only " + table.size() + " malformed files");
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> e : table.entrySet()) {
      String file = "malformed/" + e.getKey();
      ScenarioException ex =
          assertThrows(
              ScenarioException.class,
              () -> ScenarioReader.read(file, resource(file), List.of()),
              file);
      if (!ex.getMessage().equals(e.getValue())) {
        wrong.add(e.getKey() + "\t" + ex.getMessage());
      }
      assertTrue(!ex.getMessage().contains("\n"), file + ": more than one line");
      assertTrue(ex.getMessage().startsWith(file + ":"), file + ": " + ex.getMessage());
    }
    assertEquals(List.of(), wrong, "messages changed (file<TAB>actual)");
  }

  @Test
  void theBaseFileTheyBreakIsValid() throws IOException {
    String base = resource("malformed/01-unknown-top-field.json").replace("\"sed\"", "\"seed\"");
    assertEquals("test/base", ScenarioReader.read("base", base, List.of()).name());
  }
}
