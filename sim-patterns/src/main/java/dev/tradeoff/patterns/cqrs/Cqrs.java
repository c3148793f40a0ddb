package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.log.LogBackbone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code cqrs}: command and query responsibility segregation on the partitioned log. Services
 * ({@link ServiceNode}) validate and commit commands to their own databases and announce each
 * change as an event — through a transactional outbox and its relay, or by a dual write (database
 * first, or log first); the log ({@link LogBackbone}: brokers, controller, producer, consumer group
 * protocol, exactly the {@code log} pattern's) carries the events, keyed by aggregate or by event
 * id; a consumer group of projectors ({@link Projector}) applies them to a read model ({@link
 * ReadModelNode}), idempotently or not; queries read the read model, optionally waiting for the
 * client's own version or reading the write model ({@link CqrsDriver}).
 *
 * <p>Nodes: brokers {@code <name>-broker-<i>}, the controller {@code <name>-controller}, projectors
 * {@code <name>-projector-<i>}, services {@code <name>-service-<i>}, the read model {@code
 * <name>-readmodel}. Series and checkers: {@link CqrsSystem}.
 */
public final class Cqrs implements PatternSpec {
  /** The pattern, for the catalog. */
  public Cqrs() {}

  @Override
  public String name() {
    return "cqrs";
  }

  @Override
  public String description() {
    return "services commit commands and publish events (outbox or dual write) to a log; "
        + "projectors build a read model that serves queries";
  }

  @Override
  public List<Param> params() {
    List<Param> params = new ArrayList<>();
    params.add(Param.string("name", "cqrs", "node name prefix: <name>-service-<i> …"));
    params.add(Param.string("zone", "dc1", "the nodes' zone"));
    params.add(
        Param.integer("services", 2, 1, 1_000, "services; aggregate k is service k mod n's"));
    params.add(Param.integer("workers", 2, 1, 10_000, "CPU servers per service"));
    params.add(Param.integer("queue", 100_000, 0, 100_000_000, "CPU queue per service"));
    params.add(Param.distribution("service", "exp(0.2ms)", "service CPU per command or read"));
    params.add(
        Param.choice(
            "publish",
            List.of("outbox", "dual-write", "dual-write-log-first"),
            "how a committed change becomes an event"));
    params.add(
        Param.choice(
            "relay",
            List.of("polling", "tailing"),
            "outbox relay: poll the table, or tail the database's log"));
    params.add(
        Param.duration("relayInterval", "50ms", 1_000, "relay's poll (or tailing mark) period"));
    params.add(Param.integer("relayBatch", 100, 1, 1_000_000, "most rows one relay poll sends"));
    params.add(Param.duration("linger", "5ms", 0, "dual write: time in the send buffer"));
    params.add(
        Param.choice(
            "partitionKey", List.of("aggregate", "event"), "what a record is partitioned by"));
    params.add(Param.integer("projectors", 2, 1, 10_000, "members of the projector group"));
    params.add(
        Param.choice(
            "consumer",
            List.of("idempotent", "naive"),
            "whether the read model skips events it already applied"));
    params.add(
        Param.choice(
            "apply",
            List.of("overwrite", "version-guard"),
            "whether an event older than the row is absorbed without effect"));
    params.add(
        Param.duration("applyTimeout", "200ms", 1_000_000, "projector's wait for the read model"));
    params.add(Param.integer("readModelWorkers", 2, 1, 10_000, "CPU servers of the read model"));
    params.add(
        Param.distribution("readModelService", "exp(0.1ms)", "read model CPU per transaction"));
    params.add(
        Param.choice(
            "readYourWrites",
            List.of("none", "wait-for-version", "write-model"),
            "how a client's reads see its own commands"));
    params.add(Param.duration("waitTimeout", "1s", 1_000_000, "wait-for-version: longest hold"));
    params.add(
        Param.duration("ownWritesWindow", "5s", 0, "write-model: how long own keys read there"));
    params.add(
        Param.duration(
            "settle", "2s", 0, "changes committed this close to the end are pending, not judged"));
    params.add(
        Param.optionalSystem(
            "database", "a store holding the services' tables; none: each service's disk"));
    params.add(
        Param.duration(
            "databaseTimeout", "1s", 1_000_000, "with a database: a service's wait for an answer"));
    params.add(
        Param.integer(
            "aggregates",
            1_000,
            1,
            10_000_000,
            "with a database: aggregates 0 … n-1 a restarted relay scans for unpublished rows"));
    params.addAll(LogBackbone.params());
    return params;
  }

  @Override
  public String[] validate(Config c) {
    if (c.string("name").isEmpty()) {
      return new String[] {
        "name", "must not be empty: node names are <name>-service-<i>, <name>-readmodel …"
      };
    }
    if (c.hasBackend("database")
        && !c.backend("database").spec().name().equals("leader-follower")) {
      return new String[] {
        "database",
        "only a leader-follower group can hold the services' tables (the event checkers judge"
            + " against what its final leader holds)"
      };
    }
    if (c.hasBackend("database") && c.string("publish").equals("dual-write-log-first")) {
      return new String[] {
        "publish", "dual-write-log-first keeps the tables on the service's disk: drop the database"
      };
    }
    return LogBackbone.validate(c);
  }

  @Override
  public Store build(Config c) {
    Settings settings = settings(c);
    LogBackbone log =
        LogBackbone.of(
            c,
            settings.name(),
            settings.zone(),
            "projector",
            settings.projectors(),
            i -> new Projector(settings));
    return new CqrsSystem(settings, log);
  }

  static Settings settings(Config c) {
    return new Settings(
        c.string("name"),
        c.string("zone"),
        (int) c.integer("services"),
        (int) c.integer("workers"),
        (int) c.integer("queue"),
        c.distribution("service"),
        choice(Settings.Publish.class, c.string("publish")),
        choice(Settings.Relay.class, c.string("relay")),
        c.nanos("relayInterval"),
        (int) c.integer("relayBatch"),
        c.nanos("linger"),
        choice(Settings.PartitionKey.class, c.string("partitionKey")),
        (int) c.integer("projectors"),
        choice(Settings.ConsumerMode.class, c.string("consumer")),
        choice(Settings.ApplyMode.class, c.string("apply")),
        c.nanos("applyTimeout"),
        (int) c.integer("readModelWorkers"),
        c.distribution("readModelService"),
        choice(Settings.ReadYourWrites.class, c.string("readYourWrites")),
        c.nanos("waitTimeout"),
        c.nanos("ownWritesWindow"),
        c.nanos("settle"),
        c.hasBackend("database") ? c.backend("database").build("") : null,
        c.nanos("databaseTimeout"),
        (int) c.integer("aggregates"));
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String word) {
    return Enum.valueOf(type, word.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
