package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.Context;
import dev.tradeoff.patterns.cqrs.Messages.Apply;
import dev.tradeoff.patterns.cqrs.Messages.ApplyReply;
import dev.tradeoff.patterns.log.RecordHandler;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.function.Consumer;

/**
 * A projector: a member of the log's consumer group (at least once: it commits offsets every {@code
 * commitInterval} after handling) whose handler applies each event to the read model. Per record it
 * asks the read model to apply the event in one transaction and reports the record done when the
 * read model answers that the transaction is durable; an unanswered request is sent again after
 * {@code applyTimeout}. Whether a repeat is absorbed is the read model's business ({@code
 * consumer}): a projector that crashes after the effect and before its offset commit hands the same
 * events again after the rebalance.
 */
final class Projector implements RecordHandler {
  private final Settings settings;
  private Context ctx;
  private Consumer<Object> done;
  private int readModel;
  private long requests;
  // Records with the read model, by request id: one per partition the member handles at once.
  private final Long2ObjectOpenHashMap<Handing> handing = new Long2ObjectOpenHashMap<>();

  /** A record with the read model: its event and the member's token for it. */
  private record Handing(long eventId, Object token) {}

  /** A timer: ask the read model again if request {@code request} is still unanswered. */
  private record Retry(Projector owner, long request) {}

  Projector(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void start(Context context, Consumer<Object> handled) {
    ctx = context;
    done = handled;
    readModel = ctx.nodeId(settings.readModelName());
  }

  @Override
  public void handle(int partition, long offset, long key, long value, Object token) {
    long request = ++requests;
    handing.put(request, new Handing(value, token));
    ask(request, value);
  }

  private void ask(long request, long eventId) {
    ctx.send(readModel, new Apply(eventId, request, ctx.name()));
    ctx.setTimer(settings.applyTimeoutNanos(), new Retry(this, request));
  }

  @Override
  public boolean onMessage(int from, Object message) {
    if (!(message instanceof ApplyReply r)) {
      return false;
    }
    Handing h = handing.remove(r.request());
    if (h != null) {
      done.accept(h.token());
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
      ask(request, h.eventId());
    }
  }
}
