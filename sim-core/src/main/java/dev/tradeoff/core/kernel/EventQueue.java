package dev.tradeoff.core.kernel;

import java.util.Arrays;

/**
 * A priority queue of events ordered by {@code (timeNanos, sequence)}: a 64-ary radix heap (Ahuja,
 * Mehlhorn, Orlin and Tarjan 1990) over coarse time windows, whose earliest window is sorted once
 * and read in order. It exploits that a simulation rarely schedules before the event it is
 * handling.
 *
 * <p>An event is a time, a header word, an auxiliary word and a payload object, stored in the queue
 * itself so that handling one touches no other table. The sequence is a counter assigned at {@link
 * #push}, so events with equal times pop in the order they were pushed; {@link #poppedSequence()}
 * tells it.
 *
 * <p>Times are grouped into windows of {@code 2^}{@value #WINDOW_BITS} ns. Later windows' events
 * sit in unsorted buckets keyed by the highest base-64 digit (six bits) in which their window
 * differs from the floor window (the earliest one reached), and by that digit. When the floor
 * window runs dry, the lowest non-empty bucket's earliest window becomes the floor: that bucket is
 * spread over lower ones and the new floor's events are sorted by time into a run that pops front
 * to back. Every bucket keeps its events in push order, so a sort by time alone leaves ties in
 * sequence order. Every move is a sequential append and an event moves at most once per digit of
 * its window distance (most events a few milliseconds ahead go through two buckets), so the queue
 * is fast from a thousand pending events to millions. Events pushed into the floor window after it
 * was sorted go to a small 4-ary heap merged with the run; events in windows before the floor
 * (scheduled after a run stopped early, before the next due event) go to a second small heap that
 * pops first, so any order of pushes is correct.
 *
 * <p>While few events are pending (at most {@value #RADIX_ABOVE}), every event sits in the floor
 * heap and the buckets stay unused: with a handful of events spread over milliseconds, moving each
 * through several buckets costs more than sifting it through a heap that small. The queue switches
 * to buckets when it grows past that and back when a refill finds at most {@value #RADIX_BELOW}
 * events left. Either way events pop in {@code (time, sequence)} order, so the switch never shows.
 *
 * <p>Nothing is allocated once the buckets and the run have grown to their peak sizes. Times must
 * be non-negative.
 */
final class EventQueue {
  /** Width of a time window, as a power of two of nanoseconds (1,024 ns). */
  static final int WINDOW_BITS = 10;

  // Six bits a digit: the digits of a level fit one long. Four bits moved a PHOLD event about
  // once more on its way down, and the extra move cost more than the wider spreads (README).
  private static final int DIGIT_BITS = 6;
  private static final int DIGITS = 1 << DIGIT_BITS;
  private static final int LEVELS = (64 - WINDOW_BITS + DIGIT_BITS - 1) / DIGIT_BITS;
  private static final long IN_WINDOW = (1L << WINDOW_BITS) - 1;

  // Bucket entries come in chunks of 2^CHUNK_BITS, each entry STRIDE words.
  private static final int CHUNK_BITS = 8;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int STRIDE = 4;

  // A run at least this long is sorted by counting its times within the window.
  private static final int COUNTING_SORT_ABOVE = (1 << WINDOW_BITS) / 4;

  // A run at most this long is sorted in place by insertion, without a call into the JDK's sort.
  private static final int INSERTION_SORT_MAX = 24;

  // Where the earliest event is: see source().
  private static final int EARLY = 0;
  private static final int RUN = 1;
  private static final int CURRENT = 2;
  private static final int NOT_PEEKED = -1;

  /** Above this many pending events the queue uses its radix buckets. */
  static final int RADIX_ABOVE = 64;

  /** A refill that finds at most this many events left goes back to the floor heap alone. */
  static final int RADIX_BELOW = 16;

