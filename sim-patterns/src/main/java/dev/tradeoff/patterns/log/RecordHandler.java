package dev.tradeoff.patterns.log;

import dev.tradeoff.core.Context;
import java.util.function.Consumer;

/**
 * What a consumer group member does with each record when a pattern built on the log supplies the
 * effect (a CQRS projector applying events to a read model), instead of the log's own in-memory
 * view. The member keeps the whole group protocol — assignment, fetching, CPU time {@code
 * processCost} per record, offset commits, rebalances — and hands each record, once its CPU time is
 * spent, to the handler; the partition moves on only when the handler reports the record's effect
 * durable. A member with a handler neither restores a view on assignment nor serves reads.
 *
 * <p>Contract: one handler per member incarnation (its fields are the member's volatile memory).
 * {@link #start} is called from the member's {@code onStart}; {@link #handle} at most once per
 * record at a time per partition; the handler calls {@code done} with the record's token once its
 * effect is durable (now or later; a token of a revoked partition is ignored). Messages the log
 * does not know go to {@link #onMessage}, timers whose payload {@link #ownsTimer} to {@link
 * #onTimer}.
 */
public interface RecordHandler {
  /** Starts with the member's context; {@code done} takes the token of a record now handled. */
  void start(Context ctx, Consumer<Object> done);

  /** Applies the record at {@code offset} of {@code partition}; report {@code token} when done. */
  void handle(int partition, long offset, long key, long value, Object token);

  /** Handles a message to the member; returns whether it was the handler's. */
  boolean onMessage(int from, Object message);

  /** Whether {@code payload} is one of the handler's timers. */
  boolean ownsTimer(Object payload);

  /** Handles one of the handler's timers. */
  void onTimer(Object payload);
}
