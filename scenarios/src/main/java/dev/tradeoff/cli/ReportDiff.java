package dev.tradeoff.cli;

import dev.tradeoff.core.json.Json;
import java.util.Map;

/**
 * The first difference between a report.json as written and as a replay renders it, as a path and
 * both values. The {@code replay} field, the command that made the report, differs by design and is
 * skipped; so are fields added to the format after the report was written ({@link #ADDED}), which
 * an older report.json cannot hold: a replay checks everything the report recorded.
 */
final class ReportDiff {
  private static final int SHOWN = 80;

  /** Fields report.json gained within tradeoff.report/1: operations.KIND.histogram. */
  private static final java.util.Set<String> ADDED = java.util.Set.of("histogram");

  private ReportDiff() {}

  /** The first difference in document order, or null when the two agree. */
  static String first(Json.Value written, Json.Value replayed) {
    return diff(written, replayed, "");
  }

  private static String diff(Json.Value a, Json.Value b, String path) {
    if (a instanceof Json.Obj x && b instanceof Json.Obj y) {
      for (Map.Entry<String, Json.Field> e : x.fields().entrySet()) {
        String name = e.getKey();
        if (path.isEmpty() && name.equals("replay")) {
          continue;
        }
        Json.Field other = y.fields().get(name);
        String child = path.isEmpty() ? name : path + "." + name;
        if (other == null) {
          return child + ": the report has it, the replay does not";
        }
        String d = diff(e.getValue().value(), other.value(), child);
        if (d != null) {
          return d;
        }
      }
      for (String name : y.fields().keySet()) {
        if (!x.fields().containsKey(name) && !ADDED.contains(name)) {
          return (path.isEmpty() ? name : path + "." + name) + ": missing from the report";
        }
      }
      return null;
    }
    if (a instanceof Json.Arr x && b instanceof Json.Arr y) {
      int n = Math.min(x.items().size(), y.items().size());
      for (int i = 0; i < n; i++) {
        String d = diff(x.items().get(i), y.items().get(i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return x.items().size() == y.items().size()
          ? null
          : path
              + ": "
              + x.items().size()
              + " items in the report, "
              + y.items().size()
              + " replayed";
    }
    String left = Json.write(a);
    String right = Json.write(b);
    return left.equals(right)
        ? null
        : path + ": the report says " + shorten(left) + ", the replay gives " + shorten(right);
  }

  private static String shorten(String json) {
    return json.length() <= SHOWN ? json : json.substring(0, SHOWN) + "…";
  }
}
