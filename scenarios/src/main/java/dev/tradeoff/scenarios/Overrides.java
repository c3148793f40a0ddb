package dev.tradeoff.scenarios;

import dev.tradeoff.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --set path=value} overrides of a scenario document. A path is field names separated by
 * dots, with {@code [i]} for array items: {@code workload.clients}, {@code faults.schedule[0].at}.
 * The value is read as JSON when it parses ({@code 12}, {@code true}, {@code ["a","b"]}) and as a
 * string otherwise ({@code 250ms}). Missing objects along the path are created; an array item must
 * exist. Overrides apply in order, so a later one wins.
 */
final class Overrides {
  private static final Pattern SEGMENT =
      Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)((?:\\[[0-9]+\\])*)");

  private Overrides() {}

  /**
   * One override.
   *
   * @param path the path as written
   * @param steps field names (String) and item indices (Integer), in order
   * @param value the new value
   * @param source {@code --set path=value}, for messages
   */
  record Override(String path, List<Object> steps, Json.Value value, String source) {}

  /** Parses {@code path=value} texts. */
  static List<Override> parse(List<String> texts) {
    List<Override> overrides = new ArrayList<>();
    for (String text : texts) {
      int eq = text.indexOf('=');
      String source = "--set " + text;
      if (eq <= 0) {
        throw new ScenarioException(source + ": expected path=value");
      }
      String path = text.substring(0, eq).trim();
      overrides.add(new Override(path, steps(path, source), value(text.substring(eq + 1)), source));
    }
    return overrides;
  }

  /** Scenario files nest at most 32 levels (the reader's limit), so no path needs more steps. */
  private static final int MAX_STEPS = 64;

  private static List<Object> steps(String path, String source) {
    List<Object> steps = new ArrayList<>();
    String[] parts = path.split("\\.", -1);
    if (parts.length > MAX_STEPS) {
      throw new ScenarioException(
          source.substring(0, Math.min(source.length(), 60))
              + "…: path of "
              + parts.length
              + " segments; a scenario path has at most "
              + MAX_STEPS);
    }
    for (String part : parts) {
      Matcher m = SEGMENT.matcher(part);
      if (!m.matches()) {
        throw new ScenarioException(
            source + ": bad path \"" + path + "\": expected names and [index] separated by dots");
      }
      steps.add(m.group(1));
      Matcher index = Pattern.compile("\\[([0-9]+)\\]").matcher(m.group(2));
      while (index.find()) {
        steps.add(index(index.group(1), source));
      }
    }
    return steps;
  }

  private static int index(String digits, String source) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new ScenarioException(source + ": index [" + digits + "] is out of range");
    }
  }

  private static Json.Value value(String text) {
    try {
      return Json.parse(text).value();
    } catch (IllegalArgumentException e) {
      return Json.string(text);
    }
  }

  /** {@code root} with every override applied, as a cursor reporting positions in {@code text}. */
  static Json.Cursor apply(Json.Cursor root, String text, List<Override> overrides) {
    Json.Value tree = root.value();
    for (Override o : overrides) {
      tree = set(tree, o, 0);
    }
    return Json.cursor(tree, text);
  }

  private static Json.Value set(Json.Value node, Override o, int i) {
    if (i == o.steps().size()) {
      return o.value();
    }
    Object step = o.steps().get(i);
    if (step instanceof String name) {
      Map<String, Json.Field> fields = new LinkedHashMap<>();
      int offset = -1;
      if (node instanceof Json.Obj obj) {
        fields.putAll(obj.fields());
        offset = obj.offset();
      } else if (node != null) {
        throw new ScenarioException(
            o.source() + ": cannot set \"" + name + "\" inside a non-object");
      }
      Json.Field old = fields.get(name);
      Json.Value updated = set(old == null ? null : old.value(), o, i + 1);
      fields.put(name, new Json.Field(name, old == null ? -1 : old.offset(), updated));
      return new Json.Obj(java.util.Collections.unmodifiableMap(fields), offset);
    }
    int index = (Integer) step;
    if (!(node instanceof Json.Arr arr) || index >= arr.items().size()) {
      throw new ScenarioException(o.source() + ": no item [" + index + "] to set");
    }
    List<Json.Value> items = new ArrayList<>(arr.items());
    items.set(index, set(items.get(index), o, i + 1));
    return new Json.Arr(List.copyOf(items), arr.offset());
  }

  /** The last override that set something inside {@code path}, or null. */
  static Override within(List<Override> overrides, String path) {
    Override found = null;
    for (Override o : overrides) {
      String p = o.path();
      if (path.equals("$") || p.startsWith(path + ".") || p.startsWith(path + "[")) {
        found = o;
      }
    }
    return found;
  }

  /** The last override whose path is {@code path} or an ancestor of it, or null. */
  static Override covering(List<Override> overrides, String path) {
    Override found = null;
    for (Override o : overrides) {
      String p = o.path();
      if (path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "[")) {
        found = o;
      }
    }
    return found;
  }
}
