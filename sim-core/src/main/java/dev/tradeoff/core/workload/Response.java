package dev.tradeoff.core.workload;

import dev.tradeoff.core.history.OpStatus;

/**
 * A store's answer to {@link Request} {@code op}: its outcome and, for reads, the value seen.
 *
 * @param op the request's operation
 * @param status its outcome
 * @param value for a read, the value seen
 * @param server the node whose state the answer reports, when the driver knows it better than the
 *     sender of the message that completed the request (a quorum read returns the newest of several
 *     replies: the replica that sent that one); {@link #SENDER} when it is that sender
 */
public record Response(int op, OpStatus status, long value, int server) {
  /** {@link #server()} of an answer whose node is the sender of the message that completed it. */
  public static final int SENDER = -1;

  /** An answer reporting the state of the node that sent it. */
  public Response(int op, OpStatus status, long value) {
    this(op, status, value, SENDER);
  }

  /**
   * This answer as a node that relays it passes it on: naming the node it reports, which is {@code
   * from}, the relay's sender, unless the answer already names one.
   */
  public Response relayedFrom(int from) {
    return server == SENDER ? new Response(op, status, value, from) : this;
  }
}
