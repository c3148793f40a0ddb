package dev.tradeoff.patterns.multileader;

import dev.tradeoff.core.check.CheckResult;
import dev.tradeoff.core.check.Checker;
import dev.tradeoff.core.history.History;

/**
 * {@code conflicts}: the writes that met a concurrent write of the same key at some leader — the
 * writes neither of whose leaders had applied the other. Version vectors detect and keep them as
 * siblings; LWW and the merge resolve them silently; the simulator sees them all the same, from the
 * causal context it records. The violation count is the number of distinct writes involved (so one
 * conflict between two writes counts 2), not depending on how many leaders noticed it. It is a
 * measure more than a fault: a scenario expects it above 0 when leaders were cut off.
 */
public final class Conflicts implements Checker {
  private final Ledger ledger;

  /** Reports the conflicts {@code ledger} recorded. */
  public Conflicts(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public String name() {
    return "conflicts";
  }

  /** The verdict from the ledger; {@code history} is not read. */
  @Override
  public CheckResult check(History history) {
    String detail =
        ledger.conflictEvents()
            + " conflicts met at leaders among "
            + ledger.accepted().size()
            + " accepted writes";
    long writes = ledger.conflictedWrites();
    return writes == 0
        ? CheckResult.valid(name(), detail)
        : CheckResult.invalid(name(), writes, ledger.conflictWitnesses(), detail);
  }
}
