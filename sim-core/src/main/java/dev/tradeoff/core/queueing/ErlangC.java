package dev.tradeoff.core.queueing;

/**
 * The M/M/c queue in steady state: Poisson arrivals at {@code arrivalsPerSecond}, {@code workers}
 * servers each completing exponentially distributed jobs at {@code servicePerSecond}, an unbounded
 * FIFO queue. Formulas after Kleinrock, <i>Queueing Systems</i> vol. 1 (1975), §3.5; the Erlang-C
 * probability is computed through the numerically stable Erlang-B recursion.
 *
 * @param arrivalsPerSecond arrival rate λ
 * @param servicePerSecond service rate μ of one worker
 * @param workers number of workers c
 */
public record ErlangC(double arrivalsPerSecond, double servicePerSecond, int workers) {

  /** Requires a stable queue: λ &lt; cμ. */
  public ErlangC {
    if (!(arrivalsPerSecond > 0) || !(servicePerSecond > 0) || workers < 1) {
      throw new IllegalArgumentException("M/M/c needs λ > 0, μ > 0 and c >= 1");
    }
    if (arrivalsPerSecond >= workers * servicePerSecond) {
      throw new IllegalArgumentException(
          "M/M/c is unstable: λ = " + arrivalsPerSecond + " >= cμ = " + workers * servicePerSecond);
    }
  }

  /** Offered load in Erlangs, a = λ/μ. */
  public double offeredLoad() {
    return arrivalsPerSecond / servicePerSecond;
  }

  /** Utilisation of each worker, ρ = λ/(cμ). */
  public double utilisation() {
    return offeredLoad() / workers;
  }

  /** Probability that an arriving job has to wait (Erlang's C formula). */
  public double probabilityOfWait() {
    double a = offeredLoad();
    double erlangB = 1.0;
    for (int k = 1; k <= workers; k++) {
      erlangB = a * erlangB / (k + a * erlangB);
    }
    double rho = utilisation();
    return erlangB / (1 - rho * (1 - erlangB));
  }

  /** Mean time in the queue, Wq = C / (cμ − λ). */
  public double meanWaitSeconds() {
    return probabilityOfWait() / drainRate();
  }

  /** Mean time in the system, W = Wq + 1/μ. */
  public double meanResponseSeconds() {
    return meanWaitSeconds() + 1 / servicePerSecond;
  }

  /** Mean number waiting, Lq = λ Wq. */
  public double meanQueueLength() {
    return arrivalsPerSecond * meanWaitSeconds();
  }

  /** Mean number in the system, L = λ W. */
  public double meanInSystem() {
    return arrivalsPerSecond * meanResponseSeconds();
  }

  /**
   * P(response time &gt; t). The response is the service time, plus with probability C an
   * exponential wait of rate cμ − λ; the sum of the two exponentials is hypoexponential.
   */
  public double responseTailProbability(double seconds) {
    if (seconds <= 0) {
      return 1;
    }
    double mu = servicePerSecond;
    double theta = drainRate();
    double c = probabilityOfWait();
    double noWait = Math.exp(-mu * seconds);
    double withWait =
        Math.abs(theta - mu) < 1e-9 * mu
            ? (1 + mu * seconds) * Math.exp(-mu * seconds)
            : (theta * Math.exp(-mu * seconds) - mu * Math.exp(-theta * seconds)) / (theta - mu);
    return (1 - c) * noWait + c * withWait;
  }

  /** The {@code percentile}-th percentile (0–100, exclusive) of the response time, by bisection. */
  public double responsePercentileSeconds(double percentile) {
    if (!(percentile > 0 && percentile < 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100), got " + percentile);
    }
    double tail = 1 - percentile / 100;
    double low = 0;
    double high = 1 / servicePerSecond;
    while (responseTailProbability(high) > tail) {
      high *= 2;
    }
    for (int i = 0; i < 200 && high - low > 1e-12 * high; i++) {
      double mid = (low + high) / 2;
      if (responseTailProbability(mid) > tail) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }

  private double drainRate() {
    return workers * servicePerSecond - arrivalsPerSecond;
  }
}
