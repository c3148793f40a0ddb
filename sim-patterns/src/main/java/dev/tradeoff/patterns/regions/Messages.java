package dev.tradeoff.patterns.regions;

import java.util.List;

/** The messages between clients' drivers, regional gateways and the traffic manager. */
final class Messages {
  private Messages() {}

  /**
   * One acknowledged write on its way to another region.
   *
   * @param seq its place in the origin gateway's outbound stream, from 1
   * @param slot its key's slot
   * @param epoch the slot's epoch under which the origin acknowledged it
   */
  record Repl(long seq, int slot, long epoch, long key, long value) {}

  /** Writes {@code origin} acknowledged, in stream order, to be applied in that order. */
  record Ship(int origin, List<Repl> writes) {}

  /**
   * The receiver applied every write of its sender up to {@code upTo}, except {@code refused}
   * (sequence numbers, ascending): writes under an older epoch than it knows for their slot, or of
   * a slot it owns itself.
   */
  record ShipAck(int region, long upTo, long[] refused) {}

  /**
   * The traffic manager's health check, carrying its table: the owner and epoch of each slot, and
   * which regions answer.
   */
  record Ping(int[] owners, long[] epochs, boolean[] healthy) {}

  /**
   * A gateway's answer to a health check, with how far it has applied each region's stream (its
   * replication position, which a failover compares).
   */
  record Pong(int region, long[] applied) {}

  /** The traffic manager makes the receiver owner of {@code slot} from {@code epoch} on. */
  record Promote(int slot, long epoch) {}
}
