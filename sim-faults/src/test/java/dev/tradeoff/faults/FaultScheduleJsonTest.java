package dev.tradeoff.faults;

import static dev.tradeoff.faults.World.MS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.json.Json;
import dev.tradeoff.core.kernel.PartitionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Fault schedules to and from JSON: exact round trips, the golden format, strict errors, replay.
 */
class FaultScheduleJsonTest {
  private static final long S = 1_000_000_000L;

  /** Names that need escaping or are not ASCII: quotes, backslashes, controls, non-BMP, lone. */
  private static final String QUOTE = "n\"1";

  private static final String BACKSLASH = "back\\slash\\";
  private static final String UNICODE = "zürich-日本-😀";
  private static final String CONTROL = "tab\there\nnew\u0001line/";
  private static final String LONE_SURROGATE = "x\uDC00y\uD800";

  /** One event of every fault record, with awkward but valid values. */
  private static FaultSchedule everyFault() {
    long max = Long.MAX_VALUE;
    return FaultSchedule.builder()
        .at(0, new NodeFault.Crash(QUOTE, false))
        .at(1, max - 1, Fault.crash(BACKSLASH))
        .at(max, new NodeFault.Restart(UNICODE))
        .at(3, 1, new NodeFault.Pause(CONTROL))
        .at(4, new NetworkFault.Isolate(LONE_SURROGATE, PartitionMode.HOLD))
        .at(
            5,
            7 * S,
            new NetworkFault.Partition(
                List.of(Set.of("c", "a"), Set.of(QUOTE), Set.of(UNICODE, BACKSLASH)),
                PartitionMode.DROP))
        .at(
            6,
            new NetworkFault.OneWayPartition(Set.of("b", "a"), Set.of(CONTROL), PartitionMode.HOLD))
        .at(7, 1, new NetworkFault.Bridge(Set.of("a"), "b", Set.of("d", "c"), PartitionMode.DROP))
        .at(8, new NetworkFault.Heal())
        .at(9, 2, new NetworkFault.ClogLink(QUOTE, UNICODE))
        .at(10, new NetworkFault.ClogNode(BACKSLASH))
        .at(11, new NetworkFault.UnclogLink(UNICODE, QUOTE))
        .at(12, new NetworkFault.UnclogNode(BACKSLASH))
        .at(13, S, new NetworkFault.PacketLoss(0.1))
        .at(13, new NetworkFault.PacketLoss(Double.MIN_VALUE))
        .at(14, new NetworkFault.Duplication(1e-9))
        .at(14, 1, new NetworkFault.Duplication(1.0))
        .at(15, new NetworkFault.LatencySpike("east", "we\"st", Double.MAX_VALUE, max))
        .at(15, 3, new NetworkFault.LatencySpike(UNICODE, UNICODE, 1.0 / 3, 0))
        .at(16, new ClockFault.ClockSkew("n1", Long.MIN_VALUE + 1))
        .at(16, 5, new ClockFault.ClockSkew("n1", max))
        .at(17, new ClockFault.ClockDrift("n1", -0.0))
        .at(17, 9, new ClockFault.ClockDrift("n1", -0.9999999999999999))
        .at(18, new ClockFault.ClockJump("n1", Long.MIN_VALUE))
        .at(19, max - 19, new NodeFault.SlowNode(QUOTE, 4.9e-300))
        .at(20, new NodeFault.ZoneOutage(UNICODE))
        .at(21, new NodeFault.CacheFlush(CONTROL))
        .at(
            22,
            4,
            new NetworkFault.ZonePartition(
                List.of(Set.of("east", UNICODE), Set.of(QUOTE)), PartitionMode.HOLD))
        .build();
  }

  @Test
  void everyFaultTypeRoundTripsExactlyAndReserialisesToTheSameText() {
    FaultSchedule schedule = everyFault();
    String json = schedule.toJson();
    FaultSchedule parsed = FaultSchedule.fromJson(json);
    assertEquals(schedule, parsed);
    assertEquals(json, parsed.toJson());
    // Sign of zero and the last bit of each double survive (records compare doubles bitwise).
    assertEquals(schedule.toString(), parsed.toString());
  }

