package dev.tradeoff.patterns.quorum;

import dev.tradeoff.core.random.Distribution;
import java.util.List;
import java.util.Locale;

/**
 * The WARS latency models of Bailis et al., "Probabilistically Bounded Staleness for Practical
 * Partial Quorums" (VLDB 2012), section 5: one-way delays for each message of a quorum operation,
 * drawn independently per replica and per operation — W (write request, coordinator to replica), A
 * (write ack), R (read request) and S (read response).
 *
 * <p>Every fit is a mixture of a Pareto (minimum x<sub>m</sub>, tail index α) and an exponential
 * (rate λ), in milliseconds, as published in the paper's table of production fits and as coded in
 * the authors' simulator ({@code ernst.simulator.Simulator}, classes {@code LinkedSSDDelay}, {@code
 * LinkedDiskDelay}, {@code YammerDelayModel}):
 *
 * <ul>
 *   <li>{@code lnkd-ssd} (LinkedIn Voldemort on SSDs): W = A = R = S = 91.22% Pareto(0.235, 10) +
 *       8.78% Exp(1.66).
 *   <li>{@code lnkd-disk} (LinkedIn Voldemort on spinning disks): W = 38% Pareto(1.05, 1.51) + 62%
 *       Exp(0.183); A = R = S as {@code lnkd-ssd}.
 *   <li>{@code ymmr} (Yammer Riak): W = 93.9% Pareto(3, 3.35) + 6.1% Exp(0.0028); A = R = S = 98.2%
 *       Pareto(1.5, 3.8) + 1.8% Exp(0.0217).
 * </ul>
 *
 * <p>The Yammer W tail index is 3.35 in the paper's table; one copy of the authors' simulator has
 * 3.5. We use the paper's value (the difference moves the write p99.9 by a few percent and the
 * t-visibility not at all measurably, since it is the exponential part that sets the tail).
 */
public enum QuorumWars {
  /** No WARS delays: messages take the network's latency only. */
  NONE(null, null),
  /** LinkedIn, SSD-backed Voldemort. */
  LNKD_SSD(ssd(), ssd()),
  /** LinkedIn, disk-backed Voldemort: only the write request (which includes the disk) differs. */
  LNKD_DISK(mix(0.38, 1.05, 1.51, 0.183), ssd()),
  /** Yammer's Riak. */
  YMMR(mix(0.939, 3.0, 3.35, 0.0028), mix(0.982, 1.5, 3.8, 0.0217));

  private static final double NANOS_PER_MS = 1e6;

  private final Distribution writeNanos;
  private final Distribution otherNanos;

  QuorumWars(Distribution writeNanos, Distribution otherNanos) {
    this.writeNanos = writeNanos;
    this.otherNanos = otherNanos;
  }

  /** The scenario-file words, in declaration order. */
  public static List<String> words() {
    return java.util.Arrays.stream(values()).map(QuorumWars::word).toList();
  }

  /** The scenario-file word: {@code none}, {@code lnkd-ssd}, {@code lnkd-disk}, {@code ymmr}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The model a scenario word names. */
  public static QuorumWars of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Whether this model adds delays at all. */
  public boolean active() {
    return writeNanos != null;
  }

  /** W: write request delay, nanoseconds; null for {@link #NONE}. */
  public Distribution writeNanos() {
    return writeNanos;
  }

  /** A: write ack delay, nanoseconds; null for {@link #NONE}. */
  public Distribution ackNanos() {
    return otherNanos;
  }

  /** R: read request delay, nanoseconds; null for {@link #NONE}. */
  public Distribution readNanos() {
    return otherNanos;
  }

  /** S: read response delay, nanoseconds; null for {@link #NONE}. */
  public Distribution responseNanos() {
    return otherNanos;
  }

  private static Distribution ssd() {
    return mix(0.9122, 0.235, 10.0, 1.66);
  }

  /** {@code paretoShare} Pareto(xm ms, alpha), the rest exponential with rate lambda per ms. */
  private static Distribution mix(double paretoShare, double xmMs, double alpha, double lambda) {
    return Distribution.mixture(
        List.of(
            Distribution.pareto(xmMs * NANOS_PER_MS, alpha),
            Distribution.exponential(NANOS_PER_MS / lambda)),
        List.of(paretoShare, 1 - paretoShare));
  }
}
