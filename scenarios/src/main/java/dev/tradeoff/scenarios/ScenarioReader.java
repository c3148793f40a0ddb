package dev.tradeoff.scenarios;

import dev.tradeoff.core.check.HistoryCheckers;
import dev.tradeoff.core.json.Json;
import dev.tradeoff.core.json.JsonException;
import dev.tradeoff.core.random.Distribution;
import dev.tradeoff.core.workload.Arrivals;
import dev.tradeoff.core.workload.KeyDistribution;
import dev.tradeoff.core.workload.Workload;
import dev.tradeoff.faults.Fault;
import dev.tradeoff.faults.FaultEvent;
import dev.tradeoff.faults.FaultJson;
import dev.tradeoff.faults.NemesisConfig;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.scenarios.Scenario.Link;
import dev.tradeoff.scenarios.Scenario.NetworkSpec;
import dev.tradeoff.scenarios.Scenario.NodeLink;
import dev.tradeoff.scenarios.Scenario.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads scenario files (format: {@code docs/scenario-format.md}) strictly: unknown fields, missing
 * mandatory fields, values of the wrong type or out of range, and semantic mistakes (a fault naming
 * a node that does not exist, a zone pair with no latency model, an expectation about a checker the
 * scenario does not run) are all {@link ScenarioException}s of one line naming the file, line,
 * column and field path. Overrides ({@code --set path=value}) are applied to the parsed document
 * before it is read, so they are checked by the same rules.
 */
