package dev.tradeoff.core.kernel;

/**
 * A node's CPU statistics at one instant.
 *
 * @param workers configured workers
 * @param busyWorkers workers busy now
 * @param queueLength jobs waiting now
 * @param accepted jobs accepted so far (started or queued)
 * @param rejected jobs rejected because the queue was full
 * @param waited accepted jobs that found every worker busy and had to queue
 * @param completed jobs finished
 * @param busyWorkerNanos integral of busy workers over time (worker-nanoseconds)
 * @param queueLengthNanos integral of the queue length over time (job-nanoseconds)
 */
public record CpuStats(
    int workers,
    int busyWorkers,
    int queueLength,
    long accepted,
    long rejected,
    long waited,
    long completed,
    double busyWorkerNanos,
    double queueLengthNanos) {

  /** Mean utilisation over {@code elapsedNanos}: busy worker time over available worker time. */
  public double utilisation(long elapsedNanos) {
    return elapsedNanos <= 0 ? 0 : busyWorkerNanos / ((double) workers * elapsedNanos);
  }

  /** Time-averaged number of waiting jobs over {@code elapsedNanos}. */
  public double meanQueueLength(long elapsedNanos) {
    return elapsedNanos <= 0 ? 0 : queueLengthNanos / elapsedNanos;
  }

  /**
   * Time-averaged number of jobs in the CPU (waiting plus in service) over {@code elapsedNanos}.
   */
  public double meanJobsInSystem(long elapsedNanos) {
    return elapsedNanos <= 0 ? 0 : (queueLengthNanos + busyWorkerNanos) / elapsedNanos;
  }
}
