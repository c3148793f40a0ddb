package dev.tradeoff.patterns.log;

import dev.tradeoff.core.Context;
import dev.tradeoff.patterns.log.LogMessages.Metadata;
import dev.tradeoff.patterns.log.LogMessages.MetadataReply;
import dev.tradeoff.patterns.log.LogMessages.MetadataRequest;
import dev.tradeoff.patterns.log.LogMessages.Produce;
import dev.tradeoff.patterns.log.LogMessages.ProduceReply;
import java.util.ArrayDeque;

/**
 * A producer living inside a host node (a workload client's driver, or a consumer writing to the
 * dead-letter topic), as Kafka's client library lives inside an application.
 *
 * <p>It learns who leads each partition by asking a random broker for metadata, sends each record
 * to its partition's leader, and keeps one request in flight per partition (Kafka's {@code
 * max.in.flight.requests.per.connection=1}), so retries never reorder a partition. A request that
 * times out, or is refused ("not leader", "not enough replicas", "busy"), is retried after a
 * backoff with fresh metadata until {@code deliveryTimeout} since the record was sent; then it is
 * dropped unanswered. A retry of a record the broker had appended after all (its answer was lost or
 * late) appends it again — a duplicate — unless the producer is idempotent. Each record carries the
 * producer's id and its sequence in the partition; every replica keeps each producer's last
 * sequence (rebuilt from its log, so it survives failover), and an idempotent leader answers a
 * retry with the first copy's offset instead of appending it.
 *
 * <p>Contract with the host: {@link #start} from the host's {@code onStart}; every message the host
 * gets goes to {@link #onMessage}, every timer whose payload {@link #owns} to {@link #onTimer}.
 */
final class Producer {
  /** A record the leader acknowledged: the host's token for it, and where it landed. */
  record Acked(long token, int partition, long offset) {}

  private record Pending(long token, long key, long value, long sequence, long firstSentLocal) {}

  /** A request's timeout ({@code requestId} > 0) or the end of a backoff (0). */
  private record Timer(Producer owner, int partition, int requestId) {}

  private final LogSettings settings;
  private final LogFacts facts;
  private final long producerId;
  private final long deliveryTimeoutNanos;
  private Context ctx;
  private int[] brokers;
  private Metadata metadata;
  private long metadataAskedLocal = Long.MIN_VALUE / 2;
  private final ArrayDeque<Pending>[] queues;
  private final long[] nextSequence;
  private final int[] inFlight; // request id of the head's outstanding request, 0 none
  private final long[] inFlightTimer;
  private final boolean[] backingOff;
  private int requests;

  /**
   * A producer with id {@code producerId} (unique in the run, as Kafka's InitProducerId hands out)
   * that gives a record up {@code deliveryTimeoutNanos} after first sending it.
   */
  @SuppressWarnings("unchecked")
  Producer(LogSettings settings, LogFacts facts, long producerId, long deliveryTimeoutNanos) {
    this.settings = settings;
    this.facts = facts;
    this.producerId = producerId;
    this.deliveryTimeoutNanos = deliveryTimeoutNanos;
    int n = settings.totalPartitions();
    queues = new ArrayDeque[n];
    for (int p = 0; p < n; p++) {
      queues[p] = new ArrayDeque<>();
    }
    nextSequence = new long[n];
    inFlight = new int[n];
    inFlightTimer = new long[n];
    backingOff = new boolean[n];
  }

  /** Starts with the host's context and asks for metadata. */
  void start(Context context) {
    ctx = context;
    brokers = settings.brokerIds(ctx);
    askMetadata();
  }

  /** Queues {@code value} for {@code key} to {@code partition}; {@code token} comes back acked. */
  void send(int partition, long key, long value, long token) {
    queues[partition].add(
        new Pending(token, key, value, nextSequence[partition]++, ctx.localNanos()));
    trySend(partition);
  }

  /** Whether {@code payload} is one of this producer's timers. */
  boolean owns(Object payload) {
    return payload instanceof Timer t && t.owner() == this;
  }

  /** Handles a message to the host; returns the record it acknowledges, or null. */
  Acked onMessage(Object message) {
    if (message instanceof MetadataReply m) {
      if (m.metadata() != null
          && (metadata == null || m.metadata().version() > metadata.version())) {
        metadata = m.metadata();
        for (int p = 0; p < queues.length; p++) {
          trySend(p);
        }
      }
      return null;
    }
    if (!(message instanceof ProduceReply r)
        || inFlight[r.partition()] != r.requestId()
        || r.requestId() == 0) {
      return null; // not ours, or a stale answer to a request already retried
    }
    int p = r.partition();
    inFlight[p] = 0;
    ctx.cancelTimer(inFlightTimer[p]);
    if (r.error() != LogMessages.NONE) {
      retryLater(p);
      return null;
    }
    Pending done = queues[p].pollFirst();
    trySend(p);
    return new Acked(done.token(), p, r.offset());
  }

  /** Handles one of this producer's timers: a request timeout or the end of a backoff. */
  void onTimer(Object payload) {
    Timer t = (Timer) payload;
    int p = t.partition();
    if (t.requestId() == 0) {
      backingOff[p] = false;
      trySend(p);
    } else if (inFlight[p] == t.requestId()) {
      inFlight[p] = 0; // timed out: the record may or may not be in the log
      retryLater(p);
    }
  }

  private void retryLater(int p) {
    facts.produceRetried();
    backOff(p);
  }

  /** Waits a backoff, with fresh metadata asked for, before trying partition {@code p} again. */
  private void backOff(int p) {
    askMetadata();
    if (!backingOff[p]) {
      backingOff[p] = true;
      ctx.setTimer(settings.retryBackoffNanos(), new Timer(this, p, 0));
    }
  }

  private void trySend(int p) {
    if (inFlight[p] != 0 || backingOff[p]) {
      return;
    }
    long now = ctx.localNanos();
    while (!queues[p].isEmpty()
        && now - queues[p].peekFirst().firstSentLocal() > deliveryTimeoutNanos) {
      queues[p].pollFirst(); // delivery timeout: given up, its fate unknown to the host
    }
    Pending head = queues[p].peekFirst();
    if (head == null) {
      return;
    }
    int leader = metadata == null ? -1 : metadata.leader()[p];
    if (leader < 0) {
      backOff(p); // no leader known yet: nothing was sent, so nothing is retried
      return;
    }
    int id = ++requests;
    inFlight[p] = id;
    inFlightTimer[p] = ctx.setTimer(settings.requestTimeoutNanos(), new Timer(this, p, id));
    ctx.send(
        brokers[leader], new Produce(id, p, head.key(), head.value(), producerId, head.sequence()));
  }

  /** The leader of {@code partition} as the last metadata said, -1 if unknown. */
  int leader(int partition) {
    return metadata == null ? -1 : metadata.leader()[partition];
  }

  /** Asks for fresh metadata (a fetch found the leader moved). */
  void refreshMetadata() {
    askMetadata();
  }

  /** Asks a random broker for metadata, at most once per backoff. */
  private void askMetadata() {
    long now = ctx.localNanos();
    if (now - metadataAskedLocal >= settings.retryBackoffNanos()) {
      metadataAskedLocal = now;
      ctx.send(brokers[ctx.random().nextInt(brokers.length)], new MetadataRequest());
    }
  }
}
