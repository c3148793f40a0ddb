package dev.tradeoff.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scenario files shipped in the jar, under {@code catalog/}, listed in {@code
 * catalog/index.txt} in catalog order (a jar cannot be listed reliably, so the index is the
 * registry).
 */
public final class ScenarioCatalog {
  private ScenarioCatalog() {}

  /** The names of the shipped scenarios, in catalog order. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (String line : resource("catalog/index.txt").orElseThrow().split("\n")) {
      if (!line.isBlank()) {
        names.add(line.trim());
      }
    }
    return names;
  }

  /** The text of scenario {@code name}, if shipped. */
  public static Optional<String> text(String name) {
    if (!names().contains(name)) {
      return Optional.empty();
    }
    return resource("catalog/" + name + ".json");
  }

  /** The source name messages use for a shipped scenario. */
  public static String source(String name) {
    return "catalog/" + name + ".json";
  }

  private static Optional<String> resource(String path) {
    try (InputStream in = ScenarioCatalog.class.getClassLoader().getResourceAsStream(path)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    }
  }
}
