package dev.tradeoff.scenarios;

import dev.tradeoff.reports.SweepItem;
import dev.tradeoff.reports.SweepParam;
import dev.tradeoff.reports.SweepReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter sweep of one scenario: every point of the parameters' cartesian product (the first
 * parameter varies slowest) run with every seed, point-major, so item {@code i} is point {@code i /
 * seeds} with seed {@code seeds[i % seeds]}. Each run reads the scenario with the {@code --set}
 * overrides, then the point's {@code path=value} overrides, then {@code seed=S}, and runs it alone
 * on one thread; runs share nothing, so several run at once and their results are collected by
 * index, never in completion order — the result does not depend on how many threads ran it.
 */
public final class SweepPlan {
  private static final Pattern RANGE = Pattern.compile("(-?[0-9]+)\\.\\.(-?[0-9]+)");
  private static final Pattern SHARD = Pattern.compile("([0-9]+)/([0-9]+)");

  /** More runs than this in one sweep is almost surely a typo in {@code --seeds}. */
  public static final int MAX_RUNS = 10_000_000;

  private final String nameOrFile;
  private final String source;
  private final String text;
  private final List<String> sets;
  private final List<SweepParam> params;
  private final List<Long> seeds;
  private final Scenario base;

  /**
   * A sweep of the scenario {@code text} (named {@code source} in messages, {@code nameOrFile} in
   * replay commands), validated: the base scenario (with {@code sets}) and every point are read
   * before anything runs.
   *
   * @throws ScenarioException one line naming the {@code --param} or {@code --set} at fault
   */
  public SweepPlan(
      String nameOrFile,
      String source,
      String text,
      List<String> sets,
      List<SweepParam> params,
      List<Long> seeds) {
    this.nameOrFile = nameOrFile;
    this.source = source;
    this.text = text;
    this.sets = List.copyOf(sets);
    this.params = List.copyOf(params);
    this.seeds = List.copyOf(seeds);
    long runs = seeds.size();
    for (SweepParam p : params) {
      runs *= p.values().size();
    }
    if (runs > MAX_RUNS) {
      throw new ScenarioException("too many runs: " + runs + " (at most " + MAX_RUNS + ")");
    }
    this.base = ScenarioReader.read(source, text, sets);
    if (seeds.isEmpty()) {
      throw new ScenarioException("--seeds: no seeds");
    }
    for (int point = 0; point < SweepReport.pointCount(params); point++) {
      read(SweepReport.pointValues(params, point), seeds.get(0));
    }
  }

  /** The base scenario: the file with the {@code --set} overrides, before any parameter. */
  public Scenario base() {
    return base;
  }

  /** How many runs this sweep has in all. */
  public int runCount() {
    return SweepReport.pointCount(params) * seeds.size();
  }

  /** The indices of the items shard {@code shard} (null: all) runs, ascending. */
  public List<Integer> items(SweepReport.Shard shard) {
    List<Integer> items = new ArrayList<>();
    int step = shard == null ? 1 : shard.count();
    for (int i = shard == null ? 0 : shard.index(); i < runCount(); i += step) {
      items.add(i);
    }
    return items;
  }

