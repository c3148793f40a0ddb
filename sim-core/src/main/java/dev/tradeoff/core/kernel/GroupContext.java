package dev.tradeoff.core.kernel;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.Release;
import dev.tradeoff.core.metrics.Recorder;
import dev.tradeoff.core.random.RandomStream;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The one context of a node group ({@link Simulation#addGroup}): while the group's handler handles
 * an event of one member, the context stands for that member, and every call acts as that member's
 * own context would. Outside the group's handlers it stands for no member, and every call throws.
 *
 * <p>The members' own random streams live in one array, {@link RandomStream#STATE_WORDS} words
 * each, so that tens of thousands of them take a few megabytes in one place instead of one object
 * each wherever the heap put it. {@link #random()} is one {@link RandomStream}, the cursor:
 * entering a member's handler loads that member's state into it, leaving stores it back. A sampler
 * bound to the cursor once therefore draws each member's values from that member's own stream, and
 * the samplers a model shares see the one class of stream they see everywhere else.
 */
final class GroupContext implements Context {
  private static final int WORDS = RandomStream.STATE_WORDS;
  private final String groupName;
  private final Supplier<? extends Node> factory;
  private final int firstId;
  private final long[] streams;
  private final RandomStream cursor = new RandomStream(1, 0);
  private Node handler;
  private NodeRuntime member;
  private int memberWord;

  GroupContext(String groupName, Supplier<? extends Node> factory, int firstId, int size) {
    this.groupName = groupName;
    this.factory = factory;
    this.firstId = firstId;
    this.streams = new long[size * WORDS];
  }

  /** Makes {@code stream}'s state node {@code id}'s own stream. */
  void seed(int id, RandomStream stream) {
    stream.save(streams, (id - firstId) * WORDS);
  }

  /** Reads node {@code id}'s stream state, so that it is in cache; the value means nothing. */
  long warm(int id) {
    int first = (id - firstId) * WORDS;
    // a slot is half a cache line, and half of them straddle two
    return streams[first] ^ streams[first + WORDS - 1];
  }

  /** The group's handler, built from the factory the first time a member starts. */
  Node handler() {
    if (handler == null) {
      handler = factory.get();
    }
    return handler;
  }

  /** From now until {@link #leave()}, this context stands for {@code runtime}. */
  void enter(NodeRuntime runtime) {
    member = runtime;
    memberWord = (runtime.id - firstId) * WORDS;
    cursor.restore(streams, memberWord);
  }

  /** Ends the current member's handler. */
  void leave() {
    cursor.save(streams, memberWord);
    member = null;
  }

  private NodeRuntime member() {
    NodeRuntime current = member;
    if (current == null) {
      throw new IllegalStateException(
          "the context of node group "
              + groupName
              + " stands for a member only while the group's handler handles that member's event");
    }
    return current;
  }

  @Override
  public int self() {
    return member().id;
  }

  @Override
  public String name() {
    return member().name();
  }

  @Override
  public String nodeName(int id) {
    return member().nodeName(id);
  }

  @Override
  public int nodeId(String name) {
    return member().nodeId(name);
  }

  @Override
  public long localNanos() {
    return member().localNanos();
  }

  @Override
  public void send(int to, Object message) {
    member().send(to, message);
  }

  @Override
  public long setTimer(long delayLocalNanos, Object payload) {
    return member().setTimer(delayLocalNanos, payload);
  }

  @Override
  public boolean cancelTimer(long timerId) {
    return member().cancelTimer(timerId);
  }

  @Override
  public boolean process(long costNanos, Object job) {
    return member().process(costNanos, job);
  }

  @Override
  public boolean process(Object job) {
    return member().process(job);
  }

  @Override
  public Disk disk() {
    return member().disk();
  }

  /**
   * The current member's own stream, through a cursor that follows the member: keep it and bind
   * samplers to it once. A draw made while a member's event is handled comes from that member's
   * stream, as a separate node's {@code random()} would give it; a draw made outside the group's
   * handlers means nothing and changes no member's stream.
   */
  @Override
  public UniformRandomProvider random() {
    member();
    return cursor;
  }

  /** The current member's stream for {@code purpose}; unlike {@link #random()}, that member's. */
  @Override
  public UniformRandomProvider random(String purpose) {
    return member().random(purpose);
  }

  @Override
  public Recorder metrics() {
    return member().metrics();
  }

  @Override
  public Release release() {
    return member().release();
  }

  @Override
  public void crash() {
    member().crash();
  }
}
