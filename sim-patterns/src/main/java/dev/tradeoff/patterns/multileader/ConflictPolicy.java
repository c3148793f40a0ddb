package dev.tradeoff.patterns.multileader;

import java.util.List;

/**
 * How a leader orders two writes of one key. Every policy is deterministic and commutative, so
 * leaders that applied the same writes in any order hold the same state.
 */
public enum ConflictPolicy {
  /**
   * Last writer wins: the write with the larger stamp {@code (local clock of the accepting leader,
   * leader index, sequence)} replaces the other, whether or not it had seen it — as Cassandra cells
   * and BDR's {@code last_update_wins}. A leader with a fast clock wins wrongly.
   */
  LWW("lww"),
  /**
   * Version vectors: a write replaces exactly the writes its leader had applied when accepting it
   * (its causal context); concurrent writes are kept side by side as siblings, as Riak and Dynamo
   * do. Nothing acknowledged is discarded; reads see one sibling (see {@link MultiLeaderNode}).
   */
  VERSION_VECTORS("version-vectors"),
  /**
   * A merge function: the state is a max-register, a state-based CRDT whose join keeps the larger
   * value. Written values are unique and increase with invocation time, so the merge keeps the
   * write invoked last: it never inverts real time, but a concurrent smaller write is discarded.
   */
  MERGE("merge");

  private final String word;

  ConflictPolicy(String word) {
    this.word = word;
  }

  /** The word a scenario writes. */
  public String word() {
    return word;
  }

  /** Every policy's word, in declaration order (the first is the default). */
  public static List<String> words() {
    return List.of(LWW.word, VERSION_VECTORS.word, MERGE.word);
  }

  /** The policy a scenario calls {@code word}. */
  public static ConflictPolicy of(String word) {
    for (ConflictPolicy p : values()) {
      if (p.word.equals(word)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no conflict policy " + word);
  }

  /**
   * Whether, once both are known, {@code a} takes precedence over {@code b} (a different write of
   * the same key): under version vectors only a write that saw the other does; under the other
   * policies exactly one of the two takes precedence.
   */
  public boolean beats(Write a, Write b) {
    return switch (this) {
      case LWW ->
          a.stampNanos() != b.stampNanos()
              ? a.stampNanos() > b.stampNanos()
              : a.origin() != b.origin() ? a.origin() > b.origin() : a.seq() > b.seq();
      case VERSION_VECTORS -> a.covers(b);
      case MERGE -> a.value() > b.value();
    };
  }
}
