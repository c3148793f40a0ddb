package dev.tradeoff.core.workload;

import dev.tradeoff.core.history.OpStatus;

/** A store's answer to {@link Request} {@code op}: its outcome and, for reads, the value seen. */
public record Response(int op, OpStatus status, long value) {}
