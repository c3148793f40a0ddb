package dev.tradeoff.patterns.cqrs;

import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CqrsSmokeTest {
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
                CqrsRig.crashes("cqrs-service-0", 300, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        CqrsSystem s = rig.system;
        Set<Long> logged = new HashSet<>();
        long dups = 0;
        for (var p : s.finalLog()) {
          if (!logged.add(p.eventId())) {
            dups++;
          }
        }
        Set<Long> committed = new HashSet<>();
        long lost = 0;
        for (var c : s.finalChanges()) {
          committed.add(c.eventId());
          if (!logged.contains(c.eventId())) {
            lost++;
          }
        }
        long phantom = logged.stream().filter(id -> !committed.contains(id)).count();
        System.out.println(
            publish
                + " seed "
                + seed
                + " info="
                + rig.count(OpKind.WRITE, OpStatus.INFO)
                + " writes ok="
                + rig.count(OpKind.WRITE, OpStatus.OK)
                + " changes="
                + s.finalChanges().size()
                + " published="
                + s.finalLog().size()
                + " applied="
                + s.applied().size()
                + " lost="
                + lost
                + " phantom="
                + phantom
                + " logdups="
                + dups
                + " skipped="
                + s.facts().duplicatesSkipped());
      }
    }
  }
}