  private final Bucket[] buckets = new Bucket[LEVELS * DIGITS];
  // Chunks no bucket uses now: a spread bucket gives each back as soon as it has been read, and
  // appends take them, so buckets grow and shrink without copying or allocating.
  private Chunk[] freeChunks = new Chunk[16];
  private int freeChunkCount;
  private final FourAryHeap current = new FourAryHeap(64);
  private final FourAryHeap early = new FourAryHeap(16);
  // The floor window's events as a refill took them from a bucket, popped in (time, sequence)
  // order from runAt on: runOrder holds (time within the window << 32 | index) sorted. A bucket
  // keeps its events in push order, so sorting them by time alone breaks ties by sequence.
  private long[] runTimes = new long[64];
  private long[] runSequences = new long[64];
  private long[] runHeaders = new long[64];
  private long[] runAuxes = new long[64];
  private Object[] runPayloads = new Object[64];
  private long[] runOrder = new long[64];
  private int runAt;
  private int runEnd;
  // source() of the last peek, until the next push or pop: a run loop peeks, then pops
  private int peeked = NOT_PEEKED;
  private final int[] countingStarts = new int[1 << WINDOW_BITS];
  // Events in the two heaps live here, so that sifting moves three words, not five; the pool is as
  // small as the floor window, so it stays in cache.
  private long[] poolHeaders = new long[64];
  private long[] poolAuxes = new long[64];
  private Object[] poolPayloads = new Object[64];
  private int[] freeRefs = new int[64];
  // Room to take the floor heap apart when the queue switches to buckets.
  private long[] scratchTimes = new long[0];
  private long[] scratchSequences = new long[0];
  private int[] scratchSlots = new int[0];
  private int freeRefCount;
  private int refLimit;
  private long nonEmptyLevels; // bit l set when some bucket of level l has entries
  private final long[] nonEmptyDigits = new long[LEVELS]; // per level, bit d for bucket (l, d)
  private long floorWindow;
  private boolean radix; // false: every event is in the floor heap, whatever its window
  private long refills; // times the floor heap was refilled from the buckets
  private int size;
  private long nextSequence;

  private long poppedTime;
  private long poppedSequence;
  private long poppedHeader;
  private long poppedAux;
  private Object poppedPayload;

  /** Creates an empty queue. */
  EventQueue() {
    for (int b = 0; b < buckets.length; b++) {
      buckets[b] = new Bucket();
    }
  }

  /** Number of queued events. */
  int size() {
    return size;
  }

  /** Whether no event is queued. */
  boolean isEmpty() {
    return size == 0;
  }

  /** Total number of sequences handed out so far (pushes and reservations). */
  long pushCount() {
    return nextSequence;
  }

  /**
   * Hands out the next sequence without queueing anything, for an event held outside the queue that
   * must later be ordered against queued ones.
   */
  long reserveSequence() {
    return nextSequence++;
  }

  /** Time of the earliest event; the queue must not be empty. */
  long peekTimeNanos() {
    int from = source();
    return from == RUN ? runTimes[(int) runOrder[runAt]] : heap(from).peekTimeNanos();
  }

  /** Header of the earliest event; the queue must not be empty. */
  long peekHeader() {
    int from = source();
    return from == RUN ? runHeaders[(int) runOrder[runAt]] : poolHeaders[heap(from).peekSlot()];
  }

  /** Queues an event at {@code timeNanos}, after every event already queued at that time. */
  void push(long timeNanos, long header, long aux, Object payload) {
    if (timeNanos < 0) {
      throw new IllegalArgumentException("event time must be >= 0, got " + timeNanos);
    }
    long sequence = nextSequence++;
    size++;
    peeked = NOT_PEEKED;
    if (!radix) {
      current.push(timeNanos, sequence, store(header, aux, payload));
      if (size > RADIX_ABOVE) {
        enterRadix();
      }
      return;
    }
    long window = timeNanos >>> WINDOW_BITS;
    if (window == floorWindow) {
      current.push(timeNanos, sequence, store(header, aux, payload));
    } else if (window > floorWindow) {
      append(bucketOf(window), timeNanos, sequence, header, aux, payload);
    } else {
      early.push(timeNanos, sequence, store(header, aux, payload));
    }
  }

  /**
   * Removes the earliest event and returns its header; its other fields are then available from the
   * {@code popped…} accessors until the next pop. The queue must not be empty.
   */
  long pop() {
    int from = source();
    peeked = NOT_PEEKED;
    size--;
    if (from == RUN) {
      int i = (int) runOrder[runAt++];
      poppedTime = runTimes[i];
      poppedSequence = runSequences[i];
      poppedHeader = runHeaders[i];
      poppedAux = runAuxes[i];
      poppedPayload = runPayloads[i];
      runPayloads[i] = null;
      return poppedHeader;
    }
    FourAryHeap heap = heap(from);
    poppedTime = heap.peekTimeNanos();
    poppedSequence = heap.peekSequence();
    int ref = heap.pop();
    poppedHeader = poolHeaders[ref];
    poppedAux = poolAuxes[ref];
    poppedPayload = poolPayloads[ref];
    release(ref);
    return poppedHeader;
  }

