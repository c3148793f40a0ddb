package dev.tradeoff.core.workload;

import dev.tradeoff.core.history.OpKind;

/**
 * A client's request to a store. {@code op} is the operation's index in the history and comes back
 * in the {@link Response}.
 */
public record Request(int op, OpKind kind, long key, long value, long expected) {}
