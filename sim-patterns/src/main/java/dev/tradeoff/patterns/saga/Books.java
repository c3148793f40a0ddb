package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.Disk;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A service's database as its {@link Disk} holds it: customer balances under {@code a/c/<id>}, the
 * merchant's under {@code a/m}, stock under {@code p/<product>}, one row per saga step the service
 * ran under {@code f/<saga>/<step>} (how many times it was applied and undone), and the idempotency
 * keys it has seen under {@code k/…}. A local transaction is a handful of puts and one sync in one
 * handler, so a crash keeps all of it or none. The checkers read the same layout at the end of the
 * run: what the services' disks hold, not what any node believes.
 */
final class Books {
  /** How a service remembers an idempotency key. */
  enum Outcome {
    /** The step was applied. */
    APPLIED,
    /** The step was refused; a retry is refused the same way. */
    REFUSED,
    /** The step was compensated before it arrived; it must not be applied any more. */
    CANCELLED,
    /** The compensation was done. */
    DONE
  }

  /**
   * One saga step's row: applied {@code applied} times and undone {@code undone} times.
   *
   * @param saga the saga
   * @param step the step's index
   * @param customer the customer it charged
   * @param product the product it reserved
   * @param applied forward applications
   * @param undone compensations that undid an application
   */
  record Row(long saga, int step, long customer, long product, int applied, int undone) {
    /** Applications not undone. */
    int net() {
      return applied - undone;
    }
  }

  /** The merchant's account key. */
  static final String MERCHANT = "a/m";

  private Books() {}

  /** Customer {@code customer}'s account key. */
  static String customerKey(long customer) {
    return String.format(Locale.ROOT, "a/c/%010d", customer);
  }

  /** Product {@code product}'s stock key. */
  static String stockKey(long product) {
    return String.format(Locale.ROOT, "p/%010d", product);
  }

  /** The key of saga {@code saga}'s row for step {@code step}. */
  static String rowKey(long saga, int step) {
    return String.format(Locale.ROOT, "f/%016x/%03d", saga ^ Long.MIN_VALUE, step);
  }

  /** The idempotency key of a step request: its saga, step, direction and try. */
  static String requestKey(long saga, int step, boolean compensate, int retry) {
    return String.format(
        Locale.ROOT,
        "k/%016x/%03d/%s/%d",
        saga ^ Long.MIN_VALUE,
        step,
        compensate ? "c" : "f",
        retry);
  }

  /**
   * Opens a service's database on its first start: {@code customers} accounts of {@code balance}
   * and the merchant's (at 0) when it keeps accounts, {@code products} products of {@code stock}
   * units when it keeps stock; synced. Does nothing when the disk was opened before.
   */
  private static void open(
      Disk disk,
      boolean accounts,
      int customers,
      long balance,
      boolean stocked,
      int products,
      long stock) {
    if (disk.get("opened") != null) {
      return;
    }
    if (accounts) {
      for (long c = 0; c < customers; c++) {
        disk.put(customerKey(c), balance);
      }
      disk.put(MERCHANT, 0L);
    }
    if (stocked) {
      for (long p = 0; p < products; p++) {
        disk.put(stockKey(p), stock);
      }
    }
    disk.put("opened", Boolean.TRUE);
    disk.sync();
  }

  /**
   * Opens service node {@code node}'s database as {@code settings} say (see {@link #open(Disk,
   * boolean, int, long, boolean, int, long)}): with accounts when the node runs the definition's
   * first charge, with stock when it runs its first reservation.
   */
  static void open(Disk disk, Opening settings, String node) {
    SagaDefinition d = settings.definition();
    open(
        disk,
        keeps(d, Step.Effect.CHARGE, node, settings.name()),
        settings.customers(),
        settings.balance(),
        keeps(d, Step.Effect.RESERVE, node, settings.name()),
        settings.products(),
        settings.stock());
  }

  /** What a run's service databases start with: the settings of sagas and of two-phase commit. */
  interface Opening {
    /** The system's name, the prefix of its service nodes' names. */
    String name();

    /** The steps, which say which service keeps accounts and which keeps stock. */
    SagaDefinition definition();

    /** Number of customer accounts. */
    int customers();

    /** Each account's opening balance. */
    long balance();

    /** Number of products. */
    int products();

    /** Each product's opening stock. */
    long stock();
  }

  /** Whether service node {@code node} runs the first step with {@code effect} in {@code d}. */
  private static boolean keeps(SagaDefinition d, Step.Effect effect, String node, String prefix) {
    int step = d.first(effect);
    return step >= 0 && (prefix + "-" + d.steps().get(step).service()).equals(node);
  }

  /** A number stored under {@code key}, or 0. */
  static long number(Disk disk, String key) {
    Object v = disk.get(key);
    return v == null ? 0 : (Long) v;
  }

  /** The money in every account on {@code disk}. */
  static long money(Disk disk) {
    long total = 0;
    for (String k : disk.keys().subSet("a/", "a0")) {
      total += (Long) disk.get(k);
    }
    return total;
  }

  /** The stock of every product on {@code disk}, by product. */
  static NavigableMap<Long, Long> stock(Disk disk) {
    NavigableMap<Long, Long> out = new TreeMap<>();
    for (String k : disk.keys().subSet("p/", "p0")) {
      out.put(Long.parseLong(k.substring(2)), (Long) disk.get(k));
    }
    return out;
  }

  /** Every step row on {@code disk} for step {@code step}, by saga. */
  static NavigableMap<Long, Row> rows(Disk disk, int step) {
    NavigableMap<Long, Row> out = new TreeMap<>();
    for (String k : disk.keys().subSet("f/", "f0")) {
      Row r = (Row) disk.get(k);
      if (r.step() == step) {
        out.put(r.saga(), r);
      }
    }
    return out;
  }
}
