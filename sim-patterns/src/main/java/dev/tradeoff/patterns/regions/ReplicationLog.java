package dev.tradeoff.patterns.regions;

import dev.tradeoff.patterns.regions.Messages.Repl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One region's durable replication state, as its stack's binlog and applied positions would keep it
 * across a gateway restart: its outbound stream of acknowledged writes, what each other region has
 * acknowledged of it and when each write was last sent, and how far it has applied each other
 * region's stream. The store's series read it too.
 */
final class ReplicationLog {
  private final int self;
  private final List<ArrayDeque<Entry>> unacked = new ArrayList<>();
  private final long[] ackedUpTo;
  private final long[] doneUpTo;
  private long lastSeq;

  /** A write in the stream, with when it was last sent to one peer (local nanos; -1 never). */
  private static final class Entry {
    final Repl repl;
    long sentNanos = -1;

    Entry(Repl repl) {
      this.repl = repl;
    }
  }

  ReplicationLog(int self, int regions) {
    this.self = self;
    for (int r = 0; r < regions; r++) {
      unacked.add(new ArrayDeque<>());
    }
    ackedUpTo = new long[regions];
    doneUpTo = new long[regions];
  }

  /** Appends an acknowledged write for every other region and returns it. */
  Repl append(int slot, long epoch, long key, long value) {
    Repl repl = new Repl(++lastSeq, slot, epoch, key, value);
    for (int r = 0; r < unacked.size(); r++) {
      if (r != self) {
        unacked.get(r).add(new Entry(repl));
      }
    }
    return repl;
  }

  /**
   * The writes to send {@code peer} now, at most {@code max}: those never sent, or, when the oldest
   * unacknowledged one was last sent at least {@code resendNanos} ago, every unacknowledged one
   * from the oldest. Marks them sent at {@code nowNanos}.
   */
  List<Repl> toShip(int peer, long nowNanos, long resendNanos, int max) {
    ArrayDeque<Entry> q = unacked.get(peer);
    List<Repl> out = new ArrayList<>();
    if (q.isEmpty()) {
      return out;
    }
    Entry head = q.peek();
    boolean resend = head.sentNanos >= 0 && nowNanos - head.sentNanos >= resendNanos;
    Iterator<Entry> it = q.iterator();
    while (it.hasNext() && out.size() < max) {
      Entry e = it.next();
      if (resend || e.sentNanos < 0) {
        e.sentNanos = nowNanos;
        out.add(e.repl);
      }
    }
    return out;
  }

  /** Region {@code peer} applied (or refused) everything up to {@code upTo}. */
  void acknowledged(int peer, long upTo) {
    ArrayDeque<Entry> q = unacked.get(peer);
    while (!q.isEmpty() && q.peek().repl.seq() <= upTo) {
      q.poll();
    }
    ackedUpTo[peer] = Math.max(ackedUpTo[peer], upTo);
  }

  /** The last of this region's writes {@code peer} acknowledged. */
  long ackedUpTo(int peer) {
    return ackedUpTo[peer];
  }

  /** Writes {@code peer} has not acknowledged. */
  int backlog(int peer) {
    return unacked.get(peer).size();
  }

  /** How far this region applied {@code origin}'s stream. */
  long doneUpTo(int origin) {
    return doneUpTo[origin];
  }

  /** How far this region applied each region's stream, by origin. */
  long[] positions() {
    return doneUpTo.clone();
  }

  void done(int origin, long seq) {
    doneUpTo[origin] = Math.max(doneUpTo[origin], seq);
  }
}
