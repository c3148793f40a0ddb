package dev.tradeoff.patterns.log;

import dev.tradeoff.core.Context;

/**
 * The log's {@link Producer} for a node of a pattern built on the log (a service publishing its
 * events): per-partition order, one request in flight per partition, retries with fresh metadata,
 * and duplicates on retry unless the log's producers are idempotent. A new instance is a new
 * producer id, so a restarted host's retries are not recognised as repeats of its earlier
 * incarnation's records.
 *
 * <p>Contract with the host, as {@link Producer}'s: {@link #start} from {@code onStart}; every
 * message the host gets goes to {@link #onMessage}, every timer whose payload {@link #owns} to
 * {@link #onTimer}.
 */
public final class Publisher {
  /** A record the partition's leader acknowledged: the host's token and where it landed. */
  public record Ack(long token, int partition, long offset) {}

  private final Producer producer;

  Publisher(Producer producer) {
    this.producer = producer;
  }

  /** Starts with the host's context and asks for metadata. */
  public void start(Context ctx) {
    producer.start(ctx);
  }

  /**
   * Queues the record ({@code key}, {@code value}) to {@code partition}; {@code token} comes back.
   */
  public void send(int partition, long key, long value, long token) {
    producer.send(partition, key, value, token);
  }

  /** Handles a message to the host; returns the acknowledgement it carries, or null. */
  public Ack onMessage(Object message) {
    Producer.Acked a = producer.onMessage(message);
    return a == null ? null : new Ack(a.token(), a.partition(), a.offset());
  }

  /** Whether {@code payload} is one of this publisher's timers. */
  public boolean owns(Object payload) {
    return producer.owns(payload);
  }

  /** Handles one of this publisher's timers. */
  public void onTimer(Object payload) {
    producer.onTimer(payload);
  }
}
