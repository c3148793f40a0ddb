package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every fault record is registered once, under a unique type, with a kind among the kinds. */
class FaultTypesTest {
  @Test
  void everyRecordOfTheSealedInterfaceIsRegisteredOnce() {
    List<Class<?>> permitted = new ArrayList<>(List.of(Fault.class.getPermittedSubclasses()));
    List<Class<?>> registered = new ArrayList<>(FaultTypes.records());
    permitted.sort((a, b) -> a.getName().compareTo(b.getName()));
    registered.sort((a, b) -> a.getName().compareTo(b.getName()));
    assertEquals(permitted, registered);
    List<String> types = FaultTypes.all().stream().map(FaultTypes.Entry::type).toList();
    assertEquals(types.size(), new HashSet<>(types).size(), types.toString());
    for (FaultTypes.Entry e : FaultTypes.all()) {
      assertTrue(Fault.KINDS.contains(e.kind()), e.toString());
    }
    assertEquals(new java.util.TreeSet<>(types), FaultJson.types());
  }

  @Test
  void recordsAnswerFromTheRegistry() {
    assertEquals(
        "partition", new Fault.Isolate("n1", dev.tradeoff.core.kernel.PartitionMode.DROP).kind());
    assertEquals(Fault.DurationRule.REQUIRED, new Fault.Pause("n1").durationRule());
    assertEquals(Fault.DurationRule.NONE, new Fault.Restart("n1").durationRule());
  }
}
