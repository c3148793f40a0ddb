package dev.tradeoff.patterns;

import java.util.List;

/**
 * A pattern a scenario's {@code system} can name: its stable name, its parameters, the checks
 * between parameters that ranges cannot express, and how to build a {@link Store} from values.
 */
public interface PatternSpec {
  /** The stable name, e.g. {@code leader-follower}. */
  String name();

  /** One line on what it models. */
  String description();

  /** Its parameters, in the order a scenario lists them. */
  List<Param> params();

  /**
   * A problem with {@code config} that no single range catches (e.g. W > N), as {@code {parameter,
   * message}}, or null when it is fine.
   */
  default String[] validate(Config config) {
    return null;
  }

  /**
   * {@link #validate(Config)} for a run whose clients issue operations for {@code durationNanos}: a
   * pattern with scheduled steps (moves, rollouts) refuses one at or after that end here.
   */
  default String[] validate(Config config, long durationNanos) {
    return validate(config);
  }

  /** The store {@code config} describes. */
  Store build(Config config);
}
