package dev.tradeoff.patterns.saga;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/**
 * The choreographed saga's events by id, standing for the payloads of the log's records (which
 * carry only the id), and who reacts to each. Ids come from one counter in the order the services
 * commit, so a run is deterministic; nothing here steers a node beyond the lookup.
 *
 * <p>Who reacts ({@link #route}): the service of the next step to a step's {@code DONE}; the
 * service of the nearest compensatable step below to a {@code FAILED} or {@code COMPENSATED} one;
 * and the origin (the first step's service, which took the order) when nothing is left to do, to
 * end the saga, completed or compensated.
 */
final class SagaEvents {
  /** What a service does with an event. */
  enum Action {
    /** Runs {@link Route#step()} forward. */
    FORWARD,
    /** Undoes {@link Route#step()}. */
    COMPENSATE,
    /** Ends the saga completed (after the last step's DONE) or compensated. */
    END
  }

  /**
   * Where an event goes and what it asks.
   *
   * @param action what the receiving service does
   * @param step the step it runs or undoes; for {@link Action#END}, -1
   */
  record Route(Action action, int step) {}

  private final SagaDefinition definition;
  // Lookups only, never iterated.
  private final Long2ObjectOpenHashMap<SagaEvent> byId = new Long2ObjectOpenHashMap<>();
  private long next;

  SagaEvents(SagaDefinition definition) {
    this.definition = definition;
  }

  /** A new event, with the next id. */
  SagaEvent create(long saga, int step, SagaEvent.Kind kind, long customer, long product) {
    SagaEvent e = new SagaEvent(++next, saga, step, kind, customer, product);
    byId.put(e.id(), e);
    return e;
  }

  /** The event with id {@code id}. */
  SagaEvent event(long id) {
    return byId.get(id);
  }

  /** Events created so far. */
  long created() {
    return next;
  }

  /** Who reacts to {@code e} and how. */
  Route route(SagaEvent e) {
    if (e.kind() == SagaEvent.Kind.DONE) {
      return e.step() + 1 < definition.steps().size()
          ? new Route(Action.FORWARD, e.step() + 1)
          : new Route(Action.END, -1);
    }
    int below = compensatableBelow(definition, e.step());
    return below < 0 ? new Route(Action.END, -1) : new Route(Action.COMPENSATE, below);
  }

  /** The highest compensatable step below {@code step}, or -1. */
  static int compensatableBelow(SagaDefinition d, int step) {
    int s = step - 1;
    while (s >= 0 && !d.steps().get(s).compensatable()) {
      s--;
    }
    return s;
  }
}