  /**
   * How many times the floor window has been refilled from the buckets; when it changes, the events
   * due next are the floor window's, see {@link #floorSize()}.
   */
  long refills() {
    return refills;
  }

  /**
   * Whether the queue keeps later windows in its radix buckets now (else all in the floor heap).
   */
  boolean usesBuckets() {
    return radix;
  }

  /**
   * Number of events in the floor window (its sorted run and its heap): the earliest pending
   * events, in no particular order.
   */
  int floorSize() {
    return runEnd - runAt + current.size();
  }

  /** Header of the floor window's {@code i}-th event, {@code 0 <= i < floorSize()}. */
  long floorHeader(int i) {
    int run = runEnd - runAt;
    return i < run ? runHeaders[(int) runOrder[runAt + i]] : poolHeaders[current.slotAt(i - run)];
  }

  /** Payload of the floor window's {@code i}-th event, {@code 0 <= i < floorSize()}. */
  Object floorPayload(int i) {
    int run = runEnd - runAt;
    return i < run ? runPayloads[(int) runOrder[runAt + i]] : poolPayloads[current.slotAt(i - run)];
  }

  /** Time of the event last popped. */
  long poppedTimeNanos() {
    return poppedTime;
  }

  /** Sequence of the event last popped. */
  long poppedSequence() {
    return poppedSequence;
  }

  /** Auxiliary word of the event last popped. */
  long poppedAux() {
    return poppedAux;
  }

  /** Payload of the event last popped, until the next pop. */
  Object poppedPayload() {
    return poppedPayload;
  }

  /** Removes every event. Sequence numbers keep counting. */
  void clear() {
    for (Bucket bucket : buckets) {
      for (int c = 0; c < bucket.chunkCount(); c++) {
        Arrays.fill(bucket.chunks[c].payloads, null);
        releaseAfterFirst(bucket, c);
      }
      bucket.count = 0;
    }
    Arrays.fill(nonEmptyDigits, 0);
    nonEmptyLevels = 0;
    size = 0;
    current.clear();
    early.clear();
    Arrays.fill(poolPayloads, null);
    Arrays.fill(runPayloads, null);
    runAt = 0;
    runEnd = 0;
    freeRefCount = 0;
    refLimit = 0;
    poppedPayload = null;
    radix = false;
    peeked = NOT_PEEKED;
  }

  private void release(int ref) {
    poolPayloads[ref] = null;
    freeRefs[freeRefCount++] = ref;
  }

  /**
   * Moves from the floor heap alone to the buckets: the earliest event's window becomes the floor,
   * and every later event goes to its bucket.
   */
  private void enterRadix() {
    radix = true;
    floorWindow = current.peekTimeNanos() >>> WINDOW_BITS;
    int n = current.size();
    if (scratchTimes.length < n) {
      scratchTimes = new long[2 * n];
      scratchSequences = new long[2 * n];
      scratchSlots = new int[2 * n];
    }
    for (int i = 0; i < n; i++) {
      scratchTimes[i] = current.timeAt(i);
      scratchSequences[i] = current.sequenceAt(i);
      scratchSlots[i] = current.slotAt(i);
    }
    current.clear();
    sortBySequence(n);
    for (int i = 0; i < n; i++) {
      long time = scratchTimes[i];
      long window = time >>> WINDOW_BITS;
      int ref = scratchSlots[i];
      if (window == floorWindow) {
        current.push(time, scratchSequences[i], ref);
      } else {
        append(
            bucketOf(window),
            time,
            scratchSequences[i],
            poolHeaders[ref],
            poolAuxes[ref],
            poolPayloads[ref]);
        release(ref);
      }
    }
  }

