package dev.tradeoff.patterns.eventsourcing;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stream-order}: each aggregate's final stream is its history, in order. Two kinds of
 * violation, judged on the event store's disk at the end of the run:
 *
 * <ul>
 *   <li>a stream whose versions are not exactly 1, 2, …, n in stream order (two events of one
 *       version, or a gap) — one violation per stream;
 *   <li>an acknowledged command applied on a stale state — a lost update: its event records the
 *       state the handler decided on, and that state is not the fold of the events before it in the
 *       stream, so the command never saw some event it follows — one violation per command.
 * </ul>
 *
 * <p>Expected-version concurrency prevents both: an append is accepted only at the version its
 * command was decided on. Without it, two handlers that load the same version both append.
 */
final class StreamOrder implements Checker {
  private static final int MAX_WITNESSES = 10;

  private final StreamLog log;
  private final Ledger ledger;

  /** Judges {@code log}, the final streams, with acknowledgements from {@code ledger}. */
  StreamOrder(StreamLog log, Ledger ledger) {
    this.log = log;
    this.ledger = ledger;
  }

  @Override
  public String name() {
    return "stream-order";
  }

  /** Where an event sits: its stream position and the state of the events before it. */
  private record Place(int position, Event event, AggregateState before) {}

  @Override
  public CheckResult check(History history) {
    long violations = 0;
    List<String> witnesses = new ArrayList<>();
    // Value -> place; lookups only.
    Long2ObjectOpenHashMap<Place> places = new Long2ObjectOpenHashMap<>();
    long unorderedStreams = 0;
    long staleEvents = 0;
    for (long a : log.aggregates()) {
      List<Event> stream = log.stream(a);
      AggregateState state = AggregateState.EMPTY;
      boolean flagged = false;
      for (int i = 0; i < stream.size(); i++) {
        Event e = stream.get(i);
        if (e.version() != i + 1 && !flagged) {
          flagged = true;
          unorderedStreams++;
          if (witnesses.size() < MAX_WITNESSES) {
            witnesses.add(
                "aggregate "
                    + a
                    + "'s stream is not versions 1.."
                    + stream.size()
                    + ": position "
                    + (i + 1)
                    + " holds version "
                    + e.version()
                    + " (value "
                    + e.value()
                    + ", appended by "
                    + e.handler()
                    + ")");
          }
        }
        if (!e.decidedOn().equals(state)) {
          staleEvents++;
        }
        places.put(e.value(), new Place(i, e, state));
        state = state.apply(e);
      }
    }
    violations += unorderedStreams;
    long checked = 0;
    long lostUpdates = 0;
    for (int op = 0; op < history.size(); op++) {
      OpKind kind = history.kind(op);
      if ((kind != OpKind.WRITE && kind != OpKind.CAS) || history.status(op) != OpStatus.OK) {
        continue;
      }
      long key = history.key(op);
      Place p = places.get(history.value(op));
      if (ledger.ack(key, history.value(op)) == null || p == null || p.event().aggregate() != key) {
        continue; // not this store's, or lost: lost-events judges that
      }
      checked++;
      if (!p.event().decidedOn().equals(p.before())) {
        lostUpdates++;
        if (witnesses.size() < MAX_WITNESSES) {
          witnesses.add(describe(history, op, p));
        }
      }
    }
    violations += lostUpdates;
    String detail =
        log.aggregates().size()
            + " streams, "
            + unorderedStreams
            + " not versioned 1..n; "
            + checked
            + " acknowledged commands checked against the state they follow, "
            + lostUpdates
            + " applied on a stale state ("
            + staleEvents
            + " stale events in all, acknowledged or not)";
    return violations == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), violations, witnesses, detail);
  }

  private static String describe(History history, int op, Place p) {
    return "op "
        + op
        + " ("
        + history.processName(history.process(op))
        + " writes "
        + history.value(op)
        + " to aggregate "
        + history.key(op)
        + ", appended by "
        + p.event().handler()
        + " at position "
        + (p.position() + 1)
        + ") was decided on "
        + p.event().decidedOn().text()
        + " but follows "
        + p.before().text()
        + ": a lost update";
  }
}