  @Test
  void theRoundTripCoversEveryFaultRecordAndEveryTypeName() {
    Set<String> recordsInSchedule = new TreeSet<>();
    for (FaultEvent event : everyFault().events()) {
      recordsInSchedule.add(event.fault().getClass().getName());
    }
    Set<String> permitted = new TreeSet<>();
    for (Class<?> family : Fault.class.getPermittedSubclasses()) {
      for (Class<?> record : family.getPermittedSubclasses()) {
        permitted.add(record.getName());
        assertEquals(true, FaultScheduleJson.TYPES.containsKey(record), record + " has a type");
      }
    }
    assertEquals(permitted, recordsInSchedule);
    assertEquals(
        new TreeSet<>(
            List.of(
                "crash",
                "restart",
                "pause",
                "isolate",
                "partition",
                "one-way-partition",
                "bridge",
                "heal",
                "clog-link",
                "clog-node",
                "unclog-link",
                "unclog-node",
                "loss",
                "duplicate",
                "latency-spike",
                "clock-skew",
                "clock-drift",
                "clock-jump",
                "slow-node",
                "zone-outage",
                "cache-flush",
                "zone-partition")),
        new TreeSet<>(FaultScheduleJson.TYPES.values()));
  }

  @Test
  void aSmallScheduleIsWrittenExactlyAsTheGoldenText() {
    FaultSchedule schedule =
        FaultSchedule.builder()
            .at(5 * S, Fault.crash("n2"))
            .at(1_200 * MS, 300 * MS, Fault.partition(Set.of("n1"), Set.of("n3", "n2")))
            .at(6 * S, S, Fault.loss(0.1))
            .at(7 * S, new ClockFault.ClockDrift("n\"3", 1e-9))
            .build();
    String golden =
        "{\n"
            + "  \"schema\": \"tradeoff.faults/1\",\n"
            + "  \"events\": [\n"
            + "    {\"atNanos\": 1200000000, \"durationNanos\": 300000000, \"fault\": {\"kind\":"
            + " \"partition\", \"type\": \"partition\", \"sides\": [[\"n1\"], [\"n2\", \"n3\"]],"
            + " \"mode\": \"DROP\"}},\n"
            + "    {\"atNanos\": 5000000000, \"durationNanos\": 0, \"fault\": {\"kind\": \"crash\","
            + " \"type\": \"crash\", \"node\": \"n2\", \"loseUnsyncedWrites\": true}},\n"
            + "    {\"atNanos\": 6000000000, \"durationNanos\": 1000000000, \"fault\": {\"kind\":"
            + " \"loss\", \"type\": \"loss\", \"rate\": 0.1}},\n"
            + "    {\"atNanos\": 7000000000, \"durationNanos\": 0, \"fault\": {\"kind\":"
            + " \"clock-drift\", \"type\": \"clock-drift\", \"node\": \"n\\\"3\", \"drift\":"
            + " 1.0E-9}}\n"
            + "  ]\n"
            + "}\n";
    assertEquals(golden, schedule.toJson());
    assertEquals(schedule, FaultSchedule.fromJson(golden));
    assertEquals(
        "{\n  \"schema\": \"tradeoff.faults/1\",\n  \"events\": []\n}\n",
        FaultSchedule.empty().toJson());
    assertEquals(FaultSchedule.empty(), FaultSchedule.fromJson(FaultSchedule.empty().toJson()));
    // Escapes: quote and backslash, controls, lone surrogates; everything else as it is.
    assertEquals(
        "\"q\\\"b\\\\n\\n\\t\\u0001\\u001f\\ud800x\\udc00/ü😀\"",
        Json.quote("q\"b\\n\n\t\u0001\u001f\ud800x\udc00/ü😀"));
  }

  @Test
  void handWrittenJsonMayOrderFieldsAndEventsFreelyAndUseAnyValidSpelling() {
    String json =
        "{\"events\":[\r\n"
            + " {\"fault\":{\"rate\":5E-1,\"type\":\"loss\",\"kind\":\"loss\"},"
            + "\"durationNanos\":0,\"atNanos\":2000},\n"
            + " {\"atNanos\":1000,\"durationNanos\":0,\"fault\":{\"type\":\"restart\","
            + "\"kind\":\"restart\",\"node\":\"\\u006e\\/1\"}}\n"
            + "],\"schema\":\"tradeoff.faults/1\"}";
    assertEquals(
        FaultSchedule.builder()
            .at(1000, new NodeFault.Restart("n/1"))
            .at(2000, Fault.loss(0.5))
            .build(),
        FaultSchedule.fromJson(json));
  }