public final class ScenarioReader {
  /** Checker names a scenario may list. */
  public static final List<String> CHECKERS = HistoryCheckers.names();

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_/-]{0,79}");

  /** The fields of the top-level object, in canonical order. */
  public static final List<String> TOP =
      List.of(
          "name",
          "description",
          "observe",
          "seed",
          "duration",
          "drain",
          "warmup",
          "interval",
          "network",
          "system",
          "workload",
          "faults",
          "checkers",
          "expectations",
          "pricePerNodeHour");

  private ScenarioReader() {}

  /**
   * Reads the scenario in {@code text}, named {@code source} in messages, with {@code overrides}
   * ({@code path=value}) applied.
   */
  public static Scenario read(String source, String text, List<String> overrides) {
    return read(source, text, overrides, DEFAULT_MAX_OPERATIONS);
  }

  /**
   * The most operations a scenario may be expected to start (see {@link
   * Arrivals#expectedOperations}) unless the caller allows more: about the most a default JVM heap
   * holds with its history (a run costs a few hundred bytes per operation).
   */
  public static final long DEFAULT_MAX_OPERATIONS = 20_000_000;

  /**
   * As {@link #read(String, String, List)}, refusing a scenario expected to start more than {@code
   * maxOperations} operations, at its arrivals field.
   */
  public static Scenario read(
      String source, String text, List<String> overrides, long maxOperations) {
    List<Overrides.Override> parsed = Overrides.parse(overrides);
    try {
      Json.Cursor root = Overrides.apply(Json.parse(text), text, parsed);
      return read(root, maxOperations);
    } catch (JsonException e) {
      Overrides.Override culprit = Overrides.covering(parsed, e.path());
      if (culprit == null && e.line() == 0) {
        culprit = Overrides.within(parsed, e.path()); // a value no file position describes
      }
      if (culprit != null) {
        throw new ScenarioException(culprit.source() + ": " + e.path() + ": " + e.problem());
      }
      throw new ScenarioException(e.inFile(source));
    }
  }

  private static Scenario read(Json.Cursor root, long maxOperations) {
    requireEncodable(root);
    Section top = new Section(root, TOP);
    String name = top.string("name");
    if (!NAME.matcher(name).matches()) {
      throw top.field("name")
          .fail("must be lower-case letters, digits, '-', '_' and '/', got \"" + name + "\"");
    }
    String description = top.string("description");
    String observe = top.string("observe");
    long seed = top.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    long duration = top.duration("duration", null, 1);
    long drain = top.duration("drain", "1s", 0);
    long warmup = top.duration("warmup", "0s", 0);
    if (warmup >= duration) {
      throw top.field("warmup")
          .fail("must be shorter than duration (" + Durations.format(duration) + ")");
    }
    long interval = top.duration("interval", "1s", 1_000_000);
    if (duration / interval > 100_000) {
      throw top.field("interval").fail("too fine for the duration: more than 100000 intervals");
    }
    Patterns.Read system = Patterns.read(top.field("system"), duration);
    Section workloadSection =
        new Section(
            top.field("workload"),
            List.of(
                "clients",
                "zone",
                "arrivals",
                "reads",
                "keys",
                "timeout",
                "queries",
                "finalReads"));
    WorkloadSpec workload = workload(workloadSection, system.store());
    if (workload.finalReadsNanos() >= duration) {
      throw workloadSection
          .field("finalReads")
          .fail("must be shorter than the duration (" + Durations.format(duration) + ")");
    }
    checkBudget(workloadSection.field("arrivals"), workload, duration, maxOperations);
    Section networkSection =
        Section.child(
            root, "network", List.of("latency", "links", "loss", "duplication", "nodeLinks"));
    NetworkSpec network = network(networkSection, system.store(), workload);
    Section faultsSection = Section.child(root, "faults", List.of("schedule", "nemesis"));
    List<FaultEvent> schedule = schedule(faultsSection, system.store(), workload, duration + drain);
    NemesisConfig nemesis = nemesis(faultsSection, system.store(), duration);
    List<String> checkers = checkers(top, system.store());
    List<Expectation> expectations = expectations(top, checkers);

    Json.ObjBuilder effective = new Json.ObjBuilder();
    Json.Obj head = top.effective();
    for (String field :
        List.of("name", "description", "observe", "seed", "duration", "drain", "warmup")) {
      effective.put(field, head.fields().get(field).value());
    }
    effective
        .put("interval", head.fields().get("interval").value())
        .put("network", networkSection.effective())
        .put("system", system.effective())
        .put("workload", workloadSection.effective())
        .put("faults", faultsSection.effective())
        .put("checkers", head.fields().get("checkers").value())
        .put("expectations", head.fields().get("expectations").value());
    if (top.has("pricePerNodeHour")) {
      top.number("pricePerNodeHour", 0, 0, 1e9);
      effective.put("pricePerNodeHour", top.field("pricePerNodeHour").value());
    }
    return new Scenario(
        name,
        description,
        observe,
        seed,
        duration,
        drain,
        interval,
        network,
        system.spec(),
        workload,
        schedule,
        nemesis,
        checkers,
        expectations,
        effective.build());
  }

  // Each variant takes only its own fields, so a field meant for another is an error, not ignored.
  private static final List<String> ALL_ARRIVAL_FIELDS =
      List.of(
          "type",
          "rate",
          "ratePerClient",
          "dailyActiveUsers",
          "actionsPerUserPerDay",
          "peakFactor",
          "factor",
          "period",
          "burst",
          "from",
          "to",
          "over",
          "think");
  // Ways to give a steady rate: a total, a rate per client, or daily users' actions at the peak.
  private static final List<String> RATE_FIELDS =
      List.of("rate", "ratePerClient", "dailyActiveUsers", "actionsPerUserPerDay", "peakFactor");
  private static final Map<String, List<String>> ARRIVAL_FIELDS =
      Map.of(
          "poisson", with("type", RATE_FIELDS),
          "constant", with("type", RATE_FIELDS),
          "bursts", with("type", RATE_FIELDS, "factor", "period", "burst"),
          "ramp", List.of("type", "from", "to", "over"),
          "closed", List.of("type", "think"));
  private static final List<String> ALL_KEY_FIELDS =
      List.of("type", "count", "exponent", "hotKeys", "hotOps", "share");
  private static final Map<String, List<String>> KEY_FIELDS =
      Map.of(
          "uniform", List.of("type", "count"),
          "zipf", List.of("type", "count", "exponent"),
          "hotspot", List.of("type", "count", "hotKeys", "hotOps"),
          "celebrity", List.of("type", "count", "share"));

  /**
   * A field that belongs to another variant (a {@code factor} on poisson arrivals) is an error at
   * that field naming the fields this variant takes; unknown types are left for the type check.
   */
  private static void onlyVariantFields(
      Json.Cursor object, String what, Map<String, List<String>> fieldsByType) {
    String type = typeOf(object);
    List<String> allowed = fieldsByType.get(type);
    if (allowed == null || !object.isObject()) {
      return;
    }
    for (String field : object.fieldNames()) {
      boolean elsewhere = fieldsByType.values().stream().anyMatch(l -> l.contains(field));
      if (!allowed.contains(field) && elsewhere) {
        throw object
            .field(field)
            .fail(
                "does not apply to "
                    + type
                    + " "
                    + what
                    + ", which take "
                    + String.join(", ", allowed));
      }
    }
  }

  /** The object's {@code type} string, {@code uniform} when absent, or "" when not a string. */
  private static String typeOf(Json.Cursor object) {
    if (!object.isObject() || !object.has("type")) {
      return "uniform";
    }
    Json.Cursor type = object.field("type");
    return type.isString() ? type.string() : "";
  }

  private static WorkloadSpec workload(Section w, Store system) {
    int clients = (int) w.integer("clients", 8, 1, 100_000);
    String zone = w.string("zone", "clients");
    Json.Cursor arrivalsCursor = w.field("arrivals");
    onlyVariantFields(arrivalsCursor, "arrivals", ARRIVAL_FIELDS);
    Section a =
        new Section(
            arrivalsCursor,
            ARRIVAL_FIELDS.getOrDefault(typeOf(arrivalsCursor), ALL_ARRIVAL_FIELDS));
    Arrivals arrivals = arrivals(a, clients);
    w.put("arrivals", a.effective());
    double reads = w.number("reads", 0.5, 0, 1);
    Json.Cursor keysAt = w.cursor().has("keys") ? w.cursor().field("keys") : null;
    if (keysAt != null) {
      onlyVariantFields(keysAt, "keys", KEY_FIELDS);
    }
    Section k =
        Section.child(
            w.cursor(),
            "keys",
            KEY_FIELDS.getOrDefault(keysAt == null ? "uniform" : typeOf(keysAt), ALL_KEY_FIELDS));
    KeyDistribution keys = keys(k);
    w.put("keys", k.effective());
    long timeout = timeout(w);
    Workload.Queries queries = queries(w, reads, keys);
    // absent stays absent in the effective scenario, so scenarios without it keep their hashes
    long finalReads = w.has("finalReads") ? w.duration("finalReads", null, 1) : 0;
    return new WorkloadSpec(clients, zone, arrivals, reads, keys, timeout, queries, finalReads);
  }

  /** Fan-out queries: {@code {"share": 0.1, "keys": 8}}; none when absent. */
  private static Workload.Queries queries(Section w, double reads, KeyDistribution keys) {
    if (!w.has("queries")) {
      return Workload.Queries.NONE;
    }
    Section q = new Section(w.field("queries"), List.of("share", "keys"));
    double share = q.number("share", 0.1, 0, reads);
    int count = (int) q.integer("keys", 8, 2, keys.keys());
    w.put("queries", q.effective());
    return new Workload.Queries(share, count);
  }

  private static long timeout(Section w) {
    if (w.has("timeout") && w.field("timeout").string().equals("none")) {
      w.put("timeout", Json.string("none"));
      return Long.MAX_VALUE;
    }
    return w.duration("timeout", "1s", 1);
  }

  private static List<String> with(String first, List<String> middle, String... rest) {
    List<String> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(middle);
    all.addAll(List.of(rest));
    return List.copyOf(all);
  }

  /** Seconds in a day, for daily active users' actions. */
  private static final double DAY_SECONDS = 86_400;

  /**
   * The total rate over every client, given one of three ways: {@code rate} (the total), {@code
   * ratePerClient} (times the clients), or {@code dailyActiveUsers} × {@code actionsPerUserPerDay}
   * / 86,400 s × {@code peakFactor} (default 1).
   */
  private static double totalRate(Section a, int clients) {
    boolean total = a.has("rate");
    boolean perClient = a.has("ratePerClient");
    boolean daily = a.has("dailyActiveUsers");
    if ((total ? 1 : 0) + (perClient ? 1 : 0) + (daily ? 1 : 0) != 1) {
      throw (total ? a.field("rate") : perClient ? a.field("ratePerClient") : a.field("type"))
          .fail(
              "give exactly one of rate (the total over every client), ratePerClient, or"
                  + " dailyActiveUsers with actionsPerUserPerDay");
    }
    if (!daily && (a.has("actionsPerUserPerDay") || a.has("peakFactor"))) {
      throw a.field(a.has("peakFactor") ? "peakFactor" : "actionsPerUserPerDay")
          .fail("goes with dailyActiveUsers");
    }
    if (total) {
      return a.rate("rate");
    }
    if (perClient) {
      return a.rate("ratePerClient") * clients;
    }
    double users = a.number("dailyActiveUsers", 0, 1, 1e12);
    if (!a.has("actionsPerUserPerDay")) {
      throw a.field("dailyActiveUsers").fail("needs actionsPerUserPerDay");
    }
    double actions = a.number("actionsPerUserPerDay", 0, 1e-6, 1e9);
    double peak = a.number("peakFactor", 1, 1, 1_000);
    return users * actions / DAY_SECONDS * peak;
  }

  /**
   * How the total rate of {@code arrivals} (an effective arrivals object) was derived, e.g. {@code
   * 1000000 daily active users x 20 actions/day / 86400 s x peak 3 = 694.444/s in total, 86.8056/s
   * per client}; empty when it was given as a total.
   */
  static String rateNote(Json.Obj arrivals, int clients) {
    java.util.Map<String, Json.Field> f = arrivals.fields();
    if (!f.containsKey("ratePerClient") && !f.containsKey("dailyActiveUsers")) {
      return "";
    }
    Section a = new Section(Json.cursor(arrivals, ""), ALL_ARRIVAL_FIELDS);
    double total = totalRate(a, clients);
    String how =
        f.containsKey("ratePerClient")
            ? f.get("ratePerClient").value() instanceof Json.Str r
                ? r.value() + " per client x " + clients + " clients"
                : ""
            : num(f, "dailyActiveUsers")
                + " daily active users x "
                + num(f, "actionsPerUserPerDay")
                + " actions/day / 86400 s x peak "
                + (f.containsKey("peakFactor") ? num(f, "peakFactor") : "1");
    return how
        + " = "
        + String.format(java.util.Locale.ROOT, "%.6g", total)
        + "/s in total, "
        + String.format(java.util.Locale.ROOT, "%.6g", total / clients)
        + "/s per client";
  }

  private static String num(java.util.Map<String, Json.Field> f, String name) {
    return f.get(name).value() instanceof Json.Num n ? n.text() : "?";
  }

  private static Arrivals arrivals(Section a, int clients) {
    Json.Cursor typeField = a.field("type");
    String type = a.string("type");
    return switch (type) {
      case "poisson" -> Arrivals.poisson(totalRate(a, clients));
      case "constant" -> Arrivals.constant(totalRate(a, clients));
      case "bursts" ->
          Arrivals.bursts(
              totalRate(a, clients),
              a.number("factor", 5, 1, 1_000),
              a.duration("period", "10s", 1),
              a.duration("burst", "1s", 1));
      case "ramp" -> Arrivals.ramp(a.rate("from"), a.rate("to"), a.duration("over", null, 1));
      case "closed" -> Arrivals.closedLoop(a.distribution("think", "exp(10ms)"));
      default ->
          throw typeField.fail(
              "unknown arrivals \"" + type + "\"; known: poisson, constant, bursts, ramp, closed");
    };
  }

  private static KeyDistribution keys(Section k) {
    String type = k.string("type", "uniform");
    int count = (int) k.integer("count", 1_000, 1, 100_000_000);
    try {
      return switch (type) {
        case "uniform" -> KeyDistribution.uniform(count);
        case "zipf" -> KeyDistribution.zipf(count, k.number("exponent", 0.99, 0, 10));
        case "hotspot" ->
            KeyDistribution.hotspot(
                count, k.number("hotKeys", 0.1, 0, 1), k.number("hotOps", 0.9, 0, 1));
        case "celebrity" -> KeyDistribution.celebrity(count, k.number("share", 0.5, 0, 1));
        default ->
            throw k.field("type")
                .fail(
                    "unknown key distribution \""
                        + type
                        + "\"; known: uniform, zipf, hotspot, celebrity");
      };
    } catch (JsonException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw k.cursor().fail(e.getMessage());
    }
  }

  private static NetworkSpec network(Section n, Store system, WorkloadSpec workload) {
    Distribution fallback = n.has("latency") ? n.distribution("latency", null) : null;
    Set<String> zones = new LinkedHashSet<>(system.zones());
    zones.add(workload.zone());
    List<Link> links = new ArrayList<>();
    List<Json.Value> linkValues = new ArrayList<>();
    Set<String> covered = new TreeSet<>();
    for (Json.Cursor item : n.items("links")) {
      Section l = new Section(item, List.of("zones", "latency"));
      List<Json.Cursor> pair = l.field("zones").items();
      if (pair.size() != 2) {
        throw l.field("zones").fail("expected two zone names, got " + pair.size());
      }
      String a = pair.get(0).string();
      String b = pair.get(1).string();
      for (Json.Cursor z : pair) {
        if (!zones.contains(z.string())) {
          throw z.fail("no zone \"" + z.string() + "\"; zones: " + String.join(", ", zones));
        }
      }
      l.put("zones", Json.strings(List.of(a, b)));
      links.add(new Link(a, b, l.distribution("latency", null)));
      covered.add(a + "\u0000" + b);
      covered.add(b + "\u0000" + a);
      linkValues.add(l.effective());
    }
    if (n.has("links")) {
      n.put("links", Json.array(linkValues));
    }
    if (fallback == null) {
      for (String a : zones) {
        for (String b : zones) {
          if (!a.equals(b) && !covered.contains(a + "\u0000" + b)) {
            throw n.cursor()
                .fail(
                    "zones \""
                        + a
                        + "\" and \""
                        + b
                        + "\" have no latency model: add a link or a default \"latency\"");
          }
        }
      }
    }
    double loss = n.number("loss", 0, 0, 1);
    double duplication = n.number("duplication", 0, 0, 1);
    return new NetworkSpec(
        fallback, links, loss, duplication, nodeLinks(n, system, workload.clients()));
  }

  /**
   * The directed node-to-node overrides: {@code {"from": A, "to": B}} and at least one of {@code
   * latency}, {@code loss} and {@code duplication}, each replacing, on {@code A → B} only, what the
   * zones and the global rates give.
   */
  private static List<NodeLink> nodeLinks(Section n, Store system, int clients) {
    List<NodeLink> links = new ArrayList<>();
    List<Json.Value> values = new ArrayList<>();
    for (Json.Cursor item : n.items("nodeLinks")) {
      Section l = new Section(item, List.of("from", "to", "latency", "loss", "duplication"));
      String from = node(l, "from", system, clients);
      String to = node(l, "to", system, clients);
      if (from.equals(to)) {
        throw l.field("to").fail("a link joins two nodes; \"" + to + "\" is both ends");
      }
      if (!l.has("latency") && !l.has("loss") && !l.has("duplication")) {
        throw item.fail("a node link needs \"latency\", \"loss\" or \"duplication\"");
      }
      links.add(
          new NodeLink(
              from,
              to,
              l.has("latency") ? l.distribution("latency", null) : null,
              l.has("loss") ? l.number("loss", 0, 0, 1) : Double.NaN,
              l.has("duplication") ? l.number("duplication", 0, 0, 1) : Double.NaN));
      values.add(l.effective());
    }
    if (n.has("nodeLinks")) {
      n.put("nodeLinks", Json.array(values));
    }
    return links;
  }

  /** The node named by {@code field} of {@code l}: one of the system's, or a client. */
  private static String node(Section l, String field, Store system, int clients) {
    String name = l.string(field);
    if (!system.nodes().contains(name) && !isClient(name, clients)) {
      throw l.field(field)
          .fail(
              "no node \""
                  + name
                  + "\" in the system or among the clients; nodes: "
                  + String.join(", ", system.nodes())
                  + "; clients: client-0 to client-"
                  + (clients - 1));
    }
    return name;
  }

  private static List<FaultEvent> schedule(
      Section f, Store system, WorkloadSpec workload, long endNanos) {
    List<FaultEvent> events = new ArrayList<>();
    List<Json.Value> values = new ArrayList<>();
    for (Json.Cursor item : f.items("schedule")) {
      Section e = new Section(item, List.of("at", "duration", "fault"));
      long at = e.duration("at", null, 0);
      long duration = e.duration("duration", "0s", 0);
      if (at >= endNanos) {
        throw e.field("at")
            .fail("is at or after the end of the run (" + Durations.format(endNanos) + ")");
      }
      Json.Cursor faultCursor = e.field("fault");
      Fault fault = FaultJson.read(faultCursor, c -> Section.durationNanos(c, c.string(), 0));
      checkNames(faultCursor, fault, system, workload);
      checkDuration(item, fault, duration);
      e.put("fault", FaultJson.write(fault, nanos -> Json.string(Durations.format(nanos))));
      try {
        events.add(new FaultEvent(at, duration, fault));
      } catch (IllegalArgumentException ex) {
        throw item.fail(ex.getMessage());
      }
      values.add(e.effective());
    }
    f.put("schedule", Json.array(values));
    return events;
  }

  private static void checkBudget(
      Json.Cursor arrivals, WorkloadSpec workload, long durationNanos, long maxOperations) {
    double expected = workload.arrivals().expectedOperations(workload.clients(), durationNanos);
    if (expected > maxOperations) {
      throw arrivals.fail(
          String.format(
              java.util.Locale.ROOT,
              "about %.3g operations in %s, beyond the budget of %,d (a run keeps every operation"
                  + " in memory); lower the rate or the duration, or raise the budget with"
                  + " --max-operations",
              expected,
              Durations.format(durationNanos),
              maxOperations));
    }
  }

  /**
   * Every string of the file must be writable as UTF-8, as reports are: one holding an unpaired
   * surrogate (a JSON escape such as {@code \\ud800} alone) is refused where it stands, before a
   * run that could not write its report.
   */
  private static void requireEncodable(Json.Cursor at) {
    if (at.isObject()) {
      for (String name : at.fieldNames()) {
        requireEncodable(at.field(name));
      }
    } else if (at.value() instanceof Json.Arr) {
      for (Json.Cursor item : at.items()) {
        requireEncodable(item);
      }
    } else if (at.isString()) {
      String text = at.string();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++; // a pair: one code point beyond the BMP
        } else if (Character.isSurrogate(c)) {
          throw at.fail(
              String.format(
                  java.util.Locale.ROOT,
                  "holds an unpaired surrogate (\\u%04x) at character %d, which no UTF-8 file can"
                      + " hold",
                  (int) c,
                  i));
        }
      }
    }
  }

  /** An instant fault takes no duration; one that must be undone needs one. */
  private static void checkDuration(Json.Cursor item, Fault fault, long durationNanos) {
    switch (fault.durationRule()) {
      case NONE -> {
        if (durationNanos != 0) {
          throw item.field("duration")
              .fail("a " + fault.kind() + " is instantaneous and takes no duration; remove it");
        }
      }
      case REQUIRED -> {
        if (durationNanos == 0) {
          throw (item.has("duration") ? item.field("duration") : item)
              .fail("a " + fault.kind() + " needs a duration > 0, such as \"duration\": \"2s\"");
        }
      }
      case OPTIONAL -> {}
    }
  }

  /**
   * A fault may only name nodes that exist — the system's, or the clients {@code client-0 …} (a
   * partition may split clients too) — and zones that exist.
   */
  private static void checkNames(Json.Cursor at, Fault fault, Store system, WorkloadSpec workload) {
    String clientZone = workload.zone();
    for (String node : fault.nodeNames()) {
      if (!system.nodes().contains(node) && !isClient(node, workload.clients())) {
        // At the "node" field when that is where the name is, else at the fault.
        Json.Cursor where =
            at.has("node") && at.field("node").isString() && at.field("node").string().equals(node)
                ? at.field("node")
                : at;
        throw where.fail(
            "no node \"" + node + "\" in the system; nodes: " + String.join(", ", system.nodes()));
      }
    }
    Set<String> zones = new LinkedHashSet<>(system.zones());
    zones.add(clientZone);
    for (String zone : fault.zoneNames()) {
      if (!zones.contains(zone)) {
        throw at.fail("no zone \"" + zone + "\"; zones: " + String.join(", ", zones));
      }
    }
  }

  private static boolean isClient(String node, int clients) {
    if (!node.startsWith("client-")) {
      return false;
    }
    String digits = node.substring("client-".length());
    return digits.matches("0|[1-9][0-9]{0,5}") && Integer.parseInt(digits) < clients;
  }

  private static NemesisConfig nemesis(Section f, Store system, long durationNanos) {
    if (!f.has("nemesis")) {
      return null;
    }
    Section n =
        new Section(
            f.field("nemesis"),
            List.of("kinds", "eventsPerSecond", "minDuration", "maxDuration", "maxDown", "quiet"));
    NemesisConfig.Builder b = NemesisConfig.builder(system.nodes(), durationNanos);
    try {
      if (n.has("kinds")) {
        List<String> kinds = new ArrayList<>();
        for (Json.Cursor k : n.field("kinds").items()) {
          kinds.add(k.string());
        }
        n.put("kinds", Json.strings(kinds));
        b.kinds(kinds);
      }
      double rate = n.number("eventsPerSecond", 0.2, 0.001, 1_000);
      b.eventsPerSecond(rate, rate);
      b.durationNanos(n.duration("minDuration", "1s", 1), n.duration("maxDuration", "5s", 1));
      // At most one node down by default, and none when the system has only one.
      long maxDown = Math.min(1, system.nodes().size() - 1);
      b.maxDown((int) n.integer("maxDown", maxDown, 0, 1_000));
      b.quietNanos(n.duration("quiet", "5s", 0));
      NemesisConfig config = b.build();
      f.put("nemesis", n.effective());
      return config;
    } catch (JsonException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw n.cursor().fail(e.getMessage());
    }
  }

  private static List<String> checkers(Section top, Store store) {
    List<String> known = new ArrayList<>(CHECKERS);
    store.checkerNames().stream().filter(n -> !known.contains(n)).forEach(known::add);
    List<String> names = new ArrayList<>();
    for (Json.Cursor c : top.items("checkers")) {
      String name = c.string();
      if (!known.contains(name)) {
        throw c.fail("unknown checker \"" + name + "\"; known: " + String.join(", ", known));
      }
      if (names.contains(name)) {
        throw c.fail("checker \"" + name + "\" listed twice");
      }
      names.add(name);
    }
    top.put("checkers", Json.strings(names));
    return names;
  }

  private static List<Expectation> expectations(Section top, List<String> checkers) {
    List<Expectation> expectations = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Json.Cursor c : top.items("expectations")) {
      Expectation e;
      try {
        e = Expectation.parse(c.string());
      } catch (JsonException ex) {
        throw ex;
      } catch (IllegalArgumentException ex) {
        throw c.fail(ex.getMessage());
      }
      if (e.aboutChecker() && !checkers.contains(e.argument())) {
        throw c.fail("\"" + e.argument() + "\" is not among the scenario's checkers " + checkers);
      }
      if (!e.aboutChecker() && !e.aboutSeries() && !Expectation.KINDS.contains(e.argument())) {
        throw c.fail(
            "unknown operation kind \""
                + e.argument()
                + "\"; known: read, write, query, or a series as group/name");
      }
      expectations.add(e);
      texts.add(e.text());
    }
    top.put("expectations", Json.strings(texts));
    return expectations;
  }
}
