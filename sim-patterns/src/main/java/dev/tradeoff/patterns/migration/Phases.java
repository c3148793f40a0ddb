package dev.tradeoff.patterns.migration;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayFIFOQueue;
import java.util.BitSet;

/**
 * Where a shard-key migration stands — the state every router reads and the {@link Mover}
 * checkpoints, as a migration tool keeps it in its topology service: durable, and published to
 * every router at once.
 *
 * <p>Phases, in order: before {@code dualWritesAt} everything goes to the old layout; then writes
 * go to both; the backfill and the verify run in between (the {@link Mover}); reads flip to the new
 * layout at {@code flipReadsAt} — or later, once the backfill and the verify that are on have
 * finished; dual writes stop at {@code stopDualWritesAt} — or later, once no key is dirty.
 *
 * <p>The jobs' progress is kept here too, key by key, so that a {@link Mover} that crashes resumes
 * with the keys it had not finished.
 *
 * <p>Dirty keys: a dual write whose write to the new layout failed or went unanswered while the old
 * layout served its key marks the key dirty, and so does a write sent to the old layout alone
 * before the dual writes and answered after them while the old layout still serves its key. With
 * verify on, a dirty key stays on the old layout (reads and the order of its writes) until the
 * verify repairs it; without, nobody looks at the marks.
 */
final class Phases {
  /** Phase numbers, as the {@code shard-key/phase} series shows them. */
  static final int OLD_ONLY = 0;

  static final int DUAL_WRITES = 1;
  static final int READS_FLIPPED = 2;
  static final int NEW_ONLY = 3;

  private final boolean backfill;
  private final boolean verify;
  private final long keySpace;
  private final Long2IntOpenHashMap dirtyMarks = new Long2IntOpenHashMap();
  private final LongArrayFIFOQueue dirtyQueue = new LongArrayFIFOQueue();
  private int phase = OLD_ONLY;
  private boolean flipDue;
  private boolean stopDue;
  private final BitSet backfilled = new BitSet();
  private final BitSet verified = new BitSet();
  private long backfilledCount;
  private long verifiedCount;
  private boolean backfillDone;
  private boolean verifyDone;
  private long copied;
  private long repaired;
  private long missing;
  private long dirtied;

  Phases(boolean backfill, boolean verify, long keySpace) {
    this.backfill = backfill;
    this.verify = verify;
    this.keySpace = keySpace;
  }

  boolean backfillOn() {
    return backfill;
  }

  boolean verifyOn() {
    return verify;
  }

  long keySpace() {
    return keySpace;
  }

  int phase() {
    return phase;
  }

  void startDualWrites() {
    phase = Math.max(phase, DUAL_WRITES);
  }

  /** The flip is due: reads flip now, or when the jobs that are on have finished. */
  void flipDue() {
    flipDue = true;
    advance();
  }

  /** Stopping dual writes is due: now, or once reads have flipped and no key is dirty. */
  void stopDue() {
    stopDue = true;
    advance();
  }

  private void advance() {
    boolean jobsDone = (!backfill || backfillDone) && (!verify || verifyDone);
    if (flipDue && jobsDone && phase == DUAL_WRITES) {
      phase = READS_FLIPPED;
    }
    if (stopDue && phase == READS_FLIPPED && (!verify || dirtyMarks.isEmpty())) {
      phase = NEW_ONLY;
    }
  }

  /** Whether the new layout serves {@code key}: reads flipped and, with verify, the key clean. */
  boolean onNew(long key) {
    return phase == NEW_ONLY
        || (phase == READS_FLIPPED && !(verify && dirtyMarks.containsKey(key)));
  }

  /** A write of {@code key} did not reach the new layout while the old one served it. */
  void dirty(long key) {
    dirtied++;
    if (dirtyMarks.addTo(key, 1) == 0) {
      dirtyQueue.enqueue(key);
    }
  }

  /** The next dirty key to repair, or -1; it stays dirty until {@link #repaired(long, int)}. */
  long nextDirty() {
    return dirtyQueue.isEmpty() ? -1 : dirtyQueue.dequeueLong();
  }

  /**
   * Puts every dirty key back in the repair queue, in key order: a restarted mover lost the repairs
   * it had in flight.
   */
  void requeueDirty() {
    dirtyQueue.clear();
    long[] keys = dirtyMarks.keySet().toLongArray();
    java.util.Arrays.sort(keys);
    for (long key : keys) {
      dirtyQueue.enqueue(key);
    }
  }

  /** The key's mark count (0: clean), to tell whether it was dirtied again during a repair. */
  int marks(long key) {
    return dirtyMarks.get(key);
  }

  /**
   * {@code key} was checked equal (or repaired) after it had {@code marksSeen} marks: clean now,
   * unless it was marked again meanwhile (then it goes back in the queue).
   */
  void repaired(long key, int marksSeen) {
    if (dirtyMarks.get(key) == marksSeen) {
      dirtyMarks.remove(key);
      advance();
    } else if (dirtyMarks.containsKey(key)) {
      dirtyQueue.enqueue(key);
    }
  }

  /** The backfill finished with {@code key} (copied, or found empty in the old layout). */
  void backfilled(long key) {
    if (!backfilled.get((int) key)) {
      backfilled.set((int) key);
      backfilledCount++;
    }
    if (!backfillDone && backfilledCount >= keySpace) {
      backfillDone = true;
      advance();
    }
  }

  /** The first key at or after {@code key} the backfill has not finished. */
  long nextToBackfill(long key) {
    return backfilled.nextClearBit((int) key);
  }

  /** Keys the backfill has finished. */
  long backfilledKeys() {
    return backfilledCount;
  }

  boolean backfillDone() {
    return backfillDone;
  }

  /** The verify finished with {@code key} (equal, repaired, or nothing to copy). */
  void verified(long key) {
    if (!verified.get((int) key)) {
      verified.set((int) key);
      verifiedCount++;
    }
    if (!verifyDone && verifiedCount >= keySpace) {
      verifyDone = true;
      advance();
    }
  }

  /** The first key at or after {@code key} the verify has not finished. */
  long nextToVerify(long key) {
    return verified.nextClearBit((int) key);
  }

  boolean verifyDone() {
    return verifyDone;
  }

  void copiedKey() {
    copied++;
  }

  void repairedKey() {
    repaired++;
  }

  void missingKey() {
    missing++;
  }

  /** Keys the verify found absent from the new layout (and left to the backfill). */
  long missingKeys() {
    return missing;
  }

  /** Keys the backfill wrote to the new layout (keys the old one held). */
  long copiedKeys() {
    return copied;
  }

  /** Keys the verify found different and rewrote. */
  long repairedKeys() {
    return repaired;
  }

  /** Writes that marked a key dirty. */
  long dirtied() {
    return dirtied;
  }

  /** Keys dirty now. */
  int dirtyKeys() {
    return dirtyMarks.size();
  }
}
