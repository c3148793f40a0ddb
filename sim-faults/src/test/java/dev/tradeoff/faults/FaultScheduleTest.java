package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Events and schedules: validation, sorting, exact printing. */
class FaultScheduleTest {
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  @Test
  void eventsPrintTheirTimeExactlyAndTheirDurationCompactly() {
    assertEquals(
        "at 1.200s for 300ms: partition {n1} | {n2,n3}",
        new FaultEvent(1_200 * MS, 300 * MS, Fault.partition(Set.of("n1"), Set.of("n2", "n3")))
            .toString());
    assertEquals("at 5s: crash n2", new FaultEvent(5 * S, Fault.crash("n2")).toString());
    assertEquals("at 0s: heal", new FaultEvent(0, Fault.heal()).toString());
    assertEquals(
        "at 0.000001500s for 1.5us: pause n1",
        new FaultEvent(1_500, 1_500, Fault.pause("n1")).toString());
    assertEquals(
        "at 2.000000001s for 1.000000001s: loss 5%",
        new FaultEvent(2 * S + 1, S + 1, Fault.loss(0.05)).toString());
    assertEquals(
        "at 0.250s for 61s: crash n1",
        new FaultEvent(250 * MS, 61 * S, Fault.crash("n1")).toString());
  }

  @Test
  void durationsUseTheLargestUnitTheyReachWithOnlyTheDigitsNeeded() {
    assertEquals("0s", Text.duration(0));
    assertEquals("7ns", Text.duration(7));
    assertEquals("1us", Text.duration(US));
    assertEquals("999.999us", Text.duration(MS - 1));
    assertEquals("1ms", Text.duration(MS));
    assertEquals("300ms", Text.duration(300 * MS));
    assertEquals("1.2s", Text.duration(1_200 * MS));
    assertEquals("3600s", Text.duration(3_600 * S));
    assertEquals("-1.5s", Text.duration(-1_500 * MS));
    assertEquals("9223372036.854775807s", Text.duration(Long.MAX_VALUE));
    assertEquals("0.001s", Text.instant(MS));
    assertEquals("0.000000001s", Text.instant(1));
    assertEquals("12s", Text.instant(12 * S));
  }

  @Test
  void aScheduleSortsByTimeAndKeepsTheGivenOrderAtEqualTimes() {
    FaultEvent late = new FaultEvent(5 * S, Fault.crash("n2"));
    FaultEvent first = new FaultEvent(S, Fault.crash("n1"));
    FaultEvent tieA = new FaultEvent(2 * S, Fault.restart("n1"));
    FaultEvent tieB = new FaultEvent(2 * S, Fault.heal());
    FaultEvent tieC = new FaultEvent(2 * S, Fault.crash("n3"));
    FaultSchedule schedule = FaultSchedule.of(late, tieA, first, tieB, tieC);
    assertEquals(List.of(first, tieA, tieB, tieC, late), schedule.events());
    FaultSchedule reversedTies = FaultSchedule.of(late, tieC, first, tieB, tieA);
    assertEquals(List.of(first, tieC, tieB, tieA, late), reversedTies.events());
    assertThrows(UnsupportedOperationException.class, () -> schedule.events().add(first));
  }

  @Test
  void aSchedulePrintsOneLinePerEventInOrder() {
    FaultSchedule schedule =
        FaultSchedule.builder()
            .at(5 * S, Fault.crash("n2"))
            .at(1_200 * MS, 300 * MS, Fault.partition(Set.of("n1"), Set.of("n3", "n2")))
            .at(7 * S, 2 * S, new NodeFault.ZoneOutage("west"))
            .build();
    assertEquals(
        "at 1.200s for 300ms: partition {n1} | {n2,n3}\n"
            + "at 5s: crash n2\n"
            + "at 7s for 2s: zone-outage west",
        schedule.toString());
    assertEquals("", FaultSchedule.empty().toString());
    assertEquals(List.of("crash", "partition", "zone-outage"), List.copyOf(schedule.kinds()));
  }

  @Test
  void schedulesAreValuesEqualWhateverOrderTheirDistinctTimesWereGivenIn() {
    FaultEvent a = new FaultEvent(S, Fault.crash("n1"));
    FaultEvent b = new FaultEvent(2 * S, Fault.restart("n1"));
    assertEquals(FaultSchedule.of(a, b), FaultSchedule.of(b, a));
    assertEquals(FaultSchedule.of(a, b).hashCode(), FaultSchedule.of(b, a).hashCode());
  }

  @Test
  void eventsAreValidatedAgainstTheirFaultsDurationRule() {
    expect("fault event: atNanos must be >= 0, got -1 (crash n1)", -1, 0, Fault.crash("n1"));
    expect("fault event: durationNanos must be >= 0, got -1 (crash n1)", 0, -1, Fault.crash("n1"));
    expect("fault event: pause needs durationNanos > 0 (pause n1)", S, 0, Fault.pause("n1"));
    expect(
        "fault event: restart is instantaneous, so durationNanos must be 0, got 1s (restart n1)",
        S,
        S,
        Fault.restart("n1"));
    expect(
        "fault event: atNanos + durationNanos overflows (crash n1)",
        Long.MAX_VALUE - 10,
        100,
        Fault.crash("n1"));
    assertThrows(NullPointerException.class, () -> new FaultEvent(0, null));
    assertEquals(Long.MAX_VALUE, new FaultEvent(S, Fault.crash("n1")).endNanos());
    assertEquals(3 * S, new FaultEvent(S, 2 * S, Fault.crash("n1")).endNanos());
  }

  private static void expect(String message, long atNanos, long durationNanos, Fault fault) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new FaultEvent(atNanos, durationNanos, fault));
    assertEquals(message, e.getMessage());
  }
}
