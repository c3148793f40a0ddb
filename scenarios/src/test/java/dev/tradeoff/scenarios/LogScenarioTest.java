package dev.tradeoff.scenarios;

import static dev.tradeoff.scenarios.CachingScenarioTest.holdOnSeedsOneToTen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Verdict;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The messaging catalog scenarios keep the word their observe texts give about variants. */
class LogScenarioTest {
  private static CheckResult check(String name, String checker, String... sets) {
    Scenario s = ScenarioReader.read(name, ScenarioCatalog.text(name).orElseThrow(), List.of(sets));
    return ScenarioRunner.run(s, "test", "test").report().checks().stream()
        .filter(c -> c.checker().equals(checker))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void acksOneMayBeWrittenAsTheNumberAKafkaUserTypes() {
    String name = "messaging/acks-one-loses-tail";
    for (String set : List.of("system.acks=1", "system.acks=\"1\"")) {
      Scenario s =
          ScenarioReader.read(name, ScenarioCatalog.text(name).orElseThrow(), List.of(set));
      assertTrue(s.json().contains("\"acks\": \"1\""), s.json());
    }
    ScenarioException bad =
        org.junit.jupiter.api.Assertions.assertThrows(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    name, ScenarioCatalog.text(name).orElseThrow(), List.of("system.acks=2")));
    assertTrue(bad.getMessage().contains("must be one of all, 1, got \"2\""), bad.getMessage());
  }

  @Test
  void acksAllLosesNoAcknowledgedWriteAndIdempotenceDropsTheRepeats() throws IOException {
    String name = "messaging/acks-one-loses-tail";
    holdOnSeedsOneToTen(
        name,
        List.of("system.acks=all"),
        "violations(lost-events) == 0",
        "violations(duplicate-deliveries) == 0",
        "max(log/duplicates-dropped) > 0");
    holdOnSeedsOneToTen(
        name,
        List.of("system.acks=all", "system.idempotent=false"),
        "violations(lost-events) == 0",
        "violations(duplicate-deliveries) > 0");
  }

  @Test
  void theAcksOneLossIsOfRecordsAbsentFromTheLogNeverOfSkippedOnes() {
    for (long seed = 1; seed <= 3; seed++) {
      CheckResult lost = check("messaging/acks-one-loses-tail", "lost-events", "seed=" + seed);
      assertEquals(Verdict.INVALID, lost.verdict());
      assertTrue(lost.detail().contains(" 0 skipped by the group"), lost.detail());
      assertTrue(lost.witnesses().get(0).contains("log-broker-0"), lost.toString());
      // log-broker-1 took over both partitions log-broker-0 led.
      assertTrue(lost.detail().contains("events-0 on log-broker-1"), lost.detail());
      assertTrue(lost.detail().contains("events-3 on log-broker-1"), lost.detail());
    }
  }

  @Test
  void atMostOnceHandlesNothingTwiceAndLosesWhatTheCrashCaughtCommittedButUnhandled()
      throws IOException {
    String name = "messaging/consumer-rebalance";
    holdOnSeedsOneToTen(
        name,
        List.of("system.commit=at-most-once"),
        "violations(duplicate-deliveries) == 0",
        "violations(order) == 0");
    int losing = 0;
    for (long seed = 1; seed <= 10; seed++) {
      CheckResult lost = check(name, "lost-events", "seed=" + seed, "system.commit=at-most-once");
      if (lost.verdict() == Verdict.INVALID) {
        losing++;
        for (String w : lost.witnesses()) {
          assertTrue(w.contains("without handling it"), w);
        }
      }
    }
    assertTrue(losing > 0, "at-most-once lost nothing on seeds 1..10");
  }

  @Test
  void aDeadLetterGroupReceivesEveryDeadLetterThroughTheMainGroupsCrash() throws IOException {
    holdOnSeedsOneToTen(
        "messaging/consumer-rebalance",
        List.of("system.groups=2", "system.subscribe=\"events, events.dlq\"", "system.poison=0.05"),
        "violations(lost-events) == 0",
        "max(log/dead-letters) > 0",
        "max(consumer-lag/g1-events.dlq-0) >= 0");
    CheckResult lost =
        check(
            "messaging/consumer-rebalance",
            "lost-events",
            "system.groups=2",
            "system.subscribe=\"events, events.dlq\"",
            "system.poison=0.05");
    assertTrue(lost.detail().contains(" dead letters: 0 absent"), lost.detail());
  }

  @Test
  void anUnknownTopicInSubscribeIsBadInputNamingTheTopics() {
    String name = "messaging/consumer-rebalance";
    ScenarioException bad =
        org.junit.jupiter.api.Assertions.assertThrows(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    name,
                    ScenarioCatalog.text(name).orElseThrow(),
                    List.of("system.subscribe=orders")));
    assertTrue(
        bad.getMessage()
            .contains(
                "system.subscribe: unknown topic \"orders\"; the topics are events, events.dlq"),
        bad.getMessage());
  }
}
