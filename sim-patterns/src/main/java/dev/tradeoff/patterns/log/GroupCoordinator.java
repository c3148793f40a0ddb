package dev.tradeoff.patterns.log;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.patterns.log.LogMessages.Commit;
import dev.tradeoff.patterns.log.LogMessages.CommitReply;
import dev.tradeoff.patterns.log.LogMessages.GroupHeartbeat;
import dev.tradeoff.patterns.log.LogMessages.GroupState;
import java.util.Arrays;

/**
 * The coordinator of one consumer group, inside the {@link ControllerNode}: membership by
 * heartbeat, sticky assignment by generation, and committed offsets, over the partitions of the
 * topic the group subscribes to (the main topic's, or the dead-letter topic's one).
 *
 * <p>Members heartbeat; one silent for {@code sessionTimeout} (the controller's clock), or one that
 * restarted (a new incarnation), triggers a rebalance: a new generation whose assignment keeps
 * every live member's partitions and spreads the orphaned ones over the least loaded live members
 * (lowest index on ties), then moves partitions from the most to the least loaded until counts
 * differ by at most one. A commit is accepted only from the partition's owner in the current
 * generation (Kafka's generation fencing: a zombie's commits are refused) and never moves an offset
 * back. Generation, assignment and offsets are synced to the controller's disk on every change, so
 * a restarted controller resumes them, counting the owners alive until their session runs out.
 */
final class GroupCoordinator {
  private final LogSettings settings;
  private final LogFacts facts;
  private final int group;
  private final String diskKey;
  private Context ctx;
  private Disk disk;
  private int[] memberIds;
  private GroupState state;
  private long[] seenLocal;
  private long[] incarnation;
  private boolean[] alive;

  GroupCoordinator(LogSettings settings, LogFacts facts, int group) {
    this.settings = settings;
    this.facts = facts;
    this.group = group;
    this.diskKey = group == 0 ? "group" : "group-" + group;
  }

  /** Recovers the group from the controller's disk, or makes its first assignment. */
  void start(Context context) {
    ctx = context;
    disk = ctx.disk();
    memberIds = settings.consumerIds(ctx, group);
    int members = memberIds.length;
    seenLocal = new long[members];
    Arrays.fill(seenLocal, ctx.localNanos()); // a session's grace before anyone is dropped
    incarnation = new long[members];
    alive = new boolean[members];
    state = (GroupState) disk.get(diskKey);
    if (state == null) {
      Arrays.fill(alive, true);
      // Indexed by every partition the brokers hold; only the group's topic's are ever owned.
      int[] owner = new int[settings.totalPartitions()];
      Arrays.fill(owner, -1);
      state = new GroupState(group, 0, owner, new long[settings.totalPartitions()]);
      rebalance();
    } else {
      for (int owner : state.owner()) {
        if (owner >= 0) {
          alive[owner] = true;
        }
      }
    }
  }

  /** The group's state now. */
  GroupState state() {
    return state;
  }

  /** Drops members silent past the session timeout, with a rebalance if any was. */
  void tick() {
    long now = ctx.localNanos();
    boolean lost = false;
    for (int m = 0; m < alive.length; m++) {
      if (alive[m] && now - seenLocal[m] > settings.sessionTimeoutNanos()) {
        alive[m] = false;
        lost = true;
      }
    }
    if (lost) {
      rebalance();
    }
  }

  void heartbeat(int from, GroupHeartbeat h) {
    int m = h.member();
    seenLocal[m] = ctx.localNanos();
    boolean restarted = incarnation[m] != 0 && h.incarnation() != incarnation[m];
    incarnation[m] = h.incarnation();
    if (!alive[m] || restarted) {
      alive[m] = true;
      rebalance();
    } else if (h.generation() != state.generation()) {
      ctx.send(from, state);
    }
  }

  void commit(int from, Commit c) {
    boolean ok =
        c.generation() == state.generation()
            && state.owner()[c.partition()] == c.member()
            && c.offset() >= state.committed()[c.partition()];
    if (ok) {
      long[] committed = state.committed().clone();
      committed[c.partition()] = c.offset();
      state = new GroupState(group, state.generation(), state.owner(), committed);
      save();
    }
    ctx.send(from, new CommitReply(c.partition(), c.offset(), ok));
  }

  private void save() {
    disk.put(diskKey, state);
    disk.sync();
  }

  private void rebalance() {
    int[] owner = state.owner().clone();
    int[] load = new int[alive.length];
    int first = settings.firstPartition(group);
    int end = settings.endPartition(group);
    for (int p = first; p < end; p++) {
      if (owner[p] >= 0 && !alive[owner[p]]) {
        owner[p] = -1;
      }
      if (owner[p] >= 0) {
        load[owner[p]]++;
      }
    }
    for (int p = first; p < end; p++) {
      if (owner[p] < 0) {
        int m = leastLoaded(load);
        if (m >= 0) {
          owner[p] = m;
          load[m]++;
        }
      }
    }
    while (true) {
      int least = leastLoaded(load);
      int most = mostLoaded(load);
      if (least < 0 || load[most] - load[least] <= 1) {
        break;
      }
      for (int p = end - 1; p >= first; p--) {
        if (owner[p] == most) {
          owner[p] = least;
          break;
        }
      }
      load[most]--;
      load[least]++;
    }
    if (state.generation() > 0) {
      facts.rebalanced(); // the first assignment is not a rebalance
    }
    state = new GroupState(group, state.generation() + 1, owner, state.committed());
    save();
    for (int m = 0; m < memberIds.length; m++) {
      if (alive[m]) {
        ctx.send(memberIds[m], state);
      }
    }
  }

  private int leastLoaded(int[] load) {
    int best = -1;
    for (int m = 0; m < load.length; m++) {
      if (alive[m] && (best < 0 || load[m] < load[best])) {
        best = m;
      }
    }
    return best;
  }

  private int mostLoaded(int[] load) {
    int best = -1;
    for (int m = 0; m < load.length; m++) {
      if (alive[m] && (best < 0 || load[m] > load[best])) {
        best = m;
      }
    }
    return best;
  }
}
