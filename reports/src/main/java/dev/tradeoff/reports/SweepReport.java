package dev.tradeoff.reports;

import dev.tradeoff.core.json.Json.Obj;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sweep, or one shard of it: the base scenario, the swept parameters and seeds, and the runs
 * done.
 *
 * <p>The sweep's runs ("items") are the cartesian product of the parameters' values in the order
 * given (the first parameter varies slowest) times the seeds, point-major: item {@code i} is point
 * {@code i / seeds.size()} with seed {@code seeds.get(i % seeds.size())}. Shard {@code k/N}
 * (0-based) holds the items whose index is {@code k} modulo {@code N}; a complete sweep (unsharded,
 * or merged from every shard) has no shard and every item.
 *
 * @param toolVersion the tradeoff version that ran it
 * @param scenarioName the base scenario's name
 * @param scenario the base scenario (after {@code --set}, before parameters and seed), parsed
 * @param sets the {@code --set} overrides, in order
 * @param params the swept parameters, in order
 * @param seeds the seeds, in order, distinct
 * @param shard the share this report holds, or null for the whole sweep
 * @param items the runs this report holds, by index
 */
public record SweepReport(
    String toolVersion,
    String scenarioName,
    Obj scenario,
    List<String> sets,
    List<SweepParam> params,
    List<Long> seeds,
    Shard shard,
    List<SweepItem> items) {

  /**
   * Shard {@code index} of {@code count}, 0-based.
   *
   * @param index which share, in {@code [0, count)}
   * @param count how many shards the sweep is split into
   */
  public record Shard(int index, int count) {
    /** Rejects an index outside {@code [0, count)}. */
    public Shard {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException(
            "shard " + index + "/" + count + ": expected i/N with 0 <= i < N");
      }
    }

    /** {@code i/N}. */
    @Override
    public String toString() {
      return index + "/" + count;
    }
  }

  /**
   * Copies the lists; checks that the items are exactly this report's share, by index, and that
   * each item's seed is the one its index names.
   */
  public SweepReport {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(scenarioName, "scenarioName");
    Objects.requireNonNull(scenario, "scenario");
    sets = List.copyOf(sets);
    params = List.copyOf(params);
    seeds = List.copyOf(seeds);
    items = List.copyOf(items);
    if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
      throw new IllegalArgumentException("seeds must be distinct and not empty");
    }
    long runs = (long) pointCount(params) * seeds.size();
    int step = shard == null ? 1 : shard.count();
    int expected = shard == null ? 0 : shard.index();
    for (SweepItem item : items) {
      if (item.index() != expected) {
        throw new IllegalArgumentException(
            "item " + item.index() + " where item " + expected + " belongs");
      }
      if (item.seed() != seeds.get(item.index() % seeds.size())) {
        throw new IllegalArgumentException("item " + item.index() + ": seed does not match");
      }
      expected += step;
    }
    if (expected < runs) {
      throw new IllegalArgumentException(
          "item " + expected + " missing (" + items.size() + " items of " + runs + " runs)");
    }
    if (expected - step >= runs) {
      throw new IllegalArgumentException("more items than the sweep's " + runs + " runs");
    }
  }

  /** Parameter points: the product of the parameters' value counts (1 with no parameters). */
  public int pointCount() {
    return pointCount(params);
  }

  /** Points of a sweep over {@code params}: the product of their value counts. */
  public static int pointCount(List<SweepParam> params) {
    int points = 1;
    for (SweepParam p : params) {
      points = Math.multiplyExact(points, p.values().size());
    }
    return points;
  }

  /** Runs in the whole sweep: points × seeds. */
  public int runCount() {
    return pointCount() * seeds.size();
  }

  /** The values of point {@code point}, one per parameter; the last parameter varies fastest. */
  public List<String> pointValues(int point) {
    return pointValues(params, point);
  }

  /** The values of point {@code point} of a sweep over {@code params}. */
  public static List<String> pointValues(List<SweepParam> params, int point) {
    List<String> values = new ArrayList<>();
    int rest = point;
    for (int i = params.size() - 1; i >= 0; i--) {
      List<String> v = params.get(i).values();
      values.add(0, v.get(rest % v.size()));
      rest /= v.size();
    }
    return values;
  }

  /** The point item {@code index} runs. */
  public int pointOf(int index) {
    return index / seeds.size();
  }

  /** Whether this report holds every run of the sweep. */
  public boolean complete() {
    return shard == null;
  }
}
