package dev.tradeoff.patterns.saga;

import dev.tradeoff.core.Context;
import dev.tradeoff.patterns.log.RecordHandler;
import dev.tradeoff.patterns.saga.Messages.Handle;
import dev.tradeoff.patterns.saga.Messages.Handled;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.function.Consumer;

/**
 * A member of the consumer group through which the choreographed saga's services hear each other's
 * events (at least once: it commits offsets every {@code commitInterval} after handling). Per
 * record it hands the event to the service that reacts to it ({@link SagaEvents#route}) and reports
 * the record done when the service answers that its reaction is durable; an unanswered hand-over is
 * sent again after the step timeout. So a service can see one event several times — after a
 * listener crash and rebalance, after a slow answer — and whether a repeat is absorbed is the
 * service's business ({@code idempotencyKeys}: deduplication on the event id).
 */
final class Listener implements RecordHandler {
  private final Settings settings;
  private final SagaEvents events;
  private final Ledger ledger;
  private Context ctx;
  private Consumer<Object> done;
  private int[] services;
  private int origin;
  private long requests;
  // Records with a service, by request id: one per partition the member handles at once.
  private final Long2ObjectOpenHashMap<Handing> handing = new Long2ObjectOpenHashMap<>();

  /** A record with a service: its event and the member's token for it. */
  private record Handing(long eventId, Object token) {}

  /** A timer: hand the event over again if request {@code request} is still unanswered. */
  private record Retry(Listener owner, long request) {}

  Listener(Settings settings, SagaEvents events, Ledger ledger) {
    this.settings = settings;
    this.events = events;
    this.ledger = ledger;
  }

  @Override
  public void start(Context context, Consumer<Object> handled) {
    ctx = context;
    done = handled;
    var steps = settings.definition().steps();
    services = new int[steps.size()];
    for (int i = 0; i < services.length; i++) {
      services[i] = ctx.nodeId(settings.serviceName(steps.get(i).service()));
    }
    origin = services[0];
  }

  @Override
  public void handle(int partition, long offset, long key, long value, Object token) {
    long request = ++requests;
    handing.put(request, new Handing(value, token));
    ask(request, value);
  }

  private void ask(long request, long eventId) {
    SagaEvents.Route r = events.route(events.event(eventId));
    ctx.send(r.step() < 0 ? origin : services[r.step()], new Handle(eventId, request));
    ctx.setTimer(settings.stepTimeoutNanos(), new Retry(this, request));
  }

  @Override
  public boolean onMessage(int from, Object message) {
    if (!(message instanceof Handled h)) {
      return false;
    }
    Handing was = handing.remove(h.request());
    if (was != null) {
      done.accept(was.token());
    }
    return true;
  }

  @Override
  public boolean ownsTimer(Object payload) {
    return payload instanceof Retry r && r.owner() == this;
  }

  @Override
  public void onTimer(Object payload) {
    long request = ((Retry) payload).request();
    Handing h = handing.get(request);
    if (h != null) {
      ledger.retried();
      ask(request, h.eventId());
    }
  }
}
