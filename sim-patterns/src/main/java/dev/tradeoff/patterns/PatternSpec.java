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
   * As {@link #validate(Config)}, also knowing when the run ends (its duration plus drain), so a
   * time the pattern acts at (a scheduled failover) can be refused when the run never reaches it.
   */
  default String[] validate(Config config, long runEndNanos) {
    return validate(config);
  }

  /** The store {@code config} describes. */
  Store build(Config config);
}