  @Test
  void malformedInputIsRejectedWithThePathAndLineColumn() {
    // One valid event to mutate: line 2 holds the event, so columns point into it.
    String head = "{\"schema\": \"tradeoff.faults/1\", \"events\": [\n";
    String tail = "\n]}";
    Errors errors = new Errors();

    errors.expect(
        "events[0].fault.rate: expected a number, got \"x\" (at 2:96)",
        head + event("{\"kind\": \"loss\", \"type\": \"loss\", \"rate\": \"x\"}") + tail);
    errors.expect(
        "events[0].fault: unknown field \"nod\" (at 2:104)",
        head
            + event("{\"kind\": \"crash\", \"type\": \"crash\", \"node\": \"n1\", \"nod\": 1}")
            + tail);
    errors.expect(
        "events[0].fault: missing field \"loseUnsyncedWrites\" (at 2:55)",
        head + event("{\"kind\": \"crash\", \"type\": \"crash\", \"node\": \"n1\"}") + tail);
    errors.expect(
        "events[0].fault.type: unknown fault type \"explode\"; known: bridge, cache-flush,"
            + " clock-drift, clock-jump, clock-skew, clog-link, clog-node, crash, duplicate,"
            + " heal, isolate, latency-spike, loss, one-way-partition, partition, pause,"
            + " restart, slow-node, unclog-link, unclog-node, zone-outage, zone-partition (at 2:81)",
        head + event("{\"kind\": \"crash\", \"type\": \"explode\"}") + tail);
    errors.expect(
        "events[0].fault.kind: expected \"partition\" for type \"isolate\", got \"crash\" (at 2:64)",
        head
            + event(
                "{\"kind\": \"crash\", \"type\": \"isolate\", \"node\": \"n1\", \"mode\": \"DROP\"}")
            + tail);
    errors.expect(
        "events[0].fault.mode: expected \"DROP\" or \"HOLD\", got \"drop\" (at 2:118)",
        head
            + event(
                "{\"kind\": \"partition\", \"type\": \"isolate\", \"node\": \"n1\", \"mode\": \"drop\"}")
            + tail);
    errors.expect(
        "events[0].fault: loss: rate must be in [0, 1], got 1.5 (at 2:55)",
        head + event("{\"kind\": \"loss\", \"type\": \"loss\", \"rate\": 1.5}") + tail);
    errors.expect(
        "events[0].fault: partition: side 1 must be a non-empty name, got \" \" (at 2:55)",
        head
            + event(
                "{\"kind\": \"partition\", \"type\": \"partition\", \"sides\": [[\"a\"], [\" \"]],"
                    + " \"mode\": \"DROP\"}")
            + tail);
    errors.expect(
        "events[0].fault.from[1]: duplicate name \"a\" (at 2:120)",
        head
            + event(
                "{\"kind\": \"partition\", \"type\": \"one-way-partition\", \"from\": [\"a\", \"a\"],"
                    + " \"to\": [\"b\"], \"mode\": \"DROP\"}")
            + tail);
    errors.expect(
        "events[0]: fault event: restart is instantaneous, so durationNanos must be 0, got 7ns"
            + " (restart n1) (at 2:5)",
        head
            + "    {\"atNanos\": 0, \"durationNanos\": 7, \"fault\": {\"kind\": \"restart\", \"type\":"
            + " \"restart\", \"node\": \"n1\"}}"
            + tail);
    errors.expect(
        "events[0].atNanos: expected an integer, got 1.5E9 (at 2:17)",
        head
            + "    {\"atNanos\": 1.5E9, \"durationNanos\": 0, \"fault\": {\"kind\": \"heal\", \"type\":"
            + " \"heal\"}}"
            + tail);
    errors.expect(
        "events[0].durationNanos: integer out of range of a 64-bit long: 9223372036854775808"
            + " (at 2:37)",
        head
            + "    {\"atNanos\": 0, \"durationNanos\": 9223372036854775808, \"fault\": {\"kind\":"
            + " \"heal\", \"type\": \"heal\"}}"
            + tail);
    errors.expect(
        "events[0].fault: duplicate field \"type\" (at 2:88)",
        head + event("{\"kind\": \"heal\", \"type\": \"heal\", \"type\": \"heal\"}") + tail);
    errors.expect(
        "$: unexpected 'x' after the end of the document (at 3:3)",
        head + event("{\"kind\": \"heal\", \"type\": \"heal\"}") + tail + "x");
    errors.expect(
        "events: expected ',' or ']', got '}' (at 2:88)",
        head + event("{\"kind\": \"heal\", \"type\": \"heal\"}") + "}}");
    errors.expect(
        "schema: unsupported schema \"tradeoff.faults/2\", expected \"tradeoff.faults/1\" (at 1:12)",
        "{\"schema\": \"tradeoff.faults/2\", \"events\": []}");
    errors.expect(
        "$: unknown field \"extra\" (at 1:47)",
        "{\"schema\": \"tradeoff.faults/1\", \"events\": [], \"extra\": 0}");
    errors.expect("$: missing field \"schema\" (at 1:1)", "{\"events\": []}");
    errors.expect(
        "events: expected an array, got null (at 1:43)",
        "{\"schema\": \"tradeoff.faults/1\", \"events\": null}");
    errors.expect("$: expected a value, got end of input (at 1:1)", "");
    errors.expect("$: expected an object, got an array (at 1:2)", " []");
    errors.expect("schema: invalid escape '\\x' (at 1:16)", "{\"schema\": \"abc\\x\"}");
    errors.expect("schema: unterminated string (at 2:11)", "{\n\"schema\": \"abc");
    errors.expect(
        "schema: unescaped control character U+000A in a string (at 1:16)",
        "{\"schema\": \"abc\n\"}");
    errors.expect(
        "events[0]: invalid number: leading zero (at 1:44)",
        "{\"schema\": \"tradeoff.faults/1\", \"events\": [01]}");
    errors.expect(
        "events[0].fault.node: expected a string, got an object (at 2:98)",
        head + event("{\"kind\": \"crash\", \"type\": \"crash\", \"node\": {}}") + tail);
    errors.check();
  }

