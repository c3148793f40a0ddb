package dev.tradeoff.patterns.eventsourcing;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Disk;
import dev.tradeoff.core.Node;
import dev.tradeoff.patterns.eventsourcing.Messages.Append;
import dev.tradeoff.patterns.eventsourcing.Messages.Appended;
import dev.tradeoff.patterns.eventsourcing.Messages.Conflict;
import dev.tradeoff.patterns.eventsourcing.Messages.Load;
import dev.tradeoff.patterns.eventsourcing.Messages.Loaded;
import dev.tradeoff.patterns.eventsourcing.Messages.SaveSnapshot;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The event store: one stream of events per aggregate, and at most one snapshot per aggregate, kept
 * on its disk ({@link StreamLog}) and recovered from it at every start.
 *
 * <p>Every request costs CPU time: the store's service time, plus the read cost per event or
 * snapshot a load returns, so long streams load slowly here too. A request that finds the CPU queue
 * full is dropped; the handler's store timeout covers it.
 *
 * <p><b>Append.</b> Under {@link Settings.Concurrency#EXPECTED_VERSION} an append whose expected
 * version is not the stream's length is refused with {@link Conflict} carrying the current version,
 * and changes nothing; otherwise the event is stored at the next position with the version it
 * carries. Under {@link Settings.Concurrency#NONE} every append is stored, whatever its version. An
 * append is acknowledged after the disk is synced, or, with a sync interval, at once (a crash that
 * loses unsynced writes then loses acknowledged events).
 *
 * <p><b>Snapshots</b> are saved when newer than the one held and not ahead of the stream (a
 * snapshot of events the store no longer has, after a crash, is refused).
 */
final class EventStoreNode implements Node {
  private static final Object SYNC = new Object();

  private final Settings settings;
  private final Ledger ledger;
  private Context ctx;
  private Disk disk;
  private ContinuousSampler service;
  // Lookups only, never iterated: the checkers read the streams from the disk, in key order.
  private final Long2ObjectOpenHashMap<Stream> streams = new Long2ObjectOpenHashMap<>();
  private long longest;

  /** One aggregate's stream and snapshot, as held in memory. */
  private static final class Stream {
    final List<Event> events = new ArrayList<>();
    AggregateState snapshot;
  }

  /** A request waiting for or holding a CPU worker. */
  private record Job(int from, Object request) {}

  EventStoreNode(Settings settings, Ledger ledger) {
    this.settings = settings;
    this.ledger = ledger;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    disk = ctx.disk();
    service = settings.storeService().sampler(ctx.random());
    StreamLog log = StreamLog.read(disk);
    for (long aggregate : log.aggregates()) {
      Stream s = stream(aggregate);
      s.events.addAll(log.stream(aggregate));
      s.snapshot = log.snapshot(aggregate);
      longest = Math.max(longest, s.events.size());
    }
    if (settings.syncIntervalNanos() > 0) {
      ctx.setTimer(settings.syncIntervalNanos(), SYNC);
    }
  }

  private Stream stream(long aggregate) {
    Stream s = streams.get(aggregate);
    if (s == null) {
      s = new Stream();
      streams.put(aggregate, s);
    }
    return s;
  }

  @Override
  public void onMessage(int from, Object message) {
    long cost = Math.max(0, (long) service.sample());
    if (message instanceof Load l) {
      Stream s = streams.get(l.aggregate());
      long reads = 0;
      if (s != null) {
        AggregateState snapshot = l.fromSnapshot() ? s.snapshot : null;
        reads = StreamLog.after(s.events, snapshot, settings.checksVersions()).size();
        reads += snapshot == null ? 0 : 1;
      }
      cost += reads * settings.readCostNanos();
    } else if (!(message instanceof Append) && !(message instanceof SaveSnapshot)) {
      return;
    }
    ctx.process(cost, new Job(from, message)); // a full queue drops it: the handler times out
  }

  @Override
  public void onProcessed(Object job) {
    Job j = (Job) job;
    if (j.request() instanceof Load l) {
      load(j.from(), l);
    } else if (j.request() instanceof Append a) {
      append(j.from(), a);
    } else if (j.request() instanceof SaveSnapshot s) {
      saveSnapshot(s);
    }
  }

  private void load(int from, Load l) {
    Stream s = streams.get(l.aggregate());
    if (s == null) {
      ctx.send(from, new Loaded(l.request(), null, List.of()));
      return;
    }
    AggregateState snapshot = l.fromSnapshot() ? s.snapshot : null;
    List<Event> events = StreamLog.after(s.events, snapshot, settings.checksVersions());
    ctx.send(from, new Loaded(l.request(), snapshot, List.copyOf(events)));
  }

  private void append(int from, Append a) {
    Event e = a.event();
    Stream s = stream(e.aggregate());
    if (settings.checksVersions() && a.expectedVersion() != s.events.size()) {
      ctx.send(from, new Conflict(a.request(), s.events.size()));
      return;
    }
    disk.put(StreamLog.eventKey(e.aggregate(), s.events.size()), e);
    s.events.add(e);
    longest = Math.max(longest, s.events.size());
    if (settings.syncIntervalNanos() == 0) {
      disk.sync(); // durable before it is acknowledged
    }
    ctx.send(from, new Appended(a.request(), e.version()));
  }

  private void saveSnapshot(SaveSnapshot save) {
    Stream s = stream(save.aggregate());
    AggregateState state = save.state();
    boolean newer = s.snapshot == null || state.version() > s.snapshot.version();
    boolean held = !settings.checksVersions() || state.version() <= s.events.size();
    if (newer && held) {
      s.snapshot = state;
      disk.put(StreamLog.snapshotKey(save.aggregate()), state);
      if (settings.syncIntervalNanos() == 0) {
        disk.sync();
      }
      ledger.snapshotSaved();
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload == SYNC) {
      disk.sync();
      ctx.setTimer(settings.syncIntervalNanos(), SYNC);
    }
  }

  /** The number of events in the longest stream, for the stream-length series. */
  long longestStream() {
    return longest;
  }
}
