package dev.tradeoff.patterns.replication;

import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.check.Convergence;
import dev.tradeoff.core.check.LostWrites;
import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.core.metrics.Growth;
import dev.tradeoff.core.workload.StoreClient;
import dev.tradeoff.patterns.Config;
import dev.tradeoff.patterns.NodeCpus;
import dev.tradeoff.patterns.Param;
import dev.tradeoff.patterns.PatternSpec;
import dev.tradeoff.patterns.PerNode;
import dev.tradeoff.patterns.Store;
import dev.tradeoff.patterns.StoreCheckers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code leader-follower}: one leader takes writes and ships its log to followers; reads are routed
 * by policy; optionally, failover elects a new leader when the leader goes quiet. See {@link
 * ReplicaNode} for the protocol and {@link LfDriver} for routing.
 *
 * <p>Series: {@code lag/<replica>} (how long ago the leader appended the oldest entry the replica
 * has not applied, ms), {@code lag-versions/<replica>} (entries behind the leader) and {@code
 * stale-reads/<name>} (reads answered per interval with a value other than the current leader's
 * applied value of the key at that instant: stale when answered, before any client saw it).
 * Checkers it offers: {@code lost-writes} (each acknowledged write missing from the final leader's
 * log), {@code split-brain} (overlapping leaders that both acknowledged writes; entries stored
 * under a stale term), {@code convergence} (every live replica's applied state equal at the end).
 */
public final class LeaderFollower implements PatternSpec {
  @Override
  public String name() {
    return "leader-follower";
  }

  @Override
  public String description() {
    return "a leader ships its log to followers; reads routed by policy; optional failover";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.string("name", "db", "node name prefix: replicas are <name>-0 (first leader) …"),
        Param.string("zone", "dc1", "the replicas' zone"),
        Param.integer("replicas", 3, 2, 15, "replicas, the leader included"),
        Param.integer("workers", 1, 1, 10_000, "CPU servers per replica"),
        Param.integer("queue", 100_000, 0, 100_000_000, "CPU queue per replica"),
        Param.distribution("service", "exp(0.5ms)", "service time of a client request"),
        Param.integerPerNode(
            "workerCounts",
            1,
            10_000,
            "CPU servers of named replicas instead of workers, e.g." + " \"db-2=1\"; empty none"),
        Param.distributionPerNode(
            "serviceTimes",
            "service times of named replicas instead of service (a slower machine), e.g."
                + " \"db-2=exp(2ms)\"; empty none"),
        Param.choice("mode", List.of("async", "semi-sync", "sync"), "when a write is acknowledged"),
        Param.integer("acks", 1, 1, 14, "followers that must hold a write first (semi-sync)"),
        Param.distribution("applyDelay", "exp(1ms)", "follower's delay from receipt to apply"),
        Param.distributionPerNode(
            "applyDelays",
            "apply delays of named replicas instead of applyDelay, e.g. \"db-2=200ms\" or"
                + " \"db-2=exp(200ms)\"; empty none"),
        Param.duration("applyCost", "50us", 0, "follower CPU time to apply one entry"),
        Param.duration("batch", "0s", 0, "how often the leader ships entries; 0 at once"),
        Param.integer("batchSize", 1_000, 1, 1_000_000, "most entries one append carries"),
        Param.choice(
            "reads",
            List.of("leader", "any", "lag-aware", "sticky", "session", "leader-after-write"),
            "where reads go"),
        Param.duration("maxLag", "100ms", 0, "the most reported lag a lag-aware read accepts"),
        Param.duration(
            "leaderWindow",
            "2s",
            0,
            "leader-after-write: how long after the session's last write its reads go to the leader"),
        Param.duration("monitor", "100ms", 0, "driver's status poll of every replica; 0 never"),
        Param.duration(
            "suspectAfter",
            "0s",
            0,
            "driver skips a replica that has left a request unanswered this long (and one that"
                + " missed the last status poll) until it answers a probe; 0 never"),
        Param.duration("heartbeat", "50ms", 1_000_000, "leader's heartbeat interval"),
        Param.bool("failover", false, "whether followers elect a new leader"),
        Param.duration("electionTimeout", "500ms", 1_000_000, "quiet time before standing"),
        Param.duration("lease", "0s", 0, "leader lease on its own clock; 0 none"),
        Param.bool("fencing", false, "terms as fencing tokens; majority commit and reads"));
  }

  @Override
  public String[] validate(Config c) {
    String[] unknown = unknownReplica(c);
    if (unknown != null) {
      return unknown;
    }
    if (c.integer("acks") > c.integer("replicas") - 1) {
      return new String[] {
        "acks",
        "must be at most replicas - 1 = "
            + (c.integer("replicas") - 1)
            + ", got "
            + c.integer("acks")
      };
    }
    if (c.bool("fencing") && !c.bool("failover")) {
      return new String[] {
        "fencing",
        "needs failover: a fenced leader that loses its majority steps down, and without failover"
            + " no one would replace it"
      };
    }
    if (c.nanos("lease") > 0 && c.nanos("lease") >= c.nanos("electionTimeout")) {
      return new String[] {
        "lease", "must be shorter than electionTimeout, or a new leader may act while it holds"
      };
    }
    return null;
  }

  @Override
  public Store build(Config c) {
    List<String> names = names(c);
    List<String> zones = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      zones.add(c.string("zone"));
    }
    Settings settings =
        new Settings(
            names,
            zones,
            NodeCpus.of(c),
            Settings.Mode.valueOf(c.string("mode").toUpperCase(Locale.ROOT).replace('-', '_')),
            (int) c.integer("acks"),
            c.distribution("applyDelay"),
            perReplica(names, c.distributionsPerNode("applyDelays"), c.distribution("applyDelay")),
            c.nanos("applyCost"),
            c.nanos("batch"),
            (int) c.integer("batchSize"),
            Settings.Reads.valueOf(c.string("reads").toUpperCase(Locale.ROOT).replace('-', '_')),
            c.nanos("maxLag"),
            c.nanos("leaderWindow"),
            c.nanos("monitor"),
            c.nanos("suspectAfter"),
            c.nanos("heartbeat"),
            c.bool("failover"),
            c.nanos("electionTimeout"),
            c.nanos("lease"),
            c.bool("fencing"));
    return new Group(settings);
  }

  /** Each replica's value: its own when {@code named} has one, else {@code all}. */
  private static <T> List<T> perReplica(List<String> names, Map<String, T> named, T all) {
    List<T> values = new ArrayList<>();
    for (String name : names) {
      values.add(named.getOrDefault(name, all));
    }
    return values;
  }

  private static String[] unknownReplica(Config c) {
    List<String> names = names(c);
    String[] problem = NodeCpus.unknownNode(c, names, "replica");
    return problem != null
        ? problem
        : PerNode.unknown("applyDelays", c.distributionsPerNode("applyDelays"), names, "replica");
  }

  private static List<String> names(Config c) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < c.integer("replicas"); i++) {
      names.add(c.string("name") + "-" + i);
    }
    return names;
  }

  /** A built group. */
  static final class Group implements Store {
    private final Settings settings;
    private Simulation sim;
    private Facts facts;
    private int[] ids;

    Group(Settings settings) {
      this.settings = settings;
    }

    @Override
    public List<String> nodes() {
      return settings.names();
    }

    @Override
    public List<String> zones() {
      return List.copyOf(new java.util.LinkedHashSet<>(settings.zones()));
    }

    @Override
    public void addTo(Simulation simulation) {
      sim = simulation;
      facts = new Facts(sim::nowNanos);
      ids = new int[settings.size()];
      for (int i = 0; i < settings.size(); i++) {
        int index = i;
        ids[i] =
            sim.addNode(
                settings
                    .cpus()
                    .apply(
                        NodeSpec.of(
                            settings.names().get(i),
                            settings.zones().get(i),
                            () -> new ReplicaNode(settings, index, facts))));
      }
      for (int i = 0; i < settings.size(); i++) {
        int index = i;
        String name = settings.names().get(i);
        sim.metrics().probe("lag/" + name, "ms", () -> lagMs(index));
        sim.metrics().probe("lag-versions/" + name, "entries", () -> lagVersions(index));
      }
      facts.leaderValueBy(
          (key, fallback) -> {
            ReplicaNode l = leader();
            return l == null ? fallback : l.appliedValue(key);
          });
      sim.metrics()
          .probe(
              "stale-reads/" + groupName(), "reads/interval", Growth.of(facts::staleReadsServed));
    }

    /** The replicas' name prefix ({@code db} for {@code db-0 …}). */
    private String groupName() {
      String first = settings.names().get(0);
      return first.substring(0, first.length() - 2);
    }

    private ReplicaNode replica(int i) {
      return sim.isUp(ids[i]) ? (ReplicaNode) sim.nodeInstance(ids[i]) : null;
    }

    /** Whether node {@code name} is up and leads in {@code term}. */
    private boolean leads(String name, long term) {
      ReplicaNode r = replica(settings.names().indexOf(name));
      return r != null && r.isLeader() && r.term() == term;
    }

    /** The live replica with the most up-to-date log (last term, then length), or null. */
    private ReplicaNode mostUpToDate() {
      ReplicaNode best = null;
      for (int i = 0; i < ids.length; i++) {
        ReplicaNode r = replica(i);
        if (r != null
            && (best == null
                || r.lastLogTerm() > best.lastLogTerm()
                || (r.lastLogTerm() == best.lastLogTerm()
                    && r.lastLogIndex() > best.lastLogIndex()))) {
          best = r;
        }
      }
      return best;
    }

    /** The live replica that leads in the highest term, or null. */
    private ReplicaNode leader() {
      ReplicaNode best = null;
      for (int i = 0; i < ids.length; i++) {
        ReplicaNode r = replica(i);
        if (r != null && r.isLeader() && (best == null || r.term() > best.term())) {
          best = r;
        }
      }
      return best;
    }

    private double lagMs(int i) {
      ReplicaNode r = replica(i);
      ReplicaNode l = leader();
      if (r == null || l == null) {
        return Double.NaN;
      }
      // Measured against the leader's log entry by entry, so that a replica cut off from it, or
      // an old leader whose log went its own way, falls further behind instead of reading 0.
      long oldest = r.oldestUnappliedTrueNanos(l.logView());
      return oldest < 0 ? 0 : (sim.nowNanos() - oldest) / 1e6;
    }

    private double lagVersions(int i) {
      ReplicaNode r = replica(i);
      ReplicaNode l = leader();
      return r == null || l == null ? Double.NaN : l.logView().size() - r.firstMissing(l.logView());
    }

    @Override
    public StoreClient client(int index) {
      return new LfDriver(settings, index);
    }

    @Override
    public StoreCheckers checkers() {
      return StoreCheckers.builder()
          .add("lost-writes", this::lostWrites)
          .add("split-brain", () -> new TimedSplitBrain(facts, this::leads))
          .add("convergence", this::convergence)
          .build();
    }

    /**
     * The final leader's log applied in full (or, when no one leads, the log of the replica an
     * election would pick); every key nil when no replica is up.
     */
    @Override
    public java.util.function.LongUnaryOperator finalState() {
      ReplicaNode holder = finalHolder();
      if (holder == null) {
        return key -> dev.tradeoff.core.history.History.NIL;
      }
      var state = holder.logState();
      return state::get;
    }

    private ReplicaNode finalHolder() {
      ReplicaNode holder = leader();
      return holder == null ? mostUpToDate() : holder;
    }

    /**
     * Lost writes judged one by one: every write the group acknowledged must be in the final
     * leader's log (or, when no one leads, the log of the replica an election would pick).
     */
    private Checker lostWrites() {
      ReplicaNode holder = finalHolder();
      String name = null;
      for (int i = 0; i < ids.length; i++) {
        if (holder != null && replica(i) == holder) {
          name = settings.names().get(i);
        }
      }
      return LostWrites.against(
          holder == null
              ? new FinalLog(facts, null, 0, null)
              : new FinalLog(facts, name, holder.term(), holder.logView()));
    }

    private Checker convergence() {
      Map<String, Long> digests = new TreeMap<>();
      for (int i = 0; i < ids.length; i++) {
        ReplicaNode r = replica(i);
        if (r != null) {
          digests.put(settings.names().get(i), r.digest());
        }
      }
      return Convergence.of(digests);
    }
  }
}