  @Test
  void columnsCountCodePointsAndEveryKindOfLineBreakEndsALine() {
    expectError("$: unexpected 'x' after the end of the document (at 4:5)", "\r\r\n\n\"😀\" x");
  }

  @Test
  void nestingIsBounded() {
    String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FaultSchedule.fromJson(deep));
    assertEquals(
        "$" + "[0]".repeat(Json.MAX_DEPTH) + ": nested deeper than 32 levels (at 1:33)",
        e.getMessage());
  }

  @Test
  void aParsedScheduleReplaysTheSameRun() {
    FaultSchedule schedule =
        FaultSchedule.builder()
            .at(50 * MS, 100 * MS, Fault.partition(Set.of("n1"), Set.of("n2", "n3")))
            .at(120 * MS, 200 * MS, new NodeFault.Crash("n2", false))
            .at(130 * MS, 50 * MS, Fault.loss(0.3))
            .at(200 * MS, 40 * MS, new NetworkFault.ClogLink("n3", "n1"))
            .at(210 * MS, 30 * MS, Fault.pause("n1"))
            .at(250 * MS, 100 * MS, new ClockFault.ClockSkew("n3", 7 * MS + 3))
            .at(260 * MS, 80 * MS, new NetworkFault.Duplication(0.25))
            .at(300 * MS, 100 * MS, new NetworkFault.LatencySpike("east", "west", 2.5, 3 * MS))
            .at(400 * MS, new NodeFault.CacheFlush("n3"))
            .at(450 * MS, 50 * MS, new NodeFault.ZoneOutage("west"))
            .build();
    long seed = 42;
    World original = threeNodes(seed);
    schedule.install(original.sim);
    original.sim.runUntil(S);

    FaultSchedule parsed = FaultSchedule.fromJson(schedule.toJson());
    World replay = threeNodes(seed);
    parsed.install(replay.sim);
    replay.sim.runUntil(S);

    assertEquals(original.sim.traceHash(), replay.sim.traceHash(), original.msg("trace hash"));
    assertEquals(original.pings, replay.pings, original.msg("pings"));
    World faultless = threeNodes(seed);
    faultless.sim.runUntil(S);
    assertNotEquals(
        faultless.sim.traceHash(),
        original.sim.traceHash(),
        original.msg("faults changed the run"));
  }

  private static World threeNodes(long seed) {
    World w = new World(seed);
    w.add("n1", "east", "n2", "n3");
    w.add("n2", "east", "n1", "n3");
    w.add("n3", "west", "n1", "n2");
    return w;
  }

  /**
   * An event line at 1 ms, no duration, with the given fault object; the fault starts at column 55.
   */
  private static String event(String fault) {
    return "    {\"atNanos\": 1000000, \"durationNanos\": 0, \"fault\": " + fault + "}";
  }

  /** Collects expected errors and checks them all at once, so one run shows every mismatch. */
  private static final class Errors {
    private final List<Executable> checks = new ArrayList<>();

    void expect(String message, String json) {
      checks.add(() -> expectError(message, json));
    }

    void check() {
      assertAll(checks);
    }
  }

  private static void expectError(String message, String json) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FaultSchedule.fromJson(json), json);
    assertEquals(message, e.getMessage(), json);
  }
}
