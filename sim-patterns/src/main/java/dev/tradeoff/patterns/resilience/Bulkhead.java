package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.history.OpKind;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link Service} instance splits its workers into separate pools, each with its own {@code
 * concurrency} workers and its own queue, so that one kind of work cannot take all of them.
 */
enum Bulkhead {
  /** One pool for everything. */
  NONE,
  /** A pool per tenant (the request's key modulo {@code tenants}). */
  TENANT,
  /** A pool for reads and another for writes (writes, compare-and-sets, appends). */
  KIND;

  /** The names scenario files use, the default first. */
  static final List<String> NAMES = List.of("none", "tenant", "kind");

  static Bulkhead of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Pools an instance has with {@code tenants} tenants. */
  int pools(int tenants) {
    return switch (this) {
      case NONE -> 1;
      case TENANT -> tenants;
      case KIND -> 2;
    };
  }

  /** The pool of a request of kind {@code kind} from tenant {@code tenant}. */
  int pool(OpKind kind, int tenant) {
    return switch (this) {
      case NONE -> 0;
      case TENANT -> tenant;
      case KIND -> kind == OpKind.READ ? 0 : 1;
    };
  }
}
