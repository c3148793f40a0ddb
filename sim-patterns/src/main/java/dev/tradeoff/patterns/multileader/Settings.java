package dev.tradeoff.patterns.multileader;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * What every leader of one group shares.
 *
 * @param names the leaders' node names, by index
 * @param policy the conflict policy
 * @param exchangeNanos how often a leader ships its log to each peer; 0 pushes every write at once
 * @param batch most writes per replication message
 * @param ledger where accepted writes and conflicts are recorded
 * @param trueNanos true time, for the ledger's witnesses only (leaders act on local time)
 */
record Settings(
    List<String> names,
    ConflictPolicy policy,
    long exchangeNanos,
    int batch,
    Ledger ledger,
    LongSupplier trueNanos) {
  /** Number of leaders. */
  int leaders() {
    return names.size();
  }
}
