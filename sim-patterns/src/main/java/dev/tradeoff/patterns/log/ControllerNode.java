package dev.tradeoff.patterns.log;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.patterns.log.LogMessages.AlterIsr;
import dev.tradeoff.patterns.log.LogMessages.AlterIsrReply;
import dev.tradeoff.patterns.log.LogMessages.BrokerHeartbeat;
import dev.tradeoff.patterns.log.LogMessages.Commit;
import dev.tradeoff.patterns.log.LogMessages.GroupHeartbeat;
import dev.tradeoff.patterns.log.LogMessages.GroupStateRequest;
import dev.tradeoff.patterns.log.LogMessages.Metadata;
import dev.tradeoff.patterns.log.LogMessages.MetadataUpdate;
import java.util.Arrays;

/**
 * The controller (Kafka's KRaft controller, as one node), which also hosts the consumer groups'
 * coordinators.
 *
 * <p><b>Leadership.</b> A broker that has not heartbeated for {@code sessionTimeout} (its local
 * clock), or that heartbeats with a new incarnation (it restarted), is fenced: it leaves every ISR,
 * and each partition it led gets a new leader — the first live ISR member in replica order — under
 * the next leader epoch. With no live ISR member the partition goes offline (leader -1) until a
 * member of its last ISR returns; with {@code uncleanElection} a live replica outside the ISR takes
 * over instead (Kafka's {@code unclean.leader.election.enable}), losing what only the ISR held. A
 * leader's request to shrink or grow its ISR is accepted for its current epoch only, and answered
 * with the ISR that results. Every change bumps the metadata version and is pushed to every broker;
 * a broker heartbeating an older version gets the whole metadata again.
 *
 * <p><b>Groups.</b> One {@link GroupCoordinator} per consumer group. Members heartbeat; one silent
 * for {@code sessionTimeout}, or one that restarted, triggers a rebalance: a new generation whose
 * assignment keeps every live member's partitions (sticky) and spreads the orphaned ones over the
 * least loaded members, then evens the counts. Offsets are committed here, accepted only from a
 * partition's owner in the current generation (Kafka's generation fencing: a zombie member's
 * commits are refused).
 *
 * <p><b>Down.</b> Metadata, ISR, generation, assignment and committed offsets are synced to its
 * disk on every change, so a restart resumes them; a partition that went offline before the crash
 * gets a leader at the next heartbeat of a broker of its last ISR. While it is down nothing fails
 * over, no ISR shrinks (so an {@code acks=all} write waiting on a dead follower waits), no
 * rebalance happens and no offset is committed (at-most-once consumers stall; at-least-once
 * consumers keep processing and will redeliver more); leaders keep serving and brokers keep
 * answering metadata requests with what they last heard.
 */
final class ControllerNode implements Node {
  private static final Object TICK = new Object();

  private final LogSettings settings;
  private Context ctx;
  private Disk disk;
  private int[] brokerIds;
  private Metadata metadata;
  private long[] brokerSeenLocal;
  private long[] brokerIncarnation;
  private boolean[] brokerAlive;
  private final GroupCoordinator[] groups;

  ControllerNode(LogSettings settings, LogFacts facts) {
    this.settings = settings;
    this.groups = new GroupCoordinator[settings.groups()];
    for (int g = 0; g < groups.length; g++) {
      groups[g] = new GroupCoordinator(settings, facts, g);
    }
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    int brokers = settings.brokers();
    brokerIds = settings.brokerIds(ctx);
    long now = ctx.localNanos();
    // Everyone starts alive with a session's grace: a restarted controller waits to hear from
    // them rather than failing them all at once.
    brokerSeenLocal = new long[brokers];
    Arrays.fill(brokerSeenLocal, now);
    brokerIncarnation = new long[brokers];
    brokerAlive = new boolean[brokers];
    Arrays.fill(brokerAlive, true);
    metadata = (Metadata) disk.get("metadata");
    if (metadata == null) {
      metadata = initialMetadata();
    }
    for (GroupCoordinator g : groups) {
      g.start(ctx);
    }
    publish();
    ctx.setTimer(settings.heartbeatNanos(), TICK);
  }

  private Metadata initialMetadata() {
    int n = settings.totalPartitions();
    int[] leader = new int[n];
    long[] epoch = new long[n];
    int[][] isr = new int[n][];
    for (int p = 0; p < n; p++) {
      int[] replicas = settings.replicas(p);
      leader[p] = replicas[0];
      epoch[p] = 1;
      isr[p] = replicas.clone();
      Arrays.sort(isr[p]);
    }
    return new Metadata(1, leader, epoch, isr);
  }

  // ---- the run's view, for probes ----

  /** Partitions with no leader (Kafka's OfflinePartitionsCount). */
  int offlinePartitions() {
    int n = 0;
    for (int leader : metadata.leader()) {
      n += leader < 0 ? 1 : 0;
    }
    return n;
  }

  /** Partitions whose ISR is smaller than their replica set (UnderReplicatedPartitions). */
  int underReplicatedPartitions() {
    int n = 0;
    for (int[] isr : metadata.isr()) {
      n += isr.length < settings.replicationFactor() ? 1 : 0;
    }
    return n;
  }

  /** Group {@code g}'s committed offset of partition {@code p} (the next record it will read). */
  long committed(int g, int p) {
    return groups[g].state().committed()[p];
  }

  // ---- handlers ----

  @Override
  public void onTimer(long timerId, Object payload) {
    long now = ctx.localNanos();
    for (int b = 0; b < brokerAlive.length; b++) {
      if (brokerAlive[b] && now - brokerSeenLocal[b] > settings.sessionTimeoutNanos()) {
        fence(b);
      }
    }
    for (GroupCoordinator g : groups) {
      g.tick();
    }
    ctx.setTimer(settings.heartbeatNanos(), TICK);
  }

