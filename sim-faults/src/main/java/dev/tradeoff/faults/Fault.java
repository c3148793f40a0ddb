package dev.tradeoff.faults;

import dev.tradeoff.core.kernel.PartitionMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * One fault, as a value: what goes wrong, naming nodes and zones by name so that a schedule is
 * data, independent of the node ids of any one simulation.
 *
 * <p>Every fault validates its fields when built ({@link IllegalArgumentException} saying which
 * field and why), prints as a short readable line through {@code toString()} ({@code partition {n1}
 * | {n2,n3}}, {@code crash n2}), has a {@link #kind()} for statistics, and says through {@link
 * #durationRule()} whether it lasts. A {@link FaultEvent} places a fault at a time with a duration;
 * {@link FaultInjector} applies it at its start and reverts it at its end.
 *
 * <p><b>Exact undo.</b> A fault with a duration is reverted so that what it changed is as it would
 * have been had the fault never happened, even when faults overlap: a partition's revert heals only
 * the links it cut and no other active fault still cuts; a rate fault restores the rate in force
 * without it; a crash's revert restarts the node only if no other active fault keeps it down. The
 * cases where the kernel does not allow exact undo are listed on the faults concerned and in {@link
 * FaultTarget}.
 */
public sealed interface Fault permits NodeFault, NetworkFault, ClockFault {

  /** Every {@link #kind()} there is, sorted. */
  SortedSet<String> KINDS = FaultTypes.kinds();

  /** Whether a fault lasts, which decides what durations a {@link FaultEvent} may give it. */
  enum DurationRule {
    /** An instant: the duration must be 0 and nothing is reverted. */
    NONE,
    /** 0 means the fault stays (until another fault undoes it); more is reverted at the end. */
    OPTIONAL,
    /** The fault only makes sense for a while: the duration must be greater than 0. */
    REQUIRED
  }

  /** A short name for statistics and window shading, one of {@link #KINDS}. */
  default String kind() {
    return FaultTypes.of(getClass()).kind();
  }

  /** Whether this fault lasts. */
  default DurationRule durationRule() {
    return FaultTypes.of(getClass()).rule();
  }

  /** The node names this fault refers to, sorted; checked against the simulation at install. */
  default SortedSet<String> nodeNames() {
    return Collections.emptySortedSet();
  }

  /** The zone names this fault refers to, sorted; checked against the simulation at install. */
  default SortedSet<String> zoneNames() {
    return Collections.emptySortedSet();
  }

  /**
   * Applies this fault now, through {@code target}, and returns the action that reverts it. The
   * injector runs the action once at the end of the event's duration when {@code durationNanos > 0}
   * and never otherwise; for {@link DurationRule#NONE} faults it is a no-op.
   *
   * @param target the simulation as faults see it; from {@link FaultInjector}
   * @param durationNanos the event's duration, 0 if it has none
   */
  Runnable apply(FaultTarget target, long durationNanos);

  // ---- factories, for schedules written by hand ----

  /** {@link NodeFault.Crash} losing unsynced writes (a power loss). */
  static NodeFault.Crash crash(String node) {
    return new NodeFault.Crash(node);
  }

  /** {@link NodeFault.Restart}. */
  static NodeFault.Restart restart(String node) {
    return new NodeFault.Restart(node);
  }

  /** {@link NodeFault.Pause}. */
  static NodeFault.Pause pause(String node) {
    return new NodeFault.Pause(node);
  }

  /** {@link NetworkFault.Isolate} dropping messages. */
  static NetworkFault.Isolate isolate(String node) {
    return new NetworkFault.Isolate(node, PartitionMode.DROP);
  }

  /** {@link NetworkFault.Partition} of the given sides, dropping messages. */
  @SafeVarargs
  static NetworkFault.Partition partition(Set<String>... sides) {
    List<Set<String>> list =
        new ArrayList<>(); // copied element by element: the array never escapes
    for (Set<String> side : sides) {
      list.add(side);
    }
    return new NetworkFault.Partition(list, PartitionMode.DROP);
  }

  /** {@link NetworkFault.Heal}. */
  static NetworkFault.Heal heal() {
    return new NetworkFault.Heal();
  }

  /** {@link NetworkFault.PacketLoss}. */
  static NetworkFault.PacketLoss loss(double rate) {
    return new NetworkFault.PacketLoss(rate);
  }
}