  /**
   * Sorts the first {@code n} scratch entries by sequence, so that the buckets they go to hold
   * their events in push order, as every later append keeps them (see runOrder). At most {@value
   * #RADIX_ABOVE} + 1 entries, once per switch to the buckets.
   */
  private void sortBySequence(int n) {
    for (int i = 1; i < n; i++) {
      long time = scratchTimes[i];
      long sequence = scratchSequences[i];
      int slot = scratchSlots[i];
      int j = i - 1;
      while (j >= 0 && scratchSequences[j] > sequence) {
        scratchTimes[j + 1] = scratchTimes[j];
        scratchSequences[j + 1] = scratchSequences[j];
        scratchSlots[j + 1] = scratchSlots[j];
        j--;
      }
      scratchTimes[j + 1] = time;
      scratchSequences[j + 1] = sequence;
      scratchSlots[j + 1] = slot;
    }
  }

  /** Moves every bucketed event into the (empty) floor heap and stops using the buckets. */
  private void leaveRadix() {
    radix = false;
    while (nonEmptyLevels != 0) {
      Bucket bucket = takeLowest(Long.numberOfTrailingZeros(nonEmptyLevels));
      int n = bucket.count;
      for (int c = 0; c < bucket.chunkCount(); c++) {
        Chunk chunk = bucket.chunks[c];
        long[] words = chunk.words;
        Object[] payloads = chunk.payloads;
        for (int i = 0, end = Math.min(CHUNK, n - c * CHUNK); i < end; i++) {
          int at = STRIDE * i;
          current.push(words[at], words[at + 1], store(words[at + 2], words[at + 3], payloads[i]));
          payloads[i] = null;
        }
        releaseAfterFirst(bucket, c);
      }
      bucket.count = 0;
    }
  }

  private int store(long header, long aux, Object payload) {
    int ref;
    if (freeRefCount > 0) {
      ref = freeRefs[--freeRefCount];
    } else {
      if (refLimit == poolHeaders.length) {
        int capacity = 2 * refLimit;
        poolHeaders = Arrays.copyOf(poolHeaders, capacity);
        poolAuxes = Arrays.copyOf(poolAuxes, capacity);
        poolPayloads = Arrays.copyOf(poolPayloads, capacity);
        freeRefs = Arrays.copyOf(freeRefs, capacity);
      }
      ref = refLimit++;
    }
    poolHeaders[ref] = header;
    poolAuxes[ref] = aux;
    poolPayloads[ref] = payload;
    return ref;
  }

  /**
   * Where the earliest event is ({@link #EARLY}, {@link #RUN} or {@link #CURRENT}), refilling the
   * floor window from the buckets if it is empty. The floor heap only holds events pushed after the
   * run was taken, so on equal times the run's comes first.
   */
  private int source() {
    if (peeked == NOT_PEEKED) {
      peeked = findSource();
    }
    return peeked;
  }

  private int findSource() {
    if (size == 0) {
      throw new IllegalStateException("the event queue is empty");
    }
    if (!early.isEmpty()) {
      return EARLY;
    }
    if (runAt == runEnd) {
      if (current.isEmpty()) {
        advanceFloor();
      }
      if (runAt == runEnd) {
        return CURRENT;
      }
    }
    if (current.isEmpty() || current.peekTimeNanos() >= runTimes[(int) runOrder[runAt]]) {
      return RUN;
    }
    return CURRENT;
  }

  private FourAryHeap heap(int source) {
    return source == EARLY ? early : current;
  }

  /** The bucket of a window after the floor window: (highest differing digit, its value). */
  private int bucketOf(long window) {
    int level = (63 - Long.numberOfLeadingZeros(window ^ floorWindow)) / DIGIT_BITS;
    int digit = (int) (window >>> (level * DIGIT_BITS)) & (DIGITS - 1);
    return level * DIGITS + digit;
  }

  /** Makes the earliest window of the lowest non-empty bucket the floor and spreads that bucket. */
  private void advanceFloor() {
    refills++;
    if (size - early.size() <= RADIX_BELOW) {
      leaveRadix();
      return;
    }
    int level = Long.numberOfTrailingZeros(nonEmptyLevels);
    Bucket bucket = takeLowest(level);
    int taken = level == 0 ? takeWhole(bucket) : spread(bucket);
    bucket.count = 0;
    runAt = 0;
    runEnd = taken;
  }

