package dev.tradeoff.benchmarks;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Histories of a correct store of lists (Jepsen's list-append shape): each client appends unique
 * values to random keys and reads whole lists, one operation after another; every operation takes
 * effect at a random instant inside its interval, and some appends end INFO, taking effect or not.
 */
final class CorrectLists {
  private CorrectLists() {}

  private record Planned(
      int process, boolean read, long key, long value, long invoke, long complete, long effect) {}

  /** {@code clients} × {@code perClient} operations over {@code keys} keys; about half reads. */
  static History history(UniformRandomProvider rng, int clients, int perClient, int keys) {
    List<Planned> plans = new ArrayList<>();
    long next = 1;
    for (int p = 0; p < clients; p++) {
      long t = rng.nextInt(20);
      for (int i = 0; i < perClient; i++) {
        long invoke = (t + 1 + rng.nextInt(10)) * 1_000_000L;
        long complete = invoke + (1 + rng.nextInt(40)) * 1_000_000L;
        t = complete / 1_000_000L;
        boolean read = rng.nextBoolean();
        boolean info = !read && rng.nextInt(100) < 5;
        long effect =
            info && rng.nextBoolean()
                ? Long.MAX_VALUE
                : invoke + rng.nextLong(complete - invoke + 1);
        plans.add(
            new Planned(
                p,
                read,
                rng.nextInt(keys),
                read ? 0 : next++,
                invoke,
                info ? -1 : complete,
                effect));
      }
    }
    List<Planned> byEffect = new ArrayList<>(plans);
    byEffect.sort(Comparator.comparingLong(Planned::effect));
    List<List<Long>> state = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      state.add(new ArrayList<>());
    }
    // Looked up per plan, never iterated, so its order cannot reach the history.
    java.util.Map<Planned, long[]> seen = new java.util.IdentityHashMap<>();
    for (Planned pl : byEffect) {
      if (pl.effect() == Long.MAX_VALUE) {
        continue;
      }
      List<Long> list = state.get((int) pl.key());
      if (pl.read()) {
        seen.put(pl, list.stream().mapToLong(Long::longValue).toArray());
      } else {
        list.add(pl.value());
      }
    }
    plans.sort(Comparator.comparingLong(Planned::invoke));
    History h = new History();
    int[] ops = new int[plans.size()];
    for (int i = 0; i < plans.size(); i++) {
      Planned pl = plans.get(i);
      ops[i] =
          h.invoke(
              pl.process(),
              pl.read() ? OpKind.READ : OpKind.APPEND,
              pl.key(),
              pl.read() ? History.NIL : pl.value(),
              pl.invoke());
    }
    for (int i = 0; i < plans.size(); i++) {
      Planned pl = plans.get(i);
      if (pl.read()) {
        h.completeList(ops[i], OpStatus.OK, seen.get(pl), pl.complete());
      } else if (pl.complete() >= 0) {
        h.complete(ops[i], OpStatus.OK, History.NIL, pl.complete());
      } else {
        h.complete(ops[i], OpStatus.INFO, History.NIL, pl.invoke() + 50_000_000L);
      }
    }
    return h;
  }
}
