package dev.tradeoff.benchmarks.peer;

import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.randvar.RandomVariateGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * Classic PHOLD written the way an SSJ user would write it: messages are instances of an {@link
 * Event} subclass, each forwarded by rescheduling itself, on an instance {@link Simulator} (SSJ's
 * default SplayTree event list); all random numbers come from one {@link MRG32k3a} stream.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>A run starts at simulated time 0 with {@code lps * eventsPerLp} events, event {@code k} of
 *       LP {@code i} scheduled at {@code 0.1 + Exp(mean 1)}.
 *   <li>Processing an event schedules exactly one new event, {@code 0.1 + Exp(mean 1)} later; with
 *       probability {@code remote} its LP is drawn uniformly from the other LPs, otherwise it is
 *       the processing LP itself. The event population is therefore constant.
 *   <li>Every run rewinds the stream and clears the simulator, so repeated runs on one instance
 *       process the same events in the same order.
 * </ul>
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class SsjPhold {

  private static final double MIN_DELAY = 0.1;
  private static final double MEAN_DELAY = 1.0;

  private final int lps;
  private final int eventsPerLp;
  private final double remote;
  // Not called "sim": Event's protected field of that name would shadow it inside the events.
  private final Simulator simulator = new Simulator();
  private final RandomStream stream = new MRG32k3a();
  private final RandomVariateGen delays = new ExponentialGen(stream, 1.0 / MEAN_DELAY);

  private long processed;
  private long budget;

  /**
   * @param lps number of logical processes, at least 1
   * @param eventsPerLp initial events per LP, at least 1
   * @param remote probability in [0, 1] that a new event goes to another LP
   */
  public SsjPhold(int lps, int eventsPerLp, double remote) {
    if (lps < 1 || eventsPerLp < 1) {
      throw new IllegalArgumentException("lps and eventsPerLp must be >= 1");
    }
    if (!(remote >= 0.0 && remote <= 1.0)) {
      throw new IllegalArgumentException("remote must be in [0, 1]: " + remote);
    }
    this.lps = lps;
    this.eventsPerLp = eventsPerLp;
    this.remote = remote;
  }

  /**
   * Runs a fresh model until exactly {@code eventBudget} events have been processed.
   *
   * @return the number of processed events, always {@code eventBudget}
   */
  public long run(long eventBudget) {
    if (eventBudget < 1) {
      throw new IllegalArgumentException("eventBudget must be >= 1");
    }
    reset(eventBudget);
    simulator.start();
    return processed;
  }

  /**
   * Runs a fresh model until simulated time {@code stopTime}.
   *
   * @return the number of events processed before the clock passed {@code stopTime}
   */
  public long runUntil(double stopTime) {
    reset(Long.MAX_VALUE);
    new EndOfSim().schedule(stopTime);
    simulator.start();
    return processed;
  }

  /** Simulated time reached by the last run. */
  public double clock() {
    return simulator.time();
  }

  private void reset(long eventBudget) {
    // init() clears leftover events and the clock; the Simulator itself is reused, as in
    // SSJ's own replication loops (Sim.init() per run).
    simulator.init();
    stream.resetStartStream();
    processed = 0;
    budget = eventBudget;
    for (int lp = 0; lp < lps; lp++) {
      for (int k = 0; k < eventsPerLp; k++) {
        new Message(lp).schedule(delay());
      }
    }
  }

  private double delay() {
    return MIN_DELAY + delays.nextDouble();
  }

  private int destination(int from) {
    if (lps == 1 || stream.nextDouble() >= remote) {
      return from;
    }
    int to = stream.nextInt(0, lps - 2);
    return to >= from ? to + 1 : to;
  }

  private final class Message extends Event {
    private int lp;

    Message(int lp) {
      super(simulator);
      this.lp = lp;
    }

    @Override
    public void actions() {
      // The executive marks an event unscheduled before actions(), so the message can be
      // forwarded by rescheduling itself; SplayTree still allocates one entry per schedule.
      lp = destination(lp);
      schedule(delay());
      if (++processed == budget) {
        simulator.stop();
      }
    }
  }

  private final class EndOfSim extends Event {
    EndOfSim() {
      super(simulator);
    }

    @Override
    public void actions() {
      simulator.stop();
    }
  }
}
