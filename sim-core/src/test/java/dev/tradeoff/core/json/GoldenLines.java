package dev.tradeoff.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Golden-file tests of parsers: seeded mutations of valid documents, and a file of the lines the
 * code under test gave for them, compared line by line.
 *
 * <p>To regenerate after a deliberate change, run the test with {@code
 * -Dtradeoff.golden.write=<path of the resource in src/test/resources>} and review the diff.
 */
public final class GoldenLines {
  private GoldenLines() {}

  /**
   * Checks {@code actual} against the resource {@code name} next to {@code owner}, listing the
   * first 20 differing lines.
   */
  public static void check(Class<?> owner, String name, List<String> actual) throws IOException {
    String override = System.getProperty("tradeoff.golden.write");
    if (override != null) {
      Files.write(Path.of(override), actual, StandardCharsets.UTF_8);
    }
    List<String> expected;
    try (InputStream in = owner.getResourceAsStream(name)) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertEquals(expected.size(), actual.size(), "number of cases");
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        differing.add("expected " + expected.get(i) + "\n     got " + actual.get(i));
      }
    }
    assertEquals(List.of(), differing.subList(0, Math.min(20, differing.size())));
  }

  /**
   * {@code document} after one to {@code maxEdits} seeded edits: inserting or putting in place of a
   * character a piece of {@code alphabet}, deleting a character, copying a stretch elsewhere (which
   * often repeats a field or a part of one), or cutting the rest off.
   */
  public static String mutate(
      String document, UniformRandomProvider random, String[] alphabet, int maxEdits) {
    StringBuilder text = new StringBuilder(document);
    int edits = 1 + random.nextInt(maxEdits);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(text.length() + 1);
      switch (random.nextInt(6)) {
        case 0, 1 -> text.insert(at, alphabet[random.nextInt(alphabet.length)]);
        case 2 -> {
          if (at < text.length()) {
            text.deleteCharAt(at);
          }
        }
        case 3 -> {
          if (at < text.length()) {
            text.replace(at, at + 1, alphabet[random.nextInt(alphabet.length)]);
          }
        }
        case 4 -> {
          int from = random.nextInt(text.length() + 1);
          int to = Math.min(text.length(), from + random.nextInt(30));
          text.insert(at, text.substring(from, to));
        }
        default -> text.setLength(at);
      }
    }
    return text.toString();
  }

  /** {@code text} in printable ASCII: everything else, and the backslash, as a Java escape. */
  public static String ascii(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        String hex = Integer.toHexString(c);
        out.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
      }
    }
    return out.toString();
  }
}
