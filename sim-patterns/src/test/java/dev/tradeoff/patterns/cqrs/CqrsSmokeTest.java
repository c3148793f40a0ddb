package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CqrsSmokeTest {
  static void show(String label, CqrsRig rig) {
    StringBuilder b = new StringBuilder(label);
    b.append(" ok=").append(rig.count(OpKind.WRITE, OpStatus.OK));
    b.append(" info=").append(rig.count(OpKind.WRITE, OpStatus.INFO));
    for (String c : rig.system.checkerNames()) {
      var r = rig.system.checker(c).orElseThrow().check(rig.sim.history());
      b.append(" ").append(c).append("=").append(r.violations());
    }
    b.append(" skipped=").append(rig.system.facts().duplicatesSkipped());
    System.out.println(b);
  }

  @Test
  void runs() {
    for (String publish : new String[] {"outbox", "dual-write", "dual-write-log-first"}) {
      for (long seed = 1; seed <= 3; seed++) {
        CqrsRig rig =
            CqrsRig.run(
                seed,
                12,
                1000,
                0.2,
                Map.of("publish", publish, "relayInterval", 10 * CqrsRig.MS),
                CqrsRig.crashes(
                    "cqrs-service-0",
                    200,
                    2,
                    2.5,
                    3,
                    3.5,
                    4,
                    4.5,
                    5,
                    5.5,
                    6,
                    6.5,
                    7,
                    7.5,
                    8,
                    8.5,
                    9,
                    9.5,
                    10,
                    10.5,
                    11));
        show(publish + " " + seed, rig);
      }
    }
  }
}
