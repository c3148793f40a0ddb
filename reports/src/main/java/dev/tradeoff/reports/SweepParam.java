package dev.tradeoff.reports;

import java.util.List;
import java.util.Objects;

/**
 * One swept parameter: a scenario path and the values it takes, as the command line gave them.
 *
 * @param path a {@code --set} path, e.g. {@code workload.clients}
 * @param values the values in order, each as {@code --set path=value} would read it
 */
public record SweepParam(String path, List<String> values) {
  /** Copies the list; rejects an empty one. */
  public SweepParam {
    Objects.requireNonNull(path, "path");
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException(path + ": no values");
    }
  }
}
