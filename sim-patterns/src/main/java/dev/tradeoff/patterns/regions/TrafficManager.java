package dev.tradeoff.patterns.regions;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.patterns.regions.Messages.Ping;
import dev.tradeoff.patterns.regions.Messages.Pong;
import dev.tradeoff.patterns.regions.Messages.Promote;
import java.util.Arrays;

/**
 * The global traffic manager (Route 53 failover records with health checks, Azure Traffic Manager,
 * a GSLB): it health-checks every region's gateway each {@code probe}, declares a region down when
 * it has not answered for {@code detectAfter}, and moves key slots between regions by rewriting the
 * {@link Directory}.
 *
 * <p>A failover of a slot — automatic when its owner is declared down, or manual at {@code
 * failoverAt} for the slots of region {@code evacuate} — picks, among the regions answering health
 * checks, the one that reported having applied the most of the old owner's stream, raises the
 * slot's epoch and sends that region a {@link Promote}; the directory points at it from then on.
 * With fencing the promotion waits until the old owner's lease, renewed by its last answered health
 * check, has run out. With {@code failback} (never with fencing) the directory points a slot back
 * at its home region as soon as that region answers again — DNS priority routing — while nobody
 * tells the home region, which still believes it owns the slot under its old epoch, nor the region
 * promoted meanwhile.
 *
 * <p>Its table survives a crash (a managed service's state); a crashed manager checks nothing until
 * it restarts.
 */
final class TrafficManager implements Node {
  private static final Object PROBE = new Object();
  private static final Object MANUAL = new Object();

  private final Settings s;
  private final String[] gatewayNames;
  private final Directory directory;
  private final Table table;
  private final RegionFacts facts;
  private Context ctx;
  private int[] gateways;

  /** A timer that hands {@code slot} to {@code region} under {@code epoch}. */
  private record Hand(int slot, int region, long epoch) {}

  /** The manager's durable table. */
  static final class Table {
    final int[] owners;
    final long[] epochs;
    final boolean[] healthy;
    final long[] lastPongNanos;
    final long[][] applied;
    boolean manualDone;

    Table(Settings s) {
      owners = new int[s.slots()];
      epochs = new long[s.slots()];
      for (int slot = 0; slot < owners.length; slot++) {
        owners[slot] = s.home(slot);
        epochs[slot] = 1;
      }
      healthy = new boolean[s.regions().size()];
      Arrays.fill(healthy, true);
      lastPongNanos = new long[s.regions().size()];
      applied = new long[s.regions().size()][];
    }
  }

  TrafficManager(
      Settings s, String[] gatewayNames, Directory directory, Table table, RegionFacts facts) {
    this.s = s;
    this.gatewayNames = gatewayNames;
    this.directory = directory;
    this.table = table;
    this.facts = facts;
  }

  @Override
  public void onStart(Context context) {
    ctx = context;
    gateways = new int[gatewayNames.length];
    for (int r = 0; r < gateways.length; r++) {
      gateways[r] = ctx.nodeId(gatewayNames[r]);
      table.lastPongNanos[r] = Math.max(table.lastPongNanos[r], ctx.localNanos());
    }
    ctx.setTimer(0, PROBE);
    if (s.failover() == Settings.Failover.MANUAL && !table.manualDone) {
      ctx.setTimer(Math.max(0, s.failoverAtNanos() - ctx.localNanos()), MANUAL);
    }
  }

  @Override
  public void onTimer(long timerId, Object payload) {
    if (payload == PROBE) {
      probe();
      ctx.setTimer(s.probeNanos(), PROBE);
    } else if (payload == MANUAL) {
      table.manualDone = true;
      facts.event("operator fails over " + facts.regionName(s.evacuate()));
      moveSlotsOff(s.evacuate());
    } else if (payload instanceof Hand h) {
      hand(h);
    }
  }

  private void probe() {
    long now = ctx.localNanos();
    for (int r = 0; r < gateways.length; r++) {
      if (table.healthy[r] && now - table.lastPongNanos[r] > s.detectNanos()) {
        table.healthy[r] = false;
        // The manager's clock stands in for true time: it is never skewed in these scenarios.
        facts.eventAt(
            facts.now() - (now - table.lastPongNanos[r]),
            "region " + facts.regionName(r) + " last answered a health check");
        facts.event("region " + facts.regionName(r) + " declared down");
        if (s.failover() == Settings.Failover.AUTOMATIC) {
          moveSlotsOff(r);
        }
      }
    }
    for (int r = 0; r < gateways.length; r++) {
      ctx.send(
          gateways[r], new Ping(table.owners.clone(), table.epochs.clone(), table.healthy.clone()));
    }
  }

  /** Fails every slot {@code region} owns over to the next region that answers. */
  private void moveSlotsOff(int region) {
    for (int slot = 0; slot < table.owners.length; slot++) {
      if (table.owners[slot] != region) {
        continue;
      }
      int target = next(region);
      if (target < 0) {
        facts.event("no region left to take slot " + slot);
        continue;
      }
      table.owners[slot] = target;
      table.epochs[slot]++;
      long waitNanos =
          s.fencing()
              ? Math.max(0, table.lastPongNanos[region] + s.leaseNanos() - ctx.localNanos())
              : 0;
      ctx.setTimer(waitNanos, new Hand(slot, target, table.epochs[slot]));
    }
  }

  /**
   * The region to take over from {@code region}: of those answering health checks, the one that
   * last reported having applied the most of {@code region}'s stream (the most advanced replica, as
   * an orchestrator picks); ties go to the first after {@code region} in the listed order.
   */
  private int next(int region) {
    int n = gateways.length;
    int best = -1;
    long bestApplied = -1;
    for (int i = 1; i < n; i++) {
      int r = (region + i) % n;
      long applied = table.applied[r] == null ? 0 : table.applied[r][region];
      if (table.healthy[r] && applied > bestApplied) {
        best = r;
        bestApplied = applied;
      }
    }
    return best;
  }

  private void hand(Hand h) {
    if (table.epochs[h.slot()] != h.epoch()) {
      return; // superseded meanwhile
    }
    facts.event(
        "slot "
            + h.slot()
            + " promoted in "
            + facts.regionName(h.region())
            + ", epoch "
            + h.epoch());
    facts.promoted(h.slot(), h.epoch(), h.region());
    ctx.send(gateways[h.region()], new Promote(h.slot(), h.epoch()));
    directory.route(h.slot(), h.region());
  }

  @Override
  public void onMessage(int from, Object message) {
    if (!(message instanceof Pong p)) {
      return;
    }
    int r = p.region();
    table.lastPongNanos[r] = ctx.localNanos();
    table.applied[r] = p.applied();
    if (table.healthy[r]) {
      return;
    }
    table.healthy[r] = true;
    facts.event("region " + facts.regionName(r) + " answers again");
    if (!s.failback()) {
      return;
    }
    for (int slot = 0; slot < directory.slots(); slot++) {
      if (s.home(slot) == r && directory.route(slot) != r) {
        directory.route(slot, r);
        facts.event("slot " + slot + " routed back to " + facts.regionName(r));
      }
    }
  }
}
