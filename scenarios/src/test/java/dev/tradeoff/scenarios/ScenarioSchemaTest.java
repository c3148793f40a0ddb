package dev.tradeoff.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.json.Json;
import dev.tradeoff.faults.FaultJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schema ({@code docs/scenario.schema.json}) stays in step with the reader: the
 * same fields, checkers and fault types, and every field of every effective catalog scenario is one
 * the schema declares.
 */
class ScenarioSchemaTest {
  private static Json.Cursor schema() throws IOException {
    Path file = Path.of("..", "docs", "scenario.schema.json");
    return Json.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static List<String> strings(Json.Cursor array) {
    List<String> values = new ArrayList<>();
    for (Json.Cursor c : array.items()) {
      values.add(c.string());
    }
    return values;
  }

  @Test
  void topLevelFieldsCheckersAndFaultTypesMatchTheReader() throws IOException {
    Json.Cursor schema = schema();
    assertEquals(ScenarioReader.TOP, schema.field("properties").fieldNames());
    assertEquals(
        ScenarioReader.CHECKERS,
        strings(schema.field("properties").field("checkers").field("items").field("examples")));
    Json.Cursor fault =
        schema
            .field("properties")
            .field("faults")
            .field("properties")
            .field("schedule")
            .field("items")
            .field("properties")
            .field("fault");
    assertEquals(
        FaultJson.types(),
        new TreeSet<>(strings(fault.field("properties").field("type").field("enum"))));
  }

  @Test
  void everyEffectiveCatalogScenarioUsesOnlyDeclaredFields() throws IOException {
    Json.Cursor properties = schema().field("properties");
    for (String name : ScenarioCatalog.names()) {
      Scenario s = ScenarioReader.read(name, ScenarioCatalog.text(name).orElseThrow(), List.of());
      Json.Cursor effective = Json.parse(s.json());
      for (String section : List.of("network", "workload", "faults")) {
        List<String> declared = properties.field(section).field("properties").fieldNames();
        for (String field : effective.field(section).fieldNames()) {
          assertTrue(
              declared.contains(field), name + ": " + section + "." + field + " not in schema");
        }
      }
      String pattern = effective.field("system").field("pattern").string();
      List<String> system = systemProperties(pattern);
      for (String field : effective.field("system").fieldNames()) {
        assertTrue(system.contains(field), name + ": system." + field + " not in schema");
      }
    }
  }

  /** The properties the schema declares for {@code pattern}'s system object. */
  private static List<String> systemProperties(String pattern) throws IOException {
    for (Json.Cursor entry : schema().field("properties").field("system").field("oneOf").items()) {
      Json.Cursor props = entry.field("properties");
      if (props.field("pattern").field("const").string().equals(pattern)) {
        return props.fieldNames();
      }
    }
    throw new AssertionError("the schema has no system entry for pattern " + pattern);
  }

  @Test
  void everyPatternHasASystemEntryWithExactlyItsParameters() throws IOException {
    for (dev.tradeoff.patterns.PatternSpec spec :
        dev.tradeoff.patterns.catalog.PatternCatalog.all()) {
      List<String> expected = new ArrayList<>();
      expected.add("pattern");
      spec.params().forEach(p -> expected.add(p.name()));
      assertEquals(expected, systemProperties(spec.name()), spec.name());
    }
  }
}
