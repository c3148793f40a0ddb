package dev.tradeoff.patterns.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Which topic each consumer group reads, from the {@code subscribe} parameter: a comma-separated
 * list of topic names, group {@code g0}'s first, then {@code g1}'s …; a group past the end of the
 * list, or with an empty entry, reads the main topic. The topics are the main one, {@code <topic>},
 * and its dead-letter topic, {@code <topic>.dlq}: a group subscribed to the latter is a dead-letter
 * consumer (alerting, reprocessing) that handles what the main groups dead-lettered.
 *
 * <p>Group {@code g0} serves the key-value reads from its view of the main topic, so it must
 * subscribe to the main topic.
 */
final class Subscriptions {
  private Subscriptions() {}

  /** The main topic and its dead-letter topic, in that order. */
  static List<String> topics(String topic) {
    return List.of(topic, deadLetterTopic(topic));
  }

  /** The dead-letter topic of {@code topic}. */
  static String deadLetterTopic(String topic) {
    return topic + ".dlq";
  }

  /**
   * A problem with {@code subscribe} for {@code groups} groups of {@code topic}, as {@code
   * {"subscribe", message}}, or null: an unknown topic, more entries than groups, or group g0 off
   * the main topic.
   */
  static String[] problem(String topic, String subscribe, long groups) {
    List<String> entries = entries(subscribe);
    for (String t : entries) {
      if (!t.isEmpty() && !topics(topic).contains(t)) {
        return new String[] {
          "subscribe",
          "unknown topic \"" + t + "\"; the topics are " + String.join(", ", topics(topic))
        };
      }
    }
    if (entries.size() > groups) {
      return new String[] {
        "subscribe",
        "names " + entries.size() + " topics for " + groups + " groups: one topic per group"
      };
    }
    if (!entries.isEmpty() && entries.get(0).equals(deadLetterTopic(topic))) {
      return new String[] {
        "subscribe",
        "group g0 serves the reads from its view of "
            + topic
            + ", so it must subscribe to "
            + topic
            + "; put the dead-letter consumer in another group (groups >= 2)"
      };
    }
    return null;
  }

  /** The topic of each of {@code groups} groups; {@code subscribe} has no {@link #problem}. */
  static List<String> of(String topic, String subscribe, int groups) {
    List<String> entries = entries(subscribe);
    List<String> result = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      String t = g < entries.size() ? entries.get(g) : "";
      result.add(t.isEmpty() ? topic : t);
    }
    return List.copyOf(result);
  }

  /** The trimmed comma-separated entries; none for a blank list. */
  private static List<String> entries(String subscribe) {
    if (subscribe.isBlank()) {
      return List.of();
    }
    List<String> entries = new ArrayList<>();
    for (String s : subscribe.split(",", -1)) {
      entries.add(s.strip());
    }
    return entries;
  }
}
