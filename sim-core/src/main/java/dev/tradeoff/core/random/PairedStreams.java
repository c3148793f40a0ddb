package dev.tradeoff.core.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Two random streams in one object: this one, and a second one drawn through {@link #secondLong()},
 * {@link #secondInt()} and {@link #secondBoolean()}, or through the view {@link #second()}. Each
 * draws exactly what its own {@link RandomStream} would.
 *
 * <p>For the kernel's runtime of a node, which extends this class: the node's own stream and its
 * network stream are read by nearly every event, and with tens of thousands of nodes each object an
 * event reads is a cache miss. The second stream's words follow the first's, ahead of any
 * subclass's fields (the JVM lays out a superclass's fields first). Not thread-safe.
 */
public class PairedStreams extends RandomStream {
  // The second stream's state and caches, as in RandomStream.
  private long second0;
  private long second1;
  private long secondIntSource = NO_INT;
  private long secondBooleanSource = NO_BITS;

  /** Two streams that start where {@code first} and {@code second} are now, caches included. */
  public PairedStreams(RandomStream first, RandomStream second) {
    super(first);
    second0 = second.state0;
    second1 = second.state1;
    secondIntSource = second.intSource;
    secondBooleanSource = second.booleanSource;
  }

  /** The second stream's {@link RandomStream#nextLong()}. */
  public final long secondLong() {
    long s0 = second0;
    long s1 = second1;
    second0 = nextState0(s0, s1);
    second1 = nextState1(s0, s1);
    return output(s0, s1);
  }

  /** The second stream's {@link RandomStream#nextInt()}. */
  public final int secondInt() {
    long cached = secondIntSource;
    if (cached >= 0) {
      secondIntSource = NO_INT;
      return (int) cached;
    }
    long bits = secondLong();
    secondIntSource = bits >>> 32;
    return (int) bits;
  }

  /** The second stream's {@link RandomStream#nextBoolean()}. */
  public final boolean secondBoolean() {
    long bits = secondBooleanSource;
    if (bits == NO_BITS) {
      bits = secondLong();
      secondBooleanSource = refill(bits);
    } else {
      secondBooleanSource = bits >>> 1;
    }
    return (bits & 1) == 1;
  }

  /**
   * The second stream as a provider of its own: every draw through it is the second stream's, now
   * and later. A new view each call; views of one object share its state.
   */
  public final UniformRandomProvider second() {
    return new Second(this);
  }

  /** The second stream's last word; see {@link RandomStream#lastWord()}. */
  public final long secondLastWord() {
    return secondBooleanSource;
  }

  private record Second(PairedStreams streams) implements UniformRandomProvider {
    @Override
    public long nextLong() {
      return streams.secondLong();
    }

    @Override
    public int nextInt() {
      return streams.secondInt();
    }

    @Override
    public boolean nextBoolean() {
      return streams.secondBoolean();
    }
  }
}