  /**
   * Makes the window of {@code bucket}, a bucket of level 0 and so of one window, the floor: every
   * event goes to the run, sorted. Payloads move a chunk at a time, which under G1 marks their
   * cards once per chunk instead of once per reference. Returns the run's length.
   */
  private int takeWhole(Bucket bucket) {
    int n = bucket.count;
    if (runTimes.length < n) {
      growRun(n);
    }
    floorWindow = bucket.chunks[0].words[0] >>> WINDOW_BITS;
    boolean sorted = true;
    long last = 0;
    for (int c = 0, chunks = bucket.chunkCount(); c < chunks; c++) {
      Chunk chunk = bucket.chunks[c];
      long[] words = chunk.words;
      int from = c * CHUNK;
      int end = Math.min(CHUNK, n - from);
      for (int i = 0; i < end; i++) {
        int at = STRIDE * i;
        int to = from + i;
        long time = words[at];
        runTimes[to] = time;
        runSequences[to] = words[at + 1];
        runHeaders[to] = words[at + 2];
        runAuxes[to] = words[at + 3];
        runOrder[to] = ((time & IN_WINDOW) << 32) | to;
        sorted &= time >= last;
        last = time;
      }
      System.arraycopy(chunk.payloads, 0, runPayloads, from, end);
      Arrays.fill(chunk.payloads, 0, end, null);
      releaseAfterFirst(bucket, c);
    }
    if (!sorted) {
      sortRun(n);
    }
    return n;
  }

  /**
   * Makes the earliest window of {@code bucket} the floor: its events go to the run, sorted, and
   * the others to lower buckets. Returns the run's length.
   */
  private int spread(Bucket bucket) {
    int n = bucket.count;
    int chunks = bucket.chunkCount();
    long min = Long.MAX_VALUE;
    for (int c = 0; c < chunks; c++) {
      long[] words = bucket.chunks[c].words;
      for (int i = 0, end = Math.min(CHUNK, n - c * CHUNK); i < end; i++) {
        min = Math.min(min, words[STRIDE * i]);
      }
    }
    floorWindow = min >>> WINDOW_BITS;
    int taken = 0;
    boolean sorted = true;
    long last = 0;
    for (int c = 0; c < chunks; c++) {
      Chunk chunk = bucket.chunks[c];
      long[] words = chunk.words;
      Object[] payloads = chunk.payloads;
      for (int i = 0, end = Math.min(CHUNK, n - c * CHUNK); i < end; i++) {
        int at = STRIDE * i;
        long time = words[at];
        long window = time >>> WINDOW_BITS;
        if (window == floorWindow) {
          // sized by the floor window's events, not by the bucket's: sized by the bucket, the run's
          // six arrays grew to a million entries each at 1 M pending
          if (taken == runTimes.length) {
            growRun(taken + 1);
          }
          runTimes[taken] = time;
          runSequences[taken] = words[at + 1];
          runHeaders[taken] = words[at + 2];
          runAuxes[taken] = words[at + 3];
          runPayloads[taken] = payloads[i];
          runOrder[taken] = ((time & IN_WINDOW) << 32) | taken;
          sorted &= time >= last;
          last = time;
          taken++;
        } else {
          append(bucketOf(window), time, words[at + 1], words[at + 2], words[at + 3], payloads[i]);
        }
        payloads[i] = null;
      }
      // read to the end: the next append may take it while it is still in cache
      releaseAfterFirst(bucket, c);
    }
    if (!sorted) {
      sortRun(taken);
    }
    return taken;
  }

  /**
   * Orders the run's first {@code n} entries by time, keeping entries of equal time in index order:
   * a counting sort on the time within the window for a large run, else a sort of the keys.
   */
  private void sortRun(int n) {
    if (n <= INSERTION_SORT_MAX) {
      insertionSortRun(n);
      return;
    }
    if (n < COUNTING_SORT_ABOVE) {
      Arrays.sort(runOrder, 0, n);
      return;
    }
    int[] starts = countingStarts;
    Arrays.fill(starts, 0);
    for (int i = 0; i < n; i++) {
      starts[(int) (runTimes[i] & IN_WINDOW)]++;
    }
    int sum = 0;
    for (int k = 0; k < starts.length; k++) {
      int count = starts[k];
      starts[k] = sum;
      sum += count;
    }
    for (int i = 0; i < n; i++) {
      runOrder[starts[(int) (runTimes[i] & IN_WINDOW)]++] = i;
    }
  }

  private void insertionSortRun(int n) {
    long[] keys = runOrder;
    for (int i = 1; i < n; i++) {
      long key = keys[i];
      int j = i - 1;
      while (j >= 0 && keys[j] > key) {
        keys[j + 1] = keys[j];
        j--;
      }
      keys[j + 1] = key;
    }
  }

