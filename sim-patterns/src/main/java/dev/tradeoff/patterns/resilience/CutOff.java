package dev.tradeoff.patterns.resilience;

import dev.tradeoff.core.TimeText;
import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * {@code cut-off}: no customer other than the poison pills ever had every one of its instances down
 * at once (as judged each metrics interval and right after each poison crash). Each customer cut
 * off is one violation, witnessed by its instances and when it was first cut off. It judges the
 * service's god's view of its instances, not the history.
 */
final class CutOff implements Checker {
  private static final int MAX_WITNESSES = 10;

  private final Assignment assignment;
  private final int poisonTenants;
  private final BitSet cutOff;
  private final long[] firstNanos;

  CutOff(Assignment assignment, int poisonTenants, BitSet cutOff, long[] firstNanos) {
    this.assignment = assignment;
    this.poisonTenants = poisonTenants;
    this.cutOff = (BitSet) cutOff.clone();
    this.firstNanos = firstNanos.clone();
  }

  @Override
  public String name() {
    return "cut-off";
  }

  @Override
  public CheckResult check(History history) {
    int others = assignment.tenants() - poisonTenants;
    if (cutOff.isEmpty()) {
      return CheckResult.valid(
          name(), "none of " + others + " customers lost all " + assignment.size() + " instances");
    }
    List<String> witnesses = new ArrayList<>();
    for (int c = cutOff.nextSetBit(0);
        c >= 0 && witnesses.size() < MAX_WITNESSES;
        c = cutOff.nextSetBit(c + 1)) {
      witnesses.add(
          "customer "
              + c
              + " (instances "
              + Arrays.toString(assignment.set(c))
              + ") lost them all at "
              + TimeText.of(firstNanos[c]));
    }
    return CheckResult.invalid(
        name(),
        cutOff.cardinality(),
        witnesses,
        cutOff.cardinality() + " of " + others + " customers lost all their instances");
  }
}
