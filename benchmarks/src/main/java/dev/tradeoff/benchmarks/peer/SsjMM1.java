package dev.tradeoff.benchmarks.peer;

import java.util.LinkedList;
import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.randvar.RandomVariateGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.stat.Tally;

/**
 * M/M/1 FIFO queue in the style of SSJ's {@code QueueEv} tutorial: a new {@code Arrival} and {@code
 * Departure} event object per occurrence, customers waiting in a {@link LinkedList}, waiting times
 * in a {@link Tally}, one stream each for inter-arrival and service times.
 *
 * <p>Contract: a run starts empty and idle at time 0 and stops at the departure of the {@code
 * customers}-th customer. The waiting time (arrival to start of service) is recorded for every
 * customer who started service. Every run rewinds both streams, so repeated runs on one instance
 * are identical.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class SsjMM1 {

  /** Arrival rate of the reference benchmark. */
  public static final double LAMBDA = 1.0;

  /** Service rate of the reference benchmark. */
  public static final double MU = 1.1;

  private final double lambda;
  private final double mu;
  // Not called "sim": Event's protected field of that name would shadow it inside the events.
  private final Simulator simulator = new Simulator();
  private final RandomStream arrivalStream = new MRG32k3a();
  private final RandomStream serviceStream = new MRG32k3a();
  private final RandomVariateGen interArrivals;
  private final RandomVariateGen services;
  private final LinkedList<Customer> queue = new LinkedList<>();
  private final Tally waits = new Tally("Waiting times");

  private boolean busy;
  private long served;
  private long target;

  /** The reference queue: {@code lambda = 1}, {@code mu = 1.1}. */
  public SsjMM1() {
    this(LAMBDA, MU);
  }

  /**
   * @param lambda arrival rate, positive
   * @param mu service rate, greater than {@code lambda} for the theory check to apply
   */
  public SsjMM1(double lambda, double mu) {
    if (!(lambda > 0.0 && mu > 0.0)) {
      throw new IllegalArgumentException("rates must be positive");
    }
    this.lambda = lambda;
    this.mu = mu;
    this.interArrivals = new ExponentialGen(arrivalStream, lambda);
    this.services = new ExponentialGen(serviceStream, mu);
  }

  /**
   * Runs a fresh queue until {@code customers} customers have been served.
   *
   * @return the number of customers served, always {@code customers}
   */
  public long run(long customers) {
    if (customers < 1) {
      throw new IllegalArgumentException("customers must be >= 1");
    }
    simulator.init();
    arrivalStream.resetStartStream();
    serviceStream.resetStartStream();
    queue.clear();
    waits.init();
    busy = false;
    served = 0;
    target = customers;
    new Arrival().schedule(interArrivals.nextDouble());
    simulator.start();
    return served;
  }

  /** Mean waiting time in queue over the customers who started service in the last run. */
  public double meanWait() {
    return waits.average();
  }

  /** Number of waiting times recorded in the last run. */
  public long waitsRecorded() {
    return waits.numberObs();
  }

  /** Simulated time at which the last run stopped. */
  public double clock() {
    return simulator.time();
  }

  /**
   * Theoretical mean wait in queue, {@code Wq = rho / (mu - lambda)} with {@code rho = lambda /
   * mu}.
   */
  public double theoreticalMeanWait() {
    return (lambda / mu) / (mu - lambda);
  }

  private void startService(Customer customer) {
    busy = true;
    waits.add(simulator.time() - customer.arrival);
    new Departure().schedule(customer.service);
  }

  private static final class Customer {
    final double arrival;
    final double service;

    Customer(double arrival, double service) {
      this.arrival = arrival;
      this.service = service;
    }
  }

  private final class Arrival extends Event {
    Arrival() {
      super(simulator);
    }

    @Override
    public void actions() {
      new Arrival().schedule(interArrivals.nextDouble());
      Customer customer = new Customer(simulator.time(), services.nextDouble());
      if (busy) {
        queue.addLast(customer);
      } else {
        startService(customer);
      }
    }
  }

  private final class Departure extends Event {
    Departure() {
      super(simulator);
    }

    @Override
    public void actions() {
      busy = false;
      if (++served == target) {
        simulator.stop();
        return;
      }
      if (!queue.isEmpty()) {
        startService(queue.removeFirst());
      }
    }
  }
}