  private void growRun(int n) {
    int capacity = Math.max(n, 2 * runTimes.length);
    runTimes = Arrays.copyOf(runTimes, capacity);
    runSequences = Arrays.copyOf(runSequences, capacity);
    runHeaders = Arrays.copyOf(runHeaders, capacity);
    runAuxes = Arrays.copyOf(runAuxes, capacity);
    runPayloads = Arrays.copyOf(runPayloads, capacity);
    runOrder = Arrays.copyOf(runOrder, capacity);
  }

  /**
   * The lowest non-empty bucket of non-empty {@code level}, marked empty (its entries still in it).
   */
  private Bucket takeLowest(int level) {
    int digit = Long.numberOfTrailingZeros(nonEmptyDigits[level]);
    nonEmptyDigits[level] &= ~(1L << digit);
    if (nonEmptyDigits[level] == 0) {
      nonEmptyLevels &= ~(1L << level);
    }
    return buckets[level * DIGITS + digit];
  }

  // Kept small enough to be inlined into push and advanceFloor: a new chunk is taken out of line.
  private void append(int b, long time, long sequence, long header, long aux, Object payload) {
    Bucket bucket = buckets[b];
    int n = bucket.count;
    int at = n & (CHUNK - 1);
    if (at == 0 && (n > 0 || bucket.tailWords == null)) {
      startChunk(bucket);
    }
    long[] words = bucket.tailWords;
    int w = STRIDE * at;
    words[w] = time;
    words[w + 1] = sequence;
    words[w + 2] = header;
    words[w + 3] = aux;
    bucket.tailPayloads[at] = payload;
    bucket.count = n + 1;
    int level = b >>> DIGIT_BITS;
    nonEmptyDigits[level] |= 1L << (b & (DIGITS - 1));
    nonEmptyLevels |= 1L << level;
  }

  /**
   * Gives {@code bucket}, whose chunks are full, an empty one from the free list or a new one. Once
   * per {@value #CHUNK} appends, and too large for the JIT to inline at so cold a call, which keeps
   * {@link #append} small enough to be inlined where it is hot.
   */
  private void startChunk(Bucket bucket) {
    Chunk chunk = freeChunkCount > 0 ? freeChunks[--freeChunkCount] : new Chunk();
    int c = bucket.count >>> CHUNK_BITS;
    if (c == bucket.chunks.length) {
      bucket.chunks = Arrays.copyOf(bucket.chunks, 2 * c);
    }
    bucket.chunks[c] = chunk;
    bucket.tailWords = chunk.words;
    bucket.tailPayloads = chunk.payloads;
  }

  /**
   * Gives chunk {@code c} of a bucket being emptied back to the free list, unless it is the first:
   * a bucket keeps that one, so one that holds a few events at a time, as the lowest levels' do,
   * takes no chunk from the list and writes to memory it used last.
   */
  private void releaseAfterFirst(Bucket bucket, int c) {
    if (c > 0) {
      release(bucket.chunks[c]);
    } else {
      bucket.tailWords = bucket.chunks[0].words;
      bucket.tailPayloads = bucket.chunks[0].payloads;
    }
  }

  private void release(Chunk chunk) {
    if (freeChunkCount == freeChunks.length) {
      freeChunks = Arrays.copyOf(freeChunks, 2 * freeChunkCount);
    }
    freeChunks[freeChunkCount++] = chunk;
  }

  /**
   * One radix bucket: unsorted events in push order, in chunks of {@value #CHUNK}; entry {@code i}
   * is entry {@code i % CHUNK} of chunk {@code i / CHUNK}.
   */
  private static final class Bucket {
    Chunk[] chunks = new Chunk[4];
    int count;
    // the last chunk's arrays, where the next entry goes unless the chunks are full
    long[] tailWords;
    Object[] tailPayloads;

    /** Chunks holding the bucket's entries: the last one may be partly filled. */
    int chunkCount() {
      return (count + CHUNK - 1) >>> CHUNK_BITS;
    }
  }

  /**
   * A fixed block of bucket entries: time, sequence, header and aux interleaved, payloads beside.
   */
  private static final class Chunk {
    final long[] words = new long[STRIDE * CHUNK];
    final Object[] payloads = new Object[CHUNK];
  }
}
