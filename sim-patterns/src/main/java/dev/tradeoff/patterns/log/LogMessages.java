package dev.tradeoff.patterns.log;

/**
 * The wire messages of the log. Arrays inside messages are never changed after sending (messages
 * are delivered by reference).
 */
final class LogMessages {
  private LogMessages() {}

  /** Error codes in replies, after Kafka's. */
  static final int NONE = 0;

  /** The broker does not lead the partition (or leads an older epoch). */
  static final int NOT_LEADER = 1;

  /** acks=all and the in-sync replicas are fewer than minInsync. */
  static final int NOT_ENOUGH_REPLICAS = 2;

  /** The broker's request queue is full; try again later. */
  static final int BUSY = 4;

  /** A replica fetch whose log diverges from the leader's; truncate to the offset given. */
  static final int DIVERGING = 3;

  /**
   * One record of a partition's log. {@code epoch} is the leader epoch it was appended in; {@code
   * appendedTrueNanos} is the true time the leader appended it, for lag measurement only (never
   * read by the system).
   */
  record Entry(
      long key, long value, long producerId, long sequence, long epoch, long appendedTrueNanos) {}

  /**
   * Who leads what, as the controller last decided: per partition the leader's broker index (-1
   * none), its epoch and the in-sync replicas. {@code version} orders snapshots.
   */
  record Metadata(long version, int[] leader, long[] epoch, int[][] isr) {
    /** Whether broker {@code b} is in partition {@code p}'s in-sync replicas. */
    boolean inIsr(int p, int b) {
      for (int x : isr[p]) {
        if (x == b) {
          return true;
        }
      }
      return false;
    }
  }

  /** A producer's record for {@code partition}, request {@code requestId} of that producer. */
  record Produce(
      int requestId, int partition, long key, long value, long producerId, long sequence) {}

  /** The answer to {@link Produce}: an error code, and the offset the record has on success. */
  record ProduceReply(int requestId, int partition, int error, long offset) {}

  /**
   * A fetch from {@code partition} at {@code offset}. A follower's ({@code replica} its broker
   * index, else -1) carries the epoch of its entry before {@code offset} ({@code lastEpoch}) so the
   * leader can tell a diverged log, and its view of the leader epoch ({@code leaderEpoch}).
   */
  record Fetch(
      int partition,
      long offset,
      long lastEpoch,
      long leaderEpoch,
      int replica,
      int maxRecords,
      int token) {}

  /**
   * The answer to {@link Fetch}: the records from {@code offset} (up to the high watermark for a
   * consumer, the log end for a follower), the leader's high watermark, and an error; with {@link
   * #DIVERGING}, {@code truncateTo} is where the follower must cut its log.
   */
  record FetchReply(
      int partition,
      long offset,
      Entry[] entries,
      long highWatermark,
      int error,
      long truncateTo,
      int token) {}

  /** A broker's heartbeat: its incarnation (bumped on every start) and the metadata it holds. */
  record BrokerHeartbeat(int broker, long incarnation, long metadataVersion) {}

  /** The controller's metadata, pushed to brokers. */
  record MetadataUpdate(Metadata metadata) {}

  /** A leader asks the controller to set partition {@code p}'s ISR (for its {@code epoch}). */
  record AlterIsr(int partition, long epoch, int[] isr) {}

  /**
   * The controller's answer to an {@link AlterIsr} of the current leader: the ISR of {@code
   * partition} once it handled the {@code proposed} one, as of metadata {@code version}.
   */
  record AlterIsrReply(int partition, long epoch, int[] proposed, int[] isr, long version) {}

  /** A client asks a broker for the metadata. */
  record MetadataRequest() {}

  /** A broker's answer to {@link MetadataRequest}. */
  record MetadataReply(Metadata metadata) {}

  /** A consumer's heartbeat to its group's coordinator. */
  record GroupHeartbeat(int group, int member, long incarnation, long generation) {}

  /**
   * A group's state: its generation, each partition's owner (member index, -1 none) and the
   * committed offsets when it was sent.
   */
  record GroupState(int group, long generation, int[] owner, long[] committed) {}

  /** A driver asks the coordinator for group {@code group}'s {@link GroupState}. */
  record GroupStateRequest(int group) {}

  /**
   * A member of {@code group} commits {@code offset} (the next to consume) of {@code partition}.
   */
  record Commit(int group, int member, long generation, int partition, long offset) {}

  /** The answer to {@link Commit}. */
  record CommitReply(int partition, long offset, boolean accepted) {}

  /** A driver's read of {@code key} from the group's materialised view. */
  record Query(int op, long key) {}

  /** A view's answer: the last value applied to the key ({@code History.NIL} if none). */
  record QueryReply(int op, long value) {}

  /** "I do not own the key's partition": try member {@code owner} (-1 unknown). */
  record NotOwner(int op, int owner, long generation) {}
}
