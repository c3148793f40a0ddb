package dev.tradeoff.patterns.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.check.Verdict;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSmokeTest {
  @Test
  void withoutFaultsEveryWriteIsAcknowledgedAndHandledOnceInOrder() {
    LogRig r = LogRig.run(1, 5, Map.of(), sim -> {});
    System.out.println(
        "writes ok "
            + r.count(OpKind.WRITE, OpStatus.OK)
            + " info "
            + r.count(OpKind.WRITE, OpStatus.INFO)
            + " reads ok "
            + r.count(OpKind.READ, OpStatus.OK)
            + " fail "
            + r.count(OpKind.READ, OpStatus.FAIL)
            + " info "
            + r.count(OpKind.READ, OpStatus.INFO));
    System.out.println(r.check("lost-events"));
    System.out.println(r.check("duplicate-deliveries"));
    System.out.println(r.check("order"));
    assertEquals(0, r.count(OpKind.WRITE, OpStatus.INFO));
    assertTrue(r.count(OpKind.WRITE, OpStatus.OK) > 800);
    assertEquals(Verdict.VALID, r.check("lost-events").verdict());
    assertEquals(Verdict.VALID, r.check("duplicate-deliveries").verdict());
    assertEquals(Verdict.VALID, r.check("order").verdict());
  }
}
