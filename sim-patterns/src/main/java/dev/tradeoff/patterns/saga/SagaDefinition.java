package dev.tradeoff.patterns.saga;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A saga's steps as a scenario writes them, parsed and checked: {@code steps} is a comma-separated
 * list of {@code service.action}, the pivot marked with a trailing {@code !}; {@code compensations}
 * maps steps to their compensating actions ({@code inventory.reserve=inventory.release, …}); {@code
 * failures} maps steps to business failure probabilities ({@code payment.charge=0.05, …}). Either
 * may be {@value #AUTO}: every step before the pivot (every step, with no pivot) is then
 * compensated by the inverse of its action ({@code create} by {@code cancel}, {@code reserve} by
 * {@code release}, {@code charge} by {@code refund}, any other {@code a} by {@code undo-a}), and
 * every charge and reservation fails with probability {@value #AUTO_FAILURE} (insufficient funds
 * and out of stock aside).
 *
 * <p>Rules (Garcia-Molina and Salem; Richardson's compensatable, pivot and retriable transactions):
 * at least one step; at most one pivot; a compensation or failure only for a step that exists; no
 * compensation for the pivot or a step after it, since once the pivot committed the saga can only
 * go forward.
 */
final class SagaDefinition {
  /** The word that asks for the default compensations or failures. */
  static final String AUTO = "auto";

  /** The business failure probability of a charge or reservation under {@value #AUTO}. */
  static final double AUTO_FAILURE = 0.05;

  private final List<Step> steps;

  private SagaDefinition(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /** A bad definition: the parameter at fault and why. */
  static final class Invalid extends RuntimeException {
    private final String param;

    Invalid(String param, String message) {
      super(message, null, false, false);
      this.param = param;
    }

    /** The parameter at fault. */
    String param() {
      return param;
    }
  }

  /**
   * Parses and checks a definition.
   *
   * @throws Invalid naming the parameter at fault
   */
  static SagaDefinition parse(String steps, String compensations, String failures) {
    List<String> names = new ArrayList<>();
    int pivot = -1;
    for (String raw : items(steps)) {
      String item = raw;
      if (item.endsWith("!")) {
        item = item.substring(0, item.length() - 1).trim();
        if (pivot >= 0) {
          throw new Invalid(
              "steps",
              "two pivots ("
                  + names.get(pivot)
                  + " and "
                  + item
                  + "); a saga has at most one step after which it only goes forward");
        }
        pivot = names.size();
      }
      stepName("steps", item);
      if (names.contains(item)) {
        throw new Invalid("steps", "step " + item + " appears twice");
      }
      names.add(item);
    }
    if (names.isEmpty()) {
      throw new Invalid("steps", "a saga needs at least one step (service.action, …)");
    }
    Map<String, String> comp =
        AUTO.equals(compensations.trim())
            ? inverses(names, pivot)
            : pairs("compensations", compensations, names);
    Map<String, String> fail =
        AUTO.equals(failures.trim()) ? autoFailures(names) : pairs("failures", failures, names);
    List<Step> parsed = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      String c = comp.get(n);
      if (c != null && pivot >= 0 && i >= pivot) {
        throw new Invalid(
            "compensations",
            n
                + (i == pivot ? " is the pivot" : " comes after the pivot " + names.get(pivot))
                + ": past the pivot a saga only goes forward, so it cannot have a compensation");
      }
      parsed.add(
          new Step(
              n.substring(0, n.indexOf('.')),
              n.substring(n.indexOf('.') + 1),
              c,
              i == pivot,
              probability(n, fail.get(n))));
    }
    return new SagaDefinition(parsed);
  }

  private static Map<String, String> inverses(List<String> names, int pivot) {
    Map<String, String> out = new LinkedHashMap<>();
    int until = pivot < 0 ? names.size() : pivot;
    for (int i = 0; i < until; i++) {
      String n = names.get(i);
      String action = n.substring(n.indexOf('.') + 1);
      String inverse =
          switch (action) {
            case "create" -> "cancel";
            case "reserve" -> "release";
            case "charge" -> "refund";
            default -> "undo-" + action;
          };
      out.put(n, n.substring(0, n.indexOf('.') + 1) + inverse);
    }
    return out;
  }

  private static Map<String, String> autoFailures(List<String> names) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String n : names) {
      if (n.endsWith(".charge") || n.endsWith(".reserve")) {
        out.put(n, Double.toString(AUTO_FAILURE));
      }
    }
    return out;
  }

  private static List<String> items(String text) {
    List<String> out = new ArrayList<>();
    for (String s : text.split(",", -1)) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  private static void stepName(String param, String name) {
    int dot = name.indexOf('.');
    if (dot <= 0 || dot == name.length() - 1 || !name.matches("[A-Za-z0-9-]+\\.[A-Za-z0-9-]+")) {
      throw new Invalid(param, "\"" + name + "\" is not service.action (letters, digits, -)");
    }
  }

  private static Map<String, String> pairs(String param, String text, List<String> steps) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : items(text)) {
      int eq = item.indexOf('=');
      if (eq < 0) {
        throw new Invalid(param, "\"" + item + "\" is not step=value");
      }
      String step = item.substring(0, eq).trim();
      String value = item.substring(eq + 1).trim();
      if (!steps.contains(step)) {
        throw new Invalid(param, "no step " + step + "; the steps are " + String.join(", ", steps));
      }
      if (out.put(step, value) != null) {
        throw new Invalid(param, "step " + step + " is given twice");
      }
      if (param.equals("compensations")) {
        stepName(param, value);
      }
    }
    return out;
  }

  private static double probability(String step, String text) {
    if (text == null) {
      return 0;
    }
    double p;
    try {
      p = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new Invalid("failures", step + "=" + text + " is not a probability");
    }
    if (!(p >= 0 && p <= 1)) {
      throw new Invalid("failures", step + "=" + text + " is not a probability in [0, 1]");
    }
    return p;
  }

  /** The steps, in order. */
  List<Step> steps() {
    return steps;
  }

  /** The pivot's index, or -1 when every step can be compensated. */
  int pivot() {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).pivot()) {
        return i;
      }
    }
    return -1;
  }

  /** The services, in order of first appearance. */
  List<String> services() {
    LinkedHashSet<String> s = new LinkedHashSet<>();
    for (Step step : steps) {
      s.add(step.service());
    }
    return List.copyOf(s);
  }

  /** The index of the first step with {@code effect}, or -1. */
  int first(Step.Effect effect) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).effect() == effect) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether a step that cannot be compensated must be retried until it succeeds: the pivot and
   * every step after it are (forward recovery); with no pivot, no step is.
   */
  boolean forwardOnly(int step) {
    int p = pivot();
    return p >= 0 && step > p;
  }
}
