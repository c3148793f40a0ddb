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
   * A problem with {@code config} in a run whose load lasts {@code durationNanos} — a step the
   * pattern schedules at or after that end, which would never happen — as {@link #validate(Config)}
   * returns it, or null. By default only {@link #validate(Config)}.
   */
  default String[] validate(Config config, long durationNanos) {
    return validate(config);
  }

  /** The store {@code config} describes. */
  Store build(Config config);
}