  /**
   * Runs the items of {@code shard} (null: every item) on {@code jobs} threads and returns the
   * sweep's report. {@code progress} is called with the number of runs done after each run ends,
   * from the thread that ran it.
   */
  public SweepReport run(SweepReport.Shard shard, int jobs, String version, IntConsumer progress) {
    List<Integer> indices = items(shard);
    SweepItem[] done = new SweepItem[indices.size()];
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(jobs, indices.size())),
            r -> {
              Thread t = new Thread(r, "tradeoff-sweep-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int slot = 0; slot < indices.size(); slot++) {
        int s = slot;
        int index = indices.get(slot);
        futures.add(
            pool.submit(
                () -> {
                  long seed = seeds.get(index % seeds.size());
                  List<String> values = SweepReport.pointValues(params, index / seeds.size());
                  Scenario scenario = read(values, seed);
                  done[s] =
                      SweepItem.of(
                          index,
                          ScenarioRunner.run(scenario, replay(values, seed), version).report());
                  progress.accept(finished.incrementAndGet());
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new SweepReport(
        version, base.name(), base.effective(), sets, params, seeds, shard, List.of(done));
  }

  /** Reads the scenario of one point and seed; a bad value names its {@code --param}. */
  private Scenario read(List<String> values, long seed) {
    List<String> overrides = new ArrayList<>(sets);
    for (int i = 0; i < params.size(); i++) {
      overrides.add(params.get(i).path() + "=" + values.get(i));
    }
    overrides.add("seed=" + seed);
    try {
      return ScenarioReader.read(source, text, overrides);
    } catch (ScenarioException e) {
      String message = e.getMessage();
      for (int i = 0; i < params.size(); i++) {
        SweepParam p = params.get(i);
        String culprit = "--set " + p.path() + "=" + values.get(i) + ":";
        if (message.startsWith(culprit)) {
          throw new ScenarioException(
              "--param "
                  + p.path()
                  + "="
                  + String.join(",", p.values())
                  + ": value \""
                  + values.get(i)
                  + "\":"
                  + message.substring(culprit.length()));
        }
      }
      if (params.isEmpty()) {
        throw e;
      }
      List<String> point = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        point.add(params.get(i).path() + "=" + values.get(i));
      }
      throw new ScenarioException("--param point " + String.join(", ", point) + ": " + message);
    }
  }

  private String replay(List<String> values, long seed) {
    StringBuilder sb = new StringBuilder("./tradeoff run ").append(shellWord(nameOrFile));
    for (String s : sets) {
      sb.append(" --set ").append(shellWord(s));
    }
    for (int i = 0; i < params.size(); i++) {
      sb.append(" --set ").append(shellWord(params.get(i).path() + "=" + values.get(i)));
    }
    return sb.append(" --seed ").append(seed).toString();
  }

  private static String shellWord(String text) {
    return text.matches("[A-Za-z0-9_./:=,+@%-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }

  /**
   * Parses {@code --param PATH=V1,V2,…}. Values are split at commas outside brackets, braces,
   * parentheses and double quotes, so {@code uniform(1ms, 3ms)} and {@code ["a","b"]} stay whole.
   *
   * @throws ScenarioException for a missing {@code =}, an empty value, a repeated path, or {@code
   *     seed} (which {@code --seeds} sweeps)
   */
  public static List<SweepParam> params(List<String> texts) {
    List<SweepParam> params = new ArrayList<>();
    for (String t : texts) {
      String where = "--param " + t;
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new ScenarioException(where + ": expected PATH=V1,V2,...");
      }
      String path = t.substring(0, eq).trim();
      if (path.equals("seed")) {
        throw new ScenarioException(where + ": sweep seeds with --seeds, not --param");
      }
      for (SweepParam p : params) {
        if (p.path().equals(path)) {
          throw new ScenarioException(where + ": " + path + " is already swept");
        }
      }
      List<String> values = split(t.substring(eq + 1));
      for (String v : values) {
        if (v.isBlank()) {
          throw new ScenarioException(where + ": empty value");
        }
      }
      if (values.stream().distinct().count() != values.size()) {
        throw new ScenarioException(where + ": a value is listed twice");
      }
      params.add(new SweepParam(path, values));
    }
    return params;
  }

  private static List<String> split(String text) {
    List<String> values = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        values.add(text.substring(start, i).trim());
        start = i + 1;
      }
    }
    values.add(text.substring(start).trim());
    return values;
  }

  /**
   * Parses {@code --seeds}: a range {@code A..B} (both included, {@code A <= B}) or a list {@code
   * S1,S2,…} of distinct integers.
   */
  public static List<Long> seeds(String text) {
    String where = "--seeds " + text + ": ";
    List<Long> seeds = new ArrayList<>();
    Matcher range = RANGE.matcher(text.trim());
    try {
      if (range.matches()) {
        long from = Long.parseLong(range.group(1));
        long to = Long.parseLong(range.group(2));
        if (from > to) {
          throw new ScenarioException(where + "empty range: " + from + " > " + to);
        }
        if (to - from >= MAX_RUNS) {
          throw new ScenarioException(where + "more than " + MAX_RUNS + " seeds");
        }
        for (long s = from; s <= to; s++) {
          seeds.add(s);
        }
        return seeds;
      }
      for (String part : text.split(",", -1)) {
        long s = Long.parseLong(part.trim());
        if (seeds.contains(s)) {
          throw new ScenarioException(where + "seed " + s + " is listed twice");
        }
        seeds.add(s);
      }
    } catch (NumberFormatException e) {
      throw new ScenarioException(where + "expected A..B or S1,S2,... of integers");
    }
    return seeds;
  }

  /** Parses {@code --shard i/N}: 0-based {@code i}, {@code 0 <= i < N}. */
  public static SweepReport.Shard shard(String text) {
    Matcher m = SHARD.matcher(text.trim());
    try {
      if (m.matches()) {
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n >= 1 && i < n) {
          return new SweepReport.Shard(i, n);
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new ScenarioException(
        "--shard " + text + ": expected i/N with 0 <= i < N (shards count from 0)");
  }
}
