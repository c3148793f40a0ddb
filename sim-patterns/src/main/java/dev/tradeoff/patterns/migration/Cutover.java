package dev.tradeoff.patterns.migration;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.patterns.routing.KeyRouter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strangler fig's routes and its cutover schedule, parsed and checked, and the share of each
 * route migrated so far, which every facade reads — a routing table published to every facade at
 * once, as a feature-flag service would.
 *
 * <p>{@code routes} is a comma-separated list of named key ranges, {@code users=0..499} (both ends
 * included), plus at most one bare name, the catch-all route for every key no range holds. The
 * default {@code all} is one catch-all route. A route stands for an endpoint of the legacy system
 * (its keys are the rows that endpoint reads and writes).
 *
 * <p>{@code schedule} is a comma-separated list of steps {@code AT [ROUTE] SHARE}: from time {@code
 * AT} on, the share {@code SHARE} of the route's keys (every route's, without a name) is served by
 * the new system. Which keys make up a share is fixed by a hash of the key, so a key never moves
 * back and a larger share holds every key of a smaller one: a key is migrated when its hash bucket
 * is below its route's share. Steps are in time order, shares in [0, 1], and a route's share never
 * falls (rolling back is not modelled).
 */
final class Cutover {
  private static final Pattern RANGE = Pattern.compile("([a-z][a-z0-9_-]*)=(\\d+)\\.\\.(\\d+)");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m)");
  private static final int BUCKETS = 10_000;

  /** A route: keys {@code [lo, hi]}, or every key no other route holds ({@code catchAll}). */
  record Route(String name, long lo, long hi, boolean catchAll) {}

  /** From {@code atNanos} on, the share {@code share} of route {@code route} (-1: every route). */
  record Step(long atNanos, int route, double share) {}

  private final List<Route> routes;
  private final List<Step> steps;
  private final double[] shares;
  private final int catchAll;

  private Cutover(List<Route> routes, List<Step> steps) {
    this.routes = routes;
    this.steps = steps;
    this.shares = new double[routes.size()];
    int c = -1;
    for (int i = 0; i < routes.size(); i++) {
      c = routes.get(i).catchAll() ? i : c;
    }
    this.catchAll = c;
  }

  /** The problem with {@code routes} and {@code schedule}: {@code {field, message}}, or null. */
  static String[] problem(String routes, String schedule, long durationNanos) {
    try {
      List<Route> r = parseRoutes(routes);
      try {
        List<Step> s = parseSteps(schedule, r);
        for (int i = 0; i < s.size(); i++) {
          if (s.get(i).atNanos() >= durationNanos) {
            throw new IllegalArgumentException(
                "step "
                    + (i + 1)
                    + " at "
                    + TimeText.of(s.get(i).atNanos())
                    + " is at or after the end of the run ("
                    + TimeText.of(durationNanos)
                    + ")");
          }
        }
        return null;
      } catch (IllegalArgumentException e) {
        return new String[] {"schedule", e.getMessage()};
      }
    } catch (IllegalArgumentException e) {
      return new String[] {"routes", e.getMessage()};
    }
  }

  /** The cutover {@code routes} and {@code schedule} describe (valid: see {@link #problem}). */
  static Cutover of(String routes, String schedule) {
    List<Route> r = parseRoutes(routes);
    return new Cutover(r, parseSteps(schedule, r));
  }

  private static List<Route> parseRoutes(String text) {
    List<Route> routes = new ArrayList<>();
    Map<String, Route> byName = new LinkedHashMap<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      Matcher m = RANGE.matcher(p);
      Route route;
      if (m.matches()) {
        long lo = Long.parseLong(m.group(2));
        long hi = Long.parseLong(m.group(3));
        if (hi < lo) {
          throw new IllegalArgumentException("route " + m.group(1) + " ends before it starts");
        }
        route = new Route(m.group(1), lo, hi, false);
        for (Route other : routes) {
          if (!other.catchAll() && lo <= other.hi() && other.lo() <= hi) {
            throw new IllegalArgumentException(
                "routes " + other.name() + " and " + route.name() + " overlap");
          }
        }
      } else if (NAME.matcher(p).matches()) {
        if (routes.stream().anyMatch(Route::catchAll)) {
          throw new IllegalArgumentException("two catch-all routes; keep one bare name");
        }
        route = new Route(p, 0, -1, true);
      } else {
        throw new IllegalArgumentException(
            "expected NAME=LO..HI or a bare NAME for the catch-all, got \"" + p + "\"");
      }
      if (byName.put(route.name(), route) != null) {
        throw new IllegalArgumentException("route " + route.name() + " named twice");
      }
      routes.add(route);
    }
    return List.copyOf(routes);
  }

  private static List<Step> parseSteps(String text, List<Route> routes) {
    List<Step> steps = new ArrayList<>();
    double[] last = new double[routes.size()];
    if (text.isBlank()) {
      return List.of();
    }
    for (String part : text.split(",", -1)) {
      String[] words = part.trim().split("\\s+");
      int n = steps.size() + 1;
      if (words.length < 2 || words.length > 3) {
        throw new IllegalArgumentException(
            "step "
                + n
                + ": expected AT [ROUTE] SHARE such as \"5s 0.25\", got \""
                + part.trim()
                + "\"");
      }
      long at = nanos(words[0], n);
      int route = words.length == 3 ? route(words[1], routes, n) : -1;
      double share = share(words[words.length - 1], n);
      if (!steps.isEmpty() && at <= steps.get(steps.size() - 1).atNanos()) {
        throw new IllegalArgumentException(
            "step "
                + n
                + " at "
                + TimeText.of(at)
                + " is not after step "
                + (n - 1)
                + " ("
                + TimeText.of(steps.get(steps.size() - 1).atNanos())
                + "): steps must be in time order");
      }
      for (int r = 0; r < routes.size(); r++) {
        if (route < 0 || route == r) {
          if (share < last[r]) {
            throw new IllegalArgumentException(
                "step "
                    + n
                    + " takes route "
                    + routes.get(r).name()
                    + " back from "
                    + last[r]
                    + " to "
                    + share
                    + "; rolling back is not modelled");
          }
          last[r] = share;
        }
      }
      steps.add(new Step(at, route, share));
    }
    return List.copyOf(steps);
  }

  private static long nanos(String word, int step) {
    Matcher m = DURATION.matcher(word);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "step " + step + ": expected a time such as 5s or 250ms, got \"" + word + "\"");
    }
    double unit =
        switch (m.group(2)) {
          case "ns" -> 1;
          case "us" -> 1e3;
          case "ms" -> 1e6;
          case "s" -> 1e9;
          default -> 60e9;
        };
    return Math.round(Double.parseDouble(m.group(1)) * unit);
  }

  private static int route(String name, List<Route> routes, int step) {
    for (int i = 0; i < routes.size(); i++) {
      if (routes.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "step "
            + step
            + ": unknown route \""
            + name
            + "\"; the routes are "
            + String.join(", ", routes.stream().map(Route::name).toList()));
  }

  private static double share(String word, int step) {
    double share;
    try {
      share = Double.parseDouble(word);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "step " + step + ": expected a share in [0, 1], got \"" + word + "\"");
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "step "
              + step
              + ": share "
              + String.format(Locale.ROOT, "%s", word)
              + " is outside [0, 1]");
    }
    return share;
  }

  /** The steps, in time order. */
  List<Step> steps() {
    return steps;
  }

  /** Applies step {@code step}: its route's (or every route's) share becomes its share. */
  void apply(Step step) {
    for (int r = 0; r < shares.length; r++) {
      if (step.route() < 0 || step.route() == r) {
        shares[r] = step.share();
      }
    }
  }

  /** The route of {@code key}, or -1 when no route holds it (it stays on the legacy system). */
  int routeOf(long key) {
    for (int r = 0; r < routes.size(); r++) {
      Route route = routes.get(r);
      if (!route.catchAll() && key >= route.lo() && key <= route.hi()) {
        return r;
      }
    }
    return catchAll;
  }

  /** Whether the new system serves {@code key} now. */
  boolean migrated(long key) {
    int r = routeOf(key);
    if (r < 0 || shares[r] == 0) {
      return false;
    }
    return Long.remainderUnsigned(KeyRouter.mix(key ^ 0x5DEECE66DL), BUCKETS) < shares[r] * BUCKETS;
  }
}