  @Override
  public void onMessage(int from, Object message) {
    if (message instanceof BrokerHeartbeat h) {
      brokerHeartbeat(from, h);
    } else if (message instanceof AlterIsr a) {
      alterIsr(from, a);
    } else if (message instanceof GroupHeartbeat h) {
      groups[h.group()].heartbeat(from, h);
    } else if (message instanceof Commit c) {
      groups[c.group()].commit(from, c);
    } else if (message instanceof GroupStateRequest r) {
      ctx.send(from, groups[r.group()].state());
    }
  }

  private void brokerHeartbeat(int from, BrokerHeartbeat h) {
    int b = h.broker();
    brokerSeenLocal[b] = ctx.localNanos();
    if (brokerIncarnation[b] != 0 && h.incarnation() != brokerIncarnation[b] && brokerAlive[b]) {
      fence(b); // it restarted within its session: whatever it led, it no longer holds in memory
    }
    brokerIncarnation[b] = h.incarnation();
    boolean returned = !brokerAlive[b];
    brokerAlive[b] = true;
    // A returning broker leads the offline partitions of its last ISR; so does a live one while
    // any is offline: a restarted controller counts every broker alive, so it never sees them
    // return, and the partitions that went offline before its crash would stay offline.
    if (returned || offlinePartitions() > 0) {
      unfence(b);
    }
    if (h.metadataVersion() < metadata.version()) {
      ctx.send(from, new MetadataUpdate(metadata));
    }
  }

  /** Broker {@code b} is gone: out of every ISR, its leaderships moved to live ISR members. */
  private void fence(int b) {
    brokerAlive[b] = false;
    int n = metadata.leader().length;
    int[] leader = metadata.leader().clone();
    long[] epoch = metadata.epoch().clone();
    int[][] isr = metadata.isr().clone();
    for (int p = 0; p < n; p++) {
      int[] rest = without(isr[p], b);
      if (leader[p] == b) {
        int next = firstLive(p, rest);
        if (next < 0 && settings.uncleanElection()) {
          // Availability over durability: a live replica that is not in sync takes over, and
          // whatever the ISR held beyond its log is gone.
          next = firstLive(p, settings.replicas(p));
          rest = next < 0 ? rest : new int[] {next};
        }
        leader[p] = next;
        epoch[p]++;
        // With no live ISR member the partition waits offline for one of its last ISR.
        isr[p] = next >= 0 ? rest : isr[p];
      } else if (rest.length < isr[p].length && leader[p] >= 0) {
        isr[p] = rest;
      }
    }
    change(leader, epoch, isr);
  }

  /**
   * Broker {@code b} is back: it leads the offline partitions whose last ISR it was in — or, with
   * unclean election, any offline partition it holds a replica of, as their only in-sync replica.
   */
  private void unfence(int b) {
    int[] leader = metadata.leader().clone();
    long[] epoch = metadata.epoch().clone();
    int[][] isr = metadata.isr().clone();
    boolean changed = false;
    for (int p = 0; p < leader.length; p++) {
      boolean clean = metadata.inIsr(p, b);
      if (leader[p] < 0 && (clean || (settings.uncleanElection() && holds(p, b)))) {
        leader[p] = b;
        epoch[p]++;
        isr[p] = clean ? isr[p] : new int[] {b};
        changed = true;
      }
    }
    if (changed) {
      change(leader, epoch, isr);
    }
  }

  private boolean holds(int p, int b) {
    for (int r : settings.replicas(p)) {
      if (r == b) {
        return true;
      }
    }
    return false;
  }

  private int firstLive(int p, int[] isr) {
    for (int r : settings.replicas(p)) {
      for (int x : isr) {
        if (x == r && brokerAlive[r]) {
          return r;
        }
      }
    }
    return -1;
  }

  private void alterIsr(int from, AlterIsr a) {
    int p = a.partition();
    int b = brokerIndex(from);
    if (b < 0 || metadata.leader()[p] != b || metadata.epoch()[p] != a.epoch()) {
      return; // a deposed leader's or a stale request
    }
    int[] proposed = a.isr();
    int n = 0;
    int[] accepted = new int[proposed.length];
    for (int x : proposed) {
      if (x == b || brokerAlive[x]) {
        accepted[n++] = x; // a fenced broker is not let back into an ISR
      }
    }
    accepted = Arrays.copyOf(accepted, n);
    if (!Arrays.equals(accepted, metadata.isr()[p])) {
      int[][] isr = metadata.isr().clone();
      isr[p] = accepted;
      change(metadata.leader(), metadata.epoch(), isr);
    }
    ctx.send(
        from, new AlterIsrReply(p, a.epoch(), proposed, metadata.isr()[p], metadata.version()));
  }

  private void change(int[] leader, long[] epoch, int[][] isr) {
    metadata = new Metadata(metadata.version() + 1, leader, epoch, isr);
    publish();
  }

  /** Syncs the metadata to disk and pushes it to every broker. */
  private void publish() {
    disk.put("metadata", metadata);
    disk.sync();
    for (int id : brokerIds) {
      ctx.send(id, new MetadataUpdate(metadata));
    }
  }

  private int brokerIndex(int node) {
    for (int i = 0; i < brokerIds.length; i++) {
      if (brokerIds[i] == node) {
        return i;
      }
    }
    return -1;
  }

  private static int[] without(int[] set, int b) {
    return Arrays.stream(set).filter(x -> x != b).toArray();
  }
}
