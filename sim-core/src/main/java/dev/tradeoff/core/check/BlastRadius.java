package dev.tradeoff.core.check;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * {@code blast-radius}: how far an incident reached, measured on the history. The customer of an
 * operation is its key modulo {@code customers} (its key itself when {@code customers} is 0); an
 * operation belongs to the incident when it was invoked in the window {@code [from, until)} — the
 * span of the run's faults when the runner tells it ({@link Incident}), else the window it was
 * built with. An operation that did not complete OK (fail, or info: a timeout, no answer) failed
 * its customer.
 *
 * <p>It measures the share of customers active in the window who saw at least one failed operation
 * in it (the blast radius), the share of the window's operations that failed, and the whole run's
 * availability (share of all operations OK). Verdict: invalid when the incident reached any
 * customer, with {@code violations} the number of customers reached — so {@code
 * violations(blast-radius) <= 30} bounds it — and the figures in the detail; valid when no customer
 * saw a failure; unknown when no operation was invoked in the window.
 */
public final class BlastRadius implements Checker, Incident {
  private static final int WITNESSES = 5;

  private final long customers;
  private long fromNanos;
  private long untilNanos;

  /**
   * A blast-radius checker over {@code [fromNanos, untilNanos)}, customers being keys modulo {@code
   * customers} (0: each key is a customer).
   */
  public BlastRadius(long customers, long fromNanos, long untilNanos) {
    if (customers < 0 || fromNanos > untilNanos) {
      throw new IllegalArgumentException("blast-radius: customers >= 0 and from <= until");
    }
    this.customers = customers;
    this.fromNanos = fromNanos;
    this.untilNanos = untilNanos;
  }

  /** Over the whole run, each key a customer (until the runner names a fault window). */
  public BlastRadius() {
    this(0, 0, Long.MAX_VALUE);
  }

  @Override
  public String name() {
    return "blast-radius";
  }

  @Override
  public void faultsSpanned(long startNanos, long endNanos) {
    fromNanos = startNanos;
    untilNanos = endNanos;
  }

  /** The customer of {@code key}. */
  public long customer(long key) {
    return customers == 0 ? key : Math.floorMod(key, customers);
  }

  /** The figures of one history. */
  public record Figures(
      long customers, long customersReached, long operations, long failed, double availability) {
    /** Share of the window's customers who saw a failure; 0 when none was active. */
    public double customerShare() {
      return customers == 0 ? 0 : (double) customersReached / customers;
    }

    /** Share of the window's operations that failed; 0 when none was invoked. */
    public double failedShare() {
      return operations == 0 ? 0 : (double) failed / operations;
    }
  }

  /** The figures of {@code history} over this checker's window. */
  public Figures measure(History history) {
    return measure(history, new TreeMap<>());
  }

  private Figures measure(History h, TreeMap<Long, Integer> firstFailure) {
    LongOpenHashSet active = new LongOpenHashSet();
    long ops = 0;
    long failed = 0;
    long ok = 0;
    for (int op = 0; op < h.size(); op++) {
      boolean good = h.status(op) == OpStatus.OK && h.completeNanos(op) != Long.MAX_VALUE;
      ok += good ? 1 : 0;
      long t = h.invokeNanos(op);
      if (t < fromNanos || t >= untilNanos) {
        continue;
      }
      long c = customer(h.key(op));
      active.add(c);
      ops++;
      if (!good) {
        failed++;
        firstFailure.putIfAbsent(c, op);
      }
    }
    double availability = h.size() == 0 ? 1 : (double) ok / h.size();
    return new Figures(active.size(), firstFailure.size(), ops, failed, availability);
  }

  @Override
  public CheckResult check(History history) {
    TreeMap<Long, Integer> firstFailure = new TreeMap<>();
    Figures f = measure(history, firstFailure);
    if (f.operations() == 0) {
      return CheckResult.unknown(name(), "no operation invoked in " + window());
    }
    String detail =
        String.format(
            Locale.ROOT,
            "%s: %d of %d customers reached (%.2f%%), %d of %d operations failed (%.2f%%);"
                + " availability over the run %.4f%%",
            window(),
            f.customersReached(),
            f.customers(),
            100 * f.customerShare(),
            f.failed(),
            f.operations(),
            100 * f.failedShare(),
            100 * f.availability());
    if (f.customersReached() == 0) {
      return CheckResult.valid(name(), detail);
    }
    List<String> witnesses = new ArrayList<>();
    for (var e : firstFailure.entrySet()) {
      if (witnesses.size() == WITNESSES) {
        break;
      }
      int op = e.getValue();
      witnesses.add(
          String.format(
              Locale.ROOT,
              "customer %d: op %d (%s of key %d at %.3f s) %s",
              e.getKey(),
              op,
              history.kind(op).label(),
              history.key(op),
              history.invokeNanos(op) / 1e9,
              history.status(op).name().toLowerCase(Locale.ROOT)));
    }
    return CheckResult.invalid(name(), f.customersReached(), witnesses, detail);
  }

  private String window() {
    String until = untilNanos == Long.MAX_VALUE ? "end" : seconds(untilNanos);
    return "incident " + seconds(fromNanos) + ".." + until;
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
  }
}
