package dev.tradeoff.core.history;

/**
 * One operation of a history, as a value.
 *
 * @param index position in the history (invocation order)
 * @param process the client (session) that issued it
 * @param kind what it does
 * @param key the key it acts on
 * @param value the value written or appended, or the new value of a CAS; {@link History#NIL} for
 *     reads
 * @param expected the value a CAS expects; {@link History#NIL} otherwise
 * @param result the value a read returned; {@link History#NIL} if none or not a read
 * @param invokeNanos true time of the invocation
 * @param completeNanos true time of the completion, {@link Long#MAX_VALUE} while pending
 * @param status how it ended; {@link OpStatus#INFO} while pending
 */
public record Op(
    int index,
    int process,
    OpKind kind,
    long key,
    long value,
    long expected,
    long result,
    long invokeNanos,
    long completeNanos,
    OpStatus status) {

  /** Whether the operation has completed. */
  public boolean completed() {
    return completeNanos != Long.MAX_VALUE;
  }
}
